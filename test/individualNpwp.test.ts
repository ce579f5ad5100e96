import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from './support/cli.js';
import { importExtract } from './support/enrollmentExtract.js';
import { ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

/**
 * An entity's NPWP names its taxpayer by digits 2 to 10 (the last three number branches);
 * an individual's NPWP is their NIK, whose digits 2 to 10 are a district and a birth date.
 * Two business owners of one district born on the same day must not be linked by them.
 */
describe('NPWP taxpayer base: entities only (real CLI, PostgreSQL, Redis)', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
    await importExtract(t, [
      '55900001,BUDI SANTOSO,3523012345670123,,,35.23,AKTIF,JKK;JKM;JHT,8,30000000,0',
      '55900002,PT KARYA TUBAN ABADI,0123456789012000,,,35.23,AKTIF,JKK;JKM;JHT,8,30000000,0',
    ]);
  });
  afterAll(async () => t.cleanup());

  it('links an entity branch to its head office by the base, and an individual only by the whole NIK', async () => {
    const path = join(t.dir, 'permits.jsonl');
    const records = [
      ossRecord({ nib: '9120000009001', name: 'Siti Aminah', npwp: '3523012345670555' }),
      ossRecord({ nib: '9120000009002', name: 'Toko Budi', npwp: '3523012345670123' }),
      ossRecord({ nib: '9120000009003', name: 'PT Karya Tuban Abadi Cabang Babat', npwp: '0123456789012001' }),
    ];
    await writeFile(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    expect((await runCli(['permits', 'import', path], t.env)).code).toBe(0);
    expect((await runCli(['run', '--until-idle'], t.env)).code).toBe(0);
    const matches = new Map(jsonLines((await runCli(['matches', 'export'], t.env)).stdout).map((m) => [m.nib as string, m]));
    expect(matches.get('9120000009001')).toMatchObject({ decision: 'unmatched', npp: null });
    expect(matches.get('9120000009002')).toMatchObject({ decision: 'matched', npp: '55900001', method: 'npwp' });
    expect(matches.get('9120000009003')).toMatchObject({ decision: 'matched', npp: '55900002', method: 'npwp_base' });
  });
});
