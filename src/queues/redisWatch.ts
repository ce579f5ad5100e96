import { randomBytes } from 'node:crypto';
import type { AppContext } from '../app.js';
import { workIsOwed } from './owedWorkRepository.js';
import { requeueOutstandingWork } from './reconcile.js';
import { declareSchedules } from './schedules.js';
import { requestFeedSync } from '../oss/feedQueue.js';

export interface RedisWatch {
  /** Resolves after the first check (and rebuild, if one was needed). */
  ready: Promise<void>;
  stop(): void;
}

export interface RebuildOutcome {
  schedules: string[];
  permitsRequeued: number;
  branchesRequeued: number;
  feedSyncQueued: boolean;
}

/**
 * Puts back in Redis everything Patuh keeps there: job schedulers, matching still owed
 * (permits marked in PostgreSQL), undelivered findings and digests, and a feed sync that
 * resumes from the checkpoint stored in PostgreSQL. Idempotent.
 */
export async function rebuildQueueWork(ctx: AppContext): Promise<RebuildOutcome> {
  const schedules = await declareSchedules(ctx);
  const requeued = await requeueOutstandingWork(ctx);
  const feedSyncQueued = Boolean(ctx.config.OSS_FEED_URL);
  if (feedSyncQueued) await requestFeedSync(ctx.queues);
  return { schedules, ...requeued, feedSyncQueued };
}

/**
 * Notices when Redis has lost Patuh's keys (a restart without persistence, a flush, a
 * failover to an empty replica) and rebuilds the work from PostgreSQL. A marker key lives
 * beside the queues: when it is gone, so is everything else. Also requeues work that
 * PostgreSQL says is owed while its queue is empty. One process acts at a time (a short
 * lock); the others see the result on their next check.
 */
export function watchRedis(ctx: AppContext, intervalMs = ctx.config.REDIS_WATCH_MS): RedisWatch {
  const marker = `${ctx.config.QUEUE_PREFIX}:patuh:work-present`;
  const lock = `${ctx.config.QUEUE_PREFIX}:patuh:rebuilding`;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const check = async () => {
    const lost = !(await ctx.redis.exists(marker));
    // Work PostgreSQL says is owed while its queue holds no job at all was lost on the way
    // to Redis (a failed add during an outage): requeue it now rather than at the nightly reconcile.
    let stranded = false;
    if (!lost) {
      const owed = await workIsOwed(ctx.db);
      if (owed.matching || owed.delivery) {
        const pending = await ctx.queues.pendingCounts();
        stranded = (owed.matching && pending.match === 0) || (owed.delivery && pending.notify === 0);
      }
    }
    if (!lost && !stranded) return;
    const token = randomBytes(8).toString('hex');
    if ((await ctx.redis.set(lock, token, 'PX', 120_000, 'NX')) !== 'OK') return;
    try {
      if (lost) {
        const outcome = await rebuildQueueWork(ctx);
        await ctx.redis.set(marker, new Date().toISOString());
        ctx.logger.warn({ ...outcome }, 'queue work rebuilt from PostgreSQL (Redis had none)');
      } else {
        const outcome = await requeueOutstandingWork(ctx);
        ctx.logger.warn({ ...outcome }, 'work owed in PostgreSQL had no job in Redis: requeued');
      }
    } finally {
      if ((await ctx.redis.get(lock)) === token) await ctx.redis.del(lock);
    }
  };
  const tick = async () => {
    try {
      await check();
    } catch (error) {
      // Redis or PostgreSQL unreachable: the next tick tries again. A check cut short by
      // the process stopping (its connections closing) is no news.
      if (!stopped) ctx.logger.warn({ error: (error as Error).message }, 'could not check Redis for lost work');
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  const ready = tick();
  return {
    ready,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
