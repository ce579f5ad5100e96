import { describe, expect, it } from 'vitest';
import { normaliseCompanyName } from './companyName.js';

describe('normaliseCompanyName', () => {
  it.each([
    ['PT. Maju Jaya Sejahtera', 'MAJU JAYA SEJAHTERA', ['PT']],
    ['P.T. MAJU JAYA SEJAHTERA', 'MAJU JAYA SEJAHTERA', ['PT']],
    ['Maju Jaya Sejahtera, PT', 'MAJU JAYA SEJAHTERA', ['PT']],
    ['Perseroan Terbatas Maju Jaya Sejahtera', 'MAJU JAYA SEJAHTERA', ['PT']],
    ['PT Semen Indonesia (Persero) Tbk', 'SEMEN INDONESIA', ['PT', 'TBK', 'PERSERO']],
    ['PT Bank Rakyat Indonesia Tbk Tbk', 'BANK RAKYAT INDONESIA', ['PT', 'TBK']],
    ['C.V. Sumber Rejeki', 'SUMBER REJEKI', ['CV']],
    ['ABI UMMI, YAYASAN', 'ABI UMMI', ['YAYASAN']],
    ['KSP Artha Makmur', 'ARTHA MAKMUR', ['KOPERASI']],
    ['Koperasi Unit Desa Tani Mulyo', 'TANI MULYO', ['KOPERASI']],
    ['PT Garuda Internasional & Industri', 'GARUDA INTERNASIONAL DAN INDUSTRI', ['PT']],
    ['PT Garuda International and Industry', 'GARUDA INTERNASIONAL DAN INDUSTRI', ['PT']],
  ])('%s → %s', (raw, key, forms) => {
    const result = normaliseCompanyName(raw);
    expect(result.key).toBe(key);
    expect([...result.legalForms].sort()).toEqual([...forms].sort());
  });

  it('keeps a name that is only a legal-form word', () => {
    expect(normaliseCompanyName('Yayasan').key).toBe('YAYASAN');
  });

  it('handles empty and symbol-only input', () => {
    expect(normaliseCompanyName('').key).toBe('');
    expect(normaliseCompanyName('"; DROP TABLE --').key).toBe('DROP TABLE');
  });
});
