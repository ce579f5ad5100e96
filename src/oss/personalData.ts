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

/** What personal data looks like wherever it stands: e-mail addresses, Indonesian mobile numbers, NIKs (16 digits; an entity's 16-digit NPWP starts with 0). */
const PERSONAL_PATTERNS = [
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
  /(?<![0-9])(?:\+62|62|0)8[0-9]{7,12}(?![0-9])/g,
  /(?<![0-9])[1-9][0-9]{15}(?![0-9])/g,
];

/** Masks what looks like personal data in free text (an error message quoting a record, a garbled record). */
export function maskPersonalPatterns(text: string): string {
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
