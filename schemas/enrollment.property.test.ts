import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kabKotaList } from '../src/reference/regions.js';
import { ENROLLMENT_COLUMNS, PROGRAMS, enrollmentRowSchema, type EnrollmentRow } from './enrollment.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

type Column = (typeof ENROLLMENT_COLUMNS)[number];
type Cells = Record<Column, string>;

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: n, maxLength: n });
const pad = fc.constantFrom('', ' ', '  ', '\t');

/** Free text as it appears in extracts, hostile spellings included (no NUL: PostgreSQL refuses it). */
const freeText = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
    fc.constantFrom(`PT "KUTIP" O'NEIL`, "PT X'; DROP TABLE employer; --", 'CV A\\B', '=1+1', '@SUM(A1)', 'PT \u202eKIRI', 'PT 🚀', 'Jl. Baris\nDua'),
  )
  .filter((s) => s.trim() !== '' && s.trim().length <= 500 && !s.includes('\u0000'));

/** The code of a kab/kota of the Kemendagri list. */
const kabKotaCode = fc.constantFrom(...kabKotaList().map((k) => k.code));

/** A row of a BPJS TK extract as CSV cells, valid but loosely spelt. */
const validCells: fc.Arbitrary<Cells> = fc
  .record({
    npp: fc.stringMatching(/^[A-Za-z0-9]{1,4}([.-]?[0-9]{1,4}){1,3}$/),
    name: freeText,
    npwp: fc.oneof(fc.constant(''), digits(15).map((d) => `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}.${d[8]}-${d.slice(9, 12)}.${d.slice(12)}`), digits(16)),
    nib: fc.oneof(fc.constant(''), digits(13)),
    address: fc.oneof(fc.constant(''), freeText),
    region: fc.oneof(fc.constant(''), kabKotaCode.map((d) => `${d.slice(0, 2)}.${d.slice(2)}`), kabKotaCode),
    status: fc.constantFrom('AKTIF', 'aktif', 'NONAKTIF', 'Non Aktif', 'TUTUP_SEMENTARA'),
    programs: fc.subarray([...PROGRAMS]).chain((ps) => fc.shuffledSubarray(ps, { minLength: ps.length, maxLength: ps.length })),
    programCase: fc.boolean(),
    workers: fc.integer({ min: 0, max: 999_999_999 }),
    wages: fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined })),
    arrears: fc.integer({ min: 0, max: 120 }),
    padding: pad,
  })
  .map((r) => ({
    npp: `${r.padding}${r.npp}${r.padding}`,
    nama_perusahaan: r.name,
    npwp: r.npwp,
    nib: `${r.padding}${r.nib}`,
    alamat: r.address,
    kode_wilayah: r.region,
    status: r.status,
    program: r.programs.map((p) => (r.programCase ? p.toLowerCase() : p)).join(r.padding === '' ? ';' : ' ; '),
    tk_aktif: String(r.workers),
    total_upah: r.wages[1] === undefined ? String(r.wages[0]) : `${r.wages[0]}.${String(r.wages[1]).padStart(2, '0')}`,
    bulan_tunggakan: `${r.padding}${r.arrears}`,
  }));

/** The cells a parsed row would be written back as. */
function asCells(row: EnrollmentRow): Cells {
  return {
    npp: row.npp ?? '',
    nama_perusahaan: row.nama_perusahaan,
    npwp: row.npwp ?? '',
    nib: row.nib ?? '',
    alamat: row.alamat ?? '',
    kode_wilayah: row.kode_wilayah ?? '',
    status: row.status,
    program: row.program.join(';'),
    tk_aktif: String(row.tk_aktif),
    total_upah: row.total_upah,
    bulan_tunggakan: String(row.bulan_tunggakan),
  };
}

describe('enrollmentRowSchema: properties', () => {
  it('accepts every valid row, keeping name and address verbatim (trimmed)', () => {
    fc.assert(
      fc.property(validCells, (cells) => {
        const result = enrollmentRowSchema.safeParse(cells);
        if (!result.success) throw new Error(`refused a valid row: ${JSON.stringify(result.error.issues)}`);
        expect(result.data.nama_perusahaan).toBe(cells.nama_perusahaan.trim());
        expect(result.data.alamat).toBe(cells.alamat.trim() || null);
      }),
      runs(300),
    );
  });

  it('is idempotent: a parsed row written back as cells parses to itself', () => {
    fc.assert(
      fc.property(validCells, (cells) => {
        const once = enrollmentRowSchema.parse(cells);
        expect(enrollmentRowSchema.parse(asCells(once))).toEqual(once);
      }),
      runs(300),
    );
  });

  it('one malformed cell is refused naming that column only, never by throwing', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('-1', '1e3', '0x10', 'NaN', '١٢٣', '１２', '\u0000', 'x'.repeat(600), ';;;', 'JKK;XYZ', '35.2.3', 'Rp 1.000'),
    );
    fc.assert(
      fc.property(validCells, fc.constantFrom(...ENROLLMENT_COLUMNS), hostile, (cells, column, value) => {
        const result = enrollmentRowSchema.safeParse({ ...cells, [column]: value });
        if (result.success) return;
        for (const issue of result.error.issues) {
          expect(issue.path).toEqual([column]);
          expect(issue.message).toMatch(/\S/);
        }
      }),
      runs(300),
    );
  });

  it('what it accepts can be stored by PostgreSQL: no NUL character in any text', () => {
    fc.assert(
      fc.property(validCells, fc.constantFrom('nama_perusahaan', 'alamat'), fc.string({ unit: 'binary', maxLength: 10 }), (cells, column, junk) => {
        const value = `PT ${junk}\u0000${junk}`;
        const result = enrollmentRowSchema.safeParse({ ...cells, [column]: value });
        if (result.success) expect(JSON.stringify(result.data)).not.toContain('\\u0000');
        else expect(result.error.issues.map((i) => [i.path, i.message])).toEqual([[[column], 'must not contain NUL characters']]);
      }),
      runs(100),
    );
  });
});
