/**
 * Which keys a permit's name is blocked on when looking for candidate employers. Pure.
 *
 * - a rare word (in few employer names): candidates anywhere;
 * - a pair of the name's rarest words: rare as a pair even when each word is common
 *   ("MAJU JAYA ABADI"), candidates anywhere, so a company enrolled in another kab/kota
 *   is still found;
 * - for short names, or when nothing else is selective enough: the rarest word within the
 *   permit's kab/kota (catches a typo in the other word).
 */

export interface BlockingLimits {
  /** Words in at most this many employer names block anywhere. */
  rareMax: number;
  /** Word pairs in at most this many employer names block anywhere. */
  pairMax: number;
  /** Rarest words considered per permit. */
  wordsPerPermit: number;
  /** Candidates kept per permit (the most weight shared). */
  candidatesPerPermit: number;
}

export const DEFAULT_BLOCKING: BlockingLimits = { rareMax: 100, pairMax: 250, wordsPerPermit: 4, candidatesPerPermit: 15 };

export type BlockingKind = 'word' | 'pair' | 'local';

export interface BlockingKey {
  kind: BlockingKind;
  key: string;
  /** Evidence weight of sharing this key: ln((N + 1) / (frequency + 1)). */
  weight: number;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/** The pairs a name's rarest words could form (for looking up their frequencies). */
export function candidatePairs(tokens: string[], frequency: (t: string) => number, limits: BlockingLimits = DEFAULT_BLOCKING): string[] {
  const top = rarest(tokens, frequency, limits.wordsPerPermit);
  const pairs: string[] = [];
  for (let i = 0; i < top.length; i += 1) for (let j = i + 1; j < top.length; j += 1) pairs.push(pairKey(top[i]!, top[j]!));
  return pairs;
}

function rarest(tokens: string[], frequency: (t: string) => number, count: number): string[] {
  return [...new Set(tokens)]
    .filter((t) => frequency(t) > 0)
    .sort((a, b) => frequency(a) - frequency(b) || (a < b ? -1 : 1))
    .slice(0, count);
}

export function chooseBlockingKeys(
  tokens: string[],
  hasRegion: boolean,
  frequency: (t: string) => number,
  pairFrequency: (pair: string) => number,
  totalEmployers: number,
  limits: BlockingLimits = DEFAULT_BLOCKING,
): BlockingKey[] {
  const weight = (n: number) => Math.log((totalEmployers + 1) / (n + 1));
  const known = [...new Set(tokens)].filter((t) => frequency(t) > 0);
  const top = rarest(tokens, frequency, limits.wordsPerPermit);
  const keys: BlockingKey[] = [];
  for (const t of top) if (frequency(t) <= limits.rareMax) keys.push({ kind: 'word', key: t, weight: weight(frequency(t)) });
  for (let i = 0; i < top.length; i += 1) {
    for (let j = i + 1; j < top.length; j += 1) {
      const pair = pairKey(top[i]!, top[j]!);
      const n = pairFrequency(pair);
      if (n > 0 && n <= limits.pairMax) keys.push({ kind: 'pair', key: pair, weight: weight(n) });
    }
  }
  if (hasRegion && top.length && (known.length <= 2 || !keys.length)) {
    keys.push({ kind: 'local', key: top[0]!, weight: weight(frequency(top[0]!)) });
  }
  return keys;
}
