import { z } from 'zod';

/**
 * The largest id Patuh takes. Ids are bigint columns (bigserial) read as JS numbers, which
 * are exact up to 2^53 - 1; a bigserial never gets there, so no row has a larger id, and
 * a larger one would be rounded to another row's or overflow the column.
 */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

/**
 * A whole number written as plain decimal digits (and a leading "-" when min is negative),
 * from min to max; null for anything else. Number() and z.coerce also read "0x11", " 17",
 * "1e1", "+17", "1.0" and "" (as 0), which nobody means as an id or a count: those are
 * refused, not read as another number. The one place the CLI and the API read whole numbers.
 */
export function parseWholeNumber(text: string, min: number, max: number): number | null {
  if (!(min < 0 ? /^-?[0-9]+$/ : /^[0-9]+$/).test(text)) return null;
  const n = Number(text);
  // Past 2^53 Number() rounds: only a bound within the exact range can be trusted.
  if (!Number.isSafeInteger(n) || n < min || n > max) return null;
  return n === 0 ? 0 : n;
}

/** A number of plain decimal digits with an optional fraction ("2", "0.5"), from min to max; null otherwise. */
export function parseDecimalNumber(text: string, min: number, max: number): number | null {
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

/** What parseWholeNumber takes, as an error message says it. */
export function wholeNumberRule(min: number, max: number): string {
  return `a whole number from ${min} to ${max}, in decimal digits only`;
}

/** What an id must be, as an error message says it. */
export const ID_RULE = wholeNumberRule(1, MAX_ID);

/**
 * A path or query parameter holding a whole number (they arrive as text): plain decimal
 * digits within min..max, else one issue naming the rule.
 */
export function wholeNumberParam(min: number, max: number) {
  const message = `must be ${wholeNumberRule(min, max)}`;
  return z
    .string()
    .regex(min < 0 ? /^-?[0-9]+$/ : /^[0-9]+$/, message)
    .describe(wholeNumberRule(min, max))
    .transform((text, ctx) => {
      const n = parseWholeNumber(text, min, max);
      if (n === null) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return n;
    });
}

/** A path parameter holding a row id. */
export const idParam = () => wholeNumberParam(1, MAX_ID);

/** A digest id as Patuh makes them (randomUUID): 8-4-4-4-12 hexadecimal digits. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
