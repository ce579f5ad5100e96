import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type RunningFeedServer } from '../src/demo/feedServer.js';
import { generateDemoData } from '../src/demo/generate.js';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../src/demo/webhookReceiver.js';
import { importEnrollmentFile } from '../src/enrollment/enrollmentImport.js';
import { ENROLLMENT_HEADER, enrollmentCsvLine } from '../src/demo/generate.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from './support/cli.js';
import { startWorker, waitFor, type WorkerProcess } from './support/processes.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

describe('each worker kind as its own process', () => {
  let t: TestEnv;
  let feed: RunningFeedServer;
  let receiver: RunningWebhookReceiver;
  const workers: WorkerProcess[] = [];
  const data = generateDemoData({ seed: 11, companies: 400 });

  beforeAll(async () => {
    feed = await startFeedServer({ records: data.permits, userKey: 'k' });
    receiver = await startWebhookReceiver();
    t = await createTestEnv({ OSS_FEED_URL: feed.url, OSS_USER_KEY: 'k', NOTIFY_WEBHOOK_URL: receiver.url, OSS_FEED_PAGE_SIZE: '50', NOTIFY_GROUP_WAIT_MS: '500' });
    const extract = join(t.dir, 'enrollment.csv');
    await writeFile(extract, [ENROLLMENT_HEADER, ...data.enrollment.map(enrollmentCsvLine)].join('\n'));
    await importEnrollmentFile(t.ctx.db, extract);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await t.cleanup();
    await feed.close();
    await receiver.close();
  });

  it('pulls the feed, matches and notifies through the queues, and stops cleanly on SIGTERM', async () => {
    for (const name of ['ingest', 'matcher', 'notifier']) workers.push(startWorker(name, t.env));
    const sync = await runCli(['feed', 'sync'], t.env);
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/feed sync queued/);

    const count = async (table: 'permit' | 'match') =>
      Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    await waitFor('all permits matched', async () => (await count('match')) === 400 && (await count('permit')) === 400);
    await waitFor('digests delivered', async () => {
      const undelivered = await t.ctx.db.selectFrom('finding_event').select('id').where('flushed_at', 'is', null).limit(1).execute();
      const pending = await t.ctx.db.selectFrom('digest').select('id').where('status', '=', 'pending').limit(1).execute();
      return undelivered.length === 0 && pending.length === 0 && receiver.digests.size > 0;
    });
    const checkpoint = await t.ctx.db.selectFrom('feed_checkpoint').selectAll().executeTakeFirstOrThrow();
    // 8 pages of 50; a second sync (queued by the workers' start-up rebuild) may add an empty one.
    expect(checkpoint.pages).toBeGreaterThanOrEqual(8);
    expect(checkpoint.records).toBe(400);

    // Every finding reached its branch, announced as new exactly once (after receiver-side dedup).
    const findings = await t.ctx.db.selectFrom('finding').select(['id', 'branch']).where('status', '!=', 'resolved').execute();
    const announced = [...receiver.digests.values()].flatMap((d) =>
      (d.findings as Array<{ finding_id: number; change: string }>).filter((f) => f.change === 'new').map((f) => f.finding_id),
    );
    expect(new Set(announced).size).toBe(announced.length);
    expect(new Set(announced)).toEqual(new Set(findings.map((f) => f.id)));

    const codes = await Promise.all(workers.map((w) => w.stop('SIGTERM')));
    expect(codes).toEqual([0, 0, 0]);
  });
});
