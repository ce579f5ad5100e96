/**
 * Removes personal data from an OSS payload before it is stored or could be logged:
 * shareholders, responsible persons, the submitting user, notaries, RPTKA companions,
 * holders of patents and trade marks, and any field holding an identity number, a
 * person's NPWP, phone, e-mail or birth detail. What stays is masked where free text
 * quotes an e-mail address, a mobile number or a NIK.
 */

const DROPPED_KEYS = new Set([
  'pemegang_saham',
  'penanggung_jwb',
  'legalitas',
  'rptka_tki_pendamping',
  'nomor_telpon_perseroan',
  'email_perusahaan',
]);

/**
 * Personal by what the key says: an identity, contact or birth detail (`nik`, `email`,
 * `no_hp`, `tgl_lahir`, …) or a person the field belongs to, by role: the submitting
 * user, a holder (of shares, a patent, a trade mark: `pemegang_haki`), the responsible
 * person (`_penanggung_jwb`, `_pj`), a notary, an owner, a director or commissioner.
 */
const PERSONAL_KEY =
  /(^|_)(nik|no_identitas|identitas|ktp|paspor|passport|nama_pj|no_identitas_pj|email|e_mail|telp|telpon|telepon|phone|telephone|mobile|hp|no_hp|handphone|ponsel|wa|whatsapp|kontak|fax|kk|kependudukan|tgl_lahir|tempat_lahir|jns_kelamin|agama|status_perkawinan|pekerjaan)(_|$)|(^|_)(user|pemohon|pemegang|pemilik|direktur|direksi|komisaris|pengurus)(_|$)|_penanggung_jwb$|_pj$|_notaris$/;

/**
 * The NPWPs of an entity: the company's own (matching compares on it), a branch's and a
 * merged company's. Any other NPWP belongs to a person (`npwp_pemegang_saham`, `pi_npwp`):
 * an individual's NPWP is their NIK.
 */
const ENTITY_NPWP_KEYS = new Set(['npwp_perseroan', 'npwp_cabang', 'npwp_perseroan_merger']);
const NPWP_KEY = /(^|_)npwp(_|$)/;

export function isPersonalKey(key: string): boolean {
  const lower = key.toLowerCase();
  return DROPPED_KEYS.has(lower) || PERSONAL_KEY.test(lower) || (NPWP_KEY.test(lower) && !ENTITY_NPWP_KEYS.has(lower));
}

/**
 * Fields Patuh reads exactly (src/oss/permitRecord.ts): the NIB, the company's NPWP (an
 * individual's is their NIK), the NPP, KBLI and area codes, the version dates, the
 * workforce counts. Masking digits there would change what is matched.
 */
const READ_EXACTLY = new Set([
  'nib', 'oss_id', 'npwp_perseroan', 'npwp_cabang', 'npwp_perseroan_merger', 'no_npp', 'kbli', 'perseroan_daerah_id', 'proyek_daerah_id',
  'tgl_terbit_nib', 'tgl_perubahan_nib', 'tipe_dokumen', 'status_nib', 'skala_usaha', 'jenis_perseroan',
  'jumlah_tki_l', 'jumlah_tki_p', 'jumlah_tka_l', 'jumlah_tka_p', 'tki_l', 'tki_p', 'tka_l', 'tka_p',
]);

/**
 * Fields of dates, counts and amounts, by OSS's naming (`tgl_`, `jumlah_`, `nilai_`, …) or
 * in the PIA templates: a value of figures there is a date or an amount, kept as it is; a
 * value with letters or an "@" is text, and masked as any text is. Other codes and numbers
 * (`no_`, `id_`, `kode_`) are not read, and a key of that kind may hold a contact
 * (`no_wa`, `no_kontak`): they are masked as text is.
 */
const FIGURE_KIND = /^(tgl|tanggal|masa_berlaku|jumlah|total|nilai|persen|luas|satuan|jangka)(_|$)/;
const FIGURE_FIELDS = new Set([
  'kapasitas', 'tkdn', 'pi_tanggal', 'rptka_awal', 'rptka_akhir', 'rptka_gaji', 'lat_lng',
  'dalam_bentuk_uang', 'dalam_bentuk_lain', 'pembelian_pematang_tanah', 'bangunan_gedung', 'mesin_peralatan',
  'mesin_peralatan_usd', 'investasi_lain', 'sub_jumlah', 'modal_kerja',
]);
const FIGURES = /^[0-9\s.,:/+-]*$/;

