import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameCandidates } from '../src/matching/nameCandidateRepository.js';
import { activeEmployerRow, importExtract as importRows } from './support/enrollmentExtract.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

const row = (npp: string, name: string, region: string) => activeEmployerRow(npp, name, region);
const SUFFIXES = ['ABADI', 'JAYA', 'MAKMUR', 'SENTOSA', 'UTAMA', 'MANDIRI', 'NUSANTARA', 'SEJAHTERA'];

describe('name candidates against a real PostgreSQL', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.cleanup());

  const importExtract = (rows: string[]) => importRows(t, rows);

  // The employers kept for a permit blocked on one pair, compared as a set.
  const candidatesFor = async (kabKota: string, limit: number) =>
    [...((await nameCandidates(t.ctx.db, [{ nib: '9120000000001', kabKota, keys: [{ kind: 'pair', key: 'GRAHA LAKSANA', weight: 9 }] }], { candidatesPerPermit: limit, spellingCandidatesPerPermit: 3 })).get('9120000000001') ?? [])].sort();

  it('ranks the employer in the permit\'s kab/kota first among those sharing its keys equally', async () => {
    // Eight namesakes elsewhere sort before the local company by NPP; only its kab/kota lifts it.
    const elsewhere = SUFFIXES.map((s, i) => row(`7300000${i}`, `PT LAKSANA GRAHA ${s}`, '33.72'));
    await importExtract([...elsewhere, row('73000099', 'PT LAKSANA GRAHA', '35.23')]);
    expect(await candidatesFor('3523', 1)).toEqual(['73000099']);
    expect(await candidatesFor('3523', 3)).toEqual(['73000000', '73000001', '73000099']);
    // Without a local one, equals are cut in NPP order, the same on every run.
    expect(await candidatesFor('3101', 3)).toEqual(['73000000', '73000001', '73000002']);
  });

  it('follows an employer that moves to another kab/kota at the next import', async () => {
    const elsewhere = SUFFIXES.map((s, i) => row(`7300000${i}`, `PT LAKSANA GRAHA ${s}`, '33.72'));
    await importExtract([...elsewhere.slice(1), row('73000000', 'PT LAKSANA GRAHA ABADI', '35.09'), row('73000099', 'PT LAKSANA GRAHA', '35.23')]);
    expect(await candidatesFor('3509', 1)).toEqual(['73000000']);
    expect(await candidatesFor('3523', 1)).toEqual(['73000099']);
    expect(await candidatesFor('3372', 1)).toEqual(['73000001']);
  });

  it('keeps the candidates of a name written with words joined apart: they follow its own, never push them out', async () => {
    const namesakes = SUFFIXES.map((s, i) => row(`7400000${i}`, `PT SARI ROTI ${s}`, '31.71'));
    await importExtract([...namesakes, row('74000099', 'PT SARIROTI', '31.71')]);
    const keys = [
      { kind: 'pair' as const, key: 'ROTI SARI', weight: 11 },
      // A rarer key, from the name's words joined ("SARI ROTI" → "SARIROTI").
      { kind: 'word' as const, key: 'SARIROTI', weight: 13, spelling: true as const },
    ];
    const found = (await nameCandidates(t.ctx.db, [{ nib: '9120000000002', kabKota: '3171', keys }], { candidatesPerPermit: 3, spellingCandidatesPerPermit: 1 })).get('9120000000002');
    expect(found).toEqual(['74000000', '74000001', '74000002', '74000099']);
  });
});
