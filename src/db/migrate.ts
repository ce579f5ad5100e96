import { Kysely, Migrator, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { upgradeStoredNames, type NameRulesUpgrade } from '../matching/nameRulesUpgrade.js';
import { createDb } from './database.js';
import { migrations } from './migrations/index.js';

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      return true;
    } catch (error) {
      // Another process created it between our check and our CREATE.
      if ((error as { code?: string }).code === '42P04') return false;
      throw error;
    }
  } finally {
    await client.end();
  }
}

function migratorFor(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

export interface MigrateOutcome {
  createdDatabase: boolean;
  applied: string[];
  /** Stored company-name keys brought up to the code's rules; null when none changed. */
  names: NameRulesUpgrade | null;
}

/**
 * Creates the database if needed, applies pending migrations and brings stored name keys
 * up to the code's rules; safe to run concurrently.
 */
export async function migrateToLatest(databaseUrl: string): Promise<MigrateOutcome> {
  const createdDatabase = await ensureDatabase(databaseUrl);
  const appDb = createDb(databaseUrl, { max: 1 });
  const db = appDb as unknown as Kysely<unknown>;
  try {
    const result: MigrationResultSet = await migratorFor(db).migrateToLatest();
    if (result.error) {
      const failed = result.results?.find((r) => r.status === 'Error');
      throw new Error(
        `migration ${failed?.migrationName ?? '?'} failed: ${(result.error as Error).message ?? String(result.error)}`,
      );
    }
    return {
      createdDatabase,
      applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
      names: await upgradeStoredNames(appDb),
    };
  } finally {
    await db.destroy();
  }
}

/** Names of migrations not yet applied (used by readiness checks). */
export async function pendingMigrations(db: Kysely<unknown>): Promise<string[]> {
  const all = await migratorFor(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}


/** Drops a database (used by the demo and tests for a fresh start). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
