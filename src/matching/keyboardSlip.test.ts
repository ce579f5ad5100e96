import { describe, expect, it } from 'vitest';
import { isKeyboardSlip, substitutedLetters } from './keyboardSlip.js';

describe('isKeyboardSlip', () => {
  it.each([['A', 'S'], ['S', 'A'], ['G', 'H'], ['G', 'T'], ['G', 'Y'], ['G', 'V'], ['G', 'B'], ['Q', 'A'], ['A', 'Z'], ['N', 'M'], ['N', 'H'], ['P', 'L'], ['O', 'L']])(
    '%s and %s are neighbours',
    (a, b) => expect(isKeyboardSlip(a, b)).toBe(true),
  );
  it.each([['Y', 'V'], ['N', 'R'], ['N', 'G'], ['O', 'E'], ['A', 'U'], ['S', 'N'], ['Q', 'P'], ['A', 'A'], ['1', '2'], ['G', 'N']])(
    '%s and %s are not',
    (a, b) => expect(isKeyboardSlip(a, b)).toBe(false),
  );
});

describe('substitutedLetters', () => {
  it('names the one letter two words differ by, and nothing for any other difference', () => {
    expect(substitutedLetters('JAYA', 'JAVA')).toEqual(['Y', 'V']);
    expect(substitutedLetters('JAYA', 'JAYA')).toBeNull();
    expect(substitutedLetters('JAYA', 'JYAA')).toBeNull();
    expect(substitutedLetters('JAYA', 'JAYAA')).toBeNull();
  });
});
