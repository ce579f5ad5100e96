/**
 * Removes personal data from an OSS payload before it is stored or could be logged:
 * shareholders, responsible persons, the submitting user, notaries, RPTKA companions,
 * and any field holding an identity number, phone, e-mail or birth detail.
 */

const DROPPED_KEYS = new Set([
  'pemegang_saham',
  'penanggung_jwb',
  'legalitas',
  'rptka_tki_pendamping',
  'nomor_telpon_perseroan',
  'email_perusahaan',
]);

const PERSONAL_KEY = /(^|_)(nik|no_identitas|identitas|nama_pj|no_identitas_pj|email|e_mail|telp|telpon|telepon|phone|telephone|mobile|hp|no_hp|fax|tgl_lahir|tempat_lahir|jns_kelamin|agama|status_perkawinan|pekerjaan)(_|$)|_user_proses$|_pemegang_saham$|_penanggung_jwb$/;

export function isPersonalKey(key: string): boolean {
  const lower = key.toLowerCase();
  return DROPPED_KEYS.has(lower) || PERSONAL_KEY.test(lower);
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Deep copy without personal keys; object keys are trimmed (OSS sends "tipe_dokumen "). */
export function stripPersonalData(value: unknown, depth = 0): unknown {
  if (depth > 32) return null;
  if (Array.isArray(value)) return value.map((item) => stripPersonalData(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [rawKey, child] of Object.entries(value as Record<string, unknown>)) {
      const key = rawKey.trim();
      // "__proto__" would become the copy's prototype, not a field.
      if (key === '__proto__' || isPersonalKey(key)) continue;
      // "tipe_dokumen" and "tipe_dokumen " may both be present: a blank never hides a value.
      if (Object.hasOwn(out, key) && isBlank(child)) continue;
      out[key] = stripPersonalData(child, depth + 1);
    }
    return out;
  }
  return value;
}
