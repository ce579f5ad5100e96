import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Deleting a permit cascades to its findings and from each finding to its outbox events;
  // without this index every finding deleted scanned the whole event table.
  await sql`CREATE INDEX finding_event_finding_idx ON finding_event (finding_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX finding_event_finding_idx`.execute(db);
}
