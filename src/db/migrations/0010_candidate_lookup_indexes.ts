import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Blocking on a word within a kab/kota reads only the index (the employer's NPP is in
    -- it), instead of visiting a heap page for every employer with that word there.
    CREATE INDEX employer_token_local_idx ON employer_token (token, kab_kota, npp);
    DROP INDEX employer_token_region_idx;

    -- Which employers are already linked, and by the strongest link first: the matcher asks
    -- this for thousands of employers per batch, answered from the index alone.
    CREATE INDEX match_link_idx ON match (npp, (method <> 'name') DESC, score DESC) INCLUDE (nib, method)
      WHERE decision = 'matched';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX match_link_idx;
    CREATE INDEX employer_token_region_idx ON employer_token (token, kab_kota);
    DROP INDEX employer_token_local_idx;
  `.execute(db);
}
