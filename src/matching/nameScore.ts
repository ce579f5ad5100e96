/**
 * Name + region evidence for a permit-employer pair that share no identifier. Pure.
 *
 * Words are weighted by how rare they are among enrolled employers' names (inverse
 * document frequency), so sharing "MAJU JAYA SEJAHTERA" is weak evidence and sharing a
 * rare word strong. The similarity is a weighted Dice coefficient over aligned words,
 * which tolerates one-letter typos and names truncated at 30 characters; an extra
 * distinctive word on one side ("… SYARIAH") weighs against. Region and legal form then
 * adjust it: the same common name in another kab/kota is usually another company, a long
 * distinctive one usually the same.
 */

import { boundedMemo } from '../shared/boundedMemo.js';
import { ACRONYM_SKIPS, completionsOf, isOnlyLegalForm } from './companyName.js';
import { couldBeAcronym, couldBeTwoInitials, spelledOut } from './acronyms.js';
import { isWordAndOwnRegion, ownDesignatorAfterOneWord, ownRegionSuffixLength, REGION_DESIGNATORS } from './regionDesignation.js';
import { NAME_WORDS } from './nameLexicon.js';
import { isSpellingVariant } from './spellingVariant.js';
import { isKeyboardSlip, substitutedLetters } from './keyboardSlip.js';
import { differentTaxpayers } from '../shared/identifiers.js';

export interface NameSide {
  /** The name as registered (for truncation detection). */
  raw: string;
  /** Normalised words (companyName.ts), legal forms removed. */
  tokens: string[];
  legalForms: string[];
  kabKota: string | null;
  npwp: string | null;
  nib: string | null;
  address?: string | null;
}

export interface WordStats {
  /** Employers whose name contains the word. */
  frequency(token: string): number;
  /** Employers in all. */
  total: number;
}

export interface PairScore {
  score: number;
  /** Weighted Dice similarity of the names alone, 0..1. */
  nameSimilarity: number;
  /** Matched information relative to one very rare word (ln N). */
  distinctiveness: number;
  /** Weight of the rarest shared word relative to a word no other employer has. */
  rarity: number;
  for: string[];
  against: string[];
}

const TRUNCATION_LENGTHS = new Set([29, 30]);

/**
 * Words a group gives the name of a company it sets up for another line of business: "Bank
 * X Syariah", "X Logistik", "X Finance" are X's subsidiaries, not X. However common such a
 * word is nationally (thousands of names hold "SYARIAH"), one side having it and the other
 * not is evidence of two companies.
 */
const SUBSIDIARY_MARKERS = new Set([
  'SYARIAH', 'LOGISTIK', 'FINANCE', 'MULTIFINANCE', 'FINANCIAL', 'SEKURITAS', 'ASURANSI', 'INVESTAMA', 'KAPITAL', 'CAPITAL',
  'VENTURA', 'VENTURES', 'HOLDING', 'HOLDINGS', 'PROPERTI', 'PROPERTY', 'REALTY', 'LEASING', 'RESOURCES', 'EKSPRES', 'EXPRESS',
  // A state enterprise's trading, distribution and infrastructure arms: "Pupuk Indonesia Niaga",
  // "Multi Bintang Indonesia Niaga", "Hutama Karya Infrastruktur", "Kimia Farma Distribusi".
  'NIAGA', 'DISTRIBUSI', 'DISTRIBUTION', 'INFRASTRUKTUR', 'INFRASTRUCTURE',
]);
/**
 * Words that say what kind of business a name is (a BPR, a hospital, a school, a shop),
 * not which: shared, they count as a common word does, however few names hold them. In a
 * registry of few BPRs, "BPR" shared made "PT BPR Artha Jaya" a link (0.891) to "PT BPR
 * Artha Jaya Mandiri", another bank of common words.
 */
