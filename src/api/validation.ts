import type { z } from 'zod';
import { HttpError } from './auth.js';

/** Parses input with a zod schema; 400 with one entry per wrong field otherwise. */
export function parse<T extends z.ZodType>(schema: T, input: unknown, where: string): z.infer<T> {
  // A query parameter given twice arrives as an array: say so, rather than that it is no number.
  if (where === 'query' && input && typeof input === 'object') {
    const repeated = Object.entries(input).filter(([, v]) => Array.isArray(v));
    if (repeated.length) throw new HttpError(400, `invalid ${where}`, repeated.map(([k]) => ({ field: k, message: 'must be given once' })));
  }
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new HttpError(
    400,
    `invalid ${where}`,
    result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || where, message: i.message })),
  );
}
