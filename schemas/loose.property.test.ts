import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { blankToUndefined, looseArray, looseCode, looseCount, looseText } from './loose.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

/** The messages of a failed parse, or null when it succeeded. */
function messages(schema: z.ZodType, input: unknown): string[] | null {
  const result = schema.safeParse(input);
  return result.success ? null : result.error.issues.map((i) => i.message);
}

describe('blankToUndefined: properties', () => {
  it('never throws and is idempotent on any value', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const once = blankToUndefined(value);
        expect(blankToUndefined(once)).toEqual(once);
      }),
      runs(300),
    );
  });

  it('blank strings (any whitespace) and null become undefined; other strings are trimmed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const out = blankToUndefined(s);
        if (s.trim() === '') expect(out).toBeUndefined();
        else expect(out).toBe(s.trim());
      }),
      runs(300),
    );
    expect(blankToUndefined(null)).toBeUndefined();
  });

  it('finite numbers become their decimal text; non-finite ones are left for the schema to refuse', () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        const out = blankToUndefined(n);
        if (Number.isFinite(n)) expect(out).toBe(String(n));
        else expect(out).toBe(n);
      }),
      runs(200),
    );
  });
});

describe('looseText: properties', () => {
  const schema = looseText(50);

  it('never throws; accepts any text up to the limit (trimmed) and names the limit beyond it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.anything()), (value) => {
        const result = schema.safeParse(value);
        if (typeof value === 'string') {
          const trimmed = value.trim();
          if (trimmed === '') expect(result).toEqual({ success: true, data: undefined });
          else if (trimmed.length <= 50) expect(result).toEqual({ success: true, data: trimmed });
          else expect(messages(schema, value)).toEqual(['must be at most 50 characters']);
        } else if (!result.success) {
          expect(result.error.issues.length).toBeGreaterThan(0);
        }
      }),
      runs(300),
    );
  });

  it('is idempotent: parsing its own output gives the same output', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (value) => {
        const once = schema.safeParse(value);
        if (!once.success) return;
        expect(schema.parse(once.data)).toEqual(once.data);
      }),
      runs(200),
    );
  });
});

describe('looseCount: properties', () => {
  /** "1234567" → "1.234.567" (Indonesian thousands separators). */
  const withDots = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

  it('reads a count written as a number, as text, with thousands dots or a zero fraction, all alike', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom('', ' ', '\t'), (n, pad) => {
        for (const spelling of [n, String(n), `${pad}${n}${pad}`, withDots(n), `${n}.0`]) {
          expect(looseCount.safeParse(spelling)).toEqual({ success: true, data: n });
        }
      }),
      runs(300),
    );
  });

  it('blank and null are 0', () => {
    for (const blank of ['', '   ', null, undefined]) expect(looseCount.parse(blank)).toBe(0);
  });

  it('refuses negatives, fractions, huge and non-numeric values with a message, never by throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1_000_000, max: -1 }),
          fc.integer({ min: 10_000_001, max: Number.MAX_SAFE_INTEGER }),
          fc.double({ noNaN: true }).filter((d) => !Number.isInteger(d)),
          fc.string({ maxLength: 12 }).filter((s) => !/^\s*[0-9.\s]*\s*$/.test(s)),
          fc.anything().filter((v) => typeof v === 'object' && v !== null),
        ),
        (value) => {
          const m = messages(looseCount, value);
          expect(m).not.toBeNull();
          for (const message of m!) expect(message).toMatch(/^(must be a whole number|must not be negative|is implausibly large)$/);
        },
      ),
      runs(300),
    );
  });
});

describe('looseCode: properties', () => {
  const schema = looseCode(['01', '02', '03', '04'], 'skala_usaha');

  it('pads one-digit codes given as text or numbers; anything else outside the list is refused by name', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -5, max: 20 }), fc.string({ maxLength: 4 }), fc.anything()), (value) => {
        const result = schema.safeParse(value);
        const s = blankToUndefined(value);
        const padded = typeof s === 'string' && /^[0-9]$/.test(s) ? `0${s}` : s;
        if (padded === undefined) expect(result).toEqual({ success: true, data: undefined });
        else if (typeof padded === 'string' && ['01', '02', '03', '04'].includes(padded)) expect(result).toEqual({ success: true, data: padded });
        else {
          expect(result.success).toBe(false);
          if (typeof padded === 'string') expect(messages(schema, value)).toEqual(['must be a skala_usaha code (01, 02, 03, 04)']);
        }
      }),
      runs(300),
    );
  });
});

describe('looseArray: properties', () => {
  const schema = looseArray(z.looseObject({ a: looseText(10) }));

  it('a lone object is read as a one-item array, blanks as none, arrays as themselves', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.integer({ min: 0, max: 5 }), (a, n) => {
        const item = { a };
        const expected = { a: a.trim() === '' ? undefined : a.trim() };
        expect(schema.parse(item)).toEqual([expected]);
        expect(schema.parse(Array.from({ length: n }, () => item))).toEqual(Array.from({ length: n }, () => expected));
      }),
      runs(100),
    );
    for (const blank of [null, undefined, '']) expect(schema.parse(blank)).toEqual([]);
  });

  it('never throws on anything; a refusal names an index or the array itself', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = schema.safeParse(value);
        if (!result.success) {
          for (const issue of result.error.issues) expect(issue.path.every((p) => typeof p === 'number' || p === 'a')).toBe(true);
        }
      }),
      runs(300),
    );
  });
});
