import { sql, type Kysely } from 'kysely';

/**
 * Employers looked up by the initials of their name, so a permit called by an acronym
 * ("PT PLN (Persero)") finds the employer enrolled under the words it stands for
 * ("PERUSAHAAN LISTRIK NEGARA"). `name_initials` is `nameAcronym` (src/matching/acronyms.ts)
 * over a stored key: the initials of three to five words ("dan", "and", "of", "the"
 * skipped), each starting with a letter, with at most one vowel among them; NULL otherwise.
 * test/employerInitials.test.ts holds the two to the same answers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION name_initials(name_norm text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT CASE
        WHEN count(*) BETWEEN 3 AND 5 AND bool_and(w ~ '^[A-Z]')
          AND length(regexp_replace(string_agg(left(w, 1), '' ORDER BY n), '[^AEIOU]', '', 'g')) <= 1
        THEN string_agg(left(w, 1), '' ORDER BY n)
      END
      FROM unnest(string_to_array(name_norm, ' ')) WITH ORDINALITY AS t(w, n)
      WHERE w <> '' AND w NOT IN ('DAN', 'AND', 'OF', 'THE')
    $$`.execute(db);
  await sql`
    CREATE INDEX employer_initials_idx ON employer (name_initials(name_norm), kab_kota)
    WHERE name_initials(name_norm) IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS employer_initials_idx`.execute(db);
  await sql`DROP FUNCTION IF EXISTS name_initials(text)`.execute(db);
}
