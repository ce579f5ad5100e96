import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedPageSchema, parseOssDate } from './oss.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

const p2 = (n: number) => String(n).padStart(2, '0');
const day = fc.record({
  y: fc.integer({ min: 1900, max: 2100 }),
  m: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 31 }),
  h: fc.integer({ min: 0, max: 23 }),
  mi: fc.integer({ min: 0, max: 59 }),
  s: fc.integer({ min: 0, max: 59 }),
});
const exists = ({ y, m, d }: { y: number; m: number; d: number }) => d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

describe('parseOssDate: properties', () => {
  it('every spelling OSS uses gives the same moment, in Jakarta time unless a zone is given', () => {
    fc.assert(
      fc.property(day.filter(exists), fc.constantFrom('-', '/'), (t, sep) => {
        const expected = Date.UTC(t.y, t.m - 1, t.d, t.h - 7, t.mi, t.s);
        const date = `${t.y}-${p2(t.m)}-${p2(t.d)}`;
        const time = `${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}`;
        for (const spelling of [`${date} ${time}`, `${date}T${time}`, `${date}T${time}+07:00`, `${date}T${time}+0700`, `${p2(t.d)}${sep}${p2(t.m)}${sep}${t.y} ${time}`]) {
          expect(parseOssDate(spelling)?.getTime()).toBe(expected);
        }
        expect(parseOssDate(`${date}T${time}Z`)?.getTime()).toBe(expected + 7 * 3600_000);
      }),
      runs(300),
    );
  });

  it('every date it accepts is one PostgreSQL can store (a four-digit year from 1 on, in UTC)', () => {
    const zone = fc.oneof(fc.constant(''), fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([s, h, m]) => `${s}${p2(h)}:${p2(m)}`));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), zone, (y, m, d, h, z) => {
        const date = parseOssDate(`${String(y).padStart(4, '0')}-${p2(m)}-${p2(d)}T${p2(h)}:00:00${z}`);
        if (date) expect(date.toISOString()).toMatch(/^(?!0000)[0-9]{4}-/);
      }),
      runs(300),
    );
  });

  it('a day that does not exist in its month is refused, never rolled over', () => {
    fc.assert(
      fc.property(day.filter((t) => !exists(t)), (t) => {
        expect(parseOssDate(`${t.y}-${p2(t.m)}-${p2(t.d)}`)).toBeNull();
        expect(parseOssDate(`${p2(t.d)}-${p2(t.m)}-${t.y}`)).toBeNull();
      }),
      runs(200),
    );
  });

  it('out-of-range months, hours, minutes and seconds are refused', () => {
    fc.assert(
      fc.property(day.filter(exists), fc.constantFrom('m', 'h', 'mi', 's'), fc.integer({ min: 60, max: 99 }), (t, field, bad) => {
        const v = { ...t, [field]: field === 'm' ? bad - 47 : field === 'h' ? bad - 36 : bad };
        expect(parseOssDate(`${v.y}-${p2(v.m)}-${p2(v.d)} ${p2(v.h)}:${p2(v.mi)}:${p2(v.s)}`)).toBeNull();
      }),
      runs(200),
    );
  });
});

describe('feedPageSchema: properties', () => {
  it('never throws; a refused page is refused naming data, next_cursor or has_more', () => {
    const page = fc.oneof(
      fc.anything(),
      fc.record({ data: fc.anything(), next_cursor: fc.anything(), has_more: fc.anything() }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(page, (value) => {
        const result = feedPageSchema.safeParse(value);
        if (result.success) return;
        for (const issue of result.error.issues) expect(['data', 'next_cursor', 'has_more', undefined]).toContain(issue.path[0]);
      }),
      runs(300),
    );
  });

  it('accepts every page that follows the contract, records untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 5 }), fc.option(fc.string(), { nil: undefined }), fc.boolean(), (data, cursor, more) => {
        const value = { data, has_more: more, ...(cursor === undefined ? {} : { next_cursor: cursor }) };
        expect(feedPageSchema.parse(value)).toEqual(value);
      }),
      runs(200),
    );
  });
});
