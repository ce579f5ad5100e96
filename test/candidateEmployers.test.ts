import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CandidateEmployers } from '../src/matching/candidateEmployers.js';
import { NameFrequencies } from '../src/matching/nameFrequencies.js';
import { activeEmployerRow, importExtract as importRows } from './support/enrollmentExtract.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

describe('candidate employers kept in memory by the matcher', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.cleanup());

  const importExtract = (rows: string[]) => importRows(t, rows);
  const version = () => new NameFrequencies().refresh(t.ctx.db);
  /** Changes a row behind the cache's back (no import, so no new version). */
  const renameQuietly = (npp: string, name: string) => t.ctx.db.updateTable('employer').set({ name }).where('npp', '=', npp).execute();
  const names = async (cache: CandidateEmployers, npps: string[], v: string | null) =>
    Object.fromEntries([...(await cache.sidesOf(t.ctx.db, npps, v))].map(([npp, side]) => [npp, side.raw]));

  it('reads what name scoring needs of each enrolled employer, and skips NPPs not enrolled', async () => {
    await importExtract([activeEmployerRow('74000001', '"SAMUDRA KILAU NUSANTARA, PT"', '33.72'), activeEmployerRow('74000002', 'CV Bintang Timur')]);
    const sides = await new CandidateEmployers().sidesOf(t.ctx.db, ['74000001', '74000002', '74000001', '99999999'], await version());
    expect([...sides.keys()].sort()).toEqual(['74000001', '74000002']);
    expect(sides.get('74000001')).toMatchObject({ raw: 'SAMUDRA KILAU NUSANTARA, PT', tokens: ['SAMUDRA', 'KILAU', 'NUSANTARA'], legalForms: ['PT'], kabKota: '3372' });
    expect(sides.get('74000002')).toMatchObject({ tokens: ['BINTANG', 'TIMUR'], legalForms: ['CV'], kabKota: '3523' });
  });

  it('answers from memory until an enrollment import moves the version, then reads the rows again', async () => {
    const cache = new CandidateEmployers();
    const before = await version();
    expect(await names(cache, ['74000001'], before)).toEqual({ '74000001': 'SAMUDRA KILAU NUSANTARA, PT' });
    await renameQuietly('74000001', 'PT SAMUDRA KILAU');
    // Same version: the row is not read again.
    expect(await names(cache, ['74000001'], before)).toEqual({ '74000001': 'SAMUDRA KILAU NUSANTARA, PT' });

    await importExtract([activeEmployerRow('74000001', 'PT SAMUDRA KILAU JAYA', '33.72'), activeEmployerRow('74000002', 'CV Bintang Timur')]);
    const after = await version();
    expect(after).not.toBe(before);
    expect(await names(cache, ['74000001', '74000002'], after)).toEqual({ '74000001': 'PT SAMUDRA KILAU JAYA', '74000002': 'CV Bintang Timur' });
  });

  it('keeps the employers used lately when it is full, and drops the others', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => activeEmployerRow(`7400010${i}`, `PT LAKSANA GRAHA ${'ABCDEF'[i]}`));
    await importExtract(rows);
    const v = await version();
    const cache = new CandidateEmployers(4);
    await cache.sidesOf(t.ctx.db, ['74000100', '74000101'], v);
    await cache.sidesOf(t.ctx.db, ['74000102', '74000103'], v);
    await cache.sidesOf(t.ctx.db, ['74000100'], v); // used again
    await cache.sidesOf(t.ctx.db, ['74000104', '74000105'], v);
    for (const npp of ['74000100', '74000101', '74000105']) await renameQuietly(npp, 'PT RENAMED');
    const now = await names(cache, ['74000100', '74000101', '74000105'], v);
    expect(now['74000100']).toBe('PT LAKSANA GRAHA A'); // kept: used lately
    expect(now['74000105']).toBe('PT LAKSANA GRAHA F'); // kept: just read
    expect(now['74000101']).toBe('PT RENAMED'); // dropped, read again
  });

  it('keeps nothing without a version', async () => {
    const cache = new CandidateEmployers();
    await cache.sidesOf(t.ctx.db, ['74000002'], null);
    await renameQuietly('74000002', 'CV BINTANG BARAT');
    expect(await names(cache, ['74000002'], null)).toEqual({ '74000002': 'CV BINTANG BARAT' });
  });
});
