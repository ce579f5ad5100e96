import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeCell } from '../shared/csv.js';
import { LIST_COLUMNS, type DigestItem } from './digestContent.js';
import { listWorkbook } from './listWorkbook.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

/** Text PostgreSQL can hand back (no NUL, no unpaired surrogate), as hostile as that allows. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const text = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.string({ unit: fc.constantFrom('\u0001', '\u0007', '\u000b', '\u001b', '\u007f', '\uFFFE', '\uFFFF', '\r', '\n', '\t', '_', 'x', '0', '4', '1', 'F', '=', '+', '-', '@', ' ', '🚀', '\u202e'), maxLength: 20 }),
    fc.constantFrom('=HYPERLINK("http://evil.example","klik")', '@SUM(1+1)', '-2+3', '+62', '_x0041_', '_x005F_x0041_', 'A\r\nB'),
  )
  .filter((s) => !s.includes('\u0000') && !LONE_SURROGATE.test(s));

function item(companyName: string, address: string | null, i: number): DigestItem {
  return {
    finding_id: i, branch: 'TUBAN', change: 'new', category: 'unregistered', bpjs_term: 'PWBD', status: 'open', priority: 10 - i,
    company_name: companyName, nib: String(9170000000000 + i), npp: null, npwp: null, address, kab_kota: '3523', kab_kota_name: 'Kab. Tuban',
    kbli: ['46100'], business_scale: '02', declared_workers: 3, reported_workers: null, average_wage: null, minimum_wage: -1,
    missing_programs: [], arrears_months: null, first_seen_at: '2025-01-10T02:00:00.000Z', evidence: {},
  };
}

describe('listWorkbook: properties', () => {
  it('always loads, and every text cell reads back as the neutralised text, every number as itself', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, fc.option(text, { nil: null })), { minLength: 1, maxLength: 5 }), async (rows) => {
        const items = rows.map(([name, address], i) => item(name, address, i));
        const book = new ExcelJS.Workbook();
        await book.xlsx.load((await listWorkbook('TUBAN', items)) as unknown as ArrayBuffer);
        const sheet = book.worksheets[0]!;
        expect(sheet.rowCount).toBe(items.length + 1);
        items.forEach((it, r) => {
          LIST_COLUMNS.forEach((column, c) => {
            const cell = sheet.getRow(r + 2).getCell(c + 1);
            const value = column.value(it);
            if (typeof value === 'number') expect(cell.value).toBe(value);
            else if (typeof value === 'string') {
              expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
              expect(cell.text).toBe(safeCell(value));
              // Text XML can carry is a plain string value, as readers (ExcelJS's cell.value) expect.
              if (!/[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/.test(value)) expect(cell.value ?? '').toBe(safeCell(value));
            } else if (value === null) expect(cell.value).toBeNull();
          });
        });
      }),
      runs(100),
    );
  });
});
