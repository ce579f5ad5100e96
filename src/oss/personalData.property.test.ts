import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPersonalKey, redactPersonalText, stripPersonalData } from './personalData.js';

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

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: n, maxLength: n });

/** Indonesian mobile numbers as people write them: 0812…, 62812…, +62 812-3456-7890, 0812.3456.789. */
const mobileNumber = fc
  .record({
    country: fc.constantFrom('0', '62', '+62', '+62 ', '+62-', '62 '),
    operator: digits(2),
    first: fc.integer({ min: 3, max: 4 }).chain(digits),
    second: fc.integer({ min: 3, max: 5 }).chain(digits),
    separator: fc.constantFrom('', '-', ' ', '.'),
  })
  .map(({ country, operator, first, second, separator }) => `${country}8${operator}${separator}${first}${separator}${second}`);
const emailAddress = fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}@[a-z][a-z0-9-]{0,8}(\.[a-z]{2,4}){1,2}$/);
const nik = fc.tuple(fc.constantFrom(...'123456789'.split('')), digits(15)).map(([first, rest]) => `${first}${rest}`);
const contact = fc.oneof(mobileNumber, emailAddress, nik);

/** Free text around a contact, as in an address or a note. */
const before = fc.constantFrom('', 'hub. ', 'Jl. Mawar No. 5, ', 'WA:', 'email ', '(');
const after = fc.constantFrom('', ' / ', ', Tuban', ')', '.', ' a.n. Budi');
const freeTextKey = fc.constantFrom('alamat_perseroan', 'alamat_usaha', 'kelurahan_perseroan', 'keterangan', 'uraian_usaha', 'nama_kegiatan', 'catatan');

/** Keys read exactly, with values whose digits look like a phone number or a NIK. */
const identifierKey = fc.constantFrom('nib', 'npwp_perseroan', 'npwp_cabang', 'no_npp', 'oss_id', 'kbli', 'total_modal_dasar', 'tgl_terbit_nib');
const identifierValue = fc.oneof(mobileNumber.map((m) => m.replace(/[^0-9]/g, '')), nik, digits(16).map((d) => `0${d.slice(1)}`));

type Plant = { kind: 'text'; key: string; before: string; contact: string; after: string; listed: boolean } | { kind: 'identifier'; key: string; value: string; listed: boolean };
type Shape = { plant: Plant; rest: Shape } | Shape[] | { [key: string]: Shape } | string | number | boolean | null;

const plant: fc.Arbitrary<Plant> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), key: freeTextKey, before, contact, after, listed: fc.boolean() }),
  fc.record({ kind: fc.constant('identifier' as const), key: identifierKey, value: identifierValue, listed: fc.boolean() }),
);

/** Keys that are neither personal nor trimmed into one another, so every plant stays at its path. */
const plainKey = fc.stringMatching(/^[a-z]{1,6}$/).filter((k) => !isPersonalKey(k));

const shape: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(plainKey, tie('node'), { maxKeys: 3 }),
    fc.record({ plant, rest: tie('node') }),
  ),
})).node;

const isPlanted = (node: Shape): node is { plant: Plant; rest: Shape } =>
  node !== null && typeof node === 'object' && !Array.isArray(node) && 'plant' in node && typeof node.plant === 'object' && node.plant !== null && 'kind' in node.plant;

/** The JSON value a shape stands for, and where each plant went with what stripping must leave there. */
function build(node: Shape, path: Array<string | number>, expected: Array<{ path: Array<string | number>; value: string; contact?: string }>): unknown {
  if (Array.isArray(node)) return node.map((item, i) => build(item, [...path, i], expected));
  if (isPlanted(node)) {
    const p = node.plant;
    const [value, remains] = p.kind === 'text' ? [`${p.before}${p.contact}${p.after}`, `${p.before}***${p.after}`] : [p.value, p.value];
    const at = p.listed ? [...path, p.key, 0] : [...path, p.key];
    expected.push({ path: at, value: remains, ...(p.kind === 'text' ? { contact: p.contact } : {}) });
    return { [p.key]: p.listed ? [value] : value, rest: build(node.rest, [...path, 'rest'], expected) };
  }
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, build(v, [...path, k], expected)]));
  return node;
}

const at = (value: unknown, path: Array<string | number>) =>
  path.reduce<unknown>((v, step) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[step] : undefined), value);

describe('stripPersonalData: properties', () => {
  it('masks every phone number, e-mail address and NIK written into free text, and keeps identifiers exact, at any depth', () => {
    fc.assert(
      fc.property(shape, (tree) => {
        const expected: Array<{ path: Array<string | number>; value: string; contact?: string }> = [];
        const value = build(tree, [], expected);
        fc.pre(expected.every((e) => e.path.length < 30));
        const out = stripPersonalData(value);
        const json = JSON.stringify(out);
        for (const e of expected) {
          expect(at(out, e.path)).toBe(e.value);
          if (e.contact) expect(json).not.toContain(e.contact);
        }
      }),
      runs(300),
    );
  });
});
