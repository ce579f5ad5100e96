/**
 * Companies known by their initials are enrolled either way: "PT PLN (Persero)" and "PT
 * Perusahaan Listrik Negara (Persero)", "BRI Syariah" and "Bank Rakyat Indonesia
 * Syariah". Pure.
 */

import { ACRONYM_SKIPS } from './companyName.js';

/** Letters in an acronym worth reading as one: two letters spell too many names by chance. */
const MIN_LETTERS = 3;
const MAX_LETTERS = 5;

/**
 * Three to five letters with at most one vowel: initials are mostly consonants ("PLN",
 * "BRI", "IKPP"), while a word that reads as one ("SAMA", "JAYA") is more likely a word
 * than the initials of "Sumber Agung Makmur Abadi".
 */
export function couldBeAcronym(token: string): boolean {
  return token.length >= MIN_LETTERS && token.length <= MAX_LETTERS && /^[A-Z]+$/.test(token) && token.replace(/[^AEIOU]/g, '').length <= 1;
}

/**
 * Two consonants ("HM" for "Hanjaya Mandala") read as initials only beside a distinctive
 * word the two names share ("HM SAMPOERNA"): alone, two letters spell too many names.
 */
export function couldBeTwoInitials(token: string): boolean {
  return /^[B-DF-HJ-NP-TV-Z]{2}$/.test(token);
}

/** The initials of a whole name of three to five words ("PERUSAHAAN LISTRIK NEGARA" → "PLN"), when they could be an acronym; or null. */
export function nameAcronym(tokens: readonly string[]): string | null {
  const words = tokens.filter((t) => !ACRONYM_SKIPS.has(t));
  if (!words.every((w) => /^[A-Z]/.test(w))) return null;
  const initials = words.map((w) => w[0]).join('');
  return couldBeAcronym(initials) ? initials : null;
}

/**
 * Where `tokens` spell `acronym` out: the first run of consecutive words (skipping "dan",
 * "of" and the like inside it) whose initials are its letters, as [start, end); or null.
 */
export function spelledOut(acronym: string, tokens: readonly string[]): [number, number] | null {
  for (let start = 0; start < tokens.length; start += 1) {
    let k = start;
    let letter = 0;
    while (k < tokens.length && letter < acronym.length) {
      const t = tokens[k]!;
      if (k > start && ACRONYM_SKIPS.has(t)) {
        k += 1;
        continue;
      }
      if (t.length < 2 || t[0] !== acronym[letter]) break;
      letter += 1;
      k += 1;
    }
    if (letter === acronym.length) return [start, k];
  }
  return null;
}
