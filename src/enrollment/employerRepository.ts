import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { NewEmployer } from '../db/schema.js';

export interface UpsertOutcome {
  inserted: number;
  changed: number;
}

const COMPARED = ['name', 'npwp', 'nib', 'address', 'kab_kota', 'status', 'programs', 'active_workers', 'total_wages', 'arrears_months'] as const;

/** Upserts employers by NPP; rows whose content did not change are left untouched. */
export async function upsertEmployers(db: Db, rows: NewEmployer[]): Promise<UpsertOutcome> {
  if (!rows.length) return { inserted: 0, changed: 0 };
  const result = await db
    .insertInto('employer')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('npp')
        .doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          name_norm: eb.ref('excluded.name_norm'),
          legal_forms: eb.ref('excluded.legal_forms'),
          npwp: eb.ref('excluded.npwp'),
          nib: eb.ref('excluded.nib'),
          address: eb.ref('excluded.address'),
          kab_kota: eb.ref('excluded.kab_kota'),
          status: eb.ref('excluded.status'),
          programs: eb.ref('excluded.programs'),
          active_workers: eb.ref('excluded.active_workers'),
          total_wages: eb.ref('excluded.total_wages'),
          arrears_months: eb.ref('excluded.arrears_months'),
          import_id: eb.ref('excluded.import_id'),
          updated_at: sql`now()`,
        }))
        .where(
          sql<boolean>`(${sql.join(COMPARED.map((c) => sql.ref(`employer.${c}`)))}) IS DISTINCT FROM (${sql.join(COMPARED.map((c) => sql.ref(`excluded.${c}`)))})`,
        ),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
  const inserted = result.filter((r) => r.inserted).length;
  return { inserted, changed: result.length - inserted };
}

/**
 * Employers changed by this import, and by earlier imports that never finished (a process
 * killed mid-file): their rows were written but their follow-up work (name words,
 * re-matching) was not, and re-running the same file finds them unchanged.
 */
function changedBy(importId: number, alias?: string) {
  const column = sql.ref(alias ? `${alias}.import_id` : 'import_id');
  return sql`(${column} = ${importId} OR ${column} IN (SELECT id FROM enrollment_import WHERE finished_at IS NULL AND id < ${importId}))`;
}

export async function hadUnfinishedImports(db: Db, importId: number): Promise<boolean> {
  const row = await db.selectFrom('enrollment_import').select('id').where('id', '<', importId).where('finished_at', 'is', null).limit(1).executeTakeFirst();
  return Boolean(row);
}

/**
 * Runs an import holding a lock for its whole length, on one connection: an import treats
 * every unfinished import before it as cut short and finishes its follow-up work, which
 * holds only while no other import runs. The lock goes with the connection if the process dies.
 */
export async function oneImportAtATime<T>(db: Db, work: (conn: Db) => Promise<T>, onWait: () => void): Promise<T> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(hashtext('patuh.enrollment-import')) AS locked`.execute(conn);
    if (!rows[0]?.locked) {
      onWait();
      await sql`SELECT pg_advisory_lock(hashtext('patuh.enrollment-import'))`.execute(conn);
    }
    try {
      return await work(conn);
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext('patuh.enrollment-import'))`.execute(conn);
    }
  });
}

