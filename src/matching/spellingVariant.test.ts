import { describe, expect, it } from 'vitest';
import { isSpellingVariant } from './spellingVariant.js';

describe('isSpellingVariant', () => {
  it.each([
    ['ANUGERAH', 'ANUGRAH'], ['SHOLEH', 'SOLEH'], ['MUHAMMAD', 'MUHAMAD'], ['APOTIK', 'APOTEK'], ['SENTOSA', 'SANTOSA'],
    ['RIZKI', 'RIZKY'], ['SANTOSA', 'SANTOSO'], ['ACHMAD', 'AHMAD'], ['HASSANA', 'HASANA'], ['NUSANTARA', 'NUSANTRA'], ['RIJADI', 'RIYADI'], ['KARJA', 'KARYA'], ['CHASANAH', 'KHASANAH'],
  ])('%s and %s are one word spelt two ways', (a, b) => {
    expect(isSpellingVariant(a, b)).toBe(true);
    expect(isSpellingVariant(b, a)).toBe(true);
  });

  it.each([
    ['PUTRA', 'PUTRI'], ['DEWA', 'DEWI'], ['BUMI', 'BUDI'], ['HADI', 'HARI'], ['SUYANTO', 'SUYANTI'], ['MURNI', 'MURTI'],
    ['BINA', 'BIMA'], ['KARSA', 'KARYA'], ['BERKAH', 'BERKAT'], ['RINA', 'RINI'], ['MAKMUR', 'MAKMRU'], ['CITRA', 'CIPTA'], ['HONG', 'HENG'], ['SARI', 'SURI'],
  ])('%s and %s are two words', (a, b) => {
    expect(isSpellingVariant(a, b)).toBe(false);
    expect(isSpellingVariant(b, a)).toBe(false);
  });
});
