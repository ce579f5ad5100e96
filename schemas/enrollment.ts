import { z } from 'zod';
import { kabKotaName } from '../src/reference/regions.js';
import { normaliseKabKota, normaliseNib, normaliseNpp, normaliseNpwp } from '../src/shared/identifiers.js';

export const PROGRAMS = ['JKK', 'JKM', 'JHT', 'JP', 'JKP'] as const;
export type Program = (typeof PROGRAMS)[number];

export const ENROLLMENT_COLUMNS = [
  'npp', 'nama_perusahaan', 'npwp', 'nib', 'alamat', 'kode_wilayah', 'status', 'program',
  'tk_aktif', 'total_upah', 'bulan_tunggakan',
] as const;

const text = (s: string | undefined) => (s ?? '').trim();

/** PostgreSQL text cannot hold NUL; a stray one in an extract is refused, not silently dropped. */
const NUL_MESSAGE = 'must not contain NUL characters';

function normalised<T>(fn: (s: string) => T | null, message: string, required: boolean) {
  return z.string().optional().transform((raw, ctx) => {
    const s = text(raw);
    if (s === '') {
      if (required) ctx.addIssue({ code: 'custom', message: 'is required' });
      return null;
    }
    const value = fn(s);
    if (value === null) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return value;
  });
}

const wholeNumber = z.string().optional().transform((raw, ctx) => {
  const s = text(raw);
  if (!/^[0-9]{1,9}$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: s === '' ? 'is required' : 'must be a whole number of 0 or more' });
    return z.NEVER;
  }
  return Number(s);
});

const rupiah = z.string().optional().transform((raw, ctx) => {
  const s = text(raw);
  if (!/^[0-9]{1,15}(\.[0-9]{1,2})?$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: s === '' ? 'is required' : 'must be an amount in Rupiah such as 4500000 or 4500000.50' });
    return z.NEVER;
  }
  return s;
});

/** One row of a BPJS TK employer extract (CSV, all cells as text). */
export const enrollmentRowSchema = z.object({
  npp: normalised(normaliseNpp, 'must be 1-20 letters or digits', true),
  nama_perusahaan: z.string().optional().transform((raw, ctx) => {
    const s = text(raw);
    if (!s) ctx.addIssue({ code: 'custom', message: 'is required' });
    else if (s.length > 500) ctx.addIssue({ code: 'custom', message: 'must be at most 500 characters' });
    else if (s.includes('\u0000')) ctx.addIssue({ code: 'custom', message: NUL_MESSAGE });
    return s;
  }),
  npwp: normalised(normaliseNpwp, 'must be 15 or 16 digits (punctuation allowed)', false),
  nib: normalised(normaliseNib, 'must be 13 digits', false),
  alamat: z.string().optional().transform((raw, ctx) => {
    const s = text(raw);
    if (s.length > 1000) ctx.addIssue({ code: 'custom', message: 'must be at most 1000 characters' });
    else if (s.includes('\u0000')) ctx.addIssue({ code: 'custom', message: NUL_MESSAGE });
    return s || null;
  }),
  kode_wilayah: normalised(normaliseKabKota, 'must be a kab/kota code such as 35.23 or 3523', false).superRefine((code, ctx) => {
    // A code of no kab/kota would route the employer's findings to no branch and check its
    // wages against no minimum.
    if (code !== null && !kabKotaName(code)) ctx.addIssue({ code: 'custom', message: `${code.slice(0, 2)}.${code.slice(2)} is no kab/kota of the Kemendagri 2025 list` });
  }),
  status: z.string().optional().transform((raw, ctx) => {
    const s = text(raw).toUpperCase();
    if (!/^[A-Z_ -]{1,40}$/.test(s)) ctx.addIssue({ code: 'custom', message: s ? 'must be a word such as AKTIF' : 'is required' });
    return s;
  }),
  program: z.string().optional().transform((raw, ctx) => {
    const items = text(raw).split(';').map((p) => p.trim().toUpperCase()).filter(Boolean);
    const unknown = items.filter((p) => !(PROGRAMS as readonly string[]).includes(p));
    if (unknown.length) {
      ctx.addIssue({ code: 'custom', message: `unknown program ${unknown.map((u) => JSON.stringify(u)).join(', ')}; allowed: ${PROGRAMS.join(';')}` });
      return z.NEVER;
    }
    return PROGRAMS.filter((p) => items.includes(p));
  }),
  tk_aktif: wholeNumber,
  total_upah: rupiah,
  bulan_tunggakan: wholeNumber,
});

export type EnrollmentRow = z.infer<typeof enrollmentRowSchema>;
