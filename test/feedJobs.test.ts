import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, type WorkerHost } from '../src/queues/workerHost.js';
import { nibs, ossRecord } from './support/ossRecords.js';
import { waitFor } from './support/processes.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

const FEED = 'http://oss-feed-jobs.test';

describe('feed-sync jobs on a real queue', () => {
  let t: TestEnv;
  let host: WorkerHost;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    t = await createTestEnv({ OSS_FEED_URL: FEED, OSS_USER_KEY: 'k', OSS_HTTP_TIMEOUT_MS: '500' });
    host = startWorkers(t.ctx, ['ingest']);
  });
  afterAll(async () => {
    await host.close();
    nock.cleanAll();
    nock.enableNetConnect();
    await t.cleanup();
  });

  const queue = () => t.ctx.queues.queue('ingest');

  it('pauses the queue for Retry-After on 429 and completes without using up an attempt', async () => {
    const times: number[] = [];
    nock(FEED)
      .get('/permits').query(true).reply(() => (times.push(Date.now()), [429, 'later', { 'Retry-After': '1' }]))
      .get('/permits').query(true).reply(() => (times.push(Date.now()), [200, { data: [ossRecord({ nib: nibs(1)[0]! })], next_cursor: 'c1', has_more: false }]));
    await t.ctx.queues.add('ingest', 'feed-sync', { feed: 'oss' }, { jobId: 'sync-429', attempts: 1 });
    const job = await waitFor('job done', async () => {
      const j = await queue().getJob('sync-429');
      return j && (await j.isCompleted()) ? j : undefined;
    }, 15_000);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
    // With attempts: 1, a 429 that used up an attempt would have failed the job.
    expect(job.returnvalue).toMatchObject({ pages: 1, records: 1, changed: 1 });
  });

  it('fails a sync for good on 401, with the reason, without retrying', async () => {
    const scope = nock(FEED).get('/permits').query(true).reply(401, { kode: 401 });
    await t.ctx.queues.add('ingest', 'feed-sync', { feed: 'oss' }, { jobId: 'sync-401' });
    const job = await waitFor('job failed', async () => {
      const j = await queue().getJob('sync-401');
      return j && (await j.isFailed()) ? j : undefined;
    }, 15_000);
    expect(job.failedReason).toMatch(/refused the credentials \(HTTP 401\); check OSS_USER_KEY/);
    expect(job.attemptsMade).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  it('keeps one sync per feed: requests while one waits collapse into it', async () => {
    await queue().pause();
    for (let i = 0; i < 5; i += 1) {
      await t.ctx.queues.add('ingest', 'feed-sync', { feed: 'oss' }, { deduplication: { id: 'feed-sync:oss', keepLastIfActive: true } });
    }
    expect(await queue().getWaitingCount()).toBe(1);
    nock(FEED).get('/permits').query(true).reply(200, { data: [], next_cursor: 'c1', has_more: false });
    await queue().resume();
    await waitFor('drained', async () => (await queue().getWaitingCount()) === 0 && (await queue().getActiveCount()) === 0);
  });
});
