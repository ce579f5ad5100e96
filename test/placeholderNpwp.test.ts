import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from './support/cli.js';
import { importExtract } from './support/enrollmentExtract.js';
import { ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

/**
 * Registries write an NPWP of zeros (00.000.000.0-000.000) when they do not have the
 * number. It names no taxpayer: two companies that both carry it are not the same one, and
 * a company carrying it does not contradict an employer's real NPWP.
 */
describe('placeholder NPWP of zeros (real CLI, PostgreSQL, Redis)', () => {
  let t: TestEnv;
  let matches: Map<string, Record<string, unknown>>;
  beforeAll(async () => {
    t = await createTestEnv();
    await importExtract(t, [
      '55910001,CV BUNGA MAWAR,00.000.000.0-000.000,,,35.23,AKTIF,JKK;JKM;JHT,5,25000000,2',
      '55910002,PT SAMUDRA BIRU LESTARI,0123456789012000,,,35.23,AKTIF,JKK;JKM;JHT,8,30000000,0',
    ]);
    const path = join(t.dir, 'permits.jsonl');
    const records = [
      ossRecord({ nib: '9120000009101', name: 'PT Baja Kencana Samudra', npwp: '000000000000000', workers: [40, 0] }),
      ossRecord({ nib: '9120000009102', name: 'PT Lintas Gemilang Nusa', npwp: '00.000.000.0-000.000', workers: [25, 0] }),
      ossRecord({ nib: '9120000009103', name: 'PT Samudra Biru Lestari', npwp: '000000000000000', workers: [8, 0] }),
    ];
    await writeFile(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    expect((await runCli(['permits', 'import', path], t.env)).code).toBe(0);
    expect((await runCli(['run', '--until-idle'], t.env)).code).toBe(0);
    matches = new Map(jsonLines((await runCli(['matches', 'export'], t.env)).stdout).map((m) => [m.nib as string, m]));
  });
  afterAll(async () => t.cleanup());

  it('links no company to an employer by the zeros, and flags the unregistered ones', async () => {
    expect(matches.get('9120000009101')).toMatchObject({ decision: 'unmatched', npp: null });
    expect(matches.get('9120000009102')).toMatchObject({ decision: 'unmatched', npp: null });
    const findings = jsonLines((await runCli(['findings', 'export'], t.env)).stdout);
    expect(findings.filter((f) => f.category === 'unregistered').map((f) => f.nib).sort()).toEqual(['9120000009101', '9120000009102']);
  });

  it('does not hold the zeros against an employer found by name', async () => {
    expect(matches.get('9120000009103')).toMatchObject({ decision: 'matched', npp: '55910002', method: 'name' });
  });
});
