import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, safeCell } from './csv.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

/** What a spreadsheet would take for a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text cells as hostile as a company name can be, formula-like ones weighted up. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", ' ='), fc.string({ maxLength: 20 })).map(([a, b]) => a + b),
  fc.constantFrom('=HYPERLINK("http://evil.example","klik")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)', '=1+1\n', '"=quoted"', 'a,b', 'line\nbreak'),
);
const cellValue = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(undefined)) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }) },
  { weight: 1, arbitrary: fc.jsonValue().filter((v) => typeof v === 'object' && v !== null) },
);

describe('safeCell and csvLine: properties', () => {
  it('safeCell never leaves text that starts like a formula, and is idempotent', () => {
    fc.assert(
      fc.property(cellValue, (value) => {
        const once = safeCell(value);
        if (typeof once === 'string') {
          expect(FORMULA_START.test(once)).toBe(false);
          // Only the apostrophe is added: the text itself is kept verbatim.
          expect(once === (typeof value === 'string' ? value : once) || once === `'${value as string}`).toBe(true);
        }
        expect(safeCell(once)).toEqual(once);
      }),
      runs(300),
    );
  });

  it('csvLine writes one record that csv-parse reads back as the neutralised cells', () => {
    fc.assert(
      fc.property(fc.array(cellValue, { minLength: 1, maxLength: 8 }), (cells) => {
        const line = csvLine(cells);
        expect(line.endsWith('\n')).toBe(true);
        const rows = parse(line, { relax_column_count: false }) as string[][];
        expect(rows).toHaveLength(1);
        const expected = cells.map((c) => {
          const safe = safeCell(c);
          return safe === null ? '' : typeof safe === 'boolean' ? (safe ? '1' : '') : String(safe);
        });
        expect(rows[0]).toEqual(expected);
        // A cell read back starts like a formula only when it is a number ("-5").
        cells.forEach((c, i) => {
          if (typeof c !== 'number') expect(FORMULA_START.test(rows[0]![i]!)).toBe(false);
        });
      }),
      runs(300),
    );
  });
});
