import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUSINESS_SCALES, LEGAL_FORM_CODES, NIB_STATUSES } from '../../schemas/oss.js';
import { parsePermitRecord } from './permitRecord.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: n, maxLength: n });

/** Personal data as OSS sends it; none of it may appear in anything parsePermitRecord returns. */
const PII = {
  nik: '3523017708910004',
  name: 'Rahmawati Pemegang Kusumo',
  email: 'rahma.kusumo@contoh.example',
  phone: '081377788899',
  birthPlace: 'Desa Rahasia Sekali',
};
const PII_VALUES = Object.values(PII);

/** Keys that carry personal data, spelt as OSS does (padding and case vary). */
const personalEntry = fc
  .tuple(
    fc.constantFrom(
      ['nik', PII.nik], ['no_identitas_pj', PII.nik], ['nik_user_proses', PII.nik], ['nama_pj', PII.name],
      ['nama_user_proses', PII.name], ['email', PII.email], ['email_pj', PII.email], ['no_hp', PII.phone],
      ['telp_pj', PII.phone], ['tempat_lahir_user_proses', PII.birthPlace], ['NIK', PII.nik], ['Email_Perusahaan', PII.email],
    ),
    fc.constantFrom('', ' ', '  '),
  )
  .map(([[key, value], pad]) => [`${pad}${key}${pad}`, value] as const);

/** Whole personal sub-trees (shareholders, responsible persons, notaries). */
const personalTree = fc.constantFrom(
  ['pemegang_saham', [{ nama_pemegang_saham: PII.name, no_identitas_pemegang_saham: PII.nik, email_pemegang_saham: PII.email }]],
  ['penanggung_jwb', [{ nama_penanggung_jwb: PII.name, no_hp_penanggung_jwb: PII.phone }]],
  ['legalitas', [{ nama_notaris: PII.name, telepon_notaris: PII.phone }]],
  ['rptka_tki_pendamping', { nama: PII.name, nik: PII.nik }],
) as fc.Arbitrary<[string, unknown]>;

const blank = fc.constantFrom('', null, ' ');
const countSpelling = (n: number) => fc.constantFrom<unknown>(n, String(n), ` ${n} `, `${n}.0`);
const count = fc.integer({ min: 0, max: 5000 }).chain(countSpelling);
const code = (codes: readonly string[]) =>
  fc.constantFrom(...codes).chain((c) => fc.constantFrom<unknown>(c, c.startsWith('0') ? Number(c) : c, c.startsWith('0') ? c.slice(1) : c));
const date = fc
  .record({ y: fc.integer({ min: 1990, max: new Date().getUTCFullYear() - 1 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }), h: fc.integer({ min: 0, max: 23 }) })
  .chain(({ y, m, d, h }) => {
    const p = (n: number) => String(n).padStart(2, '0');
    return fc.constantFrom(`${y}-${p(m)}-${p(d)}`, `${y}-${p(m)}-${p(d)} ${p(h)}:00:00`, `${p(d)}-${p(m)}-${y}`, `${y}-${p(m)}-${p(d)}T${p(h)}:00:00Z`);
  });

/** Company names a registry may hold: ordinary, hostile, or any text without NUL. */
const companyName = fc.oneof(
  fc.constantFrom(
    'PT Maju Jaya', `PT O'Brien "Kutip" Indah`, "PT Aman'; DROP TABLE permit; --", 'CV Garis\\Miring\\', 'PT \u200fعربي\u200e Jaya',
    'PT 🚀 Roket 👨‍👩‍👧 Keluarga', '=HYPERLINK("http://evil.example","klik")', '+62 Niaga', '-Minus Sejahtera', '@Sum Jaya', 'PT Baris\nDua',
    'PT Kontrol\u0001\u0007\u001b[31m', `PT ${'Panjang '.repeat(60).trim()}`,
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }),
).filter((s) => s.trim() !== '' && s.trim().length <= 500 && !s.includes('\u0000'));

