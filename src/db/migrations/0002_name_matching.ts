import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Words of enrolled employers' normalised names, for blocking candidates by equality
    -- joins on rare words (anywhere) and on common words (within the same kab/kota).
    CREATE TABLE employer_token (
      token text NOT NULL,
      npp text NOT NULL REFERENCES employer (npp) ON DELETE CASCADE,
      kab_kota text,
      PRIMARY KEY (token, npp)
    );
    CREATE INDEX employer_token_region_idx ON employer_token (token, kab_kota);
    CREATE INDEX employer_token_npp_idx ON employer_token (npp);

    -- How many employers' names contain each word: rare words are strong evidence.
    CREATE TABLE name_token (
      token text PRIMARY KEY,
      employers integer NOT NULL
    );

    -- An officer's judgement on a permit-employer pair; the matcher never overrides it.
    CREATE TABLE match_judgement (
      nib text NOT NULL REFERENCES permit (nib) ON DELETE CASCADE,
      npp text NOT NULL,
      verdict text NOT NULL CHECK (verdict IN ('same', 'different', 'unsure')),
      actor text NOT NULL,
      note text,
      decided_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (nib, npp)
    );
    CREATE UNIQUE INDEX match_judgement_one_same ON match_judgement (nib) WHERE verdict = 'same';
    CREATE INDEX match_review_idx ON match (nib) WHERE decision = 'review';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE match_judgement, name_token, employer_token; DROP INDEX match_review_idx;`.execute(db);
}
