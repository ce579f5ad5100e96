import type { Redis } from 'ioredis';
import type { Logger } from '../shared/logger.js';

/**
 * Queues must never lose jobs to eviction: Redis should run with `maxmemory-policy
 * noeviction` (and AOF for restarts). Warns clearly when it does not; never fails start-up.
 */
export async function checkRedisPolicy(redis: Redis, logger: Logger): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy && policy !== 'noeviction') {
      const message = `Redis maxmemory-policy is "${policy}": queued jobs may be evicted under memory pressure; set it to noeviction`;
      logger.warn({ policy }, message);
      return message;
    }
    return null;
  } catch {
    // Managed Redis may refuse CONFIG; nothing to check then.
    return null;
  }
}
