import { describe, expect, it } from 'vitest';
import { couldBeAcronym, nameAcronym, spelledOut } from './acronyms.js';

describe('acronyms', () => {
  it('takes three to five letters with at most one vowel as a possible acronym', () => {
    expect(['PLN', 'BRI', 'IKPP', 'BPJS', 'MJS'].every(couldBeAcronym)).toBe(true);
    expect(['PP', 'BCDFGH', 'PT2', '', 'SAMA', 'JAYA', 'KAI'].some(couldBeAcronym)).toBe(false);
  });

  it('gives the initials of a whole name of three to five words, skipping "dan"', () => {
    expect(nameAcronym(['PERUSAHAAN', 'LISTRIK', 'NEGARA'])).toBe('PLN');
    expect(nameAcronym(['INDAH', 'KIAT', 'PULP', 'DAN', 'PAPER'])).toBe('IKPP');
    expect(nameAcronym(['MAJU', 'JAYA'])).toBeNull();
    // "SUMBER AGUNG MAKMUR ABADI" would read "SAMA", a word.
    expect(nameAcronym(['SUMBER', 'AGUNG', 'MAKMUR', 'ABADI'])).toBeNull();
    expect(nameAcronym(['A1', 'B2', 'C3', 'D4', 'E5', 'F6'])).toBeNull();
    expect(nameAcronym(['SINAR', '3', 'JAYA'])).toBeNull();
  });

  it('finds where a name spells an acronym out, as a run of whole words', () => {
    expect(spelledOut('PLN', ['PERUSAHAAN', 'LISTRIK', 'NEGARA', 'BATAM'])).toEqual([0, 3]);
    expect(spelledOut('BRI', ['KOPERASI', 'BANK', 'RAKYAT', 'INDONESIA'])).toEqual([1, 4]);
    expect(spelledOut('IKPP', ['INDAH', 'KIAT', 'PULP', 'DAN', 'PAPER'])).toEqual([0, 5]);
    expect(spelledOut('PLN', ['PERUSAHAAN', 'LISTRIK', 'BATAM', 'NEGARA'])).toBeNull();
  });
});
