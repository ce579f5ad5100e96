import { describe, expect, it } from 'vitest';
import { chooseBlockingKeys, joinedWords, pairKey, splitPairs, splitReadings, DEFAULT_BLOCKING } from './blockingKeys.js';

/** Employers (of 1 000 000) whose name holds each word or word pair; anything else none. */
const words: Record<string, number> = {
  MAJU: 40000, JAYA: 60000, ABADI: 30000, SUMBER: 20000, SARI: 3000, ROTI: 400, SARIROTI: 3, QUANTARA: 12, BOGA: 900, KARTIKA: 500,
  PERUSAHAAN: 5000, LISTRIK: 300, NEGARA: 2000, PLN: 40, BANK: 8000, CENTRAL: 900, ASIA: 4000, BCA: 900,
};
const pairs: Record<string, number> = { [pairKey('SUMBER', 'JAYA')]: 9000, [pairKey('MAJU', 'JAYA')]: 12000, [pairKey('SARI', 'ROTI')]: 40, [pairKey('KARTIKA', 'SARI')]: 7 };
const frequency = (t: string) => words[t] ?? 0;
const pairFrequency = (p: string) => pairs[p] ?? 0;
const keysOf = (tokens: string[]) => chooseBlockingKeys(tokens, true, frequency, pairFrequency, 1_000_000, DEFAULT_BLOCKING);

describe('chooseBlockingKeys', () => {
  it('blocks on a rare word anywhere, and weighs it by its rarity', () => {
    const keys = keysOf(['QUANTARA', 'MAJU']);
    expect(keys.find((k) => k.kind === 'word')).toMatchObject({ key: 'QUANTARA' });
    expect(keys.find((k) => k.key === 'QUANTARA')!.weight).toBeCloseTo(Math.log(1_000_001 / 13), 10);
  });

  it('blocks on a rare pair of common words, and not on the common words alone', () => {
    const keys = keysOf(['SARI', 'ROTI', 'ABADI']);
    expect(keys.map((k) => `${k.kind}:${k.key}`)).toContain(`pair:${pairKey('SARI', 'ROTI')}`);
    expect(keys.some((k) => k.kind === 'word' && (k.key === 'SARI' || k.key === 'ABADI'))).toBe(false);
  });

  it('blocks on the words written joined, when an employer name has them so ("SARI ROTI" → "SARIROTI")', () => {
    expect(joinedWords(['SARI', 'ROTI', 'BOGA'])).toEqual(['SARIROTI', 'ROTIBOGA']);
    expect(keysOf(['SARI', 'ROTI', 'BOGA']).map((k) => `${k.kind}:${k.key}`)).toContain('word:SARIROTI');
  });

  it('blocks on the pairs an unknown word could be written apart as ("KARTIKASARI" → "KARTIKA SARI")', () => {
    // Only cuts into two words of employer names count ("KARTI" + "KASARI" is none).
    expect(splitPairs(['KARTIKASARI', 'MAJU'], frequency)).toEqual([pairKey('KARTIKA', 'SARI')]);
    // No part is shorter than three letters, and known words are not cut.
    expect(splitReadings(['KARTIKASARI'], frequency).every(([a, b]) => a.length >= 3 && b.length >= 3)).toBe(true);
    expect(splitPairs(['SARIROTI'], frequency)).toEqual([]);
    expect(keysOf(['KARTIKASARI', 'MAJU']).map((k) => `${k.kind}:${k.key}`)).toContain(`pair:${pairKey('KARTIKA', 'SARI')}`);
  });

  it('blocks on the acronym of a name of three to five words, when an employer name has it ("PERUSAHAAN LISTRIK NEGARA" → "PLN")', () => {
    const keys = keysOf(['PERUSAHAAN', 'LISTRIK', 'NEGARA']);
    expect(keys).toContainEqual(expect.objectContaining({ kind: 'word', key: 'PLN', spelling: true }));
    // An acronym in many names is looked for within the permit's kab/kota only.
    expect(keysOf(['BANK', 'CENTRAL', 'ASIA'])).toContainEqual(expect.objectContaining({ kind: 'local', key: 'BCA', spelling: true }));
    expect(chooseBlockingKeys(['BANK', 'CENTRAL', 'ASIA'], false, frequency, pairFrequency, 1_000_000).some((k) => k.key === 'BCA')).toBe(false);
    // No employer is called by these initials.
    expect(keysOf(['MAJU', 'JAYA', 'ABADI']).some((k) => k.key === 'MJA')).toBe(false);
  });

  it('looks, for a word of the name that could be initials, for the employers of its kab/kota whose name it abbreviates', () => {
    expect(keysOf(['PLN', 'BATAM'])).toContainEqual(expect.objectContaining({ kind: 'initials', key: 'PLN', spelling: true }));
    // Words with two vowels read as words; a common word is no acronym; without a kab/kota there is nowhere to look.
    expect(keysOf(['SARI', 'ROTI']).some((k) => k.kind === 'initials')).toBe(false);
    expect(keysOf(['BANK', 'QUANTARA']).some((k) => k.kind === 'initials')).toBe(false);
    expect(chooseBlockingKeys(['PLN'], false, frequency, pairFrequency, 1_000_000).some((k) => k.kind === 'initials')).toBe(false);
  });

  it('never blocks twice on the same key', () => {
    const keys = keysOf(['SARI', 'ROTI', 'SARIROTI']);
    expect(new Set(keys.map((k) => `${k.kind}:${k.key}`)).size).toBe(keys.length);
  });
});
