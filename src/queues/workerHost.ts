import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { jobPayloadSchemas, QUEUE_NAMES, type QueueName } from '../../schemas/jobs.js';
import type { AppContext } from '../app.js';
import { describeIssues } from '../shared/zodIssues.js';
import { createRedis } from './connection.js';
import { handlers } from './handlers.js';
import { maskPersonalPatterns } from '../oss/personalData.js';

type AnyHandler = (payload: unknown, ctx: AppContext, job: Job, stopping: AbortSignal) => Promise<Record<string, unknown>>;

/** Fails start-up when a queue declares a job that no handler serves. */
export function assertEveryJobHasAHandler(): void {
  const missing: string[] = [];
  for (const queue of QUEUE_NAMES) {
    for (const job of Object.keys(jobPayloadSchemas[queue])) {
      if (typeof (handlers[queue] as Record<string, unknown>)[job] !== 'function') missing.push(`${queue}/${job}`);
    }
  }
  if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
}

export interface WorkerHost {
  workers: Worker[];
  close(): Promise<void>;
}

export interface WorkerHostOptions {
  concurrency?: Partial<Record<QueueName, number>>;
}

/**
 * A job's result as it may be logged: a re-check by NPWP carries the number, and an
 * individual's NPWP is their NIK.
 */
function loggable(result: Record<string, unknown>): unknown {
  return JSON.parse(maskPersonalPatterns(JSON.stringify(result)));
}

/** Starts BullMQ workers for the given queues in this process. */
export function startWorkers(ctx: AppContext, queues: QueueName[], options: WorkerHostOptions = {}): WorkerHost {
  assertEveryJobHasAHandler();
  const stopping = new AbortController();
  const workers = queues.map((queue) => {
    const connection = createRedis(ctx.config.REDIS_URL, 'worker');
    const worker = new Worker(
      queue,
      async (job: Job) => {
        const schema = (jobPayloadSchemas[queue] as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: unknown } }>)[job.name];
        const handler = (handlers[queue] as Record<string, AnyHandler>)[job.name];
        if (!schema || !handler) throw new UnrecoverableError(`queue ${queue} has no job named ${job.name}`);
        const parsed = schema.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`invalid ${queue}/${job.name} payload: ${describeIssues(parsed.error as never)}`);
        const started = Date.now();
        const result = await handler(parsed.data, ctx, job, stopping.signal);
        ctx.logger.info({ queue, job: job.name, jobId: job.id, ms: Date.now() - started, result: loggable(result) }, 'job done');
        return result;
      },
      {
        connection,
        prefix: ctx.config.QUEUE_PREFIX,
        concurrency: options.concurrency?.[queue] ?? ctx.config.WORKER_CONCURRENCY,
        // A worker killed mid-job leaves its lock to expire; the job is then retried.
        lockDuration: ctx.config.WORKER_LOCK_MS,
        stalledInterval: Math.max(500, Math.floor(ctx.config.WORKER_LOCK_MS / 2)),
        maxStalledCount: 5,
        // BullMQ honours a manual rate limit (queue.rateLimit on a 429) only when the worker
        // has a limiter; this one is far above any real rate, so it limits nothing else.
        limiter: { max: 100_000, duration: 1000 },
      },
    );
    worker.on('failed', (job, error) => {
      const final = !job || error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      const details = { queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, error: error.message };
      // A job that will not be retried fails loudly, with its reason.
      if (final) ctx.logger.error(details, 'job failed for good');
      else ctx.logger.warn(details, 'job failed; will retry');
    });
    worker.on('error', (error) => ctx.logger.error({ queue, error: error.message }, 'worker error'));
    return { worker, connection };
  });
  return {
    workers: workers.map((w) => w.worker),
    async close() {
      // Closing waits for active jobs; this tells the long ones to end at their next safe point.
      stopping.abort();
      await Promise.all(workers.map((w) => w.worker.close()));
      for (const w of workers) w.connection.disconnect();
    },
  };
}