/** How the strings under a key are kept: exactly, exactly when they are figures, or masked as text. */
export function keptExactly(key: string): 'always' | 'figures' | 'never' {
  const lower = key.toLowerCase();
  if (READ_EXACTLY.has(lower)) return 'always';
  return FIGURE_KIND.test(lower) || FIGURE_FIELDS.has(lower) ? 'figures' : 'never';
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The deepest nesting kept; deeper values become null (OSS nests four levels). */
const MAX_DEPTH = 32;

/**
 * Deep copy without personal keys, with e-mail addresses, mobile numbers and NIKs in free
 * text masked; object keys are trimmed (OSS sends "tipe_dokumen ").
 */
export function stripPersonalData(value: unknown): unknown {
  return stripValue(value, 0, 'never');
}

/** `exactly`: how the key the value sits under keeps its strings (items of a list inherit it). */
function stripValue(value: unknown, depth: number, exactly: ReturnType<typeof keptExactly>): unknown {
  if (depth > MAX_DEPTH) return null;
  if (typeof value === 'string') return exactly === 'always' || (exactly === 'figures' && FIGURES.test(value)) ? value : maskPersonalPatterns(value);
  if (Array.isArray(value)) return value.map((item) => stripValue(item, depth + 1, exactly));
  if (value && typeof value === 'object') return stripObject(value as Record<string, unknown>, depth);
  return value;
}

function stripObject(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, child] of Object.entries(value)) {
    const key = rawKey.trim();
    // "__proto__" would become the copy's prototype, not a field.
    if (key === '__proto__' || isPersonalKey(key)) continue;
    // "tipe_dokumen" and "tipe_dokumen " may both be present: a blank never hides a value.
    if (Object.hasOwn(out, key) && isBlank(child)) continue;
    out[key] = stripValue(child, depth + 1, keptExactly(key));
  }
  return out;
}

/** Index just past the JSON string starting at `start` (a quote), or the end of an unterminated one. */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** Index just past the JSON value starting at `start`; the end of the text when it is cut off. */
function endOfValue(text: string, start: number): number {
  let i = start;
  while (i < text.length && /\s/.test(text[i]!)) i += 1;
  if (text[i] === '"') return endOfString(text, i);
  if (text[i] === '{' || text[i] === '[') {
    let depth = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i = endOfString(text, i);
        continue;
      }
      if (c === '{' || c === '[') depth += 1;
      else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
      i += 1;
    }
    return text.length;
  }
  while (i < text.length && !',}]\n'.includes(text[i]!)) i += 1;
  return i;
}

/**
 * A key written with single quotes or none (`{'nik': '…'}`, `{nik: …}`, as hand-edited or
 * Python-printed records have them) and its scalar value, which reading the text as JSON
 * does not see.
 */
const LOOSE_KEY_VALUE = /(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1(\s*[:=]\s*)('(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?|[^\s,}\]'"][^,}\]\n]*)/g;

/**
 * What personal data looks like wherever it stands: e-mail addresses; Indonesian mobile
 * numbers (08…, 62 8…, +62 8…), also written in groups as people do ("0812-3456-7890",
 * "+62 812 3456 7890"), the operator prefix 8xx kept whole so that a date such as
 * "08-10-2023" is not one, and no dot after 62 so that an amount such as
 * "62.850.000.000" is not one; NIKs (16 digits; an entity's 16-digit NPWP starts with 0).
 */
const PERSONAL_PATTERNS = [
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
  /(?<![0-9])(?:(?:\+62|62)[ -]?|0)8[0-9]{2}(?:[0-9]{5,10}|[ .-]?[0-9]{3,4}[ .-]?[0-9]{3,5})(?![0-9])/g,
  /(?<![0-9])[1-9][0-9]{15}(?![0-9])/g,
];

/** Masks what looks like personal data in free text (an error message quoting a record, a garbled record). */
export function maskPersonalPatterns(text: string): string {
  // Most stored strings (names, codes, words) have neither: every string of a payload passes here.
  if (!/[0-9@]/.test(text)) return text;
  return PERSONAL_PATTERNS.reduce((t, pattern) => t.replace(pattern, '***'), text);
}

/**
 * Personal data out of text that is not valid JSON (a truncated or garbled record): the
 * value of every personal key becomes null, up to the end of the text when it is cut off
 * inside that value, keys quoted otherwise or not at all included; e-mail addresses, mobile
 * numbers and NIKs are masked wherever they stand. The rest is kept as received so an
 * operator can repair the record.
 */
export function redactPersonalText(text: string): string {
  const keyed = redactJsonKeyedText(text);
  // JSON as such (which callers store parsed, not as text) keeps its shape: numbers that
  // look like a NIK are numbers there.
  if (isJson(keyed)) return keyed;
  const byKey = keyed.replace(LOOSE_KEY_VALUE, (whole, quote: string, key: string, separator: string) =>
    isPersonalKey(key) ? `${quote}${key}${quote}${separator}null` : whole,
  );
  return maskPersonalPatterns(byKey);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function redactJsonKeyedText(text: string): string {
  let out = '';
  let i = 0;
  const colon = /\s*:/y;
  while (i < text.length) {
    const quote = text.indexOf('"', i);
    if (quote === -1) return out + text.slice(i);
    out += text.slice(i, quote);
    const end = endOfString(text, quote);
    const token = text.slice(quote, end);
    out += token;
    i = end;
    colon.lastIndex = i;
    const separator = colon.exec(text);
    if (!separator) continue;
    let key: string;
    try {
      key = JSON.parse(token) as string;
    } catch {
      key = token.slice(1);
    }
    if (!isPersonalKey(key.trim())) continue;
    out += `${separator[0]}null`;
    i = endOfValue(text, i + separator[0].length);
  }
  return out;
}
