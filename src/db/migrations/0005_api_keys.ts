import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- API keys, stored as SHA-256 hashes; the key itself is shown once, at creation.
    CREATE TABLE api_key (
      id bigserial PRIMARY KEY,
      name text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      role text NOT NULL CHECK (role IN ('admin', 'officer', 'integration')),
      branches text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      CHECK (role <> 'officer' OR cardinality(branches) > 0)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE api_key`.execute(db);
}