const KIND_WORDS = new Set([
  'BPR', 'BPRS', 'BANK', 'RS', 'RSU', 'RSUD', 'RSIA', 'RSI', 'RSB', 'RSJ', 'KLINIK', 'APOTEK', 'PUSKESMAS', 'TOKO', 'BENGKEL',
  'SMA', 'SMK', 'SMP', 'SD', 'TK', 'MTS', 'MI', 'MA', 'PAUD', 'HOTEL', 'RESTORAN', 'RM', 'SALON', 'LAUNDRY', 'LPD', 'LKM', 'LKMS', 'BMT', 'SPBU',
]);
/** The most a shared kind word weighs, relative to a word no other employer has. */
const KIND_WORD_WEIGHT = 0.2;
/** What a subsidiary marker on one side only takes off the score: enough to keep a parent's name from linking. */
const SUBSIDIARY_MARKER_PENALTY = 0.3;
/** Below this rarity no shared word is distinctive: the name is common words only. */
const COMMON_NAME_RARITY = 0.5;
/** The most rarity a word of the lexicon of common name words (nameLexicon.ts) counts for. */
const COMMON_WORD_RARITY = 0.4;
/** What a possible cut at 30 characters on a word's end takes off a name of common words: a link becomes a review. */
const WORD_END_CUT_PENALTY = 0.2;
/** What initials of common words as a name's only evidence take off: a link becomes a review. */
const INITIALS_OF_COMMON_WORDS_PENALTY = 0.15;
/** What each common word on one side only takes off a name of common words. */
const PLAIN_EXTRA_WORD_PENALTY = 0.05;
const ENTITY_FORMS = ['KSO', 'PT', 'CV', 'KOPERASI', 'YAYASAN', 'UD', 'FIRMA', 'PERUM', 'PERUMDA', 'BUMDES', 'BUMDESMA', 'PERSEKUTUAN', 'PERKUMPULAN'];

/** A word in at most about √N of N names ("weighs at least half of a unique word") is distinctive. */
const DISTINCTIVE_SHARE = 0.5;

/** A word's evidence weight: ln((N + 1) / (names with it + 1)), never below 0.3. */
function weightOfFrequency(frequency: number, total: number): number {
  return Math.max(0.3, Math.log((total + 1) / (frequency + 1)));
}

/** Whether a word in `frequency` of `total` employer names is distinctive. */
export function distinctiveFrequency(frequency: number, total: number): boolean {
  return weightOfFrequency(frequency, total) >= DISTINCTIVE_SHARE * Math.log(total + 2);
}

function distinctive(stats: WordStats, token: string): boolean {
  return distinctiveFrequency(stats.frequency(token), stats.total);
}

// A batch scores thousands of pairs over the same few thousand words and addresses, so
// per-word weights and per-address words are worked out once.
const weightsOf = new WeakMap<WordStats, Map<string, number>>();

export function wordWeight(stats: WordStats, token: string): number {
  let weights = weightsOf.get(stats);
  if (!weights) {
    weights = new Map();
    weightsOf.set(stats, weights);
  }
  let weight = weights.get(token);
  if (weight === undefined) {
    weight = weightOfFrequency(stats.frequency(token), stats.total);
    weights.set(token, weight);
  }
  return weight;
}

// One scratch matrix for all distances: a batch computes hundreds of thousands of them,
// and a fresh array each time is most of their cost (allocation and collection).
let scratch = new Int32Array(32 * 32);

/** Damerau-Levenshtein distance, stopping early beyond `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (!a.length || !b.length) return Math.max(a.length, b.length);
  const rows = a.length + 1;
  const cols = b.length + 1;
  if (scratch.length < rows * cols) scratch = new Int32Array(rows * cols * 2);
  const d = scratch;
  for (let i = 0; i < rows; i += 1) d[i * cols] = i;
  for (let j = 0; j < cols; j += 1) d[j] = j;
  for (let i = 1; i < rows; i += 1) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows * cols - 1]!;
}

/** Whether a cut-off word could be the start of `word` (also in its other spellings). */
function completesTo(fragment: string, word: string): boolean {
  // A lone "I" reads as the numeral 1 (companyName.ts); cut off, it was a word's first letter.
  if (fragment === '1' && word.startsWith('I')) return true;
  return word.startsWith(fragment) || completionsOf(fragment).some((c) => c !== fragment && (c === word || c.startsWith(word)));
}

/**
 * Employers whose names hold a word for it to be a word of its own, not a slip of the pen:
 * a typo is rare, each in its own way, while PUTRA and PUTRI are each in thousands of names.
 */
const ESTABLISHED_WORD_FREQUENCY = 3;

