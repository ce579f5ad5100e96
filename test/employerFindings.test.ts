import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { importEnrollmentFile } from '../src/enrollment/enrollmentImport.js';
import { queueMatching } from '../src/matching/matchQueue.js';
import { importPermitFile } from '../src/oss/fileImport.js';
import { runUntilIdle } from '../src/queues/runUntilIdle.js';
import { ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

/**
 * One enrolled employer, several permits linked to it by identifiers (its NPP on one, its
 * NPWP on another): the officers' list names the employer's shortfalls once, on the
 * employer's whole declared workforce.
 */
describe('findings of an employer with several permits', () => {
  let t: TestEnv;
  let line = 0;
  const HEADER = 'npp,nama_perusahaan,npwp,nib,alamat,kode_wilayah,status,program,tk_aktif,total_upah,bulan_tunggakan';
  const importPermits = async (records: Array<Record<string, unknown>>) => {
    line += 1;
    const file = join(t.dir, `permits-${line}.jsonl`);
    await writeFile(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    await importPermitFile(t.ctx.db, file, async (changed) => void (await queueMatching(t.ctx.queues, changed, 'test', 1000)));
    await runUntilIdle(t.ctx, { pollMs: 100 });
  };
  const active = () =>
    t.ctx.db
      .selectFrom('finding')
      .select(['nib', 'npp', 'category', 'priority', 'evidence'])
      .where('status', 'in', ['open', 'notified', 'acknowledged'])
      .orderBy('nib')
      .orderBy('category')
      .execute();

  beforeAll(async () => {
    t = await createTestEnv();
    const extract = join(t.dir, 'extract.csv');
    // 10 workers reported at Rp2,000,000 (under Tuban's UMK), JHT missing, 3 months in arrears.
    await writeFile(extract, `${HEADER}\n11111111,PT SUMBER REJEKI TUBAN,01.234.567.8-901.000,,Jl. Pantura 1,35.23,AKTIF,JKK;JKM,10,20000000,3\n`);
    await importEnrollmentFile(t.ctx.db, extract);
    await importPermits([
      ossRecord({ nib: '9120000000002', name: 'PT Sumber Rejeki Tuban', noNpp: '11111111', region: '3523010001', workers: [30, 0] }),
      ossRecord({ nib: '9120000000001', name: 'PT Sumber Rejeki Tuban', npwp: '012345678901000', region: '3523010001', workers: [20, 0], scale: '03' }),
    ]);
  });
  afterAll(async () => t.cleanup());

  it('links both permits to the employer', async () => {
    const links = await t.ctx.db.selectFrom('match').select(['nib', 'npp', 'decision']).orderBy('nib').execute();
    expect(links).toEqual([
      { nib: '9120000000001', npp: '11111111', decision: 'matched' },
      { nib: '9120000000002', npp: '11111111', decision: 'matched' },
    ]);
  });

  it('flags each of the employer\'s shortfalls once, against the largest workforce its permits declare', async () => {
    const findings = await active();
    expect(findings.map((f) => f.category).sort()).toEqual(['arrears', 'missing_programs', 'under_reported_wages', 'under_reported_workers']);
    expect(new Set(findings.map((f) => f.nib)).size).toBe(1);
    const workers = findings.find((f) => f.category === 'under_reported_workers')!;
    // 30 and 20 declared: the larger, not the sum, since two NIBs of one company may each declare all of it.
    expect(workers.priority).toBe(20);
    expect(workers.evidence).toMatchObject({ declared_workers: 30, reported_workers: 10, gap: 20 });
    // The larger of the two scales decides the mandatory programs.
    expect(findings.find((f) => f.category === 'missing_programs')!.evidence).toMatchObject({ business_scale: '03', missing: ['JHT', 'JP'] });
  });

  it('shows the officers the workforce and scale the employer was judged on', async () => {
    const dir = join(t.dir, 'digests', 'TUBAN');
    const [file] = (await readdir(dir)).filter((f) => f.endsWith('.csv'));
    const [header, ...lines] = (await readFile(join(dir, file!), 'utf8')).replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(','));
    const col = (name: string) => header!.indexOf(name);
    expect(lines).toHaveLength(4);
    for (const l of lines) {
      expect([l[col('TK dilaporkan OSS / Declared')], l[col('Skala / Scale')], l[col('Program kurang / Missing')]]).toEqual(['30', '03', 'JHT;JP']);
    }
  });

  it('moves them to the other permit when the one holding them is revoked', async () => {
    const holder = (await active())[0]!.nib;
    const other = holder === '9120000000001' ? '9120000000002' : '9120000000001';
    const workers = holder === '9120000000001' ? [20, 0] : [30, 0];
    await importPermits([
      ossRecord({
        nib: holder, name: 'PT Sumber Rejeki Tuban', tipe: 3, changed: '2025-06-01 09:00:00', region: '3523010001', workers: workers as [number, number],
        ...(holder === '9120000000002' ? { noNpp: '11111111' } : { npwp: '012345678901000' }),
      }),
    ]);
    const findings = await active();
    expect(findings.map((f) => f.nib)).toEqual([other, other, other, other]);
    expect(findings.find((f) => f.category === 'under_reported_workers')!.evidence).toMatchObject({ declared_workers: 50 - workers[0]!, gap: 40 - workers[0]! });
  });
});
