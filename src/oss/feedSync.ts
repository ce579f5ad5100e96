import type { Db } from '../db/database.js';
import { RetryableHttpError } from '../shared/httpErrors.js';
import { advanceCursor, lockCursorIfUnchanged, readCursor } from './feedCheckpointRepository.js';
import { FeedCursorExpired, type FeedClient } from './feedClient.js';
import type { FeedPage } from '../../schemas/oss.js';
import { ingestRecords, type IncomingRecord } from './ingest.js';

export interface FeedSyncOutcome {
  pages: number;
  records: number;
  changed: number;
  rejected: number;
  /** Set when the feed no longer took this cursor (HTTP 400, 404, 410) and the sync read it again from its start. */
  restartedAfter?: string;
  /** Set when `signal` stopped the sync before the end of the feed; the checkpoint holds where it got to. */
  interrupted?: boolean;
}

export interface FeedSyncOptions {
  feed: string;
  pageSize: number;
  since?: string;
  /** Called after each committed page with the NIBs it stored or changed. */
  onChanged: (nibs: string[]) => Promise<void>;
  /** Safety stop for one run; the next sync continues from the checkpoint. */
  maxPages?: number;
  /** Aborted when the process is stopping: the sync ends after the page it holds is committed. */
  signal?: AbortSignal;
}

/**
 * Pulls the feed from its checkpoint. Each page's permits and the cursor that follows it
 * are committed in one transaction, so a crash between pages resumes after the last
 * committed page, and a page delivered twice changes nothing.
 */
export async function syncFeed(db: Db, client: FeedClient, options: FeedSyncOptions): Promise<FeedSyncOutcome> {
  const outcome: FeedSyncOutcome = { pages: 0, records: 0, changed: 0, rejected: 0 };
  // What the checkpoint holds, and what is asked for: the two differ only after the feed
  // has forgotten the checkpoint's cursor and the sync reads the feed again from its start.
  let checkpoint = await readCursor(db, options.feed);
  let cursor = checkpoint;
  const maxPages = options.maxPages ?? 100_000;
  // Cursors this sync has asked for: a feed that leads back to one would be paged forever.
  const visited = new Set<string | null>();
  while (outcome.pages < maxPages) {
    if (options.signal?.aborted) {
      outcome.interrupted = true;
      break;
    }
    visited.add(cursor);
    let page: FeedPage;
    try {
      page = await client.fetchPage(cursor, options.pageSize, options.since);
    } catch (error) {
      if (!(error instanceof FeedCursorExpired) || outcome.restartedAfter !== undefined) throw error;
      // Pages are idempotent, so reading the feed again costs time and loses nothing. The
      // checkpoint keeps the forgotten cursor until the first page from the start commits:
      // a feed that fails now leaves the checkpoint as it was.
      outcome.restartedAfter = error.cursor;
      cursor = null;
      visited.clear();
      continue;
    }
    if (page.has_more && page.next_cursor && visited.has(page.next_cursor)) {
      throw new RetryableHttpError(
        `OSS feed breaks the contract: after cursor ${JSON.stringify(cursor)} it points back to ${JSON.stringify(page.next_cursor)}, a page this sync has read; the sync stops there`,
      );
    }
    const pageRef = `feed:${options.feed} cursor=${cursor ?? 'start'}`;
    const records: IncomingRecord[] = page.data.map((value, i) => ({
      source: 'feed',
      ref: `${pageRef} item=${i}`,
      lineNo: null,
      json: value,
    }));
    const expected = checkpoint;
    // A page without a cursor leaves the checkpoint where it is, except the first page
    // read again from the start: the checkpoint must then leave the forgotten cursor.
    const next = page.next_cursor ?? (expected !== cursor ? null : expected);
    const committed = await db.transaction().execute(async (trx) => {
      if (!(await lockCursorIfUnchanged(trx, options.feed, expected))) return null;
      const ingested = await ingestRecords(trx, records);
      await advanceCursor(trx, options.feed, next, records.length);
      return ingested;
    });
    if (!committed) {
      // Another sync moved the cursor while we fetched: continue from where it is now.
      checkpoint = cursor = await readCursor(db, options.feed);
      continue;
    }
    checkpoint = next;
    outcome.pages += 1;
    outcome.records += records.length;
    outcome.changed += committed.changed.length;
    outcome.rejected += committed.rejected.length;
    if (committed.changed.length) await options.onChanged(committed.changed);
    if (!page.has_more) break;
    if (!page.next_cursor) {
      // The page's records are kept (the checkpoint stays where it was); what follows
      // them cannot be asked for, and ending quietly would hide that it was never read.
      throw new RetryableHttpError(
        `OSS feed breaks the contract: the page at ${cursor === null ? 'the start' : `cursor ${JSON.stringify(cursor)}`} says has_more but gives no next_cursor; its ${records.length} records are kept, the sync stops there`,
      );
    }
    cursor = page.next_cursor;
  }
  return outcome;
}
