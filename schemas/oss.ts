import { z } from 'zod';
import { kabKotaOfAreaCode, normaliseNib, normaliseNpp, normaliseNpwp } from '../src/shared/identifiers.js';
import { blankToUndefined, looseArray, looseCode, looseCount, looseText } from './loose.js';

/** PIA code lists (reference/oss-code-lists.json: Lampiran 2, 14, 31; tipe_dokumen). */
export const BUSINESS_SCALES = ['01', '02', '03', '04'] as const;
export const NIB_STATUSES = ['01', '02', '03', '04', '05', '06'] as const;
export const LEGAL_FORM_CODES = [
  '01', '02', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17',
  '18', '19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30',
] as const;
/** 9 original, 5 update, 3 revoked, 4 cancelled. */
export const DOC_TYPES = [9, 5, 3, 4] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** A missing field is required; one of another type (an object, a list) must be text. */
const requiredText = (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : 'must be text');

const nib = z.preprocess(
  blankToUndefined,
  z
    .string({ error: requiredText })
    .transform((s, ctx) => {
      const value = normaliseNib(s);
      if (!value) {
        ctx.addIssue({ code: 'custom', message: 'must be 13 digits' });
        return z.NEVER;
      }
      return value;
    }),
);

const npwp = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((s, ctx) => {
      const value = normaliseNpwp(s);
      if (!value) {
        ctx.addIssue({ code: 'custom', message: 'must be 15 or 16 digits' });
        return z.NEVER;
      }
      return value;
    })
    .optional(),
);

const npp = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((s, ctx) => {
      const value = normaliseNpp(s);
      if (!value) {
        ctx.addIssue({ code: 'custom', message: 'must be 1-20 letters or digits' });
        return z.NEVER;
      }
      return value;
    })
    .optional(),
);

const areaCode = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((s, ctx) => {
      const value = kabKotaOfAreaCode(s);
      if (!value) {
        ctx.addIssue({ code: 'custom', message: 'must be a Kemendagri area code of at least 4 digits' });
        return z.NEVER;
      }
      return value;
    })
    .optional(),
);

/** Dates as OSS writes them: `2024-01-15`, `2024-01-15 10:20:30`, ISO 8601, `15-01-2024`. */
export function parseOssDate(s: string): Date | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  const dmy = /^(\d{2})[-/](\d{2})[-/](\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  let parts: { y: string; mo: string; d: string; h?: string; mi?: string; se?: string; ms?: string; tz?: string };
  if (iso) parts = { y: iso[1]!, mo: iso[2]!, d: iso[3]!, h: iso[4], mi: iso[5], se: iso[6], ms: iso[7], tz: iso[8] };
  else if (dmy) parts = { y: dmy[3]!, mo: dmy[2]!, d: dmy[1]!, h: dmy[4], mi: dmy[5], se: dmy[6] };
  else return null;
  // OSS times without a zone are Jakarta time (WIB, UTC+7).
  let tz = parts.tz ?? '+07:00';
  if (/^[+-]\d{4}$/.test(tz)) tz = `${tz.slice(0, 3)}:${tz.slice(3)}`;
  const ms = (parts.ms ?? '0').padEnd(3, '0').slice(0, 3);
  const text = `${parts.y}-${parts.mo}-${parts.d}T${parts.h ?? '00'}:${parts.mi ?? '00'}:${parts.se ?? '00'}.${ms}${tz}`;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return null;
  // Reject dates that do not exist (2024-02-31), which Date would roll over.
  const year = Number(parts.y);
  const month = Number(parts.mo);
  const day = Number(parts.d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  if (Number(parts.h ?? 0) > 23 || Number(parts.mi ?? 0) > 59 || Number(parts.se ?? 0) > 59) return null;
  // No OSS date is that old, and PostgreSQL refuses years before 1 (or Date's 0-99 mapping kicks in).
  if (year < 1900 || date.getUTCFullYear() > 9999) return null;
  return date;
}

/**
 * How far ahead of this clock an OSS date may be (clock skew). A permit's version is the
 * date it was issued or changed, and a later version replaces an earlier one: a version
 * dated in the future would shadow every real change after it, a revocation too.
 */
const FUTURE_DATE_TOLERANCE_MS = 24 * 3600_000;

const ossDate = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((s, ctx) => {
      const value = parseOssDate(s);
      if (!value) {
        ctx.addIssue({ code: 'custom', message: 'must be a date such as 2024-01-15 or 2024-01-15 10:20:30' });
        return z.NEVER;
      }
      if (value.getTime() > Date.now() + FUTURE_DATE_TOLERANCE_MS) {
        ctx.addIssue({ code: 'custom', message: `must not be in the future (${s.trim()}): OSS dates a permit when it is issued or changed` });
        return z.NEVER;
      }
      return value;
    })
    .optional(),
);

const docType = z.preprocess(
  (v) => {
    const s = blankToUndefined(v);
    return typeof s === 'string' && /^[0-9]+$/.test(s) ? Number(s) : s;
  },
  z
    .number({ error: 'must be one of 9, 5, 3, 4' })
    .refine((n): n is DocType => (DOC_TYPES as readonly number[]).includes(n), {
      message: 'must be one of 9 (original), 5 (update), 3 (revoked), 4 (cancelled)',
    })
    .optional(),
);

const projectLocation = z.looseObject({
  proyek_daerah_id: areaCode,
});

const project = z.looseObject({
  id_proyek: looseText(100),
  jumlah_tki_l: looseCount,
  jumlah_tki_p: looseCount,
  jumlah_tka_l: looseCount,
  jumlah_tka_p: looseCount,
  kbli: z.preprocess(blankToUndefined, z.string().regex(/^[0-9]{2,5}$/, 'must be a KBLI code of 2-5 digits').optional()),
  skala_usaha: looseCode(BUSINESS_SCALES, 'skala_usaha'),
  data_lokasi_proyek: looseArray(projectLocation),
});

/** The fields of a `dataNIB` object that Patuh uses, strictly validated after loose parsing. */
export const dataNibSchema = z.looseObject({
  nib,
  oss_id: looseText(100),
  npwp_perseroan: npwp,
  nama_perseroan: z.preprocess(
    blankToUndefined,
    z.string({ error: requiredText }).max(500, 'must be at most 500 characters'),
  ),
  nama_singkatan: looseText(200),
  jenis_perseroan: looseCode(LEGAL_FORM_CODES, 'jenis_perseroan'),
  status_perseroan: looseText(10),
  skala_usaha: looseCode(BUSINESS_SCALES, 'skala_usaha'),
  status_nib: looseCode(NIB_STATUSES, 'status_nib'),
  tipe_dokumen: docType,
  no_npp: npp,
  perseroan_daerah_id: areaCode,
  alamat_perseroan: looseText(1000),
  tgl_terbit_nib: ossDate,
  tgl_perubahan_nib: ossDate,
  data_proyek: looseArray(project),
});

export type DataNib = z.infer<typeof dataNibSchema>;

/** One page of the pull feed (README: "Feed contract"). */
export const feedPageSchema = z.object({
  data: z.array(z.unknown()),
  next_cursor: z.string().nullable().optional(),
  has_more: z.boolean(),
});
export type FeedPage = z.infer<typeof feedPageSchema>;
