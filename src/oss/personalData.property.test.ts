import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactPersonalText, stripPersonalData } from './personalData.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

const SECRET = 'ZQXJ Rahasia 3578046607880005 ZQXJ';
const personalKey = fc.constantFrom('nik', 'no_identitas_pj', 'email', 'no_hp', 'nama_pj', 'tgl_lahir_user_proses', 'pemegang_saham', 'legalitas', ' NIK ', 'Email_Perusahaan');

/** JSON values with personal data planted under personal keys at any depth. */
const planted: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('node'), { maxKeys: 3 }),
    fc
      .tuple(personalKey, fc.constantFrom<unknown>(SECRET, [SECRET, { x: SECRET }], { nama: SECRET, nested: [[SECRET]] }), tie('node'))
      .map(([k, v, rest]) => ({ [k]: v, rest })),
  ),
})).node;

describe('redactPersonalText: properties', () => {
  it('never throws on arbitrary text and is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json(), planted.map((v) => JSON.stringify(v) ?? '')), (text) => {
        const once = redactPersonalText(text);
        expect(redactPersonalText(once)).toBe(once);
      }),
      runs(300),
    );
  });

  it('keeps no personal value of a JSON text, however it is cut off or garbled', () => {
    fc.assert(
      fc.property(planted, fc.nat(), fc.constantFrom('', 'x', '}', '"', ']]', ',"a":'), (value, cut, tail) => {
        const text = JSON.stringify(value) ?? 'null';
        const garbled = `${text.slice(0, cut % (text.length + 1))}${tail}`;
        expect(redactPersonalText(garbled)).not.toContain('ZQXJ');
        expect(redactPersonalText(garbled)).not.toContain('3578046607880005'.slice(0, 6));
      }),
      runs(300),
    );
  });

  it('turns valid JSON into valid JSON with the same shape, personal values set to null', () => {
    fc.assert(
      fc.property(planted, (value) => {
        const text = JSON.stringify(value) ?? 'null';
        const redacted = JSON.parse(redactPersonalText(text)) as unknown;
        expect(JSON.stringify(redacted)).not.toContain('ZQXJ');
        // Without the personal keys, the redacted value is what stripPersonalData keeps.
        expect(stripPersonalData(redacted)).toEqual(stripPersonalData(JSON.parse(text)));
      }),
      runs(300),
    );
  });

  it('leaves text without personal keys unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(stripPersonalData(value)) ?? 'null';
        expect(redactPersonalText(text)).toBe(text);
      }),
      runs(300),
    );
  });
});
