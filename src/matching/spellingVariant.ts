/**
 * Whether two words one edit apart are two spellings of one word rather than two words.
 * Pure.
 *
 * A registry holds thousands of names one letter apart that are different words: PUTRA and
 * PUTRI, DEWA and DEWI, BUMI and BUDI, HADI and HARI, SUYANTO and SUYANTI. Two spellings of
 * one word differ the way Indonesian spelling wavers: a vowel or an "h" written or not
 * (ANUGERAH / ANUGRAH, SHOLEH / SOLEH), a letter doubled or not (MUHAMMAD / MUHAMAD), a
 * vowel for another inside the word (APOTIK / APOTEK, SENTOSA / SANTOSA), "i" for "y"
 * (RIZKI / RIZKY), the old spelling's "j" for "y" and "ch" for "kh" (RIJADI / RIYADI,
 * CHASANAH / KHASANAH), and the Sundanese "a" for the Javanese "o" at the end of a name
 * (SANTOSA / SANTOSO). A vowel changed at the end otherwise changes the word (PUTRA /
 * PUTRI), and so does any consonant changed.
 */

const VOWELS = new Set(['A', 'E', 'I', 'O', 'U']);

/** Shortest word in which a vowel inside it may be written as another. */
const MIN_VOWEL_SWAP_LENGTH = 5;

/** Letters whose presence or absence is only spelling. */
function optionalLetter(word: string, at: number): boolean {
  const c = word[at]!;
  // "CH" is the old spelling of "KH" and is written "H" too (ACHMAD / AHMAD).
  return VOWELS.has(c) || c === 'H' || c === word[at - 1] || c === word[at + 1] || (c === 'C' && word[at + 1] === 'H');
}

function sameOneLetterLess(longer: string, shorter: string): boolean {
  for (let i = 0; i < longer.length; i += 1) {
    if (longer.slice(0, i) + longer.slice(i + 1) === shorter) {
      if (optionalLetter(longer, i)) return true;
    }
  }
  return false;
}

export function isSpellingVariant(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) === 1) return a.length > b.length ? sameOneLetterLess(a, b) : sameOneLetterLess(b, a);
  if (a.length !== b.length) return false;
  const differ: number[] = [];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) differ.push(i);
  if (differ.length !== 1) return false;
  const at = differ[0]!;
  const pair = new Set([a[at]!, b[at]!]);
  if (pair.has('I') && pair.has('Y')) return true;
  // The old spelling's "j" for today's "y" (RIJADI / RIYADI, KARJA / KARYA), and its "ch"
  // for "kh" (CHASANAH / KHASANAH).
  if (pair.has('J') && pair.has('Y')) return true;
  if (pair.has('C') && pair.has('K') && a[at + 1] === 'H') return true;
  const last = at === a.length - 1;
  if (last) return pair.has('A') && pair.has('O');
  // In a word of a syllable or two, a vowel is the word: HONG and HENG, BALI and BOLI.
  return a.length >= MIN_VOWEL_SWAP_LENGTH && VOWELS.has(a[at]!) && VOWELS.has(b[at]!);
}
