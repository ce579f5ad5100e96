import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from './support/cli.js';
import { ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';
import { requestMatching } from '../src/matching/matchRequestRepository.js';

const HEADER = 'npp,nama_perusahaan,npwp,nib,alamat,kode_wilayah,status,program,tk_aktif,total_upah,bulan_tunggakan';

describe('manual review: list, judgements, and a matcher that never overrides them', () => {
  let t: TestEnv;
  const nib = '9120000007001';
  beforeAll(async () => {
    t = await createTestEnv();
    const extract = join(t.dir, 'extract.csv');
    // Two enrolled employers with the same name in the permit's kab/kota: the matcher cannot choose.
    await writeFile(extract, [
      HEADER,
      '55500001,PT SINAR TERANG ABADI,,,Jl. Merdeka 1,35.23,AKTIF,JKK;JKM;JHT,10,40000000,0',
      '55500002,"SINAR TERANG ABADI, PT",,,Jl. Pahlawan 9,3523,AKTIF,JKK;JKM,3,6000000,2',
      '55500003,CV LAIN SAMA SEKALI,,,Jl. Lain,35.23,AKTIF,JKK;JKM,3,9000000,0',
    ].join('\n'));
    const permits = join(t.dir, 'permits.jsonl');
    await writeFile(permits, `${JSON.stringify(ossRecord({ nib, name: 'PT Sinar Terang Abadi', region: '3523010001', workers: [9, 3] }))}\n`);
    expect((await runCli(['enrollment', 'import', extract], t.env)).code).toBe(0);
    expect((await runCli(['permits', 'import', permits], t.env)).code).toBe(0);
    expect((await runCli(['run', '--until-idle'], t.env)).code).toBe(0);
  });
  afterAll(async () => t.cleanup());

  const matchOf = async () => jsonLines((await runCli(['matches', 'export'], t.env)).stdout).find((m) => m.nib === nib);
  const findings = async () => jsonLines((await runCli(['findings', 'export'], t.env)).stdout).filter((f) => f.nib === nib);

  it('puts the undecidable permit in review, with both candidates side by side, and flags nothing', async () => {
    expect(await matchOf()).toMatchObject({ decision: 'review', npp: null, method: 'name' });
    const list = await runCli(['review', 'list', '--format', 'jsonl'], t.env);
    const cases = jsonLines(list.stdout);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ nib, branch: 'TUBAN', permit: { name: 'PT Sinar Terang Abadi', kab_kota: '3523' } });
    expect((cases[0]!.candidates as Array<{ npp: string }>).map((c) => c.npp).sort()).toEqual(['55500001', '55500002']);
    const text = await runCli(['review', 'list'], t.env);
    expect(text.stdout).toMatch(/candidate NPP 55500001 .*PT SINAR TERANG ABADI/);
    expect(text.stdout).toMatch(/candidate NPP 55500002 .*SINAR TERANG ABADI, PT/);
    expect(await findings()).toEqual([]);
  });

  it('"different" keeps a pair apart for good; the other candidate then wins', async () => {
    const r = await runCli(['review', 'decide', '--nib', nib, '--npp', '55500002', '--verdict', 'different', '--by', 'officer.tuban', '--note', 'other address'], t.env);
    expect(r.code).toBe(0);
    expect((await runCli(['run', '--until-idle'], t.env)).code).toBe(0);
    expect(await matchOf()).toMatchObject({ decision: 'matched', npp: '55500001', method: 'name' });
    // 12 declared, 10 reported: the finding follows the new match.
    expect((await findings()).map((f) => f.category)).toEqual(['under_reported_workers']);
    const judgement = await t.ctx.db.selectFrom('match_judgement').selectAll().where('nib', '=', nib).executeTakeFirstOrThrow();
    expect(judgement).toMatchObject({ npp: '55500002', verdict: 'different', actor: 'officer.tuban', note: 'other address' });
  });

  it('"same" pins the link, over name evidence and over re-imports', async () => {
    const pinned = await runCli(["review", "decide", "--nib", nib, "--npp", "55500003", "--verdict", "same"], t.env);
    expect(pinned.code).toBe(0);
    const twice = await runCli(['review', 'decide', '--nib', nib, '--npp', '55500001', '--verdict', 'same'], t.env);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/already judged the same company as NPP 55500003; judge that pair "different" first/);
    expect((await runCli(['run', '--until-idle'], t.env)).code).toBe(0);
    expect(await matchOf()).toMatchObject({ decision: 'matched', npp: '55500003', method: 'judgement', score: 1 });
    // A fresh extract and a re-match change nothing about the pinned pair.
    expect((await runCli(['reconcile'], t.env)).code).toBe(0);
    await requestMatching(t.ctx.db, (await t.ctx.db.selectFrom('permit').select('nib').execute()).map((r) => r.nib));
    expect((await runCli(['run', '--until-idle'], t.env)).code).toBe(0);
    expect(await matchOf()).toMatchObject({ npp: '55500003', method: 'judgement' });
  });

  it('refuses judgements on unknown permits or employers, naming them', async () => {
    const noPermit = await runCli(['review', 'decide', '--nib', '9999999999999', '--npp', '55500001', '--verdict', 'same'], t.env);
    expect(noPermit.code).toBe(2);
    expect(noPermit.stderr).toMatch(/no permit with NIB 9999999999999/);
    const noEmployer = await runCli(['review', 'decide', '--nib', nib, '--npp', '1', '--verdict', 'different'], t.env);
    expect(noEmployer.stderr).toMatch(/no enrolled employer with NPP 1/);
    const badVerdict = await runCli(['review', 'decide', '--nib', nib, '--npp', '55500001', '--verdict', 'maybe'], t.env);
    expect(badVerdict.code).toBe(2);
    expect(badVerdict.stderr).toMatch(/verdict/);
  });
});