/**
 * Similarity of two words: equal, a truncated last word, two spellings of one word
 * (spellingVariant.ts), or a small typo. Two words one or two letters apart that are both
 * established words are not a typo (PUTRA and PUTRI, HADI and HARI are two), nor is one
 * letter changed for another that is not its neighbour on the keyboard.
 */
function wordSimilarity(a: string, b: string, aIsLast: boolean, bIsLast: boolean, aTruncated: boolean, bTruncated: boolean, stats: WordStats): number {
  if (a === b) return 1;
  if (bIsLast && bTruncated && b.length >= 1 && completesTo(b, a)) return 0.9;
  if (aIsLast && aTruncated && a.length >= 1 && completesTo(a, b)) return 0.9;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return finalIY(a, b) ? 0.85 : 0;
  const distance = editDistance(a, b, 2);
  const close = distance === 1 ? 0.85 : distance === 2 && shorter >= 8 ? 0.7 : 0;
  if (!close) return 0;
  if (isSpellingVariant(a, b)) return close;
  // One letter for another that no slip of the finger explains makes another word (JAYA
  // and JAVA), however rare either is.
  const substituted = substitutedLetters(a, b);
  if (substituted && !isKeyboardSlip(...substituted)) return 0;
  const established = (w: string) => NAME_WORDS.has(w) || stats.frequency(w) >= ESTABLISHED_WORD_FREQUENCY;
  return established(a) && established(b) ? 0 : close;
}

/**
 * A Chinese-Indonesian syllable ends in "i" or "y" as its writer pleases ("Hok Lay" / "Hok
 * Lai", "Tay" / "Tai", "Mey" / "Mei"): in a word of three letters, a vowel then "i" or "y" is
 * one spelling, where a letter changed otherwise is another word.
 */
function finalIY(a: string, b: string): boolean {
  if (a.length !== 3 || b.length !== 3 || a.slice(0, 2) !== b.slice(0, 2) || !/[AEOU]/.test(a[1]!)) return false;
  return (a[2] === 'I' && b[2] === 'Y') || (a[2] === 'Y' && b[2] === 'I');
}

/**
 * A registry that cuts names at 30 characters leaves 29-30 characters that do not end on
 * a legal form or a closing parenthesis (a name that ends naturally usually does).
 */
export function looksTruncated(raw: string): boolean {
  const trimmed = raw.trim();
  if (!TRUNCATION_LENGTHS.has(trimmed.length)) return false;
  return !/(\)|\b(TBK|PT|CV|PERSERO|UD|FA|FIRMA|KOPERASI|YAYASAN|PERUM|PERUMDA)\.?)$/i.test(trimmed);
}

const LEGAL_FORM_WORDS = ['PT', 'CV', 'TBK', 'UD', 'FA', 'FIRMA', 'KOPERASI', 'YAYASAN', 'PERUM', 'PERUMDA', 'PERSERO'];

/**
 * On a truncated side, the other side's words after the last aligned one were cut off.
 * A partial last word that aligned nowhere is ignored only when it could be the start of
 * the next word on the other side (or of a legal form); otherwise the names really differ.
 */
function applyTruncation(
  truncated: NameSide,
  other: string[],
  pairs: Array<{ t: number; o: number }>,
  ignoredTruncated: Set<number>,
  ignoredOther: Set<number>,
): void {
  const last = truncated.tokens.length - 1;
  if (last < 0 || !pairs.length) return;
  const lastPair = pairs.find((p) => p.t === last);
  const lastAligned = Math.max(...pairs.map((p) => p.o));
  let cutAfter: number | null = null;
  if (lastPair) cutAfter = lastPair.o;
  else if (/[A-Z0-9]$/i.test(truncated.raw.trim())) {
    const partial = truncated.tokens[last]!;
    const next = other[lastAligned + 1];
    if ((next !== undefined && completesTo(partial, next)) || LEGAL_FORM_WORDS.some((w) => w.startsWith(partial))) {
      ignoredTruncated.add(last);
      cutAfter = lastAligned;
    }
  }
  if (cutAfter === null) return;
  for (let k = cutAfter + 1; k < other.length; k += 1) ignoredOther.add(k);
}

const ADDRESS_WORDS: Record<string, string> = { JALAN: 'JL', JLN: 'JL', NOMOR: 'NO', NOMER: 'NO', DESA: 'DS', DUSUN: 'DSN', KELURAHAN: 'KEL', KECAMATAN: 'KEC', GANG: 'GG', KOMPLEK: 'KOMP', KOMPLEKS: 'KOMP', PERUMAHAN: 'PERUM' };

