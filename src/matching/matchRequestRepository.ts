import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * "This permit needs a (new) match decision": a row in match_request, set whenever a
 * permit's version, its candidates' enrollment or an officer's judgement changes, and
 * cleared only by a decision made after the latest request.
 */

/**
 * The upsert's update for a permit already awaiting a decision. A batch clears only
 * requests no later than the one it read, so a request made again must move the time
 * strictly on; `now()` alone could go back (it is the start of a transaction that may have
 * begun before the request the batch read).
 */
export const REQUEST_AGAIN = sql`UPDATE SET requested_at = greatest(now(), match_request.requested_at + interval '1 microsecond')`;

/** Marks permits as needing a (new) match decision. */
export async function requestMatching(db: Db, nibs: string[]): Promise<void> {
  if (!nibs.length) return;
  await sql`
    INSERT INTO match_request (nib)
    SELECT p.nib FROM permit p WHERE p.nib = ANY(${nibs}::text[])
    ON CONFLICT (nib) DO ${REQUEST_AGAIN}`.execute(db);
}

/** Clears the requests a batch answered: those not made again since the batch read them. */
export async function clearMatchRequests(db: Db, answered: Array<{ nib: string; requestedAt: string }>): Promise<void> {
  if (!answered.length) return;
  await sql`
    DELETE FROM match_request r
    USING unnest(${answered.map((a) => a.nib)}::text[], ${answered.map((a) => a.requestedAt)}::timestamptz[]) AS seen(nib, requested_at)
    WHERE r.nib = seen.nib AND r.requested_at <= seen.requested_at`.execute(db);
}
