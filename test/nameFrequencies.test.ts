import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NameFrequencies } from '../src/matching/nameFrequencies.js';
import { runCli } from './support/cli.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

const HEADER = 'npp,nama_perusahaan,npwp,nib,alamat,kode_wilayah,status,program,tk_aktif,total_upah,bulan_tunggakan';
const row = (npp: string, name: string) => `${npp},${name},,,,35.23,AKTIF,JKK;JKM;JHT,8,30000000,0`;

describe('word frequencies kept in memory by the matcher', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.cleanup());

  async function importExtract(rows: string[]): Promise<void> {
    const extract = join(t.dir, 'extract.csv');
    await writeFile(extract, [HEADER, ...rows].join('\n'));
    expect((await runCli(['enrollment', 'import', extract], t.env)).code).toBe(0);
  }

  it('answers from memory until an enrollment import rebuilds the frequencies, then reads them again', async () => {
    await importExtract([row('72000001', 'PT SAMUDRA KILAU NUSANTARA'), row('72000002', 'PT BINTANG TIMUR NUSANTARA')]);
    const frequencies = new NameFrequencies();
    await frequencies.refresh(t.ctx.db);
    expect(Object.fromEntries(await frequencies.wordFrequencies(t.ctx.db, ['KILAU', 'NUSANTARA', 'TIDAKADA']))).toEqual({ KILAU: 1, NUSANTARA: 2, TIDAKADA: 0 });
    expect(Object.fromEntries(await frequencies.pairFrequencies(t.ctx.db, ['KILAU SAMUDRA', 'BINTANG KILAU']))).toEqual({ 'KILAU SAMUDRA': 1, 'BINTANG KILAU': 0 });

    await importExtract([
      row('72000001', 'PT SAMUDRA KILAU NUSANTARA'),
      row('72000002', 'PT BINTANG TIMUR NUSANTARA'),
      row('72000003', 'CV KILAU SAMUDRA'),
      row('72000004', 'PT BINTANG KILAU'),
    ]);
    // Between batches nothing is read again: the values a batch saw are still held...
    expect((await frequencies.wordFrequencies(t.ctx.db, ['KILAU'])).get('KILAU')).toBe(1);
    // ...and the next batch's refresh sees the import's new version and reads afresh.
    await frequencies.refresh(t.ctx.db);
    expect(Object.fromEntries(await frequencies.wordFrequencies(t.ctx.db, ['KILAU', 'NUSANTARA', 'TIDAKADA']))).toEqual({ KILAU: 3, NUSANTARA: 2, TIDAKADA: 0 });
    expect(Object.fromEntries(await frequencies.pairFrequencies(t.ctx.db, ['KILAU SAMUDRA', 'BINTANG KILAU']))).toEqual({ 'KILAU SAMUDRA': 2, 'BINTANG KILAU': 1 });
  });

  it('keeps nothing when the database has no frequency version', async () => {
    await t.ctx.db.deleteFrom('name_frequency_version').execute();
    const frequencies = new NameFrequencies();
    await frequencies.refresh(t.ctx.db);
    expect((await frequencies.wordFrequencies(t.ctx.db, ['KILAU'])).get('KILAU')).toBe(3);
    await t.ctx.db.updateTable('name_token').set({ employers: 7 }).where('token', '=', 'KILAU').execute();
    expect((await frequencies.wordFrequencies(t.ctx.db, ['KILAU'])).get('KILAU')).toBe(7);
  });
});