/** A valid dataNIB in OSS's loose style, with personal data planted at several depths. */
const validDataNib = fc
  .record({
    nib: digits(12).map((d) => `9${d}`),
    name: companyName,
    npwp: fc.oneof(blank, digits(15).map((d) => `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}.${d[8]}-${d.slice(9, 12)}.${d.slice(12)}`), digits(16)),
    npp: fc.oneof(blank, fc.stringMatching(/^[0-9]{8}$/), fc.stringMatching(/^[A-Za-z0-9]{2,4}[.-][0-9]{2,6}$/)),
    legalForm: fc.oneof(blank, code(LEGAL_FORM_CODES)),
    scale: fc.oneof(blank, code(BUSINESS_SCALES)),
    status: fc.oneof(blank, code(NIB_STATUSES)),
    tipe: fc.oneof(blank, fc.constantFrom<unknown>(9, 5, 3, 4, '9', '5', '3', '4')),
    tipeKey: fc.constantFrom('tipe_dokumen', 'tipe_dokumen '),
    region: fc.oneof(blank, fc.stringMatching(/^[1-9][0-9]{3}([0-9]{2}([0-9]{4})?)?$/)),
    issued: fc.oneof(blank, date),
    changed: fc.oneof(blank, date),
    projects: fc.array(
      fc.record({ l: count, p: count, al: fc.oneof(blank, count), ap: fc.oneof(blank, count), kbli: fc.oneof(blank, fc.stringMatching(/^[0-9]{5}$/)), pii: fc.array(personalEntry, { maxLength: 2 }) }),
      { maxLength: 3 },
    ),
    topPii: fc.array(personalEntry, { maxLength: 3 }),
    trees: fc.array(personalTree, { maxLength: 2 }),
  })
  .map((r) => ({
    nib: r.nib,
    nama_perseroan: r.name,
    npwp_perseroan: r.npwp,
    no_npp: r.npp,
    jenis_perseroan: r.legalForm,
    skala_usaha: r.scale,
    status_nib: r.status,
    [r.tipeKey]: r.tipe,
    perseroan_daerah_id: r.region,
    tgl_terbit_nib: r.issued,
    tgl_perubahan_nib: r.changed,
    data_proyek: r.projects.map((p, i) => ({
      id_proyek: `P${i}`,
      kbli: p.kbli,
      jumlah_tki_l: p.l,
      jumlah_tki_p: p.p,
      jumlah_tka_l: p.al,
      jumlah_tka_p: p.ap,
      ...Object.fromEntries(p.pii),
      data_lokasi_proyek: [{ proyek_daerah_id: r.region, ...Object.fromEntries(p.pii) }],
    })),
    ...Object.fromEntries(r.topPii),
    ...Object.fromEntries(r.trees),
  }));

/** Fields Patuh validates, with the path a refusal must name. */
const FIELDS = [
  'nib', 'oss_id', 'npwp_perseroan', 'nama_perseroan', 'nama_singkatan', 'jenis_perseroan', 'status_perseroan', 'skala_usaha',
  'status_nib', 'tipe_dokumen', 'no_npp', 'perseroan_daerah_id', 'alamat_perseroan', 'tgl_terbit_nib', 'tgl_perubahan_nib', 'data_proyek',
] as const;

