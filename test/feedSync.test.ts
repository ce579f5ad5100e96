import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedClient } from '../src/oss/feedClient.js';
import { syncFeed } from '../src/oss/feedSync.js';
import { PermanentHttpError, RetryableHttpError } from '../src/shared/httpErrors.js';
import { nibs, ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

const FEED = 'http://oss-feed.test';

describe('pull feed sync (nock for OSS, real PostgreSQL)', () => {
  let t: TestEnv;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    t = await createTestEnv();
  });
  afterEach(async () => {
    nock.cleanAll();
    await t.ctx.db.deleteFrom('permit_reject').execute();
    await t.ctx.db.deleteFrom('permit').execute();
    await t.ctx.db.deleteFrom('feed_checkpoint').execute();
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await t.cleanup();
  });

  const client = (overrides: Partial<ConstructorParameters<typeof FeedClient>[0]> = {}) =>
    new FeedClient({ baseUrl: FEED, userKey: 'secret-key', timeoutMs: 300, retries: 2, retryBaseMs: 5, sleep: async () => undefined, ...overrides });
  const changedNibs: string[][] = [];
  const sync = (c: FeedClient, feed = 'oss') => syncFeed(t.ctx.db, c, { feed, pageSize: 2, onChanged: async (n) => void changedNibs.push(n) });
  const page = (records: unknown[], next: string | null, hasMore: boolean) => ({ data: records, next_cursor: next, has_more: hasMore });
  const stored = async () => (await t.ctx.db.selectFrom('permit').select(['nib', 'payload_hash', 'doc_type', 'version_at']).orderBy('nib').execute());
  const cursor = async () => (await t.ctx.db.selectFrom('feed_checkpoint').select(['cursor', 'pages', 'records']).where('feed', '=', 'oss').executeTakeFirst());
  const [a, b, c, d, e] = nibs(5);

  it('backfills from the start page by page, sending user_key, and stores the cursor with each page', async () => {
    const scope = nock(FEED, { reqheaders: { user_key: 'secret-key' } })
      .get('/permits').query({ limit: '2' }).reply(200, page([ossRecord({ nib: a! }), ossRecord({ nib: b! })], 'c1', true))
      .get('/permits').query({ limit: '2', cursor: 'c1' }).reply(200, page([ossRecord({ nib: c! }), ossRecord({ nib: d! })], 'c2', true))
      .get('/permits').query({ limit: '2', cursor: 'c2' }).reply(200, page([ossRecord({ nib: e! })], 'c3', false));
    const outcome = await sync(client());
    expect(outcome).toEqual({ pages: 3, records: 5, changed: 5, rejected: 0 });
    expect(scope.isDone()).toBe(true);
    expect((await stored()).map((p) => p.nib)).toEqual([a, b, c, d, e]);
    expect(await cursor()).toEqual({ cursor: 'c3', pages: 3, records: 5 });

    // A later sync that finds nothing new costs one request and changes nothing.
    nock(FEED).get('/permits').query({ limit: '2', cursor: 'c3' }).reply(200, page([], 'c3', false));
    expect(await sync(client())).toEqual({ pages: 1, records: 0, changed: 0, rejected: 0 });
  });

  it('stops with a contract error, not forever, when the feed points back to a page it has given', async () => {
    nock(FEED)
      .get('/permits').query({ limit: '2' }).reply(200, page([ossRecord({ nib: a! }), ossRecord({ nib: b! })], 'c1', true))
      .get('/permits').query({ limit: '2', cursor: 'c1' }).reply(200, page([], 'c1', true));
    const error = await sync(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableHttpError);
    expect((error as Error).message).toBe('OSS feed breaks the contract: after cursor "c1" it points back to "c1", a page this sync has read; the sync stops there');
    // What came before is kept.
    expect((await stored()).map((p) => p.nib)).toEqual([a, b]);
    expect(await cursor()).toMatchObject({ cursor: 'c1', pages: 1 });
  });

  it('keeps the records of a page that says has_more without a next_cursor, and fails the sync loudly instead of ending quietly', async () => {
    nock(FEED)
      .get('/permits').query({ limit: '2' }).reply(200, page([ossRecord({ nib: a! })], 'c1', true))
      .get('/permits').query({ limit: '2', cursor: 'c1' }).reply(200, page([ossRecord({ nib: b! }), ossRecord({ nib: c! })], null, true));
    const error = await sync(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableHttpError);
    expect((error as Error).message).toBe('OSS feed breaks the contract: the page at cursor "c1" says has_more but gives no next_cursor; its 2 records are kept, the sync stops there');
    expect((await stored()).map((p) => p.nib)).toEqual([a, b, c]);
    // The checkpoint stays on the page, so the next sync asks for it again.
    expect(await cursor()).toMatchObject({ cursor: 'c1', pages: 2 });
  });

  it('reads the feed again from its start when it has forgotten the checkpoint (410), replacing the checkpoint only once a page from the start commits', async () => {
    nock(FEED).get('/permits').query({ limit: '2' }).reply(200, page([ossRecord({ nib: a! }), ossRecord({ nib: b! })], 'c1', true))
      .get('/permits').query({ limit: '2', cursor: 'c1' }).reply(200, page([ossRecord({ nib: c! })], 'c2', false));
    await sync(client());
    expect(await cursor()).toMatchObject({ cursor: 'c2', pages: 2 });

    // The start fails too: the checkpoint keeps the forgotten cursor, nothing is lost.
    nock(FEED).get('/permits').query({ limit: '2', cursor: 'c2' }).reply(410, { message: 'cursor expired' })
      .get('/permits').query({ limit: '2' }).times(3).reply(503, 'busy');
    await expect(sync(client())).rejects.toThrow(/HTTP 503/);
    expect(await cursor()).toMatchObject({ cursor: 'c2', pages: 2 });

    changedNibs.length = 0;
    const replay = nock(FEED)
      .get('/permits').query({ limit: '2', cursor: 'c2' }).reply(410, { message: 'cursor expired' })
      .get('/permits').query({ limit: '2' }).reply(200, page([ossRecord({ nib: a! }), ossRecord({ nib: b! })], 'n1', true))
      .get('/permits').query({ limit: '2', cursor: 'n1' }).reply(200, page([ossRecord({ nib: c! }), ossRecord({ nib: d! })], 'n2', false));
    expect(await sync(client())).toEqual({ pages: 2, records: 4, changed: 1, rejected: 0, restartedAfter: 'c2' });
    expect(replay.isDone()).toBe(true);
    // Permits read again are unchanged; only the new one goes on to matching.
    expect(changedNibs).toEqual([[d]]);
    expect((await stored()).map((p) => p.nib)).toEqual([a, b, c, d]);
    expect(await cursor()).toMatchObject({ cursor: 'n2', pages: 4 });
  });

  it('restarts once per sync: a cursor from the start that is also forgotten fails this sync with the reason, the checkpoint on the last committed page', async () => {
    await t.ctx.db.insertInto('feed_checkpoint').values({ feed: 'oss', cursor: 'old' }).execute();
    nock(FEED)
      .get('/permits').query({ limit: '2', cursor: 'old' }).reply(410, '')
      .get('/permits').query({ limit: '2' }).reply(200, page([ossRecord({ nib: a! })], 'n1', true))
      .get('/permits').query({ limit: '2', cursor: 'n1' }).reply(410, '');
    const error = await sync(client()).catch((e: unknown) => e);
    expect((error as Error).message).toBe('OSS feed no longer takes cursor "n1" (HTTP 410)');
    expect(await cursor()).toMatchObject({ cursor: 'n1' });
    expect((await stored()).map((p) => p.nib)).toEqual([a]);
  });

  it('reads from the start as well when the feed answers a stored cursor with 400 or 404, and fails as before when the start is refused too', async () => {
    await t.ctx.db.insertInto('feed_checkpoint').values({ feed: 'oss', cursor: 'old' }).execute();
    nock(FEED)
      .get('/permits').query({ limit: '2', cursor: 'old' }).reply(404, { message: 'unknown cursor' })
      .get('/permits').query({ limit: '2' }).reply(200, page([ossRecord({ nib: a! })], 'n1', false));
    expect(await sync(client())).toMatchObject({ pages: 1, records: 1, restartedAfter: 'old' });
    expect(await cursor()).toMatchObject({ cursor: 'n1' });

    nock(FEED)
      .get('/permits').query({ limit: '2', cursor: 'n1' }).reply(400, { message: 'bad request' })
      .get('/permits').query({ limit: '2' }).reply(400, { message: 'bad request' });
    const error = await sync(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentHttpError);
    // The checkpoint is kept: a feed refusing every request loses no place in it.
    expect(await cursor()).toMatchObject({ cursor: 'n1' });
  });

  it('a 410 at the start is no forgotten cursor: it fails as any refusal does', async () => {
    nock(FEED).get('/permits').query({ limit: '2' }).reply(410, '');
    const error = await sync(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentHttpError);
    expect((error as Error).message).toBe('OSS feed answered HTTP 410');
  });

  it('keeps the same version of two records claiming the same moment, whatever the order they come in', async () => {
    const version = (name: string) => ossRecord({ nib: a!, name, changed: '2025-03-01 10:00:00', tipe: 5 });
    const kept = async () => (await t.ctx.db.selectFrom('permit').select(['name', 'payload_hash']).where('nib', '=', a!).executeTakeFirstOrThrow());
    const deliver = async (...pages: string[][]) => {
      await t.ctx.db.deleteFrom('permit').execute();
      await t.ctx.db.deleteFrom('feed_checkpoint').execute();
      const scope = nock(FEED);
      pages.forEach((names, i) => {
        scope.get('/permits').query(i ? { limit: '2', cursor: `c${i}` } : { limit: '2' }).reply(200, page(names.map(version), `c${i + 1}`, i < pages.length - 1));
      });
      await sync(client());
      return kept();
    };
    // X and Y, then X again (a re-delivery); and Y and X, then Y again.
    const one = await deliver(['PT Versi X', 'PT Versi Y'], ['PT Versi X']);
    const other = await deliver(['PT Versi Y', 'PT Versi X'], ['PT Versi Y']);
    expect(other).toEqual(one);
  });

  it('times out a page that trickles in, however steadily it trickles', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data": [');
      // A byte every 100 ms: never silent long enough for a socket timeout.
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const started = Date.now();
      const error = await sync(client({ baseUrl: url, timeoutMs: 600, retries: 0 })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableHttpError);
      expect((error as Error).message).toBe('OSS feed timed out: no whole answer within 600 ms');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('resumes after a crash between pages from the last committed page', async () => {
    nock(FEED)
      .get('/permits').query({ limit: '2' }).reply(200, page([ossRecord({ nib: a! }), ossRecord({ nib: b! })], 'c1', true))
      .get('/permits').query({ limit: '2', cursor: 'c1' }).times(3).reply(500, 'boom');
    await expect(sync(client())).rejects.toThrow(/HTTP 500/);
    expect((await stored()).map((p) => p.nib)).toEqual([a, b]);
    expect(await cursor()).toMatchObject({ cursor: 'c1', pages: 1 });

    const resumed = nock(FEED)
      .get('/permits').query({ limit: '2', cursor: 'c1' }).reply(200, page([ossRecord({ nib: c! })], 'c2', false));
    expect(await sync(client())).toEqual({ pages: 1, records: 1, changed: 1, rejected: 0 });
    expect(resumed.isDone()).toBe(true);
    expect((await stored()).map((p) => p.nib)).toEqual([a, b, c]);
  });

  it('changes nothing when a page is delivered again', async () => {
    const records = [ossRecord({ nib: a! }), ossRecord({ nib: b! })];
    nock(FEED).get('/permits').query({ limit: '2' }).reply(200, page(records, 'c1', false));
    await sync(client());
    const before = await stored();
    changedNibs.length = 0;
    // The feed re-serves the same page under the new cursor.
    nock(FEED).get('/permits').query({ limit: '2', cursor: 'c1' }).reply(200, page(records, 'c1', false));
    expect(await sync(client())).toEqual({ pages: 1, records: 2, changed: 0, rejected: 0 });
    expect(await stored()).toEqual(before);
    expect(changedNibs).toEqual([]);
  });

  it('never lets an older version overwrite a newer one, within a page or across pages', async () => {
    const v1 = ossRecord({ nib: a!, name: 'PT Lama', tipe: 9, issued: '2025-01-10 09:00:00' });
    const v2 = ossRecord({ nib: a!, name: 'PT Baru', tipe: 5, issued: '2025-01-10 09:00:00', changed: '2025-06-01 08:00:00' });
    const v3 = ossRecord({ nib: b!, name: 'PT Dicabut', tipe: 3, issued: '2025-01-10 09:00:00', changed: '2025-07-01 08:00:00' });
    const v3old = ossRecord({ nib: b!, name: 'PT Dicabut', tipe: 5, issued: '2025-01-10 09:00:00', changed: '2025-03-01 08:00:00' });
    nock(FEED)
      .get('/permits').query({ limit: '2' }).reply(200, page([v2, v1], 'c1', true))
      .get('/permits').query({ limit: '2', cursor: 'c1' }).reply(200, page([v3, v1], 'c2', true))
      .get('/permits').query({ limit: '2', cursor: 'c2' }).reply(200, page([v3old], 'c3', false));
    await sync(client());
    const rows = await t.ctx.db.selectFrom('permit').select(['nib', 'name', 'doc_type']).orderBy('nib').execute();
    expect(rows).toEqual([
      { nib: a, name: 'PT Baru', doc_type: 5 },
      { nib: b, name: 'PT Dicabut', doc_type: 3 },
    ]);
  });

  it('retries 503 bursts and timeouts with backoff, then succeeds', async () => {
    const sleeps: number[] = [];
    nock(FEED)
      .get('/permits').query({ limit: '2' }).reply(503, 'busy')
      .get('/permits').query({ limit: '2' }).delay(1000).reply(200, page([], null, false))
      .get('/permits').query({ limit: '2' }).reply(200, page([ossRecord({ nib: a! })], 'c1', false));
    const outcome = await sync(client({ sleep: async (ms) => void sleeps.push(ms) }));
    expect(outcome.changed).toBe(1);
    expect(sleeps).toHaveLength(2);
  });

  it('fails loudly after repeated 503s, with the reason', async () => {
    nock(FEED).get('/permits').query(true).times(3).reply(503, 'busy');
    const error = await sync(client()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(RetryableHttpError);
    expect((error as Error).message).toBe('OSS feed answered HTTP 503');
  });

  it('reports 429 with its Retry-After for the queue to pause on, without retrying in-process', async () => {
    const scope = nock(FEED).get('/permits').query(true).reply(429, 'slow down', { 'Retry-After': '7' });
    const error = (await sync(client()).catch((err: unknown) => err)) as RetryableHttpError;
    expect(error).toBeInstanceOf(RetryableHttpError);
    expect(error.rateLimited).toBe(true);
    expect(error.retryAfterMs).toBe(7000);
    expect(scope.isDone()).toBe(true);
  });

  it('treats 401 as unrecoverable and names OSS_USER_KEY', async () => {
    nock(FEED).get('/permits').query(true).reply(401, { kode: 401 });
    const error = await sync(client()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PermanentHttpError);
    expect((error as Error).message).toMatch(/check OSS_USER_KEY/);
  });

  it('retries a truncated page and fails with a clear reason when it stays broken; stores nothing from it', async () => {
    const body = JSON.stringify(page([ossRecord({ nib: a! })], 'c1', false));
    nock(FEED).get('/permits').query(true).times(3).reply(200, body.slice(0, 40));
    await expect(sync(client())).rejects.toThrow(/not valid JSON/);
    nock(FEED).get('/permits').query(true).times(3).reply(200, { data: 'nope', has_more: 'no' });
    await expect(sync(client())).rejects.toThrow(/does not follow the feed contract: data: .*; has_more/);
    expect(await stored()).toEqual([]);
    expect(await cursor()).toBeUndefined();
  });

  it('quarantines malformed records of a page with their place in the feed, storing the valid ones', async () => {
    nock(FEED).get('/permits').query(true).reply(200, page([ossRecord({ nib: a! }), { nib: '123', nama_perseroan: 'x' }, 'text', ossRecord({ nib: b! })], 'c1', false));
    const outcome = await syncFeed(t.ctx.db, client(), { feed: 'oss', pageSize: 4, onChanged: async () => undefined });
    expect(outcome).toEqual({ pages: 1, records: 4, changed: 2, rejected: 2 });
    const rejects = await t.ctx.db.selectFrom('permit_reject').select(['source', 'source_ref', 'reason']).orderBy('id').execute();
    expect(rejects).toEqual([
      { source: 'feed', source_ref: 'feed:oss cursor=start item=1', reason: 'nib: must be 13 digits' },
      { source: 'feed', source_ref: 'feed:oss cursor=start item=2', reason: expect.stringMatching(/must be a JSON object/) },
    ]);
  });
});