export async function startImport(db: Db, fileName: string): Promise<number> {
  const row = await db.insertInto('enrollment_import').values({ file_name: fileName }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function finishImport(
  db: Db,
  id: number,
  counts: { total: number; loaded: number; changed: number; rejected: number },
): Promise<void> {
  await db
    .updateTable('enrollment_import')
    .set({ finished_at: sql`now()`, rows_total: counts.total, rows_loaded: counts.loaded, rows_changed: counts.changed, rows_rejected: counts.rejected })
    .where('id', '=', id)
    .execute();
  // Earlier imports cut short: their follow-up work was done by this one.
  await db.updateTable('enrollment_import').set({ finished_at: sql`now()` }).where('id', '<', id).where('finished_at', 'is', null).execute();
}

/** The employers an import inserted or changed (and those of imports cut short), as a subquery of NPPs. */
export function employersChangedBy(importId: number): RawBuilder<unknown> {
  return sql`(SELECT npp FROM employer WHERE ${changedBy(importId)})`;
}

/**
 * Marks for re-matching every permit a change to some employers (a subquery of their NPPs)
 * may affect: those linked to (or sharing an identifier with) one of them, and — when
 * employers were added or renamed — every permit not currently matched, since one of them
 * may be the employer it lacked.
 */
export async function markPermitsAffectedBy(db: Db, employers: RawBuilder<unknown>, widened: boolean): Promise<string[]> {
  const rows = await sql<{ nib: string }>`
    WITH changed AS (SELECT npp, nib, npwp_base FROM employer WHERE npp IN ${employers})
    INSERT INTO match_request (nib)
    SELECT p.nib FROM permit p
    WHERE NOT EXISTS (SELECT 1 FROM match_request r WHERE r.nib = p.nib) AND (
      p.nib IN (SELECT m.nib FROM match m JOIN changed c ON c.npp = m.npp)
      OR p.no_npp IN (SELECT npp FROM changed)
      OR p.nib IN (SELECT nib FROM changed WHERE nib IS NOT NULL)
      OR p.npwp_base IN (SELECT npwp_base FROM changed WHERE npwp_base IS NOT NULL)
      OR (${widened} AND NOT EXISTS (SELECT 1 FROM match m WHERE m.nib = p.nib AND m.decision = 'matched'))
    )
    ON CONFLICT (nib) DO NOTHING
    RETURNING nib`.execute(db);
  return rows.rows.map((r) => r.nib);
}

/**
 * Sets the visibility map and statistics of the tables the matcher reads after an import
 * rewrote them, so its candidate look-ups are index-only scans with fresh estimates
 * (autovacuum would get there, but only after the first matching has paid for it).
 */
export async function vacuumMatchingTables(db: Db): Promise<void> {
  await sql`VACUUM (ANALYZE) employer, employer_token, employer_token_pair, name_token, name_token_pair`.execute(db);
}

/**
 * Refreshes the name words of employers an import changed, then the word frequencies
 * the matcher weighs evidence by.
 */
export async function refreshNameTokens(db: Db, importId: number): Promise<void> {
  await db.transaction().execute((trx) => rebuildNameTokens(trx, employersChangedBy(importId)));
}

/**
 * Rebuilds the name words and word pairs of some employers (a subquery of their NPPs) from
 * their stored keys, then the word frequencies; run inside the caller's transaction.
 */
export async function rebuildNameTokens(trx: Db, changed: RawBuilder<unknown>): Promise<void> {
  // One rebuild at a time: two that delete and insert the words of one employer would
  // both insert them, and the frequencies must count the words of every rebuild before.
  await sql`SELECT pg_advisory_xact_lock(hashtext('patuh.name-token'))`.execute(trx);
  await sql`DELETE FROM employer_token WHERE npp IN ${changed}`.execute(trx);
  await sql`DELETE FROM employer_token_pair WHERE npp IN ${changed}`.execute(trx);
  await sql`
    INSERT INTO employer_token (token, npp, kab_kota)
    SELECT DISTINCT t.token, e.npp, e.kab_kota
    FROM employer e, unnest(string_to_array(e.name_norm, ' ')) AS t(token)
    WHERE e.npp IN ${changed} AND t.token <> ''`.execute(trx);
  // Every pair of distinct words of names up to eight words (28 pairs at most).
  await sql`
    WITH t AS (SELECT npp, token, kab_kota FROM employer_token WHERE npp IN ${changed}),
    short AS (SELECT npp FROM t GROUP BY npp HAVING count(*) <= 8)
    INSERT INTO employer_token_pair (pair, npp, kab_kota)
    SELECT a.token || ' ' || b.token, a.npp, a.kab_kota
    FROM t a JOIN t b ON b.npp = a.npp AND a.token < b.token
    WHERE a.npp IN (SELECT npp FROM short)`.execute(trx);
  await sql`DELETE FROM name_token`.execute(trx);
  await sql`INSERT INTO name_token (token, employers) SELECT token, count(*) FROM employer_token GROUP BY token`.execute(trx);
  await sql`DELETE FROM name_token_pair`.execute(trx);
  await sql`INSERT INTO name_token_pair (pair, employers) SELECT pair, count(*) FROM employer_token_pair GROUP BY pair`.execute(trx);
  // Matchers holding frequencies and employer rows in memory see this change and drop them
  // (nameFrequencies.ts, candidateEmployers.ts): every change to employers' names gets here.
  await sql`
    INSERT INTO name_frequency_version (version) VALUES (txid_current())
    ON CONFLICT (singleton) DO UPDATE SET version = excluded.version`.execute(trx);
}
