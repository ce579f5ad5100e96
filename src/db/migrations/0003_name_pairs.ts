import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Pairs of words of each employer's name ("JAYA MAJU", sorted). A name of common words
    -- only ("MAJU JAYA ABADI") is blocked on its pairs, which are rare even when each word
    -- is not, and found in any kab/kota.
    CREATE TABLE employer_token_pair (
      pair text NOT NULL,
      npp text NOT NULL REFERENCES employer (npp) ON DELETE CASCADE,
      PRIMARY KEY (pair, npp)
    );
    CREATE INDEX employer_token_pair_npp_idx ON employer_token_pair (npp);

    CREATE TABLE name_token_pair (
      pair text PRIMARY KEY,
      employers integer NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE name_token_pair, employer_token_pair`.execute(db);
}
