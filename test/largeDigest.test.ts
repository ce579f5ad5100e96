import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleBranchFlush } from '../src/notify/notifyQueue.js';
import { runUntilIdle } from '../src/queues/runUntilIdle.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

/**
 * A branch's first digest at national scale lists every employer it has to follow up:
 * more findings than PostgreSQL's protocol has parameters for one statement (65,535).
 * Every look-up and write of the digest's findings must pass them as one array.
 */
const FINDINGS = 66_000;
const BRANCH = 'TUBAN';

describe('a digest with more findings than a statement has parameters', () => {
  let t: TestEnv;

  beforeAll(async () => {
    t = await createTestEnv();
    const region = await t.ctx.db.selectFrom('branch_region').select('kab_kota').where('branch_code', '=', BRANCH).executeTakeFirstOrThrow();
    // Rows made in bulk: the import and matching paths are tested elsewhere; here only the notifier's size matters.
    await sql`
      INSERT INTO permit (nib, version_at, doc_type, payload_hash, name, name_norm, kab_kota, declared_workers, declared_breakdown, raw, source, source_ref)
      SELECT (9000000000000 + g)::text, now(), 9, md5(g::text), 'PT Usaha Nomor ' || g, 'USAHA NOMOR ' || g, ${region.kab_kota}, 12, '{}'::jsonb, '{}'::jsonb, 'test', 'large-digest'
      FROM generate_series(1, ${FINDINGS}) AS g`.execute(t.ctx.db);
    // Decided already, so no matching runs beside the notifier.
    await sql`
      INSERT INTO match (nib, decision, npp, score, method, explanation, permit_hash)
      SELECT nib, 'unmatched', NULL, 0, 'name', '{}'::jsonb, payload_hash FROM permit WHERE source_ref = 'large-digest'`.execute(t.ctx.db);
    await sql`
      INSERT INTO finding (nib, category, branch, kab_kota, status, priority, evidence)
      SELECT nib, 'unregistered', ${BRANCH}, kab_kota, 'open', 1, '{}'::jsonb FROM permit WHERE source_ref = 'large-digest'`.execute(t.ctx.db);
  }, 120_000);
  afterAll(async () => {
    await t.cleanup();
  });

  const flush = async () => {
    await scheduleBranchFlush(t.ctx.db, t.ctx.queues, t.config, [BRANCH], true);
    await runUntilIdle(t.ctx, { pollMs: 100 });
  };
  const statuses = async () =>
    Object.fromEntries(
      (await t.ctx.db.selectFrom('finding').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('branch', '=', BRANCH).groupBy('status').execute()).map((r) => [
        r.status,
        Number(r.n),
      ]),
    );
  const digestFiles = async () => (await readdir(join(t.dir, 'digests', BRANCH))).filter((f) => f.endsWith('.csv')).sort();

  it('lists all of them, marks them notified and records each step', async () => {
    await flush();

    const digests = await t.ctx.db.selectFrom('digest').select(['status', 'finding_count', 'reason', 'last_error']).where('branch', '=', BRANCH).execute();
    expect(digests).toEqual([{ status: 'delivered', finding_count: FINDINGS, reason: 'new', last_error: null }]);
    expect(await statuses()).toEqual({ notified: FINDINGS });
    const steps = await sql<{ n: string }>`SELECT count(*) AS n FROM finding_transition WHERE to_status = 'notified' AND actor = 'notifier'`.execute(t.ctx.db);
    expect(Number(steps.rows[0]!.n)).toBe(FINDINGS);
    const files = await digestFiles();
    expect(files).toHaveLength(1);
    const lines = (await readFile(join(t.dir, 'digests', BRANCH, files[0]!), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(FINDINGS + 1);
  }, 300_000);

  it('tells which of them were resolved when most of them are', async () => {
    const resolvedCount = FINDINGS - 100;
    await sql`
      UPDATE finding SET status = 'resolved', resolved_at = now(), resolution = 'registered'
      WHERE id IN (SELECT id FROM finding WHERE branch = ${BRANCH} ORDER BY id LIMIT ${resolvedCount})`.execute(t.ctx.db);
    await flush();

    const latest = await t.ctx.db
      .selectFrom('digest')
      .select(['status', 'finding_count', 'reason', 'payload'])
      .where('branch', '=', BRANCH)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const payload = (typeof latest.payload === 'string' ? JSON.parse(latest.payload) : latest.payload) as { findings: unknown[]; resolved: unknown[] };
    expect({ status: latest.status, reason: latest.reason }).toEqual({ status: 'delivered', reason: 'changed' });
    expect(payload.findings).toHaveLength(100);
    expect(payload.resolved).toHaveLength(resolvedCount);
    expect(await digestFiles()).toHaveLength(2);
  }, 300_000);
});
