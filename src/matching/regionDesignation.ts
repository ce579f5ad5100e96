/**
 * Regional enterprises carry their kab/kota in their name ("PDAM Tirta Kahuripan Kab.
 * Bogor", "RSUD … Kota Malang"), and one registry writes it where another leaves it out.
 * Where the region a name ends with is the kab/kota the record is in, those words say
 * nothing the record's region does not already say.
 */

import { kabKotaName, provinceName } from '../reference/regions.js';
import { boundedMemo } from '../shared/boundedMemo.js';
import { normaliseCompanyName } from './companyName.js';

const DESIGNATORS: Record<string, string[]> = {
  KABUPATEN: ['KAB', 'KABUPATEN'],
  KOTA: ['KOTA', 'KOTAMADYA', 'KODYA'],
};

const PROVINCE_DESIGNATORS = ['PROVINSI', 'PROV'];

/** Words that say a region is a kab, a kota or a province ("KABUPATEN JEMBER"). */
export const REGION_DESIGNATORS: ReadonlySet<string> = new Set([...Object.values(DESIGNATORS).flat(), ...PROVINCE_DESIGNATORS]);

interface Designation {
  designators: string[];
  /** The region's own name in name words: "Kabupaten Aceh Selatan" → ACEH SELATAN. */
  words: string[];
}

const designationOf = boundedMemo((kabKota: string): Designation | null => {
  const name = kabKotaName(kabKota);
  if (!name) return null;
  const [kind, ...rest] = name.toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim().split(' ');
  const designators = DESIGNATORS[kind ?? ''];
  if (!designators || !rest.length) return null;
  // In the words the region has in a normalised name ("Lima Puluh Kota" → "50 KOTA").
  const words = normaliseCompanyName(rest.join(' ')).tokens;
  return words.length ? { designators, words } : null;
}, 1_000);

/** A province's own name in name words: 35 → JAWA TIMUR. */
const provinceWordsOf = boundedMemo((province: string): string[] => {
  const name = provinceName(province);
  return name ? normaliseCompanyName(name).tokens : [];
}, 100);

/** Whether `words` stand at `start` of `tokens`, up to its end. */
function endsWith(tokens: readonly string[], start: number, words: readonly string[]): boolean {
  if (start < 0 || start + words.length !== tokens.length) return false;
  return words.every((w, k) => tokens[start + k] === w);
}

/**
 * How many words at the end of a name (normalised tokens) name the region the record is
 * in: its kab/kota with the designator ("… KAB BOGOR", two words of name before it) or
 * without ("RSUD DR ISKAK TULUNGAGUNG", three words before it, as a bare place name is
 * more often part of a name), or its province ("… PROVINSI JAWA TIMUR"). Zero when the
 * name does not end so, or when too few words would be left ("RSUD Kota Malang" is named
 * by its region).
 */
export function ownRegionSuffixLength(tokens: readonly string[], kabKota: string | null): number {
  if (!kabKota || tokens.length < 4) return 0;
  const province = provinceWordsOf(kabKota.slice(0, 2));
  if (province.length) {
    const start = tokens.length - province.length - 1;
    if (start >= 2 && PROVINCE_DESIGNATORS.includes(tokens[start]!) && endsWith(tokens, start + 1, province)) return province.length + 1;
  }
  const designation = designationOf(kabKota);
  if (!designation) return 0;
  const { designators, words } = designation;
  const start = tokens.length - words.length - 1;
  if (start >= 2 && designators.includes(tokens[start]!) && endsWith(tokens, start + 1, words)) return words.length + 1;
  if (start + 1 >= 3 && endsWith(tokens, start + 1, words)) return words.length;
  return 0;
}

/**
 * Where a name ends with its own kab/kota's designator and name after a single word
 * ("RSUD KABUPATEN SIDOARJO", "PDAM KOTA MALANG"), the designator's index; else -1. The
 * region is then the name itself, and only the designator may go unsaid ("RSUD SIDOARJO"
 * enrolled in Kabupaten Sidoarjo).
 */
export function ownDesignatorAfterOneWord(tokens: readonly string[], kabKota: string | null): number {
  if (!kabKota) return -1;
  const designation = designationOf(kabKota);
  if (!designation) return -1;
  const start = tokens.length - designation.words.length - 1;
  return start === 1 && designation.designators.includes(tokens[start]!) && endsWith(tokens, start + 1, designation.words) ? start : -1;
}

/**
 * Whether a name is a word and then only its record's own kab/kota, with or without the
 * designator ("PDAM KOTA MALANG", "PDAM MALANG" in Kota Malang).
 */
export function isWordAndOwnRegion(tokens: readonly string[], kabKota: string | null): boolean {
  if (!kabKota) return false;
  const designation = designationOf(kabKota);
  if (!designation) return false;
  const { designators, words } = designation;
  if (tokens.length === words.length + 1) return endsWith(tokens, 1, words);
  return tokens.length === words.length + 2 && designators.includes(tokens[1]!) && endsWith(tokens, 2, words);
}
