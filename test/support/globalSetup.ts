import pg from 'pg';
import { migrateToLatest } from '../../src/db/migrate.js';
import { TEMPLATE_DB, adminUrl, databaseUrl } from './databases.js';

/** Migrates one template database; each test file clones it (fast, isolated). */
export default async function setup(): Promise<() => Promise<void>> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.end();
  await migrateToLatest(databaseUrl(TEMPLATE_DB));
  return async () => {
    const client = new pg.Client({ connectionString: adminUrl() });
    await client.connect();
    const leftovers = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'patuh_t_%'`);
    for (const row of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(row.datname)} WITH (FORCE)`);
    await client.end();
  };
}