/** Every string in a value (keys included), for checks on what would be stored. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('parsePermitRecord: properties', () => {
  it('never throws on any JSON value; a refusal is a non-empty reason', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.jsonValue().map((v) => ({ dataNIB: v }))), (input) => {
        const result = parsePermitRecord(input);
        if (!result.ok) expect(result.reason).toMatch(/\S/);
      }),
      runs(300),
    );
  });

  it('accepts every valid record, without any personal data in what it returns', () => {
    fc.assert(
      fc.property(validDataNib, (record) => {
        const result = parsePermitRecord(record);
        if (!result.ok) throw new Error(`refused a valid record: ${result.reason}`);
        expect(result.permit.name).toBe(record.nama_perseroan.trim());
        const returned = JSON.stringify(result.permit);
        for (const value of PII_VALUES) expect(returned).not.toContain(value);
      }),
      runs(300),
    );
  });

  it('is idempotent: the stored raw record parses to the same permit and hash', () => {
    fc.assert(
      fc.property(validDataNib, (record) => {
        const first = parsePermitRecord(record);
        if (!first.ok) throw new Error(first.reason);
        const again = parsePermitRecord(first.permit.raw);
        if (!again.ok) throw new Error(`stored raw record refused: ${again.reason}`);
        expect(again.permit.hash).toBe(first.permit.hash);
        expect(again.permit.raw).toEqual(first.permit.raw);
      }),
      runs(200),
    );
  });

  it('a receiveNIB body and its bare dataNIB give the same permit; refusals differ only by the dataNIB prefix', () => {
    fc.assert(
      fc.property(validDataNib, fc.constantFrom(...FIELDS), fc.anything(), (record, field, value) => {
        const bare = parsePermitRecord({ ...record, [field]: value });
        const wrapped = parsePermitRecord({ dataNIB: { ...record, [field]: value } });
        expect(wrapped.ok).toBe(bare.ok);
        if (bare.ok && wrapped.ok) expect(wrapped.permit.hash).toBe(bare.permit.hash);
        if (!bare.ok && !wrapped.ok) {
          expect(wrapped.reason).toBe(bare.reason.split('; ').map((p) => (p.startsWith('and ') ? p : `dataNIB.${p}`)).join('; '));
        }
      }),
      runs(200),
    );
  });

  it('a wrongly typed or malformed field is refused with a reason naming that field, never a throw', () => {
    const hostile = fc.oneof(
      fc.anything(),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom<unknown>([], {}, [[[]]], { nested: { deeper: [1, { x: null }] } }, true, -1, 1e308, Number.NaN, '\u0000', 'x'.repeat(2000)),
    );
    fc.assert(
      fc.property(validDataNib, fc.constantFrom(...FIELDS), hostile, (record, field, value) => {
        // The record may carry the document type under the padded key; replace both spellings.
        const { 'tipe_dokumen ': _padded, ...rest } = record as Record<string, unknown>;
        const mutated = field === 'tipe_dokumen' ? { ...rest, tipe_dokumen: value } : { ...record, [field]: value };
        const result = parsePermitRecord(mutated);
        if (result.ok) return;
        for (const part of result.reason.split('; ')) expect(part.startsWith(`${field}`) || part.startsWith('and ')).toBe(true);
        for (const pii of PII_VALUES) expect(result.reason).not.toContain(pii);
      }),
      runs(300),
    );
  });

  it('a malformed project count is refused naming the project and the count', () => {
    fc.assert(
      fc.property(
        validDataNib.filter((r) => r.data_proyek.length > 0),
        fc.constantFrom('jumlah_tki_l', 'jumlah_tki_p', 'jumlah_tka_l', 'jumlah_tka_p'),
        fc.constantFrom<unknown>(-1, '-3', '1,5', 'sepuluh', 2.5, {}, [1], 1e12, true),
        (record, key, value) => {
          const projects = record.data_proyek.map((p, i) => (i === record.data_proyek.length - 1 ? { ...p, [key]: value } : p));
          const result = parsePermitRecord({ ...record, data_proyek: projects });
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.reason).toMatch(new RegExp(`^data_proyek\\.${projects.length - 1}\\.${key}: `));
        },
      ),
      runs(150),
    );
  });

  it('declared workers it accepts fit the integer column, however many projects add up', () => {
    fc.assert(
      fc.property(validDataNib, fc.integer({ min: 1, max: 600 }), fc.integer({ min: 0, max: 10_000_000 }), (record, projects, workers) => {
        const many = Array.from({ length: projects }, (_, i) => ({ id_proyek: `P${i}`, jumlah_tki_l: workers, jumlah_tki_p: String(workers) }));
        const result = parsePermitRecord({ ...record, data_proyek: many });
        if (result.ok) {
          expect(result.permit.declaredWorkers).toBe(projects * workers * 2);
          expect(result.permit.declaredWorkers).toBeLessThanOrEqual(2_147_483_647);
        } else {
          expect(result.reason).toMatch(/^data_proyek: /);
        }
      }),
      runs(100),
    );
  });

  it('what it accepts can be stored by PostgreSQL: no NUL character or unpaired surrogate in any string', () => {
    const awkward = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
      fc.constantFrom('PT Nul\u0000Byte', 'PT \uD800 Setengah', 'PT \uDC00', '\u0000'),
    );
    fc.assert(
      fc.property(validDataNib, fc.constantFrom('nama_perseroan', 'alamat_perseroan', 'nama_singkatan', 'keterangan_tambahan', 'oss_id'), awkward, fc.boolean(), (record, field, value, asKey) => {
        const mutated = asKey ? { ...record, [`x${value}`]: 'isi' } : { ...record, [field]: `A${value}` };
        const result = parsePermitRecord(mutated);
        if (result.ok) {
          for (const s of strings(result.permit)) {
            expect(s).not.toContain('\u0000');
            expect(LONE_SURROGATE.test(s)).toBe(false);
          }
        } else {
          expect(result.reason).toMatch(/NUL|surrogate|must be|Invalid/);
        }
      }),
      runs(300),
    );
  });
});
