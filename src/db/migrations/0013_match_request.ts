import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- "This permit needs a (new) match decision" lives in a narrow table of its own. As a
    -- column of permit, clearing it after every decision wrote a new version of the whole
    -- wide permit row (raw payload included) and of each of its indexes.
    CREATE TABLE match_request (
      nib text PRIMARY KEY REFERENCES permit (nib) ON DELETE CASCADE,
      requested_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO match_request (nib, requested_at) SELECT nib, match_requested_at FROM permit WHERE match_requested_at IS NOT NULL;
    DROP INDEX permit_match_pending_idx;
    ALTER TABLE permit DROP COLUMN match_requested_at;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE permit ADD COLUMN match_requested_at timestamptz;
    UPDATE permit p SET match_requested_at = r.requested_at FROM match_request r WHERE r.nib = p.nib;
    CREATE INDEX permit_match_pending_idx ON permit (match_requested_at) WHERE match_requested_at IS NOT NULL;
    DROP TABLE match_request;
  `.execute(db);
}
