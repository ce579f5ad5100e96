import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A pair like "GRAHA LAKSANA" is shared by dozens of employers that rank equal on it;
    -- the one in the permit's kab/kota is nearly always the company, so candidates are
    -- ordered by it before being cut. The kab/kota rides in the key index (INCLUDE), so
    -- blocking on a pair still reads the index alone.
    ALTER TABLE employer_token_pair ADD COLUMN kab_kota text;
    UPDATE employer_token_pair ep SET kab_kota = e.kab_kota FROM employer e WHERE e.npp = ep.npp AND e.kab_kota IS NOT NULL;
    ALTER TABLE employer_token_pair DROP CONSTRAINT employer_token_pair_pkey;
    ALTER TABLE employer_token_pair ADD PRIMARY KEY (pair, npp) INCLUDE (kab_kota);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE employer_token_pair DROP CONSTRAINT employer_token_pair_pkey;
    ALTER TABLE employer_token_pair ADD PRIMARY KEY (pair, npp);
    ALTER TABLE employer_token_pair DROP COLUMN kab_kota;
  `.execute(db);
}
