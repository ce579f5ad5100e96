import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ENROLLMENT_COLUMNS, PROGRAMS, enrollmentRowSchema } from './enrollment.js';

type Row = Partial<Record<(typeof ENROLLMENT_COLUMNS)[number], string>>;

const row = (over: Row = {}): Row => ({
  npp: '12345678',
  nama_perusahaan: 'PT Maju Jaya Sejahtera',
  npwp: '01.234.567.8-901.000',
  nib: '9120001234567',
  alamat: 'Jl. Pahlawan No. 1',
  kode_wilayah: '35.23',
  status: 'AKTIF',
  program: 'JKK;JKM;JHT;JP',
  tk_aktif: '12',
  total_upah: '36000000',
  bulan_tunggakan: '0',
  ...over,
});

/** The messages of a failed parse, keyed by column. */
function errors(input: unknown): Record<string, string[]> {
  const result = enrollmentRowSchema.safeParse(input);
  if (result.success) throw new Error(`expected a failure, got ${JSON.stringify(result.data)}`);
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[String(issue.path[0])] ??= []).push(issue.message);
  return out;
}

const parse = (input: unknown) => enrollmentRowSchema.parse(input);

describe('enrollmentRowSchema: a complete row', () => {
  it('parses and normalises every column', () => {
    expect(parse(row())).toEqual({
      npp: '12345678',
      nama_perusahaan: 'PT Maju Jaya Sejahtera',
      npwp: '0012345678901000',
      nib: '9120001234567',
      alamat: 'Jl. Pahlawan No. 1',
      kode_wilayah: '3523',
      status: 'AKTIF',
      program: ['JKK', 'JKM', 'JHT', 'JP'],
      tk_aktif: 12,
      total_upah: '36000000',
      bulan_tunggakan: 0,
    });
  });

  it('lists the CSV columns in order', () => {
    expect(ENROLLMENT_COLUMNS).toEqual([
      'npp', 'nama_perusahaan', 'npwp', 'nib', 'alamat', 'kode_wilayah', 'status', 'program',
      'tk_aktif', 'total_upah', 'bulan_tunggakan',
    ]);
  });

  it('trims every cell', () => {
    const p = parse(row({ npp: ' 12345678 ', nama_perusahaan: '  PT A  ', alamat: ' Jl. B ', tk_aktif: ' 7 ', total_upah: ' 100 ', status: ' aktif ' }));
    expect(p).toMatchObject({ npp: '12345678', nama_perusahaan: 'PT A', alamat: 'Jl. B', tk_aktif: 7, total_upah: '100', status: 'AKTIF' });
  });

  it('drops unknown columns', () => {
    expect(parse({ ...row(), extra: 'x' })).not.toHaveProperty('extra');
  });

  it('reports every wrong column at once', () => {
    const e = errors(row({ npp: '', nama_perusahaan: '', tk_aktif: 'x', bulan_tunggakan: '-1', total_upah: '' }));
    expect(Object.keys(e).sort()).toEqual(['bulan_tunggakan', 'nama_perusahaan', 'npp', 'tk_aktif', 'total_upah']);
  });
});

describe('enrollmentRowSchema: npp', () => {
  it('normalises case and separators', () => {
    expect(parse(row({ npp: 'ab-1234.56' })).npp).toBe('AB123456');
    expect(parse(row({ npp: 'AB 12/34' })).npp).toBe('AB1234');
  });

  it.each([undefined, '', '   '])('is required (%j)', (npp) => {
    expect(errors(row({ npp })).npp).toEqual(['is required']);
  });

  it.each(['X'.repeat(21), 'AB_12', '#1'])('rejects %j', (npp) => {
    expect(errors(row({ npp })).npp).toEqual(['must be 1-20 letters or digits']);
  });
});

describe('enrollmentRowSchema: nama_perusahaan', () => {
  it.each([undefined, '', '  '])('is required (%j)', (nama_perusahaan) => {
    expect(errors(row({ nama_perusahaan })).nama_perusahaan).toEqual(['is required']);
  });

  it('accepts 500 characters and rejects 501', () => {
    expect(parse(row({ nama_perusahaan: 'A'.repeat(500) })).nama_perusahaan).toHaveLength(500);
    expect(errors(row({ nama_perusahaan: 'A'.repeat(501) })).nama_perusahaan).toEqual(['must be at most 500 characters']);
  });
});

