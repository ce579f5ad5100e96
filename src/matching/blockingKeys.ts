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

import { couldBeAcronym, nameAcronym } from './acronyms.js';
import { distinctiveFrequency } from './nameScore.js';

export interface BlockingLimits {
  /** Words in at most this many employer names block anywhere. */
  rareMax: number;
  /** Word pairs in at most this many employer names block anywhere. */
  pairMax: number;
  /** A short name's rarest word blocks within its kab/kota only when in at most this many names. */
  localMax: number;
  /** Rarest words considered per permit. */
  wordsPerPermit: number;
  /** Candidates kept per permit (the most weight shared). */
  candidatesPerPermit: number;
  /** Candidates kept per permit, besides those, from the name written with words joined or split. */
  spellingCandidatesPerPermit: number;
  /** Employer rows the chosen keys may touch per permit (their frequencies summed), most selective first. */
  postingsBudget: number;
}

export const DEFAULT_BLOCKING: BlockingLimits = {
  rareMax: 100,
  pairMax: 250,
  localMax: 5000,
  wordsPerPermit: 4,
  candidatesPerPermit: 10,
  spellingCandidatesPerPermit: 3,
  postingsBudget: 250,
};

/** `initials`: employers in the permit's kab/kota whose name's initials are the key (migration 0016). */
export type BlockingKind = 'word' | 'pair' | 'local' | 'initials';

export interface BlockingKey {
  kind: BlockingKind;
  key: string;
  /** Evidence weight of sharing this key: ln((N + 1) / (frequency + 1)). */
  weight: number;
  /** A key of the name written with words joined or split, whose candidates are ranked apart. */
  spelling?: true;
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

/** Shortest part of a word written joined or apart ("SARI ROTI" / "SARIROTI"). */
const MIN_PART = 3;
/** Unknown words a permit's name is tried as two words for. */
const SPLIT_WORDS_PER_PERMIT = 2;

/** Adjacent words written as one, as another registry may spell them ("SUMBER JAYA" → "SUMBERJAYA"). */
export function joinedWords(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    if (tokens[i]!.length >= MIN_PART && tokens[i + 1]!.length >= MIN_PART) out.push(tokens[i]! + tokens[i + 1]!);
  }
  return out;
}

/**
 * The ways an unknown word could be two words written together ("SUMBERJAYA" → "SUMBER" +
 * "JAYA"): every cut leaving two parts of at least three letters, for the name's first two
 * words that no employer name has.
 */
export function splitReadings(tokens: string[], frequency: (t: string) => number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const t of tokens.filter((w) => w.length >= 2 * MIN_PART && frequency(w) === 0).slice(0, SPLIT_WORDS_PER_PERMIT)) {
    for (let k = MIN_PART; k <= t.length - MIN_PART; k += 1) out.push([t.slice(0, k), t.slice(k)]);
  }
  return out;
}

/** Word pairs an unknown word could be written apart as ("SUMBERJAYA" → "JAYA SUMBER"), where both parts are words of employer names. */
export function splitPairs(tokens: string[], frequency: (t: string) => number): string[] {
  return splitReadings(tokens, frequency).flatMap(([a, b]) => (frequency(a) > 0 && frequency(b) > 0 ? [pairKey(a, b)] : []));
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
  const selective: Array<BlockingKey & { postings: number; head: boolean }> = [];
  for (const t of top) {
    if (frequency(t) <= limits.rareMax) selective.push({ kind: 'word', key: t, weight: weight(frequency(t)), postings: frequency(t), head: false });
  }
  // The pair of the name's first two known words survives a truncated tail.
  const head = known.length >= 2 ? pairKey(known[0]!, known[1]!) : null;
  for (let i = 0; i < top.length; i += 1) {
    for (let j = i + 1; j < top.length; j += 1) {
      const pair = pairKey(top[i]!, top[j]!);
      const n = pairFrequency(pair);
      if (n > 0 && n <= limits.pairMax) selective.push({ kind: 'pair', key: pair, weight: weight(n), postings: n, head: pair === head });
    }
  }
  const keys: BlockingKey[] = mostSelective(selective, limits.postingsBudget, (k) => k.head).map((k) => ({ kind: k.kind, key: k.key, weight: k.weight }));
  if (hasRegion && top.length && frequency(top[0]!) <= limits.localMax && (known.length <= 2 || !keys.length)) {
    keys.push({ kind: 'local', key: top[0]!, weight: weight(frequency(top[0]!)) });
  }
  return [...keys, ...spellingKeys(tokens, hasRegion, frequency, pairFrequency, totalEmployers, weight, new Set(keys.map((k) => k.key)), limits)];
}

