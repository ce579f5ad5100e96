import type { z } from 'zod';
import { HttpError } from './auth.js';

/** Parses input with a zod schema; 400 with one entry per wrong field otherwise. */
export function parse<T extends z.ZodType>(schema: T, input: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new HttpError(
    400,
    `invalid ${where}`,
    result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || where, message: i.message })),
  );
}
