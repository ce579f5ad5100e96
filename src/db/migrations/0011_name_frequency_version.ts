import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Changes whenever the word frequencies are rebuilt (in the same transaction), so a
    -- matcher may keep frequencies in memory and know when they are stale.
    CREATE TABLE name_frequency_version (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      version bigint NOT NULL
    );
    INSERT INTO name_frequency_version (version) VALUES (txid_current());
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE name_frequency_version`.execute(db);
}
