import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from './support/cli.js';
import { activeEmployerRow, importExtract } from './support/enrollmentExtract.js';
import { ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

/**
 * One employer is one company. When a later batch links an employer by an identifier, a
 * permit an earlier batch linked to it by name alone must give it up, so the outcome is the
 * same whichever permit is matched first.
 */
describe('an identifier link takes an employer over from an earlier name link (real CLI, PostgreSQL, Redis)', () => {
  let t: TestEnv;
  const byName = '9120000008001';
  const byNpp = '9120000008002';
  beforeAll(async () => {
    t = await createTestEnv();
    await importExtract(t, [activeEmployerRow('55800001', 'PT KARYA MANDIRI SENTOSA')]);
  });
  afterAll(async () => t.cleanup());

  const importPermits = async (file: string, records: Array<Record<string, unknown>>) => {
    const path = join(t.dir, file);
    await writeFile(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    expect((await runCli(['permits', 'import', path], t.env)).code).toBe(0);
    expect((await runCli(['run', '--until-idle'], t.env)).code).toBe(0);
  };
  const matches = async () => new Map(jsonLines((await runCli(['matches', 'export'], t.env)).stdout).map((m) => [m.nib as string, m]));

  it('links the first permit by name while nothing else claims the employer', async () => {
    await importPermits('first.jsonl', [ossRecord({ nib: byName, name: 'PT Karya Mandiri Sentosa' })]);
    expect((await matches()).get(byName)).toMatchObject({ decision: 'matched', npp: '55800001', method: 'name' });
  });

  it('moves the employer to the permit that quotes its NPP, and leaves the name-only permit without it', async () => {
    await importPermits('second.jsonl', [ossRecord({ nib: byNpp, name: 'PT KMS Cabang Tuban', noNpp: '55800001' })]);
    const after = await matches();
    expect(after.get(byNpp)).toMatchObject({ decision: 'matched', npp: '55800001', method: 'npp' });
    expect(after.get(byName)?.npp).not.toBe('55800001');
    expect(after.get(byName)?.decision).not.toBe('matched');
    // Nothing is left owed: the displaced permit was decided again within the same run.
    expect(await t.ctx.db.selectFrom('match_request').select('nib').execute()).toEqual([]);
    // It is flagged as not registered, as it would have been had it been matched second.
    const findings = jsonLines((await runCli(['findings', 'export'], t.env)).stdout).filter((f) => f.nib === byName);
    expect(findings.map((f) => f.category)).toContain('unregistered');
  });
});