/**
 * The same name with words joined or split by another registry ("SARI ROTI" / "SARIROTI"),
 * or by its initials ("PLN"), shares none of the name's own keys. Its joined words, split
 * pairs and acronym are keys of their own, the most selective first within the same
 * budget; their candidates are ranked apart (nameCandidateRepository.ts), so they never
 * push the name's own candidates out. An acronym common nationally is looked for within
 * the kab/kota.
 */
function spellingKeys(
  tokens: string[],
  hasRegion: boolean,
  frequency: (t: string) => number,
  pairFrequency: (pair: string) => number,
  totalEmployers: number,
  weight: (n: number) => number,
  taken: Set<string>,
  limits: BlockingLimits,
): BlockingKey[] {
  const found: Array<BlockingKey & { postings: number }> = [];
  for (const word of new Set(joinedWords(tokens))) {
    const n = frequency(word);
    if (n > 0 && n <= limits.rareMax && !taken.has(word)) found.push({ kind: 'word', key: word, weight: weight(n), postings: n, spelling: true });
  }
  for (const pair of new Set(splitPairs(tokens, frequency))) {
    const n = pairFrequency(pair);
    if (n > 0 && n <= limits.pairMax && !taken.has(pair)) found.push({ kind: 'pair', key: pair, weight: weight(n), postings: n, spelling: true });
  }
  // Only acronyms distinctive enough for the scorer to read as initials (nameScore.ts).
  const acronym = nameAcronym(tokens);
  const n = acronym ? frequency(acronym) : 0;
  if (acronym && n > 0 && !taken.has(acronym) && distinctiveFrequency(n, totalEmployers)) {
    if (n <= limits.rareMax) found.push({ kind: 'word', key: acronym, weight: weight(n), postings: n, spelling: true });
    else if (hasRegion) found.push({ kind: 'local', key: acronym, weight: weight(n), postings: 0, spelling: true });
  }
  // The other way round: a word of the name that could be initials ("PLN") finds the
  // employers of its kab/kota whose name it abbreviates.
  if (hasRegion) {
    for (const word of new Set(tokens)) {
      if (couldBeAcronym(word) && word !== acronym && distinctiveFrequency(frequency(word), totalEmployers)) {
        found.push({ kind: 'initials', key: word, weight: weight(frequency(word)), postings: 0, spelling: true });
      }
    }
  }
  return mostSelective(found, limits.postingsBudget, () => false).map((k) => ({ kind: k.kind, key: k.key, weight: k.weight, spelling: true }));
}

/**
 * A true match shares nearly every key, so the most selective few find it; a budget on the
 * employer rows they touch keeps a batch's join small. The first key, and any `always` key,
 * is kept whatever the budget.
 */
function mostSelective<K extends { key: string; postings: number }>(keys: K[], budget: number, always: (k: K) => boolean): K[] {
  const kept: K[] = [];
  let spent = 0;
  for (const k of [...keys].sort((a, b) => a.postings - b.postings || (a.key < b.key ? -1 : 1))) {
    if (kept.length && spent + k.postings > budget && !always(k)) continue;
    kept.push(k);
    spent += k.postings;
  }
  return kept;
}
