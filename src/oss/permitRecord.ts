import { dataNibSchema, type DocType } from '../../schemas/oss.js';
import { normaliseCompanyName } from '../matching/companyName.js';
import { sha256Hex } from '../shared/hash.js';
import { stripPersonalData } from './personalData.js';
import { describeIssues } from '../shared/zodIssues.js';
import { UNSTORABLE_TEXT, UNSTORABLE_TEXT_MESSAGE } from '../../schemas/storableText.js';

/** A permit as Patuh keeps it: one version of one NIB, whatever channel delivered it. */
export interface ParsedPermit {
  nib: string;
  ossId: string | null;
  versionAt: Date;
  docType: DocType;
  name: string;
  nameNorm: string;
  nameShort: string | null;
  legalForm: string | null;
  npwp: string | null;
  noNpp: string | null;
  businessScale: string | null;
  nibStatus: string | null;
  kabKota: string | null;
  address: string | null;
  declared: { tki_l: number; tki_p: number; tka_l: number; tka_p: number };
  declaredWorkers: number;
  kbli: string[];
  /** The dataNIB object without personal data. */
  raw: Record<string, unknown>;
  /** Hash of the parsed fields: equal for the same record from any channel. */
  hash: string;
}

export type PermitParseResult = { ok: true; permit: ParsedPermit } | { ok: false; reason: string };

/** The most workers one permit may declare in all (as for each single count in schemas/loose.ts). */
const MAX_DECLARED_WORKERS = 10_000_000;

/**
 * The path of the first key or string PostgreSQL could not store, with why; null when all
 * can be. The path is built on the way back from a find, so the common case (every value
 * storable) allocates nothing per field.
 */
function unstorableAt(value: unknown): { path: string[]; message: string } | null {
  if (typeof value === 'string') return UNSTORABLE_TEXT.test(value) ? { path: [], message: UNSTORABLE_TEXT_MESSAGE } : null;
  if (!value || typeof value !== 'object') return null;
  for (const [key, child] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    // The key itself is not quoted: the reason is stored too.
    if (typeof key === 'string' && UNSTORABLE_TEXT.test(key)) return { path: [], message: 'a key contains a NUL character or an unpaired surrogate' };
    const found = unstorableAt(child);
    if (found) {
      found.path.unshift(String(key));
      return found;
    }
  }
  return null;
}

/** Accepts a receiveNIB body (`{"dataNIB":{…}}`) or a bare dataNIB object. */
export function parsePermitRecord(input: unknown): PermitParseResult {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, reason: 'record must be a JSON object (a receiveNIB body or a dataNIB object)' };
  }
  let body = input as Record<string, unknown>;
  let prefix = '';
  if ('dataNIB' in body) {
    const inner = body.dataNIB;
    if (!inner || typeof inner !== 'object' || Array.isArray(inner)) {
      return { ok: false, reason: 'dataNIB: must be a JSON object' };
    }
    body = inner as Record<string, unknown>;
    prefix = 'dataNIB';
  }
  const raw = stripPersonalData(body) as Record<string, unknown>;
  const unstorable = unstorableAt(raw);
  if (unstorable) {
    const path = [prefix, ...unstorable.path].filter(Boolean).join('.');
    return { ok: false, reason: path ? `${path}: ${unstorable.message}` : unstorable.message };
  }
  const parsed = dataNibSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error, prefix) };
  const d = parsed.data;

  const declared = { tki_l: 0, tki_p: 0, tka_l: 0, tka_p: 0 };
  const kbli = new Set<string>();
  let projectScale: string | undefined;
  let projectRegion: string | undefined;
  for (const p of d.data_proyek) {
    declared.tki_l += p.jumlah_tki_l;
    declared.tki_p += p.jumlah_tki_p;
    declared.tka_l += p.jumlah_tka_l;
    declared.tka_p += p.jumlah_tka_p;
    if (p.kbli) kbli.add(p.kbli);
    if (p.skala_usaha && (!projectScale || p.skala_usaha > projectScale)) projectScale = p.skala_usaha;
    projectRegion ??= p.data_lokasi_proyek.find((l) => l.proyek_daerah_id)?.proyek_daerah_id;
  }
  const declaredWorkers = declared.tki_l + declared.tki_p + declared.tka_l + declared.tka_p;
  // Each count is capped; their sum over many projects must still fit the integer columns.
  if (declaredWorkers > MAX_DECLARED_WORKERS) {
    return { ok: false, reason: `${prefix ? `${prefix}.` : ''}data_proyek: the declared workers add up to more than ${MAX_DECLARED_WORKERS}, which is implausibly large` };
  }
  const name = d.nama_perseroan;
  const fields = {
    nib: d.nib,
    ossId: d.oss_id ?? null,
    versionAt: d.tgl_perubahan_nib ?? d.tgl_terbit_nib ?? new Date(0),
    docType: (d.tipe_dokumen ?? 9) as DocType,
    name,
    nameNorm: normaliseCompanyName(name).key,
    nameShort: d.nama_singkatan ?? null,
    legalForm: d.jenis_perseroan ?? null,
    npwp: d.npwp_perseroan ?? null,
    noNpp: d.no_npp ?? null,
    businessScale: d.skala_usaha ?? projectScale ?? null,
    nibStatus: d.status_nib ?? null,
    kabKota: d.perseroan_daerah_id ?? projectRegion ?? null,
    address: d.alamat_perseroan ?? null,
    declared,
    declaredWorkers,
    kbli: [...kbli].sort(),
  };
  // The object is built field by field above, so its JSON is already in a fixed order.
  return { ok: true, permit: { ...fields, raw, hash: sha256Hex(JSON.stringify(fields)) } };
}
