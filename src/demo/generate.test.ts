import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { enrollmentRowSchema, ENROLLMENT_COLUMNS } from '../../schemas/enrollment.js';
import { evaluateFindings, type RuleThresholds } from '../findings/rules.js';
import type { FindingCategory } from '../findings/categories.js';
import { parsePermitRecord } from '../oss/permitRecord.js';
import { stripPersonalData } from '../oss/personalData.js';
import { minimumWageTable } from '../reference/minimumWage.js';
import {
  DEFAULT_FOCUS_REGIONS,
  ENROLLMENT_HEADER,
  enrollmentCsvLine,
  generateCompanies,
  generateDemoData,
  generateExtraEmployerDetails,
  generateExtraEmployers,
  wordClassesForTest,
  type EnrollmentRow,
  type GeneratedCompany,
} from './generate.js';

const N = 5000;
const OPTIONS = { seed: 20240530, companies: N };
const companies: GeneratedCompany[] = [...generateCompanies(OPTIONS)];
const extras = [...generateExtraEmployerDetails(OPTIONS)];

const share = (count: number, total: number) => count / total;
const count = <T>(items: T[], pred: (t: T) => boolean) => items.reduce((n, t) => n + (pred(t) ? 1 : 0), 0);
const docTypeOf = (p: Record<string, unknown>) => Number(p['tipe_dokumen '] ?? p.tipe_dokumen);

