import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../src/demo/webhookReceiver.js';
import { startWorkers, type WorkerHost } from '../src/queues/workerHost.js';
import { startWorker, waitFor, type WorkerProcess } from './support/processes.js';
import { importUnregistered } from './support/scenario.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

type Digest = { branch: string; findings: Array<{ finding_id: number; change: string }> };

describe('notifier processes: crashes and competition', () => {
  let t: TestEnv | undefined;
  let receiver: RunningWebhookReceiver | undefined;
  let matcher: WorkerHost | undefined;
  const notifiers: WorkerProcess[] = [];
  afterEach(async () => {
    await Promise.all(notifiers.splice(0).map((n) => n.stop('SIGKILL')));
    await matcher?.close();
    await t?.cleanup();
    await receiver?.close();
  });

  const settle = async (env: TestEnv) =>
    waitFor('every digest delivered', async () => {
      const pending = await env.ctx.db.selectFrom('digest').select('id').where('status', '!=', 'delivered').execute();
      const unflushed = await env.ctx.db.selectFrom('finding_event').select('id').where('flushed_at', 'is', null).execute();
      const open = await env.ctx.db.selectFrom('finding').select('id').where('status', '=', 'open').execute();
      // Until every permit is decided, "nothing pending" may only mean the matcher has not started yet.
      const undecided = await env.ctx.db
        .selectFrom('permit')
        .leftJoin('match', 'match.nib', 'permit.nib')
        .leftJoin('match_request', 'match_request.nib', 'permit.nib')
        .select('permit.nib')
        .where((eb) => eb.or([eb('match.nib', 'is', null), eb('match_request.nib', 'is not', null)]))
        .execute();
      return undecided.length === 0 && pending.length === 0 && unflushed.length === 0 && open.length === 0;
    }, 90_000);

  /** Every active finding was announced as new exactly once across the distinct digests. */
  async function expectEachFindingOnce(env: TestEnv, r: RunningWebhookReceiver) {
    const active = (await env.ctx.db.selectFrom('finding').select('id').execute()).map((f) => f.id).sort((a, b) => a - b);
    const announced = [...r.digests.values()].flatMap((d) => (d as Digest).findings.filter((f) => f.change === 'new').map((f) => f.finding_id));
    expect([...announced].sort((a, b) => a - b)).toEqual(active);
  }

  it('a notifier killed mid-delivery loses nothing: after a restart each digest arrives once after dedup', async () => {
    let slow = true;
    receiver = await startWebhookReceiver({ delayMs: () => (slow ? 4000 : 0) });
    t = await createTestEnv({ NOTIFY_WEBHOOK_URL: receiver.url, NOTIFY_GROUP_WAIT_MS: '300', NOTIFY_LEASE_MS: '1500', WORKER_LOCK_MS: '1500' });
    matcher = startWorkers(t.ctx, ['match']);
    notifiers.push(startWorker('notifier', t.env));
    await importUnregistered(t.ctx, t.dir, { TUBAN: 3, JEMBER: 2, PALEMBANG: 1 });
    await waitFor('a delivery in flight', async () => receiver!.requests.length > 0, 30_000);
    await notifiers[0]!.stop('SIGKILL');
    slow = false;
    notifiers.push(startWorker('notifier', t.env));
    await settle(t);
    expect([...receiver.digests.values()].map((d) => (d as Digest).branch).sort()).toEqual(['JEMBER', 'PALEMBANG', 'TUBAN']);
    // The digest in flight when the notifier died was sent again under the same id.
    expect(receiver.deliveries).toBeGreaterThan(receiver.digests.size);
    await expectEachFindingOnce(t, receiver);
  }, 120_000);

  it('two notifier processes never send the same digest', async () => {
    receiver = await startWebhookReceiver({ delayMs: () => 200 });
    t = await createTestEnv({ NOTIFY_WEBHOOK_URL: receiver.url, NOTIFY_GROUP_WAIT_MS: '0' });
    matcher = startWorkers(t.ctx, ['match']);
    notifiers.push(startWorker('notifier', t.env), startWorker('notifier', t.env));
    for (let round = 0; round < 4; round += 1) {
      await importUnregistered(t.ctx, t.dir, { TUBAN: 2, JEMBER: 2, PEKALONGAN: 1, SURAKARTA: 1, PALEMBANG: 1, PUSAT: 1 });
    }
    await settle(t);
    expect(receiver.deliveries).toBe(receiver.digests.size);
    await expectEachFindingOnce(t, receiver);
  }, 120_000);
});
