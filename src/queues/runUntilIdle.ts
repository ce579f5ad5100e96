import { QUEUE_NAMES, type QueueName } from '../../schemas/jobs.js';
import type { AppContext } from '../app.js';
import { requeueOutstandingWork, type ReconcileOutcome } from './reconcile.js';
import { startWorkers } from './workerHost.js';

export interface IdleRunOutcome {
  reconciled: ReconcileOutcome;
  /** Jobs that failed for good during this run, per queue. */
  failed: Record<QueueName, number>;
  seconds: number;
  /** Set when `signal` stopped the run before the queues were drained. */
  stopped?: boolean;
}

/**
 * Runs every worker in this process until all queues are drained (nothing waiting,
 * active or delayed for several polls in a row), then stops them.
 */
export async function runUntilIdle(ctx: AppContext, options: { pollMs?: number; quietPolls?: number; signal?: AbortSignal } = {}): Promise<IdleRunOutcome> {
  const started = Date.now();
  const pollMs = options.pollMs ?? 200;
  const quietPolls = options.quietPolls ?? 3;
  const failedBefore = await ctx.queues.failedCounts();
  const reconciled = await requeueOutstandingWork(ctx);
  const host = startWorkers(ctx, QUEUE_NAMES);
  try {
    let quiet = 0;
    while (quiet < quietPolls && !options.signal?.aborted) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      const pending = await ctx.queues.pendingCounts();
      quiet = Object.values(pending).every((n) => n === 0) ? quiet + 1 : 0;
    }
  } finally {
    await host.close();
  }
  const failedAfter = await ctx.queues.failedCounts();
  const failed = Object.fromEntries(QUEUE_NAMES.map((q) => [q, Math.max(0, failedAfter[q] - failedBefore[q])])) as Record<QueueName, number>;
  return { reconciled, failed, seconds: (Date.now() - started) / 1000, ...(options.signal?.aborted ? { stopped: true } : {}) };
}
