import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export async function readCursor(db: Db, feed: string): Promise<string | null> {
  const row = await db.selectFrom('feed_checkpoint').select('cursor').where('feed', '=', feed).executeTakeFirst();
  return row?.cursor ?? null;
}

/**
 * Locks the feed's checkpoint row for the rest of the transaction and tells whether the
 * cursor is still the one a page was fetched with (another sync may have moved it).
 */
export async function lockCursorIfUnchanged(db: Db, feed: string, fetchedWith: string | null): Promise<boolean> {
  await db.insertInto('feed_checkpoint').values({ feed, cursor: null }).onConflict((oc) => oc.column('feed').doNothing()).execute();
  const row = await sql<{ cursor: string | null }>`SELECT cursor FROM feed_checkpoint WHERE feed = ${feed} FOR UPDATE`.execute(db);
  return (row.rows[0]?.cursor ?? null) === fetchedWith;
}

/** Counts a committed page and moves the checkpoint to the cursor that follows it. */
export async function advanceCursor(db: Db, feed: string, cursor: string | null, records: number): Promise<void> {
  await db
    .updateTable('feed_checkpoint')
    .set({
      cursor,
      pages: sql`pages + 1`,
      records: sql`records + ${records}`,
      updated_at: sql`now()`,
    })
    .where('feed', '=', feed)
    .execute();
}

/** Forgets the checkpoint, so the next sync reads the feed from its start (OSS_FEED_START). */
export async function resetCursor(db: Db, feed: string): Promise<{ found: boolean; cursor: string | null }> {
  const result = await sql<{ cursor: string | null }>`
    UPDATE feed_checkpoint f SET cursor = NULL, updated_at = now()
    FROM (SELECT feed, cursor FROM feed_checkpoint WHERE feed = ${feed} FOR UPDATE) old
    WHERE f.feed = old.feed
    RETURNING old.cursor`.execute(db);
  const row = result.rows[0];
  return { found: row !== undefined, cursor: row?.cursor ?? null };
}