describe('enrollmentRowSchema: npwp', () => {
  it.each([
    ['01.234.567.8-901.000', '0012345678901000'],
    ['012345678901000', '0012345678901000'],
    ['0012345678901000', '0012345678901000'],
    ['00 1234 5678 901 000', '0012345678901000'],
    ['3523011234567890', '3523011234567890'],
  ])('%j → %j', (npwp, expected) => {
    expect(parse(row({ npwp })).npwp).toBe(expected);
  });

  it.each([undefined, '', '   '])('is optional: %j → null', (npwp) => {
    expect(parse(row({ npwp })).npwp).toBeNull();
  });

  it.each(['12345', '01.234.567.8-901.00X', '01/234/567/8-901/000'])('rejects %j', (npwp) => {
    expect(errors(row({ npwp })).npwp).toEqual(['must be 15 or 16 digits (punctuation allowed)']);
  });
});

describe('enrollmentRowSchema: nib', () => {
  it('accepts 13 digits', () => {
    expect(parse(row({ nib: ' 1234567890123 ' })).nib).toBe('1234567890123');
  });

  it.each([undefined, ''])('is optional: %j → null', (nib) => {
    expect(parse(row({ nib })).nib).toBeNull();
  });

  it.each(['123', '12345678901234', '123456789012X'])('rejects %j', (nib) => {
    expect(errors(row({ nib })).nib).toEqual(['must be 13 digits']);
  });
});

describe('enrollmentRowSchema: alamat', () => {
  it.each([undefined, '', '   '])('is optional: %j → null', (alamat) => {
    expect(parse(row({ alamat })).alamat).toBeNull();
  });
});

describe('enrollmentRowSchema: kode_wilayah', () => {
  it.each([
    ['35.23', '3523'],
    ['3523', '3523'],
    [' 35.23 ', '3523'],
  ])('%j → %j', (kode_wilayah, expected) => {
    expect(parse(row({ kode_wilayah })).kode_wilayah).toBe(expected);
  });

  it.each([undefined, ''])('is optional: %j → null', (kode_wilayah) => {
    expect(parse(row({ kode_wilayah })).kode_wilayah).toBeNull();
  });

  it.each(['35', '35.23.01', '3523010001', '35-23', 'Jember'])('rejects %j', (kode_wilayah) => {
    expect(errors(row({ kode_wilayah })).kode_wilayah).toEqual(['must be a kab/kota code such as 35.23 or 3523']);
  });
});

describe('enrollmentRowSchema: status', () => {
  it.each([
    ['AKTIF', 'AKTIF'],
    ['aktif', 'AKTIF'],
    ['Non Aktif', 'NON AKTIF'],
    ['NON-AKTIF', 'NON-AKTIF'],
    ['NON_AKTIF', 'NON_AKTIF'],
  ])('%j → %j', (status, expected) => {
    expect(parse(row({ status })).status).toBe(expected);
  });

  it.each([undefined, '', '  '])('is required (%j)', (status) => {
    expect(errors(row({ status })).status).toEqual(['is required']);
  });

  it.each(['AKTIF1', 'AKTIF!', 'A'.repeat(41)])('rejects %j', (status) => {
    expect(errors(row({ status })).status).toEqual(['must be a word such as AKTIF']);
  });
});

describe('enrollmentRowSchema: program', () => {
  it.each([
    ['JKK;JKM', ['JKK', 'JKM']],
    ['jkk;jkm', ['JKK', 'JKM']],
    [' JKK ; JKM ;JHT ', ['JKK', 'JKM', 'JHT']],
    ['JKM;JKK', ['JKK', 'JKM']],
    ['JP;JHT;JKM;JKK;JKP', ['JKK', 'JKM', 'JHT', 'JP', 'JKP']],
    ['JKK;JKK;jkk', ['JKK']],
    ['JKK;;JKM;', ['JKK', 'JKM']],
    ['Jp', ['JP']],
  ])('%j → %j', (program, expected) => {
    expect(parse(row({ program })).program).toEqual(expected);
  });

  it.each([undefined, '', ' ', ';;'])('an empty list gives no programs (%j)', (program) => {
    expect(parse(row({ program })).program).toEqual([]);
  });

  it('rejects an unknown program, naming it and the allowed ones', () => {
    expect(errors(row({ program: 'JKK;JPK' })).program).toEqual(['unknown program "JPK"; allowed: JKK;JKM;JHT;JP;JKP']);
  });

  it('names every unknown program', () => {
    expect(errors(row({ program: 'abc;JKK;xyz' })).program).toEqual(['unknown program "ABC", "XYZ"; allowed: JKK;JKM;JHT;JP;JKP']);
  });

  it('rejects other separators', () => {
    expect(errors(row({ program: 'JKK,JKM' })).program?.[0]).toMatch(/^unknown program "JKK,JKM"/);
  });

  it('property: any subset, in any order, case and padding, parses to that subset in canonical order', () => {
    fc.assert(
      fc.property(
        fc.subarray([...PROGRAMS]).chain((subset) => fc.tuple(fc.constant(subset), fc.shuffledSubarray(subset, { minLength: subset.length, maxLength: subset.length }))),
        fc.boolean(),
        fc.constantFrom('', ' ', '  '),
        ([subset, shuffled], lower, pad) => {
          const cell = shuffled.map((p) => `${pad}${lower ? p.toLowerCase() : p}${pad}`).join(';');
          expect(parse(row({ program: cell })).program).toEqual(subset);
        },
      ),
    );
  });
});

