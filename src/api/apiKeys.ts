import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';

export interface Principal {
  keyId: number;
  name: string;
  role: Role;
  /** Branches an officer may see and change; empty for other roles. */
  branches: string[];
}

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export class KeyError extends Error {}

/** Creates a key; the key itself is returned once and only its hash is kept. */
export async function createApiKey(db: Db, input: { name: string; role: Role; branches: string[] }): Promise<{ id: number; key: string }> {
  if (input.role === 'officer' && !input.branches.length) throw new KeyError('an officer key needs at least one --branch');
  if (input.role !== 'officer' && input.branches.length) throw new KeyError(`--branch applies to officer keys only, not ${input.role}`);
  const known = await db.selectFrom('branch').select('code').where('code', 'in', input.branches.length ? input.branches : ['']).execute();
  const unknown = input.branches.filter((b) => !known.some((k) => k.code === b));
  if (unknown.length) throw new KeyError(`unknown branch(es): ${unknown.join(', ')}`);
  const key = `patuh_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_key')
    .values({ name: input.name, key_hash: hashKey(key), role: input.role, branches: input.branches })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, key };
}

export async function revokeApiKey(db: Db, id: number): Promise<boolean> {
  const row = await db.updateTable('api_key').set({ revoked_at: sql`now()` }).where('id', '=', id).where('revoked_at', 'is', null).returning('id').executeTakeFirst();
  return Boolean(row);
}

export async function listApiKeys(db: Db) {
  return db.selectFrom('api_key').select(['id', 'name', 'role', 'branches', 'created_at', 'revoked_at']).orderBy('id').execute();
}

/** The principal of a presented key, or null when unknown or revoked. */
export async function authenticate(db: Db, key: string): Promise<Principal | null> {
  const row = await db
    .selectFrom('api_key')
    .select(['id', 'name', 'role', 'branches'])
    .where('key_hash', '=', hashKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { keyId: row.id, name: row.name, role: row.role, branches: row.branches } : null;
}
