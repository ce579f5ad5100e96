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

const PERSONAL_KEY = /(^|_)(nik|no_identitas|identitas|nama_pj|no_identitas_pj|email|telp|telpon|telepon|hp|no_hp|fax|tgl_lahir|tempat_lahir|jns_kelamin|agama|status_perkawinan|pekerjaan)(_|$)|_user_proses$|_pemegang_saham$|_penanggung_jwb$/;

export function isPersonalKey(key: string): boolean {
  return DROPPED_KEYS.has(key) || PERSONAL_KEY.test(key);
}

/** Deep copy without personal keys; object keys are trimmed (OSS sends "tipe_dokumen "). */
export function stripPersonalData(value: unknown, depth = 0): unknown {
  if (depth > 32) return null;
  if (Array.isArray(value)) return value.map((item) => stripPersonalData(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [rawKey, child] of Object.entries(value as Record<string, unknown>)) {
      const key = rawKey.trim();
      if (isPersonalKey(key)) continue;
      out[key] = stripPersonalData(child, depth + 1);
    }
    return out;
  }
  return value;
}