describe('enrollmentRowSchema: tk_aktif and bulan_tunggakan', () => {
  it.each(['tk_aktif', 'bulan_tunggakan'] as const)('%s reads whole numbers', (col) => {
    expect(parse(row({ [col]: '0' }))[col]).toBe(0);
    expect(parse(row({ [col]: '007' }))[col]).toBe(7);
    expect(parse(row({ [col]: '999999999' }))[col]).toBe(999_999_999);
  });

  it.each(['tk_aktif', 'bulan_tunggakan'] as const)('%s is required', (col) => {
    expect(errors(row({ [col]: '' }))[col]).toEqual(['is required']);
    expect(errors(row({ [col]: undefined }))[col]).toEqual(['is required']);
  });

  it.each([
    ['tk_aktif', '-1'],
    ['tk_aktif', '1.5'],
    ['tk_aktif', '1,000'],
    ['tk_aktif', '1e3'],
    ['tk_aktif', 'dua'],
    ['tk_aktif', '1000000000'],
    ['bulan_tunggakan', '-2'],
    ['bulan_tunggakan', '3 bulan'],
  ] as const)('%s rejects %j', (col, value) => {
    expect(errors(row({ [col]: value }))[col]).toEqual(['must be a whole number of 0 or more']);
  });
});

describe('enrollmentRowSchema: total_upah', () => {
  it.each([
    ['4500000', '4500000'],
    ['4500000.5', '4500000.5'],
    ['4500000.50', '4500000.50'],
    ['0', '0'],
    ['999999999999999.99', '999999999999999.99'],
  ])('%j → %j (kept as text for exact sums)', (total_upah, expected) => {
    expect(parse(row({ total_upah })).total_upah).toBe(expected);
  });

  it('is required', () => {
    expect(errors(row({ total_upah: '' })).total_upah).toEqual(['is required']);
  });

  it.each(['4.500.000', '4,500,000', 'Rp4500000', '-1', '1.234', '1000000000000000', '.5', '1.'])('rejects %j', (total_upah) => {
    expect(errors(row({ total_upah })).total_upah).toEqual(['must be an amount in Rupiah such as 4500000 or 4500000.50']);
  });
});

describe('enrollmentRowSchema: input shape', () => {
  it('rejects non-string cells', () => {
    expect(enrollmentRowSchema.safeParse({ ...row(), tk_aktif: 12 }).success).toBe(false);
  });

  it('rejects a non-object row', () => {
    expect(enrollmentRowSchema.safeParse(null).success).toBe(false);
    expect(enrollmentRowSchema.safeParse(['12345678']).success).toBe(false);
  });

  it('property: never throws on arbitrary string rows', () => {
    const cell = fc.option(fc.string({ maxLength: 30 }), { nil: undefined });
    const arbitraryRow = fc.record(Object.fromEntries(ENROLLMENT_COLUMNS.map((c) => [c, cell])) as Record<(typeof ENROLLMENT_COLUMNS)[number], fc.Arbitrary<string | undefined>>);
    fc.assert(
      fc.property(arbitraryRow, (r) => {
        const result = enrollmentRowSchema.safeParse(r);
        if (result.success) {
          expect(result.data.npp).toMatch(/^[A-Z0-9]{1,20}$/);
          expect(Number.isInteger(result.data.tk_aktif)).toBe(true);
        } else {
          for (const issue of result.error.issues) expect(ENROLLMENT_COLUMNS).toContain(issue.path[0]);
        }
      }),
    );
  });
});