/** Words of an address in one spelling ("Jalan Raya No. 7" and "JL. RAYA NO 7" agree). */
export function addressWords(address: string): string[] {
  return address
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((w) => ADDRESS_WORDS[w] ?? w);
}

const addressWordSet = boundedMemo((address) => new Set(addressWords(address)), 100_000);

/** Jaccard overlap of two addresses' words; null when either is missing. */
export function addressSimilarity(a: string | null | undefined, b: string | null | undefined): number | null {
  if (!a || !b) return null;
  const wa = addressWordSet(a);
  const wb = addressWordSet(b);
  if (!wa.size || !wb.size) return null;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared += 1;
  return shared / (wa.size + wb.size - shared);
}

/**
 * A side's own region written after its name says nothing its record's region does not:
 * ignored when the other side leaves it out, and its designator alone is ignored when the
 * other side writes the region without it ("MAN 2 KOTA MALANG" / "MAN 2 MALANG").
 */
function ignoreOwnRegion(side: NameSide, other: NameSide, matched: Set<number>, ignored: Set<number>): void {
  const length = ownRegionSuffixLength(side.tokens, side.kabKota);
  if (!length) {
    // A hospital or water company named by its region: its name must be met whole, save
    // the designator, when the other side writes no designator and is in the same kab/kota
    // (else the designator may be what tells "RSUD Kota Malang" from the Kabupaten's).
    const at = side.kabKota === other.kabKota ? ownDesignatorAfterOneWord(side.tokens, side.kabKota) : -1;
    const regionMatched = at > 0 && side.tokens.every((_, k) => k === at || matched.has(k));
    if (regionMatched && !other.tokens.some((t) => REGION_DESIGNATORS.has(t))) ignored.add(at);
    return;
  }
  const from = side.tokens.length - length;
  const anyMatched = side.tokens.some((_, k) => k >= from && matched.has(k));
  // Only when the other side has no designator: "KOTA MALANG" and "KABUPATEN MALANG" are two regions.
  const otherDesignates = other.tokens.some((t) => REGION_DESIGNATORS.has(t));
  for (let k = from; k < side.tokens.length; k += 1) {
    if (!anyMatched || (!otherDesignates && !matched.has(k) && REGION_DESIGNATORS.has(side.tokens[k]!))) ignored.add(k);
  }
}

/** Share of aligned word pairs that appear in the opposite order ("MAJU MANDIRI" / "MANDIRI MAJU"). */
function inversionRatio(pairs: Array<{ i: number; j: number }>): number {
  if (pairs.length < 2) return 0;
  const byI = [...pairs].sort((a, b) => a.i - b.i);
  let inversions = 0;
  for (let a = 0; a < byI.length; a += 1) for (let b = a + 1; b < byI.length; b += 1) if (byI[a]!.j > byI[b]!.j) inversions += 1;
  return inversions / ((byI.length * (byI.length - 1)) / 2);
}

function entityForm(forms: string[]): string | null {
  return ENTITY_FORMS.find((f) => forms.includes(f)) ?? null;
}

/**
 * Two adjacent words on one side written as one word on the other ("SARI ROTI" /
 * "SARIROTI"), each part at least two letters and one of them three, are joined on the side that splits them,
 * so the two sides align word for word. A joined word weighs no more than its two parts
 * together, and is no rarer than the rarer of them: "MAJUJAYA" is "MAJU JAYA".
 */
interface JoinedWords {
  permit: string[];
  employer: string[];
  /** Evidence weight of each joined word (or acronym). */
  weights: Map<string, number>;
  /** Weight of each joined word's rarer part (how rare a shared word it counts as). */
  rarest: Map<string, number>;
  /** Acronyms one side spells out, with the words that spell them. */
  acronyms: Map<string, string>;
}

/** Both names as they stand, with nothing respelled yet. */
function respelling(permit: string[], employer: string[]): JoinedWords {
  return { permit: [...permit], employer: [...employer], weights: new Map(), rarest: new Map(), acronyms: new Map() };
}

