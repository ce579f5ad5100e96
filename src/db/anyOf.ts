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

/**
 * The same for numeric ids (`bigint` keys). A list of ids can be long (a branch's active
 * findings number in the hundreds of thousands at national scale), and PostgreSQL's
 * protocol counts a statement's parameters in 16 bits: `IN ($1, …)` fails past 65,535.
 */
export function anyId(values: readonly number[]): RawBuilder<number> {
  return sql<number>`any(${values}::bigint[])`;
}
