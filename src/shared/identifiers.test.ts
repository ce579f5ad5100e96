import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  differentTaxpayers,
  placeholderNpwp,
  NIB_PATTERN,
  kabKotaOfAreaCode,
  normaliseKabKota,
  normaliseNib,
  normaliseNpp,
  normaliseNpwp,
} from './identifiers.js';

const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
const digits = (length: number) => fc.string({ unit: digit, minLength: length, maxLength: length });

/** Formats 15 digits as `XX.XXX.XXX.X-XXX.XXX`. */
function punctuate15(d: string): string {
  return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}.${d.slice(8, 9)}-${d.slice(9, 12)}.${d.slice(12, 15)}`;
}

describe('normaliseNib', () => {
  it('accepts exactly 13 digits', () => {
    expect(normaliseNib('1234567890123')).toBe('1234567890123');
    expect(normaliseNib('0000000000000')).toBe('0000000000000');
  });

  it('trims surrounding whitespace', () => {
    expect(normaliseNib('  1234567890123\t')).toBe('1234567890123');
    expect(normaliseNib('\n1234567890123\n')).toBe('1234567890123');
  });

  it.each([
    ['12 digits', '123456789012'],
    ['14 digits', '12345678901234'],
    ['empty', ''],
    ['blank', '   '],
    ['letters', '12345678901AB'],
    ['inner space', '123456 7890123'],
    ['dots', '1234.5678.90123'],
    ['sign', '+123456789012'],
    ['arabic-indic digits', '١٢٣٤٥٦٧٨٩٠١٢٣'],
  ])('rejects %s', (_label, value) => {
    expect(normaliseNib(value)).toBeNull();
  });

  it('NIB_PATTERN matches 13 digits only', () => {
    expect(NIB_PATTERN.test('1234567890123')).toBe(true);
    expect(NIB_PATTERN.test('123456789012')).toBe(false);
    expect(NIB_PATTERN.test(' 1234567890123')).toBe(false);
  });

  it('property: any 13 digits, padded with whitespace, normalise to themselves', () => {
    fc.assert(
      fc.property(digits(13), fc.constantFrom('', ' ', '  ', '\t', '\n'), fc.constantFrom('', ' ', '\r\n'), (nib, before, after) => {
        expect(normaliseNib(`${before}${nib}${after}`)).toBe(nib);
      }),
    );
  });

  it('property: never throws, and a result is always 13 digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = normaliseNib(s);
        expect(out === null || /^[0-9]{13}$/.test(out)).toBe(true);
      }),
    );
  });
});

describe('normaliseNpwp', () => {
  it('gives 15-digit numbers a leading 0', () => {
    expect(normaliseNpwp('012345678901000')).toBe('0012345678901000');
    expect(normaliseNpwp('123456789012345')).toBe('0123456789012345');
  });

  it('keeps 16-digit numbers as they are', () => {
    expect(normaliseNpwp('0012345678901000')).toBe('0012345678901000');
    expect(normaliseNpwp('3523011234567890')).toBe('3523011234567890');
  });

  it('ignores the usual punctuation of the 15-digit form', () => {
    expect(normaliseNpwp('01.234.567.8-901.000')).toBe('0012345678901000');
    expect(normaliseNpwp('  01.234.567.8-901.000 ')).toBe('0012345678901000');
  });

  it('ignores spaces and dashes inside the number', () => {
    expect(normaliseNpwp('01 234 567 8 901 000')).toBe('0012345678901000');
    expect(normaliseNpwp('0012-3456-7890-1000')).toBe('0012345678901000');
  });

  it('gives the same 16-digit form for the old and the new spelling', () => {
    expect(normaliseNpwp('01.234.567.8-901.000')).toBe(normaliseNpwp('0012345678901000'));
  });

  it.each([
    ['14 digits', '12345678901234'],
    ['17 digits', '12345678901234567'],
    ['empty', ''],
    ['punctuation only', '..--'],
    ['letters', '01.234.567.8-901.00A'],
    ['slash', '01/234/567/8-901/000'],
    ['plus sign', '+012345678901000'],
  ])('rejects %s', (_label, value) => {
    expect(normaliseNpwp(value)).toBeNull();
  });

  it('property: 15 digits get a leading 0, punctuated or not', () => {
    fc.assert(
      fc.property(digits(15), fc.boolean(), (d, punctuated) => {
        expect(normaliseNpwp(punctuated ? punctuate15(d) : d)).toBe(`0${d}`);
      }),
    );
  });

  it('property: 16 digits are kept', () => {
    fc.assert(
      fc.property(digits(16), (d) => {
        expect(normaliseNpwp(d)).toBe(d);
      }),
    );
  });

  it('property: idempotent on its output', () => {
    const npwpLike = fc.oneof(digits(15), digits(16), digits(15).map(punctuate15), fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', ' ') }));
    fc.assert(
      fc.property(npwpLike, (s) => {
        const once = normaliseNpwp(s);
        if (once !== null) expect(normaliseNpwp(once)).toBe(once);
      }),
    );
  });

  it('property: never throws on arbitrary strings; a result is always 16 digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = normaliseNpwp(s);
        expect(out === null || /^[0-9]{16}$/.test(out)).toBe(true);
      }),
    );
  });

  it('property: a result keeps the input digits in order', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '3', '7', '.', '-', ' ') }), (s) => {
        const out = normaliseNpwp(s);
        if (out !== null) expect(out.endsWith(s.replace(/[^0-9]/g, ''))).toBe(true);
      }),
    );
  });
});

describe('normaliseKabKota', () => {
  it('accepts the dotted and the undotted form', () => {
    expect(normaliseKabKota('35.23')).toBe('3523');
    expect(normaliseKabKota('3523')).toBe('3523');
    expect(normaliseKabKota(' 35.23 ')).toBe('3523');
    expect(normaliseKabKota('11.01')).toBe('1101');
  });

  it.each([
    ['province only', '35'],
    ['kecamatan code', '35.23.01'],
    ['long area code', '3523010001'],
    ['three digits', '352'],
    ['five digits', '35230'],
    ['dot in the wrong place', '352.3'],
    ['two dots', '35..23'],
    ['dash', '35-23'],
    ['letters', '35.2A'],
    ['empty', ''],
  ])('rejects %s', (_label, value) => {
    expect(normaliseKabKota(value)).toBeNull();
  });

  it('property: dotted and undotted forms agree', () => {
    fc.assert(
      fc.property(digits(2), digits(2), (p, k) => {
        expect(normaliseKabKota(`${p}.${k}`)).toBe(`${p}${k}`);
        expect(normaliseKabKota(`${p}${k}`)).toBe(`${p}${k}`);
      }),
    );
  });

  it('property: never throws; idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = normaliseKabKota(s);
        if (out !== null) {
          expect(out).toMatch(/^[0-9]{4}$/);
          expect(normaliseKabKota(out)).toBe(out);
        }
      }),
    );
  });
});

describe('kabKotaOfAreaCode', () => {
  it('takes the first four digits of a village, district or kab/kota code', () => {
    expect(kabKotaOfAreaCode('3523010001')).toBe('3523');
    expect(kabKotaOfAreaCode('35.23.01.2001')).toBe('3523');
    expect(kabKotaOfAreaCode('352301')).toBe('3523');
    expect(kabKotaOfAreaCode('3523')).toBe('3523');
    expect(kabKotaOfAreaCode('35.23')).toBe('3523');
    expect(kabKotaOfAreaCode(' 3523010001 ')).toBe('3523');
  });

  it.each([
    ['province only', '35'],
    ['three digits', '352'],
    ['dotted province', '3.5'],
    ['empty', ''],
    ['letters', '35A3010001'],
    ['dashes', '35-23-01'],
    ['spaces inside', '35 23 01'],
  ])('rejects %s', (_label, value) => {
    expect(kabKotaOfAreaCode(value)).toBeNull();
  });

  it('property: agrees with normaliseKabKota on dotted longer codes', () => {
    fc.assert(
      fc.property(digits(2), digits(2), digits(2), digits(4), (p, k, d, v) => {
        expect(kabKotaOfAreaCode(`${p}.${k}.${d}.${v}`)).toBe(normaliseKabKota(`${p}.${k}`));
        expect(kabKotaOfAreaCode(`${p}${k}${d}${v}`)).toBe(`${p}${k}`);
      }),
    );
  });

  it('property: never throws; a result is four digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = kabKotaOfAreaCode(s);
        expect(out === null || /^[0-9]{4}$/.test(out)).toBe(true);
      }),
    );
  });
});

describe('normaliseNpp', () => {
  it('keeps an 8-digit NPP', () => {
    expect(normaliseNpp('12345678')).toBe('12345678');
  });

  it('upper-cases and removes spaces, dots, dashes and slashes', () => {
    expect(normaliseNpp('ab-123.456/78')).toBe('AB12345678');
    expect(normaliseNpp(' 1234 5678 ')).toBe('12345678');
    expect(normaliseNpp('npp0001')).toBe('NPP0001');
  });

  it('gives the same key for differently punctuated spellings', () => {
    expect(normaliseNpp('AB.123-456')).toBe(normaliseNpp('ab 123 456'));
  });

  it('accepts up to 20 characters after removing separators', () => {
    expect(normaliseNpp('A'.repeat(20))).toBe('A'.repeat(20));
    expect(normaliseNpp(`${'1'.repeat(10)}-${'2'.repeat(10)}`)).toBe(`${'1'.repeat(10)}${'2'.repeat(10)}`);
    expect(normaliseNpp('A'.repeat(21))).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['separators only', ' .-/ '],
    ['underscore', 'AB_123'],
    ['comma', '123,456'],
    ['hash', '#123'],
  ])('rejects %s', (_label, value) => {
    expect(normaliseNpp(value)).toBeNull();
  });

  it('property: idempotent and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = normaliseNpp(s);
        if (out !== null) {
          expect(out).toMatch(/^[A-Z0-9]{1,20}$/);
          expect(normaliseNpp(out)).toBe(out);
        }
      }),
    );
  });

  it('property: inserting separators does not change the key', () => {
    const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split(''));
    fc.assert(
      fc.property(fc.array(fc.string({ unit: alnum, minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', '.', '-', '/'), (parts, sep) => {
        fc.pre(parts.join('').length <= 20);
        expect(normaliseNpp(parts.join(sep))).toBe(parts.join('').toUpperCase());
      }),
    );
  });
});

describe('placeholderNpwp', () => {
  it('takes one digit repeated for no number, whatever the branch digits, and no real NPWP', () => {
    expect(placeholderNpwp('0000000000000000')).toBe(true);
    expect(placeholderNpwp('0999999999000000')).toBe(true);
    expect(placeholderNpwp('0000000000001000')).toBe(true);
    expect(placeholderNpwp('1111111111111111')).toBe(true);
    expect(placeholderNpwp('0012345678901000')).toBe(false);
    expect(placeholderNpwp('3523014501900001')).toBe(false);
  });

  it('is never evidence that two records name two taxpayers', () => {
    expect(differentTaxpayers('0000000000000000', '0012345678901000')).toBe(false);
    expect(differentTaxpayers('0012345678901000', '0999999999000000')).toBe(false);
    expect(differentTaxpayers('0012345678901000', '0023456789012000')).toBe(true);
  });
});
