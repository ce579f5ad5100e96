import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENROLLMENT_HEADER, enrollmentCsvLine, generateDemoData } from '../src/demo/generate.js';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../src/demo/webhookReceiver.js';
import { importEnrollmentFile } from '../src/enrollment/enrollmentImport.js';
import { queueMatching } from '../src/matching/matchQueue.js';
import { importPermitFile } from '../src/oss/fileImport.js';
import { runUntilIdle } from '../src/queues/runUntilIdle.js';
import { startWorker, waitFor, type WorkerProcess } from './support/processes.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

const data = generateDemoData({ seed: 99, companies: 800 });

async function load(t: TestEnv): Promise<void> {
  const extract = join(t.dir, 'extract.csv');
  await writeFile(extract, [ENROLLMENT_HEADER, ...data.enrollment.map(enrollmentCsvLine)].join('\n'));
  await importEnrollmentFile(t.ctx.db, extract);
  const permits = join(t.dir, 'permits.jsonl');
  await writeFile(permits, data.permits.map((p) => JSON.stringify(p)).join('\n'));
  await importPermitFile(t.ctx.db, permits, async (nibs) => void (await queueMatching(t.ctx.queues, nibs, 'test', 100)));
}

async function state(t: TestEnv) {
  const matches = await t.ctx.db.selectFrom('match').select(['nib', 'decision', 'npp']).orderBy('nib').execute();
  const findings = await t.ctx.db.selectFrom('finding').select(['nib', 'category', 'status', 'branch']).orderBy('nib').orderBy('category').execute();
  return { matches, findings };
}

describe('matcher and notifier processes SIGKILLed at random moments', () => {
  let clean: TestEnv;
  let faulty: TestEnv;
  let receiver: RunningWebhookReceiver;
  const processes: WorkerProcess[] = [];
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // One batch at a time in both runs: the comparison is about crashes, not about the order in
    // which concurrent batches claim the same employer.
    clean = await createTestEnv({ WORKER_CONCURRENCY: '1' });
    faulty = await createTestEnv({ NOTIFY_WEBHOOK_URL: receiver.url, WORKER_LOCK_MS: '1500', NOTIFY_LEASE_MS: '1500', MATCH_BATCH_SIZE: '100', WORKER_CONCURRENCY: '1' });
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await clean.cleanup();
    await faulty.cleanup();
    await receiver.close();
  });

  it('ends with the same matches and findings as a clean run; every finding announced once', async () => {
    await load(clean);
    await runUntilIdle(clean.ctx, { pollMs: 100 });
    const expected = await state(clean);

    await load(faulty);
    let kills = 0;
    for (let round = 0; round < 3; round += 1) {
      const matcher = startWorker('matcher', faulty.env);
      const notifier = startWorker('notifier', faulty.env);
      processes.push(matcher, notifier);
      await new Promise((resolve) => setTimeout(resolve, 1200 + Math.random() * 800));
      await matcher.stop('SIGKILL');
      await notifier.stop('SIGKILL');
      kills += 2;
    }
    processes.push(startWorker('matcher', faulty.env), startWorker('notifier', faulty.env));
    await waitFor('the pipeline to settle', async () => {
      const pending = await faulty.ctx.db.selectFrom('permit').select('nib').where('match_requested_at', 'is not', null).limit(1).execute();
      const matched = Number((await faulty.ctx.db.selectFrom('match').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const unflushed = await faulty.ctx.db.selectFrom('finding_event').select('id').where('flushed_at', 'is', null).limit(1).execute();
      const undelivered = await faulty.ctx.db.selectFrom('digest').select('id').where('status', '!=', 'delivered').limit(1).execute();
      return matched === data.permits.length && !pending.length && !unflushed.length && !undelivered.length;
    }, 120_000);
    expect(kills).toBe(6);
    const actual = await state(faulty);
    // Every permit decided, and the same employer links as the clean run.
    expect(actual.matches.map((m) => m.nib)).toEqual(expected.matches.map((m) => m.nib));
    const links = (s: typeof actual) => s.matches.filter((m) => m.decision === 'matched').map((m) => `${m.nib}>${m.npp}`);
    expect(links(actual)).toEqual(links(expected));
    // Findings of linked permits are identical. (Which of review/unmatched a near-miss gets can
    // depend on which batch claims a contested employer first; see README "Matching".)
    const linked = new Set(actual.matches.filter((m) => m.decision === 'matched').map((m) => m.nib));
    const findingsOf = (s: typeof actual) =>
      s.findings.filter((f) => linked.has(f.nib)).map((f) => ({ ...f, status: f.status === 'notified' ? 'open' : f.status }));
    expect(findingsOf(actual)).toEqual(findingsOf(expected));
    const announced = [...receiver.digests.values()].flatMap((d) => (d.findings as Array<{ finding_id: number; change: string }>).filter((f) => f.change === 'new').map((f) => f.finding_id));
    expect(new Set(announced).size).toBe(announced.length);
    const active = await faulty.ctx.db.selectFrom('finding').select('id').where('status', 'in', ['open', 'notified']).execute();
    expect(new Set(announced)).toEqual(new Set(active.map((f) => f.id)));
  }, 180_000);
});
