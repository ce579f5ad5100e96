/**
 * Whether one letter typed for another is a slip of the finger: the two keys touch on a
 * QWERTY keyboard, side by side or across rows (G and T, G and Y, G and B). Pure.
 *
 * A clerk's typo changes a letter for a neighbour ("GARUDS" for "GARUDA"); a change no
 * slip explains (JAYA and JAVA, SURYA and SURGA, MAKMUR and MAKMUN, HONG and HENG) makes
 * another word, which is another company's name.
 */

const ROWS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
/** How far each row sits to the right of the one above, in key widths. */
const ROW_OFFSETS = [0, 0.25, 0.75];

const position = new Map<string, { row: number; x: number }>();
ROWS.forEach((keys, row) => [...keys].forEach((key, i) => position.set(key, { row, x: i + ROW_OFFSETS[row]! })));

export function isKeyboardSlip(a: string, b: string): boolean {
  const p = position.get(a);
  const q = position.get(b);
  if (!p || !q || a === b) return false;
  if (p.row === q.row) return Math.abs(p.x - q.x) === 1;
  return Math.abs(p.row - q.row) === 1 && Math.abs(p.x - q.x) < 1;
}

/** The two letters of two same-length words that differ in exactly one place; null otherwise. */
export function substitutedLetters(a: string, b: string): [string, string] | null {
  if (a.length !== b.length) return null;
  let found: [string, string] | null = null;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] === b[i]) continue;
    if (found) return null;
    found = [a[i]!, b[i]!];
  }
  return found;
}
