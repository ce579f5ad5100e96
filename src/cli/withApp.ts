import { createApp, type AppContext } from '../app.js';
import { loadConfig } from '../config.js';
import { assertDatabaseReady } from '../db/databaseReady.js';
import { REDIS_WAIT_MS, awaitRedis } from '../queues/redisReachable.js';

/**
 * Runs a command with the process's app context and always releases it. A command that
 * queues work (most do) first makes sure Redis is there; `redis: false` marks the ones
 * that only read PostgreSQL (exports, listings, keys), which work while Redis is away.
 * PostgreSQL must be reachable and migrated first, or the command says so and does nothing.
 */
export async function withApp<T>(fn: (ctx: AppContext) => Promise<T>, options: { redis?: boolean } = {}): Promise<T> {
  const ctx = createApp(loadConfig());
  try {
    // Before anything is read or written: an export must not begin its file on a database it cannot finish reading.
    await assertDatabaseReady(ctx.db as never, ctx.config.DATABASE_URL);
    if (options.redis !== false) await awaitRedis(ctx.redis, ctx.config.REDIS_URL, REDIS_WAIT_MS);
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
