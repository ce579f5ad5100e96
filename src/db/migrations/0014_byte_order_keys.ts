import { sql, type Kysely } from 'kysely';

/**
 * Identifier and name-word columns that matching looks up by equality, tens of times per
 * permit: in byte order ("C"), their index searches compare bytes. Under the database's
 * locale collation (such as C.UTF-8) PostgreSQL 15 copies both strings and asks the C
 * library for every comparison. Nothing is sorted by these columns for people to read.
 * Columns a generated column is computed from (`npwp`) keep the database's collation.
 */
const KEY_COLUMNS: Record<string, string[]> = {
  employer: ['npp', 'nib', 'kab_kota'],
  employer_token: ['token', 'npp', 'kab_kota'],
  employer_token_pair: ['pair', 'npp', 'kab_kota'],
  name_token: ['token'],
  name_token_pair: ['pair'],
  permit: ['nib', 'no_npp', 'kab_kota'],
  match_request: ['nib'],
  match: ['nib', 'npp'],
  match_judgement: ['nib', 'npp'],
  finding: ['nib', 'category', 'npp'],
};

function alter(collation: 'C' | 'default') {
  return Object.entries(KEY_COLUMNS).map(
    ([table, columns]) =>
      sql`ALTER TABLE ${sql.table(table)} ${sql.join(
        columns.map((c) => sql`ALTER COLUMN ${sql.ref(c)} TYPE text COLLATE ${sql.id(collation)}`),
      )}`,
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of alter('C')) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of alter('default')) await statement.execute(db);
}
