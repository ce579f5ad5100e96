import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requeueOutstandingWork } from '../src/queues/reconcile.js';
import { runUntilIdle } from '../src/queues/runUntilIdle.js';
import { enroll, importUnregistered } from './support/scenario.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

/** Deletes every key of the env's queue prefix: Redis lost everything Patuh had there. */
async function emptyRedis(t: TestEnv): Promise<number> {
  const keys = await t.ctx.redis.keys(`${t.config.QUEUE_PREFIX}:*`);
  if (keys.length) await t.ctx.redis.del(...keys);
  return keys.length;
}

async function finalState(t: TestEnv) {
  const matches = await t.ctx.db.selectFrom('match').select(['decision']).execute();
  const findings = await t.ctx.db.selectFrom('finding').select(['category', 'status', 'branch']).orderBy('branch').orderBy('category').orderBy('status').execute();
  const undelivered = await t.ctx.db.selectFrom('finding_event').select('id').where('flushed_at', 'is', null).execute();
  const pending = await t.ctx.db.selectFrom('permit').select('nib').where('match_requested_at', 'is not', null).execute();
  return { matches: matches.length, findings, undelivered: undelivered.length, pending: pending.length };
}

describe('Redis emptied entirely: the reconcile rebuilds the work from PostgreSQL', () => {
  let clean: TestEnv;
  let lossy: TestEnv;
  beforeAll(async () => {
    clean = await createTestEnv();
    lossy = await createTestEnv();
  });
  afterAll(async () => {
    await clean.cleanup();
    await lossy.cleanup();
  });

  it('ends with the same permits, matches and findings as a clean run, every change delivered', async () => {
    const scenario = async (t: TestEnv, loseRedis: boolean) => {
      const nibs = await importUnregistered(t.ctx, t.dir, { TUBAN: 4, JEMBER: 3, PALEMBANG: 2, PUSAT: 1 });
      if (loseRedis) expect(await emptyRedis(t)).toBeGreaterThan(0);
      if (loseRedis) await requeueOutstandingWork(t.ctx);
      await runUntilIdle(t.ctx, { pollMs: 100 });
      // Findings change, then Redis is lost again before the notifier sees the change.
      await enroll(t.ctx, t.dir, nibs.slice(0, 2));
      if (loseRedis) {
        await emptyRedis(t);
        await requeueOutstandingWork(t.ctx);
      }
      await runUntilIdle(t.ctx, { pollMs: 100 });
      return finalState(t);
    };
    const expected = await scenario(clean, false);
    const actual = await scenario(lossy, true);
    expect(actual).toEqual(expected);
    expect(actual).toMatchObject({ matches: 10, undelivered: 0, pending: 0 });
    const resolved = actual.findings.filter((f) => f.status === 'resolved');
    expect(resolved).toHaveLength(2);
  }, 120_000);
});
