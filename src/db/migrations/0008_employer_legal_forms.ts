import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The legal forms found in an employer's name (companyName.ts), computed once at import
  // instead of for every permit the employer is a candidate of. NULL: not yet computed
  // (rows from before this column); the matcher then derives them from the name.
  await sql`ALTER TABLE employer ADD COLUMN legal_forms text[]`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE employer DROP COLUMN legal_forms`.execute(db);
}
