import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Finds the permits in review that list an employer among their candidates, so they are
  // decided again when another permit takes that employer.
  await sql`CREATE INDEX match_review_candidates_idx ON match USING gin ((explanation -> 'top') jsonb_path_ops) WHERE decision = 'review'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX match_review_candidates_idx`.execute(db);
}
