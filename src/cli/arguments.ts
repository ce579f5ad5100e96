import { ID_RULE, MAX_ID, parseDecimalNumber, parseWholeNumber, UUID_PATTERN, wholeNumberRule } from '../../schemas/numbers.js';
import type { AppContext } from '../app.js';
import { getBranch } from '../branches/branchRepository.js';
import { printable, UsageError } from './output.js';

/*
 * Reading command-line arguments: each refuses what it cannot take with a usage error
 * (exit 2) naming the option, the value given and the form expected, before any work.
 * Number() is not used on its own: it reads "0x11", "1e3", " 7" and "" (as 0) too.
 */

/** A row id (`--id 42`), `what` naming the row ("a reject id"). */
export function idArgument(option: string, value: string, what: string): number {
  const id = parseWholeNumber(value, 1, MAX_ID);
  if (id === null) throw new UsageError(`${option} ${printable(value)}: must be ${what} (${ID_RULE})`);
  return id;
}

/** A whole number from min to max (a count, a seed). */
export function wholeNumberArgument(option: string, value: string, min: number, max: number): number {
  const n = parseWholeNumber(value, min, max);
  if (n === null) throw new UsageError(`${option} ${printable(value)}: must be ${wholeNumberRule(min, max)}`);
  return n;
}

/** A number of seconds from min to max, fractions allowed ("0.5"). */
export function secondsArgument(option: string, value: string, min: number, max: number): number {
  const n = parseDecimalNumber(value, min, max);
  if (n === null) throw new UsageError(`${option} ${printable(value)}: must be ${min} to ${max} seconds, in decimal digits (such as 30 or 2.5)`);
  return n;
}

/** A digest id: a UUID, in lower case as PostgreSQL prints it. */
export function uuidArgument(option: string, value: string, what: string): string {
  if (!UUID_PATTERN.test(value)) {
    throw new UsageError(`${option} ${printable(value)}: must be ${what}, a UUID of 32 hexadecimal digits in groups of 8-4-4-4-12 (such as 0b5e1c2a-7f3d-4c1e-9a6b-2d8f0e4c7a91)`);
  }
  return value.toLowerCase();
}

/**
 * A branch code (`--branch tuban`), in upper case, that the branch table holds: a misspelt
 * branch would select nothing and look like a branch with nothing to do.
 */
export async function knownBranch(ctx: AppContext, option: string, value: string): Promise<string> {
  const code = value.toUpperCase();
  if (!code || !(await getBranch(ctx.db, code))) throw new UsageError(`${option} ${printable(value)}: no such branch in the branch table`);
  return code;
}
