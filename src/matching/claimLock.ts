import { sql } from 'kysely';
import type { Db } from '../db/database.js';

// One application-wide key: "the links between permits and employers are being changed".
const CLAIM_LOCK_KEY = 0x7061_7475; // "patu"

/**
 * Runs `work` while holding the claim lock, on one dedicated connection that `work` must use
 * for all its statements. Deciding a batch reads which employers are already linked, and a
 * concurrent batch could link one of them between that read and the save; serialising the
 * read-decide-save step makes the outcome the same whatever the order of batches. Candidate
 * generation and scoring, the expensive part, stay outside the lock. The lock is a session
 * advisory lock, so a worker killed while holding it releases it with its connection.
 */
export async function withClaimLock<T>(db: Db, work: (locked: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${CLAIM_LOCK_KEY})`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`SELECT pg_advisory_unlock(${CLAIM_LOCK_KEY})`.execute(connection).catch(() => undefined);
    }
  });
}
