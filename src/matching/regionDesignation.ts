/**
 * Regional enterprises carry their kab/kota in their name ("PDAM Tirta Kahuripan Kab.
 * Bogor", "RSUD … Kota Malang"), and one registry writes it where another leaves it out.
 * Where the region a name ends with is the kab/kota the record is in, those words say
 * nothing the record's region does not already say.
 */

import { kabKotaName } from '../reference/regions.js';
import { boundedMemo } from '../shared/boundedMemo.js';
import { normaliseCompanyName } from './companyName.js';

const DESIGNATORS: Record<string, string[]> = {
  KABUPATEN: ['KAB', 'KABUPATEN'],
  KOTA: ['KOTA', 'KOTAMADYA', 'KODYA'],
};

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

/**
 * How many words at the end of a name (normalised tokens) designate the kab/kota the
 * record is in: "… KAB BOGOR" for one in Kabupaten Bogor. Zero when the name does not
 * end so, or when less than two words would be left before it ("RSUD Kota Malang" is
 * named by its region).
 */
export function ownRegionSuffixLength(tokens: readonly string[], kabKota: string | null): number {
  if (!kabKota || tokens.length < 4) return 0;
  const designation = designationOf(kabKota);
  if (!designation) return 0;
  const { designators, words } = designation;
  const start = tokens.length - words.length - 1;
  if (start < 2 || !designators.includes(tokens[start]!)) return 0;
  for (let k = 0; k < words.length; k += 1) if (tokens[start + 1 + k] !== words[k]) return 0;
  return words.length + 1;
}
