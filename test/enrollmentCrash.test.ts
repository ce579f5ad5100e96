import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startImport, upsertEmployers } from '../src/enrollment/employerRepository.js';
import { importEnrollmentFile } from '../src/enrollment/enrollmentImport.js';
import { runUntilIdle } from '../src/queues/runUntilIdle.js';
import { jsonLines, runCli } from './support/cli.js';
import { ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

describe('enrollment imports killed mid-file or run at once', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.cleanup());

  it('is completed by running the same file again: name words built, permits re-matched', async () => {
    const permits = join(t.dir, 'p.jsonl');
    await writeFile(permits, `${JSON.stringify(ossRecord({ nib: '9120000006001', name: 'PT Sinar Laut Gemilang Abadi', region: '3523010001' }))}\n`);
    expect((await runCli(['permits', 'import', permits], t.env)).code).toBe(0);
    await runUntilIdle(t.ctx, { pollMs: 100 });

    // The process died after writing the employer rows, before their follow-up work.
    const killed = await startImport(t.ctx.db, 'extract.csv');
    await upsertEmployers(t.ctx.db, [{
      npp: '70000001', name: 'PT SINAR LAUT GEMILANG ABADI', name_norm: 'SINAR LAUT GEMILANG ABADI', npwp: null, nib: null, address: null,
      kab_kota: '3523', status: 'AKTIF', programs: ['JKK', 'JKM', 'JHT'], active_workers: 8, total_wages: 30000000, arrears_months: 0, import_id: killed,
    }]);

    const extract = join(t.dir, 'extract.csv');
    await writeFile(extract, 'npp,nama_perusahaan,npwp,nib,alamat,kode_wilayah,status,program,tk_aktif,total_upah,bulan_tunggakan\n70000001,PT SINAR LAUT GEMILANG ABADI,,,,35.23,AKTIF,JKK;JKM;JHT,8,30000000,0\n');
    const again = await runCli(['enrollment', 'import', extract], t.env);
    expect(again.stdout).toMatch(/0 new, 0 changed, 1 unchanged\), 0 rejected; 1 permits queued for re-matching/);
    expect(await t.ctx.db.selectFrom('employer_token').select('token').where('npp', '=', '70000001').orderBy('token').execute()).toHaveLength(4);
    expect(await t.ctx.db.selectFrom('enrollment_import').select('id').where('finished_at', 'is', null).execute()).toEqual([]);
    await runUntilIdle(t.ctx, { pollMs: 100 });
    const matches = jsonLines((await runCli(['matches', 'export'], t.env)).stdout);
    expect(matches).toEqual([expect.objectContaining({ nib: '9120000006001', npp: '70000001', decision: 'matched', method: 'name' })]);
  });

  it('runs two imports started together one after the other: both finish, every employer keeps its name words once', async () => {
    const header = 'npp,nama_perusahaan,npwp,nib,alamat,kode_wilayah,status,program,tk_aktif,total_upah,bulan_tunggakan\n';
    const rows = (from: number, n: number, suffix: string) =>
      Array.from({ length: n }, (_, i) => `${80000000 + from + i},PT ${suffix} Karya Nomor ${from + i} Sejahtera,,,,35.23,AKTIF,JKK;JKM;JHT,8,30000000,0\n`).join('');
    // The two extracts share half their employers, under different names.
    const first = join(t.dir, 'first.csv');
    const second = join(t.dir, 'second.csv');
    await writeFile(first, header + rows(0, 3000, 'Alfa'));
    await writeFile(second, header + rows(1500, 3000, 'Bravo'));
    const waited: string[] = [];
    const [a, b] = await Promise.all([
      importEnrollmentFile(t.ctx.db, first, { onWait: () => waited.push('first') }),
      importEnrollmentFile(t.ctx.db, second, { onWait: () => waited.push('second') }),
    ]);
    expect(waited).toHaveLength(1);
    expect(a.loaded + b.loaded).toBe(6000);
    expect(await t.ctx.db.selectFrom('enrollment_import').select('id').where('finished_at', 'is', null).execute()).toEqual([]);
    // Name words equal a rebuild from the stored names, and the frequencies count them.
    const { rows: drift } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        (SELECT t.token, e.npp FROM employer e, unnest(string_to_array(e.name_norm, ' ')) AS t(token) WHERE e.npp LIKE '8%'
         EXCEPT SELECT token, npp FROM employer_token WHERE npp LIKE '8%')
        UNION ALL
        (SELECT token, npp FROM employer_token WHERE npp LIKE '8%'
         EXCEPT SELECT t.token, e.npp FROM employer e, unnest(string_to_array(e.name_norm, ' ')) AS t(token) WHERE e.npp LIKE '8%')
      ) d`.execute(t.ctx.db);
    expect(drift[0]!.n).toBe(0);
    const { rows: counts } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM name_token n
      WHERE n.employers <> (SELECT count(*) FROM employer_token e WHERE e.token = n.token)`.execute(t.ctx.db);
    expect(counts[0]!.n).toBe(0);
    const bravo = await t.ctx.db.selectFrom('employer').select('name').where('npp', '=', '80002000').executeTakeFirstOrThrow();
    expect(bravo.name).toMatch(waited[0] === 'second' ? /Bravo/ : /Alfa/);
  });
});
