import { createApp, type AppContext } from '../app.js';
import { loadConfig } from '../config.js';
import { awaitRedis } from '../queues/redisReachable.js';

/** How long a command waits for Redis before saying it cannot reach it. */
const REDIS_WAIT_MS = 10_000;

/**
 * Runs a command with the process's app context and always releases it. A command that
 * queues work (most do) first makes sure Redis is there; `redis: false` marks the ones
 * that only read PostgreSQL (exports, listings, keys), which work while Redis is away.
 */
export async function withApp<T>(fn: (ctx: AppContext) => Promise<T>, options: { redis?: boolean } = {}): Promise<T> {
  const ctx = createApp(loadConfig());
  try {
    if (options.redis !== false) await awaitRedis(ctx.redis, ctx.config.REDIS_URL, REDIS_WAIT_MS);
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
