import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUntilIdle } from '../src/queues/runUntilIdle.js';
import { jsonLines, runCli } from './support/cli.js';
import { ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

describe('legal forms stored with each employer at import', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.cleanup());

  it('keeps the forms found in every spelling, and the matcher weighs them as before', async () => {
    const extract = join(t.dir, 'extract.csv');
    await writeFile(
      extract,
      [
        'npp,nama_perusahaan,npwp,nib,alamat,kode_wilayah,status,program,tk_aktif,total_upah,bulan_tunggakan',
        '71000001,P.T. SAMUDRA KILAU NUSANTARA,,,,35.23,AKTIF,JKK;JKM;JHT,8,30000000,0',
        '71000002,"KENCANA BAHARI MAKMUR, CV",,,,35.23,AKTIF,JKK;JKM;JHT,8,30000000,0',
        '71000003,Koperasi Serba Usaha Tani Subur Rejeki,,,,35.23,AKTIF,JKK;JKM;JHT,8,30000000,0',
        '71000004,TOKO BUMI PERTIWI,,,,35.23,AKTIF,JKK;JKM;JHT,8,30000000,0',
      ].join('\n'),
    );
    expect((await runCli(['enrollment', 'import', extract], t.env)).code).toBe(0);
    const rows = await t.ctx.db.selectFrom('employer').select(['npp', 'legal_forms']).orderBy('npp').execute();
    expect(rows.map((r) => [r.npp, r.legal_forms?.includes('PT') ?? null, r.legal_forms?.includes('CV') ?? null])).toEqual([
      ['71000001', true, false],
      ['71000002', false, true],
      ['71000003', false, false],
      ['71000004', false, false],
    ]);
    expect(rows[2]!.legal_forms!.length).toBeGreaterThan(0);
    expect(rows[3]!.legal_forms).toEqual([]);

    // Same name, different entity form (CV vs PT): the stored forms count against the link.
    const permits = join(t.dir, 'p.jsonl');
    await writeFile(
      permits,
      [
        JSON.stringify(ossRecord({ nib: '9120000007001', name: 'PT Samudra Kilau Nusantara', region: '3523010001' })),
        JSON.stringify(ossRecord({ nib: '9120000007002', name: 'PT Kencana Bahari Makmur', region: '3523010001' })),
      ].join('\n'),
    );
    expect((await runCli(['permits', 'import', permits], t.env)).code).toBe(0);
    await runUntilIdle(t.ctx, { pollMs: 100 });
    const matches = jsonLines((await runCli(['matches', 'export'], t.env)).stdout) as Array<{ nib: string; decision: string; npp: string | null; score: number }>;
    const byNib = new Map(matches.map((m) => [m.nib, m]));
    expect(byNib.get('9120000007001')).toMatchObject({ decision: 'matched', npp: '71000001' });
    expect(byNib.get('9120000007002')!.score).toBeLessThan(byNib.get('9120000007001')!.score);
  });
});
