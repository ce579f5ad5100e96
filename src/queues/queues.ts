import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobPayloadSchemas, QUEUE_NAMES, type JobName, type JobPayload, type QueueName } from '../../schemas/jobs.js';

const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/** Typed producers for every queue, sharing one connection and the configured prefix. */
export class Queues {
  private readonly queues: Record<QueueName, Queue>;

  constructor(readonly connection: Redis, readonly prefix: string) {
    this.queues = Object.fromEntries(
      QUEUE_NAMES.map((name) => {
        const queue = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
        // Connection trouble surfaces on the awaited calls; the event would only print noise.
        queue.on('error', () => undefined);
        return [name, queue];
      }),
    ) as Record<QueueName, Queue>;
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  async add<Q extends QueueName, J extends JobName<Q>>(
    queue: Q,
    job: J,
    payload: JobPayload<Q, J>,
    options: JobsOptions = {},
  ): Promise<void> {
    // Validate on the way in so a bad payload fails at its producer, not in a worker.
    const schema = (jobPayloadSchemas[queue] as Record<string, { parse(v: unknown): unknown }>)[job];
    if (!schema) throw new Error(`queue ${queue} has no job named ${job}`);
    await this.queues[queue].add(job, schema.parse(payload), options);
  }

  /**
   * Jobs not yet finished, per queue. The next run of a job scheduler (a delayed job
   * waiting for its cron time) is not work in progress and is not counted.
   */
  async pendingCounts(): Promise<Record<QueueName, number>> {
    const entries = await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const queue = this.queues[name];
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
        let pending = Object.values(counts).reduce((a, b) => a + b, 0);
        if (counts.delayed) {
          const delayed = await queue.getJobs(['delayed'], 0, 999);
          pending -= delayed.filter((job) => job?.repeatJobKey).length;
        }
        return [name, pending] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<QueueName, number>;
  }

  async failedCounts(): Promise<Record<QueueName, number>> {
    const entries = await Promise.all(
      QUEUE_NAMES.map(async (name) => [name, await this.queues[name].getFailedCount()] as const),
    );
    return Object.fromEntries(entries) as Record<QueueName, number>;
  }

  /** Removes every job of every queue under this prefix (demo and test resets). */
  async obliterateAll(): Promise<void> {
    for (const queue of Object.values(this.queues)) await queue.obliterate({ force: true });
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}
