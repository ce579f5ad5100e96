import { z } from 'zod';

/**
 * Building blocks for OSS's loose JSON: numbers arrive as strings, strings as numbers,
 * and absent values as "" or null. Each helper first makes the value regular, then
 * validates it strictly.
 */

/** "" / null / whitespace → undefined; numbers → their decimal string; strings trimmed. */
export function blankToUndefined(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  return value;
}

export const looseText = (max = 1000) =>
  z.preprocess(blankToUndefined, z.string().max(max, `must be at most ${max} characters`).optional());

/** A code such as "01": numbers and one-digit strings are left-padded to two digits. */
export const looseCode = (allowed: readonly string[], label: string) =>
  z.preprocess(
    (v) => {
      const s = blankToUndefined(v);
      return typeof s === 'string' && /^[0-9]$/.test(s) ? `0${s}` : s;
    },
    z
      .string()
      .refine((s) => allowed.includes(s), { message: `must be a ${label} code (${allowed.join(', ')})` })
      .optional(),
  );

/** A count of people: "" → 0, "12" → 12, 12 → 12; negatives and fractions refused. */
export const looseCount = z.preprocess(
  (v) => {
    const s = blankToUndefined(v);
    if (s === undefined) return 0;
    if (typeof s !== 'string') return s;
    // "1.000" is one thousand in Indonesian notation.
    if (/^[0-9]{1,3}(\.[0-9]{3})+$/.test(s)) return Number(s.replace(/\./g, ''));
    if (/^-?[0-9]+(\.[0-9]+)?$/.test(s)) return Number(s);
    return s;
  },
  z.number({ error: 'must be a whole number' }).int('must be a whole number').nonnegative('must not be negative').max(10_000_000, 'is implausibly large'),
);

/** An array, accepting a lone object or blank in its place. */
export const looseArray = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    if (v === null || v === undefined || v === '') return [];
    if (!Array.isArray(v) && typeof v === 'object') return [v];
    return v;
  }, z.array(item).max(10_000));
