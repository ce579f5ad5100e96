import { sql, type RawBuilder } from 'kysely';

/**
 * `column = any($1::text[])` instead of `column IN ($1, …, $n)`: one parameter however
 * many keys a batch has, so PostgreSQL parses and plans one short statement (a list of a
 * thousand parameters is a thousand expressions to analyse on every call). Use as
 * `.where('nib', '=', anyText(nibs))`.
 */
export function anyText(values: readonly string[]): RawBuilder<string> {
  return sql<string>`any(${values}::text[])`;
}