describe('determinism', () => {
  it('gives byte-identical output for the same seed and options', () => {
    const a = generateDemoData({ seed: 7, companies: 400 });
    const b = generateDemoData({ seed: 7, companies: 400 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const lines = (d: typeof a) => d.enrollment.map(enrollmentCsvLine).join('\n');
    expect(lines(b)).toBe(lines(a));
  });

  it('gives different data for another seed', () => {
    const a = generateDemoData({ seed: 7, companies: 50 });
    const b = generateDemoData({ seed: 8, companies: 50 });
    expect(JSON.stringify(b.permits)).not.toBe(JSON.stringify(a.permits));
  });

  it('generators restart from scratch on every call', () => {
    const first = [...generateExtraEmployers({ seed: 3, companies: 100 })];
    const again = [...generateExtraEmployers({ seed: 3, companies: 100 })];
    expect(again).toEqual(first);
    expect(first).toHaveLength(50);
  });

  it('honours extraEmployers and rejects bad options', () => {
    expect([...generateExtraEmployers({ seed: 1, companies: 10, extraEmployers: 3 })]).toHaveLength(3);
    expect([...generateCompanies({ seed: 1, companies: 0 })]).toHaveLength(0);
    expect(() => [...generateCompanies({ seed: 1, companies: -1 })]).toThrow();
    expect(() => [...generateCompanies({ seed: 1, companies: 5, focusShare: 2 })]).toThrow();
  });
});

describe('identifiers', () => {
  it('NIBs are 13 digits and unique across permits and extra employers', () => {
    const nibs = companies.map((c) => c.permit.nib as string);
    for (const nib of nibs) expect(nib).toMatch(/^[0-9]{13}$/);
    const extraNibs = extras.map((e) => e.row.nib).filter(Boolean);
    for (const nib of extraNibs) expect(nib).toMatch(/^[0-9]{13}$/);
    expect(new Set([...nibs, ...extraNibs]).size).toBe(nibs.length + extraNibs.length);
  });

  it('NPPs are 8 digits and unique across all enrollment rows', () => {
    const npps = [...companies.flatMap((c) => (c.employer ? [c.employer.npp] : [])), ...extras.map((e) => e.row.npp)];
    for (const npp of npps) expect(npp).toMatch(/^[1-9][0-9]{7}$/);
    expect(new Set(npps).size).toBe(npps.length);
    for (const c of companies) expect(c.employer?.npp ?? null).toBe(c.truth.npp);
  });

  it('NPWPs are 15 or 16 digits, one per company', () => {
    const digits = companies.map((c) => String(c.permit.npwp_perseroan).replace(/[^0-9]/g, '')).filter(Boolean);
    for (const d of digits) expect([15, 16]).toContain(d.length);
    const canonical = digits.map((d) => d.slice(-15));
    expect(new Set(canonical).size).toBe(canonical.length);
    for (const c of companies) {
      if (c.employer?.npwp && c.permit.npwp_perseroan) {
        expect(c.employer.npwp.replace(/[^0-9]/g, '').slice(-15)).toBe(String(c.permit.npwp_perseroan).replace(/[^0-9]/g, '').slice(-15));
      }
    }
  });

  it('region codes: perseroan_daerah_id is 10 digits starting with the kab/kota', () => {
    for (const c of companies) {
      expect(c.permit.perseroan_daerah_id).toMatch(/^[0-9]{10}$/);
      expect(String(c.permit.perseroan_daerah_id).slice(0, 4)).toBe(c.truth.kabKota);
    }
  });
});

describe('names', () => {
  it('word classes are pairwise disjoint', () => {
    const seen = new Map<string, string>();
    for (const [cls, words] of Object.entries(wordClassesForTest())) {
      for (const w of new Set(words.map((x) => x.toUpperCase()))) {
        expect(seen.get(w), `${w} in ${cls} and ${seen.get(w)}`).toBeUndefined();
        seen.set(w, cls);
      }
    }
  });

  it('(base name, kab/kota) is unique; namesakes live elsewhere, subsidiaries add a word', () => {
    const keys = companies.map((c) => `${c.truth.baseName.toUpperCase()}|${c.truth.kabKota}`);
    expect(new Set(keys).size).toBe(keys.length);
    const byNib = new Map(companies.map((c) => [c.truth.nib, c.truth]));
    const namesakes = companies.filter((c) => c.truth.relation === 'namesake');
    const subsidiaries = companies.filter((c) => c.truth.relation === 'subsidiary');
    expect(namesakes.length).toBeGreaterThan(N * 0.02);
    expect(subsidiaries.length).toBeGreaterThan(N * 0.005);
    for (const c of namesakes) {
      const parent = byNib.get(c.truth.relatedNib!)!;
      expect(c.truth.baseName).toBe(parent.baseName);
      expect(c.truth.kabKota).not.toBe(parent.kabKota);
    }
    for (const c of subsidiaries) {
      const parent = byNib.get(c.truth.relatedNib!)!;
      expect(c.truth.baseName.startsWith(`${parent.baseName} `)).toBe(true);
    }
  });

  it('common words are shared by many distinct companies', () => {
    const withJaya = count(companies, (c) => /\bJaya\b/.test(c.truth.baseName));
    expect(withJaya).toBeGreaterThan(N * 0.02);
  });

  it('legal forms are written in varied ways', () => {
    const names = companies.map((c) => c.permit.nama_perseroan as string);
    for (const re of [/^PT\. /i, /^PT /i, /, PT$/i, /^P\.T\. /i, /^CV\. /i, /^CV /i, /^UD /i, /^Koperasi /i, /^KSP /i, /^Yayasan /i, /Tbk\.?$/i]) {
      expect(names.some((n) => re.test(n)), String(re)).toBe(true);
    }
    expect(count(companies, (c) => c.permit.status_perseroan === 'Y')).toBeGreaterThan(0);
  });

  it('extra employers include near-namesakes of permit companies', () => {
    const nibs = new Set(companies.map((c) => c.truth.nib));
    const near = extras.filter((e) => e.nearNamesakeOf);
    expect(near.length).toBeGreaterThan(extras.length * 0.05);
    for (const e of near) expect(nibs.has(e.nearNamesakeOf!)).toBe(true);
    expect(near.some((e) => e.nearKind === 'same_name_other_region')).toBe(true);
    expect(near.some((e) => e.nearKind === 'extra_word')).toBe(true);
  });
});

describe('ratios on 5,000 companies', () => {
  const enrolled = companies.filter((c) => c.employer);
  const e = enrolled.length;
  const employers = enrolled.map((c) => c.employer!);

  it('focus regions, enrollment and the compliance mix', () => {
    expect(share(count(companies, (c) => DEFAULT_FOCUS_REGIONS.includes(c.truth.kabKota)), N)).toBeCloseTo(0.85, 1);
    expect(share(e, N)).toBeGreaterThan(0.41);
    expect(share(e, N)).toBeLessThan(0.49);
    const kind = (k: string) => share(count(enrolled, (c) => c.truth.kind === k), e);
    expect(kind('pds_tk')).toBeGreaterThan(0.2);
    expect(kind('pds_tk')).toBeLessThan(0.3);
    expect(kind('pds_upah')).toBeGreaterThan(0.07);
    expect(kind('pds_upah')).toBeLessThan(0.13);
    expect(kind('pds_program')).toBeGreaterThan(0.05);
    expect(kind('pds_program')).toBeLessThan(0.11);
    expect(kind('arrears')).toBeGreaterThan(0.05);
    expect(kind('arrears')).toBeLessThan(0.11);
    expect(kind('inactive')).toBeGreaterThan(0.02);
    expect(kind('inactive')).toBeLessThan(0.065);
    expect(count(companies, (c) => c.truth.kind === 'unregistered')).toBe(N - e);
  });

  it('roughly a third of declared workers are registered', () => {
    const declared = companies.reduce((n, c) => n + c.truth.declaredWorkers, 0);
    const registered = employers.reduce((n, r) => n + Number(r.tk_aktif), 0);
    expect(share(registered, declared)).toBeGreaterThan(0.25);
    expect(share(registered, declared)).toBeLessThan(0.45);
  });

  it('scales, legal forms, document types and NIB statuses', () => {
    const scale = (s: string) => share(count(companies, (c) => c.truth.scale === s), N);
    expect(scale('01')).toBeCloseTo(0.6, 1);
    expect(scale('02')).toBeCloseTo(0.25, 1);
    expect(scale('03')).toBeGreaterThan(0.07);
    expect(scale('03')).toBeLessThan(0.13);
    expect(scale('04')).toBeGreaterThan(0.03);
    expect(scale('04')).toBeLessThan(0.08);
    const form = (f: string) => share(count(companies, (c) => String(c.permit.jenis_perseroan).padStart(2, '0') === f), N);
    expect(form('01')).toBeCloseTo(0.46, 1);
    expect(form('02')).toBeCloseTo(0.25, 1);
    expect(form('17')).toBeCloseTo(0.15, 1);
    expect(form('07')).toBeGreaterThan(0.02);
    expect(form('10')).toBeGreaterThan(0.01);
    expect(form('26')).toBeGreaterThan(0.02);
    const doc = (d: number) => share(count(companies, (c) => docTypeOf(c.permit) === d), N);
    expect(doc(9)).toBeGreaterThan(0.85);
    expect(doc(5)).toBeGreaterThan(0.07);
    expect(doc(5)).toBeLessThan(0.13);
    expect(doc(3)).toBeGreaterThan(0.003);
    expect(doc(3)).toBeLessThan(0.025);
    const revoked = share(count(companies, (c) => c.permit.status_nib === '06'), N);
    expect(revoked).toBeGreaterThan(0.004);
    expect(revoked).toBeLessThan(0.025);
  });

  it('enrollment extract fields', () => {
    expect(share(count(enrolled, (c) => c.truth.nppInPermit), e)).toBeCloseTo(0.4, 1);
    expect(share(count(employers, (r) => r.nib !== ''), e)).toBeCloseTo(0.5, 1);
    expect(share(count(employers, (r) => r.npwp !== ''), e)).toBeCloseTo(0.8, 1);
    expect(share(count(employers, (r) => r.status === 'AKTIF'), e)).toBeGreaterThan(0.93);
    expect(employers.some((r) => /^[0-9]{2}\.[0-9]{2}$/.test(r.kode_wilayah))).toBe(true);
    expect(employers.some((r) => /^[0-9]{4}$/.test(r.kode_wilayah))).toBe(true);
    const variant = (v: string) => share(count(enrolled, (c) => c.truth.nameVariant === v), e);
    expect(variant('typo')).toBeGreaterThan(0.015);
    expect(variant('typo')).toBeLessThan(0.045);
    expect(variant('truncated')).toBeGreaterThan(0.015);
    expect(variant('truncated')).toBeLessThan(0.05);
    expect(variant('spelling')).toBeGreaterThan(0.03);
    expect(variant('spelling')).toBeLessThan(0.08);
    for (const c of enrolled) {
      if (c.truth.nameVariant === 'truncated') expect(c.employer!.nama_perusahaan.length).toBeLessThanOrEqual(30);
    }
    expect(count(employers, (r) => r.nama_perusahaan === r.nama_perusahaan.toUpperCase())).toBeGreaterThan(e * 0.85);
  });

  it('declared workforce fits the business scale; foreign workers only in medium/large', () => {
    const bounds: Record<string, [number, number]> = { '01': [1, 4], '02': [5, 19], '03': [20, 99], '04': [100, 1500] };
    for (const c of companies) {
      const projects = c.permit.data_proyek as Record<string, unknown>[];
      expect(projects.length).toBeGreaterThanOrEqual(1);
      expect(projects.length).toBeLessThanOrEqual(3);
      const n = (v: unknown) => (v === '' ? 0 : Number(v));
      const tki = projects.reduce((s, p) => s + n(p.jumlah_tki_l) + n(p.jumlah_tki_p), 0);
      const tka = projects.reduce((s, p) => s + n(p.jumlah_tka_l) + n(p.jumlah_tka_p), 0);
      expect(tki + tka).toBe(c.truth.declaredWorkers);
      const [lo, hi] = bounds[c.truth.scale]!;
      expect(tki).toBeGreaterThanOrEqual(lo);
      expect(tki).toBeLessThanOrEqual(hi);
      if (c.truth.scale === '01' || c.truth.scale === '02') expect(tka).toBe(0);
      for (const p of projects) expect(p.kbli).toMatch(/^[0-9]{5}$/);
    }
    const asStrings = companies.flatMap((c) => (c.permit.data_proyek as Record<string, unknown>[]).map((p) => typeof p.jumlah_tki_l));
    expect(share(count(asStrings, (t) => t === 'string'), asStrings.length)).toBeGreaterThan(0.8);
    expect(asStrings).toContain('number');
  });

  it('issue dates fall in 2023-01-01..2026-10-31; updates change later', () => {
    for (const c of companies) {
      const issued = c.permit.tgl_terbit_nib as string;
      expect(issued).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(issued >= '2023-01-01 00:00:00' && issued <= '2026-10-31 23:59:59').toBe(true);
      const changed = c.permit.tgl_perubahan_nib as string;
      if (docTypeOf(c.permit) === 9) expect(changed).toBe('');
      else expect(changed > issued && changed <= '2026-10-31 23:59:59').toBe(true);
    }
  });
});

describe('OSS loose format', () => {
  it('uses the "tipe_dokumen " key with a trailing space in about half the records', () => {
    const spaced = count(companies, (c) => 'tipe_dokumen ' in c.permit);
    const plain = count(companies, (c) => 'tipe_dokumen' in c.permit);
    expect(spaced + plain).toBe(N);
    expect(share(spaced, N)).toBeGreaterThan(0.4);
    expect(share(spaced, N)).toBeLessThan(0.6);
  });

  it('carries personal data for the stripper to remove', () => {
    for (const c of companies.slice(0, 500)) {
      const p = c.permit;
      const holders = p.pemegang_saham as Record<string, string>[];
      const pj = p.penanggung_jwb as Record<string, string>[];
      expect(holders.length).toBeGreaterThanOrEqual(1);
      expect(holders[0]!.nama_pemegang_saham).toBeTruthy();
      expect(holders[0]!.no_identitas_pemegang_saham).toMatch(/^[0-9]{16}$/);
      expect(holders[0]!.email_pemegang_saham).toMatch(/@/);
      expect(pj[0]!.nama_penanggung_jwb).toBeTruthy();
      expect(pj[0]!.no_identitas_penanggung_jwb).toMatch(/^[0-9]{16}$/);
      expect(pj[0]!.no_hp_penanggung_jwb).toMatch(/^08[0-9]{9,10}$/);
      expect(pj[0]!.email_penanggung_jwb).toMatch(/@/);
      expect(p.nomor_telpon_perseroan).toBeTruthy();
      expect(p.email_perusahaan).toMatch(/@/);
      const stripped = JSON.stringify(stripPersonalData(p));
      expect(stripped).not.toContain(pj[0]!.no_identitas_penanggung_jwb);
      expect(stripped).not.toContain(pj[0]!.no_hp_penanggung_jwb);
      expect(stripped).not.toContain(holders[0]!.email_pemegang_saham);
    }
  });

  it('every permit parses with the project parser, with the generated facts', () => {
    for (const c of companies) {
      const result = parsePermitRecord({ dataNIB: c.permit });
      if (!result.ok) throw new Error(`${c.truth.nib}: ${result.reason}`);
      const p = result.permit;
      expect(p.nib).toBe(c.truth.nib);
      expect(p.kabKota).toBe(c.truth.kabKota);
      expect(p.declaredWorkers).toBe(c.truth.declaredWorkers);
      expect(p.businessScale).toBe(c.truth.scale);
      expect(p.noNpp).toBe(c.truth.nppInPermit ? c.truth.npp : null);
    }
  });

  it('every enrollment row passes the enrollment schema', () => {
    const rows: EnrollmentRow[] = [...companies.flatMap((c) => (c.employer ? [c.employer] : [])), ...extras.map((x) => x.row)];
    for (const row of rows) {
      const parsed = enrollmentRowSchema.safeParse(row);
      if (!parsed.success) throw new Error(`${row.npp}: ${parsed.error.message}`);
    }
  });
});

describe('truth agrees with the compliance rules', () => {
  it('each kind raises its finding and nothing else; compliant employers raise none', () => {
    const thresholds: RuleThresholds = { unregisteredMinDeclared: 1, underReportedMinGap: 1, wageRatio: 1, arrearsMinMonths: 1 };
    const wages = minimumWageTable();
    const expected: Record<string, FindingCategory[]> = {
      registered: [],
      unregistered: ['unregistered'],
      pds_tk: ['under_reported_workers'],
      pds_upah: ['under_reported_wages'],
      pds_program: ['missing_programs'],
      arrears: ['arrears'],
      inactive: ['inactive_enrollment'],
    };
    for (const c of companies) {
      const parsed = parsePermitRecord(c.permit);
      if (!parsed.ok) throw new Error(parsed.reason);
      const p = parsed.permit;
      const row = c.employer ? enrollmentRowSchema.parse(c.employer) : null;
      const mw = wages.forKabKota(c.truth.kabKota, 2026);
      const findings = evaluateFindings({
        permit: { declaredWorkers: p.declaredWorkers, businessScale: p.businessScale, docType: p.docType, nibStatus: p.nibStatus, kabKota: p.kabKota },
        decision: row ? 'matched' : 'unmatched',
        employer: row
          ? {
              npp: row.npp!,
              status: row.status,
              programs: row.program,
              activeWorkers: row.tk_aktif,
              totalWages: Number(row.total_upah),
              arrearsMonths: row.bulan_tunggakan,
              kabKota: row.kode_wilayah,
            }
          : null,
        minimumWage: mw ? { ...mw, kabKota: c.truth.kabKota } : null,
        thresholds,
      });
      const categories = findings.map((f) => f.category);
      expect(categories, `${c.truth.nib} ${c.truth.kind}`).toEqual(c.truth.permitActive ? expected[c.truth.kind] : []);
    }
  });
});

describe('CSV', () => {
  const row: EnrollmentRow = {
    npp: '12345678',
    nama_perusahaan: 'MAJU "JAYA", PT',
    npwp: '01.234.567.8-901.000',
    nib: '9120001234567',
    alamat: 'JL. RAYA, NO. 5\nRT 01',
    kode_wilayah: '35.23',
    status: 'AKTIF',
    program: 'JKK;JKM',
    tk_aktif: '3',
    total_upah: '7500000',
    bulan_tunggakan: '0',
  };

  it('header lists the enrollment columns', () => {
    expect(ENROLLMENT_HEADER).toBe(ENROLLMENT_COLUMNS.join(','));
  });

  it('quotes commas, quotes and newlines and round-trips through a CSV parser', () => {
    const line = enrollmentCsvLine(row);
    expect(line.startsWith('12345678,"MAJU ""JAYA"", PT",01.234.567.8-901.000,')).toBe(true);
    expect(line.endsWith('\n')).toBe(false);
    const parsed = parse(`${ENROLLMENT_HEADER}\n${line}\n`, { columns: true }) as Record<string, string>[];
    expect(parsed).toEqual([row]);
  });

  it('generated rows round-trip', () => {
    const rows = generateDemoData({ seed: 11, companies: 300 }).enrollment;
    const text = [ENROLLMENT_HEADER, ...rows.map(enrollmentCsvLine)].join('\n');
    expect(parse(text, { columns: true })).toEqual(rows);
  });
});

describe('scale', () => {
  it('streams 200,000 companies', () => {
    let n = 0;
    let enrolled = 0;
    for (const c of generateCompanies({ seed: 5, companies: 200_000 })) {
      n += 1;
      if (c.employer) enrolled += 1;
    }
    expect(n).toBe(200_000);
    expect(enrolled).toBeGreaterThan(0);
  });
});
