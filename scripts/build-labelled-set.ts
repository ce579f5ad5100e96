import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ENROLLMENT_HEADER, enrollmentCsvLine, generateCompanies, generateExtraEmployerDetails, type EnrollmentRow } from '../src/demo/generate.js';
import { handCaseNib, handCaseNpp, readHandCases } from '../test/matching/evaluate.js';

/**
 * Builds the matcher's labelled set in test/matching/labelled/: generated companies with
 * their true employer (or none), where most links must be found from names alone
 * (identifiers removed), plus hard decoys (namesakes in other kab/kota, subsidiaries with
 * an extra word) and hand-written real-world cases. Deterministic for a seed.
 *
 *   npm run build:labelled-set -- --companies 4000 --seed 2026
 */
const { values } = parseArgs({ options: { companies: { type: 'string', default: '4000' }, seed: { type: 'string', default: '2026' } } });
const options = { seed: Number(values.seed), companies: Number(values.companies) };
const dir = new URL('../test/matching/labelled/', import.meta.url);

/** A stable pseudo-random fraction from a key, so choices do not depend on order. */
const fraction = (key: string) => createHash('sha256').update(`${options.seed}:${key}`).digest().readUInt32BE(0) / 2 ** 32;

/** Only what matching and the rules read; personal data and bulky fields left out. */
function compactPermit(p: Record<string, unknown>): Record<string, unknown> {
  const keep = ['nib', 'oss_id', 'npwp_perseroan', 'nama_perseroan', 'jenis_perseroan', 'status_perseroan', 'skala_usaha', 'status_nib',
    'tipe_dokumen ', 'tipe_dokumen', 'no_npp', 'perseroan_daerah_id', 'alamat_perseroan', 'tgl_terbit_nib', 'tgl_perubahan_nib'];
  const out: Record<string, unknown> = Object.fromEntries(keep.filter((k) => k in p).map((k) => [k, p[k]]));
  out.data_proyek = ((p.data_proyek as Array<Record<string, unknown>>) ?? []).map((d) => ({
    jumlah_tki_l: d.jumlah_tki_l, jumlah_tki_p: d.jumlah_tki_p, jumlah_tka_l: d.jumlah_tka_l, jumlah_tka_p: d.jumlah_tka_p,
    kbli: d.kbli, skala_usaha: d.skala_usaha,
    data_lokasi_proyek: ((d.data_lokasi_proyek as Array<Record<string, unknown>>) ?? []).map((l) => ({ proyek_daerah_id: l.proyek_daerah_id })),
  }));
  return out;
}

const permits: string[] = [];
const employers: EnrollmentRow[] = [];
const labels: string[] = [];

for (const c of generateCompanies(options)) {
  const permit = compactPermit(c.permit);
  const employer = c.employer ? { ...c.employer } : null;
  // Most links must be found from the name: the shared identifiers are removed.
  const nameOnly = employer && fraction(`strip:${c.truth.nib}`) < 0.6;
  if (employer && nameOnly) {
    permit.no_npp = '';
    employer.nib = '';
    if (fraction(`npwp:${c.truth.nib}`) < 0.5) permit.npwp_perseroan = '';
    else employer.npwp = '';
  }
  permits.push(JSON.stringify(permit));
  if (employer) employers.push(employer);
  labels.push(JSON.stringify({
    nib: c.truth.nib, npp: c.truth.npp, kind: c.truth.kind, variant: c.truth.nameVariant, relation: c.truth.relation,
    evidence: employer ? (nameOnly ? 'name' : 'identifiers') : 'none', active: c.truth.permitActive, declared: c.truth.declaredWorkers,
  }));
}
for (const extra of generateExtraEmployerDetails(options)) {
  const row = { ...extra.row };
  // Decoys made to look like a permit company rarely carry a telling identifier.
  if (extra.nearNamesakeOf && fraction(`decoy:${row.npp}`) < 0.6) {
    row.nib = '';
    row.npwp = '';
  }
  employers.push(row);
}

const hand = [...readHandCases().values()];
hand.forEach((h, i) => {
  const nib = handCaseNib(i);
  const npp = handCaseNpp(i);
  permits.push(JSON.stringify({
    nib, nama_perseroan: h.permit[0], skala_usaha: '02', status_nib: '01', 'tipe_dokumen ': '9', tgl_terbit_nib: '2025-05-05 10:00:00',
    perseroan_daerah_id: `${h.permit[1]}010001`, npwp_perseroan: '', no_npp: '',
    data_proyek: [{ jumlah_tki_l: '12', jumlah_tki_p: '8', jumlah_tka_l: '', jumlah_tka_p: '', kbli: '46100', data_lokasi_proyek: [{ proyek_daerah_id: `${h.permit[1]}010001` }] }],
  }));
  employers.push({
    npp, nama_perusahaan: h.employer[0], npwp: '', nib: '', alamat: 'Jl. Uji', kode_wilayah: h.employer[1], status: 'AKTIF',
    program: 'JKK;JKM;JHT', tk_aktif: '20', total_upah: '90000000', bulan_tunggakan: '0',
  });
  labels.push(JSON.stringify({ nib, npp: h.same ? npp : null, kind: h.same ? 'registered' : 'unregistered', variant: null, relation: null, evidence: 'name', active: true, declared: 20, hand: h.note }));
});

employers.sort((a, b) => (a.npp < b.npp ? -1 : 1));
writeFileSync(new URL('permits.jsonl', dir), `${permits.join('\n')}\n`);
writeFileSync(new URL('employers.csv', dir), `${[ENROLLMENT_HEADER, ...employers.map(enrollmentCsvLine)].join('\n')}\n`);
writeFileSync(new URL('labels.jsonl', dir), `${labels.join('\n')}\n`);
console.log(`labelled set: ${permits.length} permits, ${employers.length} employers, ${hand.length} hand-written cases`);
