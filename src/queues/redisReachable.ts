import type { Redis } from 'ioredis';

/** Where a Redis URL points, without its password. */
function whereOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}

export class RedisUnreachableError extends Error {}

/** How long a command waits for Redis before saying it cannot reach it. */
export const REDIS_WAIT_MS = 10_000;

/**
 * Waits until the connection is ready, or fails after `timeoutMs` naming where Redis was
 * looked for and why it was not reached. A producer's commands wait for Redis for as long
 * as it is away (so a restart loses nothing), which makes a one-shot command whose Redis is
 * not there wait silently forever instead of saying so.
 */
export async function awaitRedis(redis: Redis, url: string, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  let lastError = 'no answer';
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => (lastError = error.message || (error as NodeJS.ErrnoException).code || String(error));
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
    };
    const onReady = () => {
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      reject(new RedisUnreachableError(`cannot reach Redis at ${whereOf(url)} (REDIS_URL) within ${Math.round(timeoutMs / 1000)} s: ${lastError}`));
    }, timeoutMs);
    redis.on('ready', onReady);
    redis.on('error', onError);
  });
}
