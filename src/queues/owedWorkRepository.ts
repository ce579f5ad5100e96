import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** Permits stored but never decided and not marked for matching either (an interrupted import). */
export async function permitsNeverMatched(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('permit')
    .select('nib')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('match').select('match.nib').whereRef('match.nib', '=', 'permit.nib'))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('match_request').select('match_request.nib').whereRef('match_request.nib', '=', 'permit.nib'))))
    .execute();
  return rows.map((r) => r.nib);
}

/** Branches with finding changes not yet flushed into a digest, or digests not yet delivered. */
export async function branchesOwedDelivery(db: Db): Promise<string[]> {
  const rows = await sql<{ branch: string }>`
    SELECT DISTINCT branch FROM finding_event WHERE flushed_at IS NULL
    UNION SELECT DISTINCT branch FROM digest WHERE status = 'pending'`.execute(db);
  return rows.rows.map((r) => r.branch);
}

/** Whether PostgreSQL says some matching or delivery is still owed (cheap: stops at the first row). */
export async function workIsOwed(db: Db): Promise<{ matching: boolean; delivery: boolean }> {
  const row = await sql<{ matching: boolean; delivery: boolean }>`
    SELECT EXISTS (SELECT 1 FROM match_request) AS matching,
           EXISTS (SELECT 1 FROM finding_event WHERE flushed_at IS NULL)
             OR EXISTS (SELECT 1 FROM digest WHERE status = 'pending') AS delivery`.execute(db);
  return row.rows[0] ?? { matching: false, delivery: false };
}
