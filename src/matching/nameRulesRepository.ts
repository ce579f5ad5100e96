import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** The version of the company-name rules the stored keys were made with (the first, when none is recorded). */
export async function storedNameRulesVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('name_rules').select('version').executeTakeFirst();
  return row?.version ?? 1;
}

export async function recordNameRulesVersion(db: Db, version: number): Promise<void> {
  await db
    .insertInto('name_rules')
    .values({ version })
    .onConflict((oc) => oc.column('singleton').doUpdateSet({ version }))
    .execute();
}

/** Holds the name-rules upgrade to one process at a time, until the transaction ends. */
export async function lockNameRules(trx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('patuh.name-rules'))`.execute(trx);
}

export interface StoredEmployerName {
  npp: string;
  name: string;
  nameNorm: string;
  legalForms: string[] | null;
}

/** A page of employers' names in NPP order, after `after`. */
export async function employerNamesAfter(db: Db, after: string, limit: number): Promise<StoredEmployerName[]> {
  return db
    .selectFrom('employer')
    .select(['npp', 'name', 'name_norm as nameNorm', 'legal_forms as legalForms'])
    .where('npp', '>', after)
    .orderBy('npp')
    .limit(limit)
    .execute();
}

/** Stores employers' new keys and legal forms, and notes their NPPs in `renamed_employer` (see below). */
export async function saveEmployerKeys(db: Db, rows: Array<{ npp: string; nameNorm: string; legalForms: string[] }>): Promise<void> {
  if (!rows.length) return;
  const doc = JSON.stringify(rows.map((r) => ({ npp: r.npp, name_norm: r.nameNorm, legal_forms: r.legalForms })));
  await sql`
    WITH v AS (SELECT * FROM jsonb_to_recordset(${doc}::jsonb) AS v(npp text, name_norm text, legal_forms text[])),
    renamed AS (INSERT INTO renamed_employer (npp) SELECT npp FROM v ON CONFLICT DO NOTHING)
    UPDATE employer e SET name_norm = v.name_norm, legal_forms = v.legal_forms
    FROM v WHERE e.npp = v.npp`.execute(db);
}

/** A scratch list of the employers renamed in this transaction, dropped when it commits. */
export async function createRenamedEmployers(trx: Db): Promise<void> {
  await sql`CREATE TEMP TABLE renamed_employer (npp text PRIMARY KEY) ON COMMIT DROP`.execute(trx);
}

export const RENAMED_EMPLOYERS = sql`(SELECT npp FROM renamed_employer)`;

export interface StoredPermitName {
  nib: string;
  name: string;
  nameNorm: string;
}

/** A page of permits' names in NIB order, after `after`. */
export async function permitNamesAfter(db: Db, after: string, limit: number): Promise<StoredPermitName[]> {
  return db.selectFrom('permit').select(['nib', 'name', 'name_norm as nameNorm']).where('nib', '>', after).orderBy('nib').limit(limit).execute();
}

export async function savePermitKeys(db: Db, rows: Array<{ nib: string; nameNorm: string }>): Promise<void> {
  if (!rows.length) return;
  const doc = JSON.stringify(rows.map((r) => ({ nib: r.nib, name_norm: r.nameNorm })));
  await sql`
    UPDATE permit p SET name_norm = v.name_norm
    FROM jsonb_to_recordset(${doc}::jsonb) AS v(nib text, name_norm text)
    WHERE p.nib = v.nib`.execute(db);
}
