import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type RunningFeedServer } from '../src/demo/feedServer.js';
import { generateDemoData } from '../src/demo/generate.js';
import { runCli } from './support/cli.js';
import { startWorker, waitFor, type WorkerProcess } from './support/processes.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

describe('SIGTERM in the middle of a long job', () => {
  let t: TestEnv;
  let feed: RunningFeedServer;
  const workers: WorkerProcess[] = [];
  const data = generateDemoData({ seed: 23, companies: 400 });

  beforeAll(async () => {
    // 40 pages, each answered after 250 ms: the whole sync takes at least 10 s.
    feed = await startFeedServer({ records: data.permits, userKey: 'k', fault: () => ({ kind: 'hang', ms: 250 }) });
    t = await createTestEnv({ OSS_FEED_URL: feed.url, OSS_USER_KEY: 'k', OSS_FEED_PAGE_SIZE: '10' });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await t.cleanup();
    await feed.close();
  });

  const checkpoint = async () =>
    (await t.ctx.db.selectFrom('feed_checkpoint').select(['pages', 'records']).where('feed', '=', 'oss').executeTakeFirst()) ?? { pages: 0, records: 0 };

  it('an ingest worker stops a feed sync between pages, and the restarted worker finishes it without being asked again', async () => {
    const first = startWorker('ingest', t.env);
    workers.push(first);
    expect((await runCli(['feed', 'sync'], t.env)).code).toBe(0);
    await waitFor('a few pages committed', async () => (await checkpoint()).pages >= 3);

    expect(await first.stop('SIGTERM')).toBe(0);
    // Stopping waited for the page in hand, not for the rest of the feed (40 pages of 250 ms).
    expect((await checkpoint()).records).toBeLessThan(400);

    // No `patuh feed sync` this time: the interrupted sync is owed, and the next worker does it.
    workers.push(startWorker('ingest', t.env));
    await waitFor('the rest of the feed stored', async () => (await checkpoint()).records >= 400, 60_000);
    const permits = await t.ctx.db.selectFrom('permit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(permits.n)).toBe(new Set(data.permits.map((p) => p.nib)).size);
    expect(await workers[1]!.stop('SIGTERM')).toBe(0);
  }, 120_000);

  it('patuh run exits when its start-up fails, so a supervisor restarts it (it stayed up doing nothing)', async () => {
    const run = await runCli(['run'], { ...t.env, BRANCHES_FILE: join(t.dir, 'no-such-branches.json') }, { timeoutMs: 20_000 });
    expect(run.stderr).toMatch(/BRANCHES_FILE .*cannot be read/);
    // null: still running when the timeout killed it.
    expect(run.code).toBe(1);
  }, 30_000);

  it('patuh run --until-idle on SIGTERM releases its jobs, so the next run takes them at once (they stayed locked for WORKER_LOCK_MS)', async () => {
    // The same feed again, from its start, with no other worker running.
    await t.ctx.db.deleteFrom('feed_checkpoint').execute();
    await t.ctx.db.deleteFrom('permit').execute();
    const child = spawn(process.execPath, ['bin/patuh.mjs', 'run', '--until-idle'], { cwd: join(import.meta.dirname, '..'), env: t.env, stdio: 'ignore' });
    expect((await runCli(['feed', 'sync'], t.env)).code).toBe(0);
    await waitFor('a few pages committed', async () => (await checkpoint()).pages >= 2);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(143);
    // It stopped between pages, not at the end of the feed.
    expect((await checkpoint()).records).toBeLessThan(400);
    const counts = await t.ctx.queues.queue('ingest').getJobCounts('active', 'waiting');
    // Nothing left locked by the stopped process; the rest of the sync waits for the next run.
    expect(counts.active).toBe(0);
    expect(counts.waiting).toBe(1);

    const again = await runCli(['run', '--until-idle'], t.env, { timeoutMs: 90_000 });
    expect(again.code).toBe(0);
    expect((await checkpoint()).records).toBeGreaterThanOrEqual(400);
  }, 150_000);
});