function joinSplitWords(permit: string[], employer: string[], stats: WordStats): JoinedWords | null {
  let result: JoinedWords | null = null;
  const join = (apart: string[], j: number) => {
    result ??= respelling(permit, employer);
    const a = apart[j]!;
    const b = apart[j + 1]!;
    const whole = wordWeight(stats, a + b);
    result.weights.set(a + b, Math.min(whole, wordWeight(stats, a) + wordWeight(stats, b)));
    result.rarest.set(a + b, Math.min(whole, Math.max(wordWeight(stats, a), wordWeight(stats, b))));
  };
  /** Where `apart` writes apart, as two adjacent words, a word `whole` has (first place per word). */
  const splits = (whole: string[], apart: string[]): number[] => {
    const found: number[] = [];
    for (const w of whole) {
      if (w.length < 5 || apart.includes(w)) continue;
      for (let j = 0; j + 1 < apart.length; j += 1) {
        const a = apart[j]!;
        const b = apart[j + 1]!;
        // A part of two letters is an Arabic word split where its apostrophe was ("Ma'had"
        // written "MA HAD", "Jami'ah" "JAMI AH"); the other part is a syllable or more.
        if (Math.min(a.length, b.length) >= 2 && Math.max(a.length, b.length) >= 3 && a.length + b.length === w.length && w.startsWith(a) && w.endsWith(b) && !found.includes(j) && !found.includes(j - 1) && !found.includes(j + 1)) {
          found.push(j);
          break;
        }
      }
    }
    return found;
  };
  const inEmployer = splits(permit, employer);
  const inPermit = splits(employer, permit);
  if (!inEmployer.length && !inPermit.length) return null;
  for (const j of inEmployer) join(employer, j);
  for (const j of inPermit) join(permit, j);
  // Joined from the right, so earlier positions stay where they were.
  const r = result!;
  for (const j of [...inEmployer].sort((x, y) => y - x)) r.employer.splice(j, 2, employer[j]! + employer[j + 1]!);
  for (const j of [...inPermit].sort((x, y) => y - x)) r.permit.splice(j, 2, permit[j]! + permit[j + 1]!);
  return r;
}

/**
 * An acronym on one side ("PLN") that the other side spells out ("PERUSAHAAN LISTRIK
 * NEGARA") stands for those words there too. It weighs no more than the words it stands
 * for, and counts as no rarer than the rarest of them; initials agree by chance more often
 * than words do, so the pair aligns as a close word, not an equal one (ACRONYM_SIMILARITY).
 */
function collapseAcronyms(joined: JoinedWords | null, permit: string[], employer: string[], stats: WordStats): JoinedWords | null {
  let result = joined;
  const collapse = (short: string[], long: string[]): string[] => {
    let out = long;
    for (const acronym of short) {
      // A common word that happens to be initials ("MAJU": "MAKMUR ABADI JAYA UTAMA") is not an acronym.
      const initials = couldBeAcronym(acronym) || (couldBeTwoInitials(acronym) && short.some((w) => w !== acronym && out.includes(w) && distinctive(stats, w)));
      if (!initials || out.includes(acronym) || !distinctive(stats, acronym)) continue;
      const run = spelledOut(acronym, out);
      if (!run) continue;
      const words = out.slice(run[0], run[1]).filter((w) => !ACRONYM_SKIPS.has(w));
      // "Bank BCA", "Bank BNI" say "Bank" twice, as a bank's initials hold it: the word is
      // kept on both sides. Only "Bank": before other initials the word is the kind of
      // business ("Toko TBS", "Klinik KSH"), and initials of common words after it are no
      // evidence of "Toko Bangunan Sejahtera".
      const at = short.indexOf(acronym);
      const firstWordBefore = at > 0 && words[0] === 'BANK' && short[at - 1] === 'BANK' && short.filter((w) => w === 'BANK').length === 1;
      const spelled = firstWordBefore ? words.slice(1) : words;
      if (spelled.some((w) => short.includes(w))) continue;
      const keep = firstWordBefore ? 1 : 0;
      result ??= respelling(permit, employer);
      const weights = spelled.map((w) => wordWeight(stats, w));
      const own = wordWeight(stats, acronym);
      result.weights.set(acronym, Math.min(own, weights.reduce((a, b) => a + b, 0)));
      result.rarest.set(acronym, Math.min(own, Math.max(...weights)));
      result.acronyms.set(acronym, words.join(' '));
      out = [...out.slice(0, run[0] + keep), acronym, ...out.slice(run[1])];
    }
    return out;
  };
  const p = joined?.permit ?? permit;
  const e = joined?.employer ?? employer;
  const employerCollapsed = collapse(p, e);
  const permitCollapsed = collapse(e, p);
  if (!result) return null;
  result.permit = permitCollapsed;
  result.employer = employerCollapsed;
  return result;
}

