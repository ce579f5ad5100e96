import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The version of the company-name rules (companyName.ts) the stored keys were made with.
    -- Names stored until now were made with the first rules; migrating brings them up to
    -- the code's version (nameRulesUpgrade.ts).
    CREATE TABLE name_rules (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      version integer NOT NULL
    );
    INSERT INTO name_rules (version) VALUES (1);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE name_rules`.execute(db);
}
