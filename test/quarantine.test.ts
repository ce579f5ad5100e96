import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareSchedules } from '../src/queues/schedules.js';
import { jsonLines, runCli } from './support/cli.js';
import { ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

describe('quarantine: list, fix, retry', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv({ OSS_FEED_URL: 'http://feed.invalid' });
  });
  afterAll(async () => t.cleanup());

  it('re-processes rejects after a fix: the valid ones become permits and leave the quarantine', async () => {
    const file = join(t.dir, 'bad.jsonl');
    await writeFile(file, [
      JSON.stringify(ossRecord({ nib: '9120000008001', workers: ['-1', '2'] })),
      JSON.stringify(ossRecord({ nib: '91200000', name: 'PT NIB Pendek' })),
    ].join('\n'));
    const imported = await runCli(['permits', 'import', file], t.env);
    expect(imported.stdout).toMatch(/accepted 0 .* rejected 2/);
    const before = jsonLines((await runCli(['permits', 'rejects', '--format', 'jsonl'], t.env)).stdout);
    expect(before.map((r) => r.line)).toEqual([1, 2]);

    // An operator corrects the first record where it is kept.
    const first = before[0]!;
    const fixed = JSON.parse(first.raw as string) as Record<string, unknown>;
    (fixed.data_proyek as Array<Record<string, unknown>>)[0]!.jumlah_tki_l = '1';
    await t.ctx.db.updateTable('permit_reject').set({ raw: JSON.stringify(fixed) }).where('id', '=', first.id as number).execute();

    const retried = await runCli(['permits', 'retry-rejects'], t.env);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toMatch(/retried 2: 1 accepted \(1 queued for matching\), 1 still rejected/);
    expect(await t.ctx.db.selectFrom('permit').select(['nib', 'declared_workers']).execute()).toEqual([{ nib: '9120000008001', declared_workers: 3 }]);
    const after = jsonLines((await runCli(['permits', 'rejects', '--format', 'jsonl'], t.env)).stdout);
    expect(after).toEqual([expect.objectContaining({ line: 2, reason: 'nib: must be 13 digits' })]);
    const bad = await runCli(['permits', 'retry-rejects', '--id', 'x'], t.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--id x: must be a reject id/);
  });

  it('declares every schedule once however many processes start at the same time', async () => {
    const ctx = { ...t.ctx, config: { ...t.ctx.config, ENROLLMENT_IMPORT_PATH: '/data/extract.csv' } };
    await Promise.all(Array.from({ length: 5 }, () => declareSchedules(ctx)));
    const ingest = await t.ctx.queues.queue('ingest').getJobSchedulers();
    expect(ingest.map((s) => [s.key, s.pattern]).sort()).toEqual([
      ['enrollment-import', '0 3 * * *'],
      ['feed-sync:oss', '*/15 * * * *'],
      ['reconcile', '0 2 * * *'],
    ]);
    const notify = await t.ctx.queues.queue('notify').getJobSchedulers();
    expect(notify.map((s) => [s.key, s.pattern])).toEqual([['reminder-sweep', '*/15 * * * *']]);
  });
});