/** How close an acronym is to the words it stands for. */
const ACRONYM_SIMILARITY = 0.9;

export function scoreNamePair(permitSide: NameSide, employerSide: NameSide, stats: WordStats): PairScore {
  if (isOnlyLegalForm(permitSide.tokens) || isOnlyLegalForm(employerSide.tokens)) {
    return { score: 0, nameSimilarity: 0, distinctiveness: 0, rarity: 0, for: [], against: ['a name that is only a legal form names no company'] };
  }
  const joined = collapseAcronyms(joinSplitWords(permitSide.tokens, employerSide.tokens, stats), permitSide.tokens, employerSide.tokens, stats);
  const permit = joined ? { ...permitSide, tokens: joined.permit } : permitSide;
  const employer = joined ? { ...employerSide, tokens: joined.employer } : employerSide;
  const weightOf = (t: string) => joined?.weights.get(t) ?? wordWeight(stats, t);
  const pTrunc = looksTruncated(permit.raw);
  const eTrunc = looksTruncated(employer.raw);
  const used = new Set<number>();
  const pairs: Array<{ i: number; j: number; sim: number; weight: number }> = [];
  permit.tokens.forEach((pt, i) => {
    let best = { j: -1, sim: 0 };
    employer.tokens.forEach((et, j) => {
      if (used.has(j)) return;
      const sim = pt === et && joined?.acronyms.has(pt) ? ACRONYM_SIMILARITY : wordSimilarity(pt, et, i === permit.tokens.length - 1, j === employer.tokens.length - 1, pTrunc, eTrunc, stats);
      if (sim > best.sim) best = { j, sim };
    });
    if (best.j >= 0) {
      used.add(best.j);
      const et = employer.tokens[best.j]!;
      const full = Math.min(weightOf(pt), weightOf(et));
      const weight = pt === et && KIND_WORDS.has(pt) ? Math.min(full, KIND_WORD_WEIGHT * Math.log(stats.total + 2)) : full;
      pairs.push({ i, j: best.j, sim: best.sim, weight });
    }
  });

  // Words beyond a truncation point were cut off, not missing.
  const ignoredP = new Set<number>();
  const ignoredE = new Set<number>();
  if (eTrunc) applyTruncation(employer, permit.tokens, pairs.map((p) => ({ t: p.j, o: p.i })), ignoredE, ignoredP);
  if (pTrunc) applyTruncation(permit, employer.tokens, pairs.map((p) => ({ t: p.i, o: p.j })), ignoredP, ignoredE);
  // A cut inside a word shows itself; a 30-character name ending on a whole word may be cut
  // there or be whole ("KARYA BANGUN SEJAHTERA MANDIRI" against "… MANDIRI PERKASA"): the
  // words the other side goes on with are then unknown, not absent, and for a name of
  // common words that is too little to link on.
  const endsOnWholeWord = (tokens: string[], side: 'i' | 'j') => pairs.some((p) => p[side] === tokens.length - 1 && p.sim === 1);
  const cutOnWordEnd = (eTrunc && ignoredP.size > 0 && endsOnWholeWord(employer.tokens, 'j')) || (pTrunc && ignoredE.size > 0 && endsOnWholeWord(permit.tokens, 'i'));
  const matchedI = new Set(pairs.map((p) => p.i));
  const matchedJ = new Set(pairs.map((p) => p.j));
  // A side's own kab/kota written after its name, which the other side leaves out, is neither for nor against.
  ignoreOwnRegion(permit, employer, matchedI, ignoredP);
  ignoreOwnRegion(employer, permit, matchedJ, ignoredE);
  // A kab/kota has one water company, and an extract may name it by its kab/kota alone
  // ("PDAM KOTA MALANG" for "Perumda Air Minum Tugu Tirta Kota Malang"): against that, the
  // company's own name on the other side, in the same kab/kota, is neither for nor against.
  if (permit.kabKota && permit.kabKota === employer.kabKota && permit.tokens[0] === 'PDAM' && employer.tokens[0] === 'PDAM') {
    const generic = (side: NameSide) => isWordAndOwnRegion(side.tokens, side.kabKota);
    const regionMatched = (side: NameSide, matchedAt: Set<number>) => side.tokens.every((_, k) => k === 1 && REGION_DESIGNATORS.has(side.tokens[1]!) ? true : matchedAt.has(k));
    if (generic(employer) && regionMatched(employer, matchedJ)) permit.tokens.forEach((_, i) => !matchedI.has(i) && ignoredP.add(i));
    else if (generic(permit) && regionMatched(permit, matchedI)) employer.tokens.forEach((_, j) => !matchedJ.has(j) && ignoredE.add(j));
  }
  const unmatchedP = permit.tokens.filter((_, i) => !matchedI.has(i) && !ignoredP.has(i));
  const unmatchedE = employer.tokens.filter((_, j) => !matchedJ.has(j) && !ignoredE.has(j));

  const matched = pairs.reduce((sum, p) => sum + p.sim * p.weight, 0);
  const matchedWeight = pairs.reduce((sum, p) => sum + p.weight, 0);
  const unmatchedWeight = [...unmatchedP, ...unmatchedE].reduce((sum, t) => sum + weightOf(t), 0);
  const denominator = 2 * matchedWeight + unmatchedWeight;
  const nameSimilarity = denominator > 0 ? (2 * matched) / denominator : 0;
  const lnN = Math.log(stats.total + 2);
  const distinctiveness = matched / lnN;
  // How rare the rarest shared word is (1 ≈ a word no other employer has). A word that a
  // registry of any size holds in thousands of names counts as common however few names
  // hold it here: a small registry (a branch's extract) cannot tell, and would take SIDO
  // MAKMUR in another province for the same company.
  const rarityOf = (p: { i: number; j: number; sim: number; weight: number }) => {
    const r = (p.sim * (joined?.rarest.get(permit.tokens[p.i]!) ?? p.weight)) / lnN;
    return NAME_WORDS.has(permit.tokens[p.i]!) || NAME_WORDS.has(employer.tokens[p.j]!) ? Math.min(r, COMMON_WORD_RARITY) : r;
  };
  const rarity = pairs.reduce((max, p) => Math.max(max, rarityOf(p)), 0);

  const evidenceFor: string[] = [];
  const against: string[] = [];
  if (pairs.length) {
    const shared = pairs.filter((p) => p.sim === 1).map((p) => permit.tokens[p.i]!);
    const fuzzy = pairs.filter((p) => p.sim < 1 && !joined?.acronyms.has(permit.tokens[p.i]!)).map((p) => `${permit.tokens[p.i]}≈${employer.tokens[p.j]}`);
    evidenceFor.push(`name similarity ${nameSimilarity.toFixed(2)} (shared: ${shared.join(' ') || '-'}${fuzzy.length ? `; close: ${fuzzy.join(', ')}` : ''})`);
    for (const [acronym, words] of joined?.acronyms ?? []) evidenceFor.push(`acronym ${acronym} = ${words}`);
  }
  let score = nameSimilarity;

  // Registries keep word order: the same words reordered usually name another company.
  const inverted = inversionRatio(pairs);
  if (inverted > 0) {
    score -= 0.3 * inverted;
    against.push('words in another order');
  }

  // An extra distinctive word on one side ("… SYARIAH", "… LOGISTIK") marks a subsidiary or a namesake.
  const extra = [...unmatchedP, ...unmatchedE].filter((t) => SUBSIDIARY_MARKERS.has(t) || weightOf(t) >= DISTINCTIVE_SHARE * lnN);
  if (extra.length) {
    const penalty = (t: string) => (SUBSIDIARY_MARKERS.has(t) ? SUBSIDIARY_MARKER_PENALTY : 0.2 * Math.min(1, weightOf(t) / lnN));
    score -= Math.min(0.4, extra.reduce((sum, t) => sum + penalty(t), 0));
    against.push(`distinctive word(s) on one side only: ${extra.join(', ')}`);
  }
  // A name of common words only is told from its namesakes by all its words: "SUMBER MAKMUR
  // ABADI" and "SUMBER MAKMUR ABADI JAYA" are two registered names, however common "JAYA" is.
  const plainExtra = [...unmatchedP, ...unmatchedE].filter((t) => !extra.includes(t) && !ACRONYM_SKIPS.has(t));
  if (plainExtra.length && rarity < COMMON_NAME_RARITY) {
    score -= Math.min(2 * PLAIN_EXTRA_WORD_PENALTY, PLAIN_EXTRA_WORD_PENALTY * plainExtra.length);
    against.push(`word(s) on one side only in a name of common words: ${plainExtra.join(', ')}`);
  }

  // Shared words that are all common: by their frequency here, or as words a registry of
  // any size holds in thousands of names (a small one cannot tell). Asked only by the two
  // rules below, which few of a batch's pairs meet.
  const commonWordsOnly = () => {
    if (rarity < COMMON_NAME_RARITY) return true;
    const shared = pairs.flatMap((p) => joined?.acronyms.get(permit.tokens[p.i]!)?.split(' ') ?? [permit.tokens[p.i]!]);
    return shared.length > 0 && shared.every((w) => NAME_WORDS.has(w));
  };

  // A distinctive name cut there is still that company; a name of common words may be another's.
  if (cutOnWordEnd && commonWordsOnly()) {
    score -= WORD_END_CUT_PENALTY;
    against.push('one name is 30 characters long and may be cut there: the words the other goes on with are unknown');
  }

  // Initials are all the names share, and they stand for common words ("KSM": KARYA SUMBER
  // MAKMUR): many names spell the same initials, so that is a candidate to check, not a link.
  const onlyInitials = pairs.length > 0 && pairs.every((p) => joined?.acronyms.has(permit.tokens[p.i]!));
  if (onlyInitials && commonWordsOnly()) {
    score -= INITIALS_OF_COMMON_WORDS_PENALTY;
    against.push('only initials in common, and they stand for common words');
  }

  // The same street address is strong evidence of the same company, whatever the kab/kota coding says.
  // (Addresses are compared only where the names are close enough for it to count.)
  const sameAddress = nameSimilarity >= 0.6 && (addressSimilarity(permit.address, employer.address) ?? 0) >= 0.75;
  if (sameAddress) {
    score += 0.1;
    evidenceFor.push('same address');
  }

  if (permit.kabKota && employer.kabKota && !sameAddress) {
    if (permit.kabKota === employer.kabKota) {
      score += 0.03;
      evidenceFor.push(`same kab/kota ${permit.kabKota}`);
    } else {
      const sameProvince = permit.kabKota.slice(0, 2) === employer.kabKota.slice(0, 2);
      // A common name elsewhere is usually another company; a distinctive one usually the same.
      // Another province costs more again for a common name, and next to nothing for a word
      // no other employer has: a company's head office is enrolled where it is.
      const penalty = Math.min(0.5, Math.max(0.03, 0.55 - 0.5 * rarity)) + (sameProvince ? 0 : 0.1 * Math.max(0, 1 - rarity));
      score -= penalty;
      against.push(`other kab/kota (${employer.kabKota} vs ${permit.kabKota}${sameProvince ? ', same province' : ''})`);
    }
  }
  const pForm = entityForm(permit.legalForms);
  const eForm = entityForm(employer.legalForms);
  if (pForm && eForm && pForm !== eForm) {
    // Registries mislabel forms now and then; with a common name the mismatch decides.
    score -= 0.1 + 0.3 * Math.max(0, 0.8 - rarity);
    against.push(`legal form ${eForm} vs ${pForm}`);
  }
  // Bonuses may have lifted the score above 1: capped first, a conflicting identifier
  // takes it to 0.4 at most, never to 0.5000000000000001.
  score = Math.min(1, score);
  if (permit.npwp && employer.npwp && differentTaxpayers(permit.npwp, employer.npwp)) {
    score -= 0.6;
    against.push(`another taxpayer NPWP (${employer.npwp})`);
  }
  if (employer.nib && permit.nib && employer.nib !== permit.nib) {
    score -= 0.6;
    against.push(`another NIB (${employer.nib})`);
  }
  return { score: Math.max(0, Math.min(1, score)), nameSimilarity, distinctiveness, rarity, for: evidenceFor, against };
}
