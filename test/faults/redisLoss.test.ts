import { afterEach, describe, expect, it } from 'vitest';
import { atRandomMoments, faultSeeds } from './support/pipeline.js';
import { startPrivateRedis, type PrivateRedis } from './support/privateServices.js';
import { expectSameAsCleanRun } from './support/verdict.js';

describe.each(faultSeeds())('Redis restarted and emptied mid-run (seed %i)', (seed) => {
  let redis: PrivateRedis | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it('Redis killed and restarted (append-only file kept): the same end state as a clean run', async () => {
    redis = await startPrivateRedis();
    const r = redis;
    const report = await expectSameAsCleanRun('redis-restart', seed, {
      redisUrl: r.url,
      inject: async (run) => ({ redisRestarts: await atRandomMoments(run, 2, () => r.restart(1000 + run.random() * 1500)) }),
    });
    expect(report.faults.redisRestarts).toBeGreaterThan(0);
  }, 600_000);

  it('Redis emptied entirely: the work is rebuilt from PostgreSQL, the same end state as a clean run', async () => {
    redis = await startPrivateRedis();
    const r = redis;
    const report = await expectSameAsCleanRun('redis-flush', seed, {
      redisUrl: r.url,
      inject: async (run) => ({ redisFlushes: await atRandomMoments(run, 2, () => r.flush()) }),
    });
    expect(report.faults.redisFlushes).toBeGreaterThan(0);
  }, 600_000);
});
