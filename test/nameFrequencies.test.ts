import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NameFrequencies } from '../src/matching/nameFrequencies.js';
import { activeEmployerRow, importExtract as importRows } from './support/enrollmentExtract.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

const row = (npp: string, name: string) => activeEmployerRow(npp, name);

describe('word frequencies kept in memory by the matcher', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.cleanup());

  const importExtract = (rows: string[]) => importRows(t, rows);

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

  it('holds every word after a refresh: a word no batch asked for yet is answered without reading the database', async () => {
    const frequencies = new NameFrequencies();
    await frequencies.refresh(t.ctx.db);
    const before = (await t.ctx.db.selectFrom('name_token').select('employers').where('token', '=', 'TIMUR').executeTakeFirstOrThrow()).employers;
    await t.ctx.db.updateTable('name_token').set({ employers: before + 40 }).where('token', '=', 'TIMUR').execute();
    expect((await frequencies.wordFrequencies(t.ctx.db, ['TIMUR'])).get('TIMUR')).toBe(before);
    await t.ctx.db.updateTable('name_frequency_version').set({ version: '1' }).execute();
    await frequencies.refresh(t.ctx.db);
    expect((await frequencies.wordFrequencies(t.ctx.db, ['TIMUR'])).get('TIMUR')).toBe(before + 40);
    await t.ctx.db.updateTable('name_token').set({ employers: before }).where('token', '=', 'TIMUR').execute();
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
