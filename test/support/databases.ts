import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Test databases live on the server of TEST_DATABASE_URL (default: local PostgreSQL). */
const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * One id per `vitest run` (set by the global setup, inherited by the test workers), in the
 * name of every database the run creates: two runs at once never drop each other's.
 */
export function testRunId(): string {
  process.env.PATUH_TEST_RUN ??= randomBytes(3).toString('hex');
  return process.env.PATUH_TEST_RUN;
}

export const TEMPLATE_DB = `patuh_tpl_${testRunId()}`;

/** Prefix of the databases this run creates (the template excepted). */
export const RUN_DB_PREFIX = `patuh_t_${testRunId()}_`;

export function databaseUrl(name: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

export function adminUrl(): string {
  return databaseUrl('postgres');
}

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template (fast, isolated). */
export async function cloneTemplate(kind = 'db'): Promise<TestDatabase> {
  const name = `${RUN_DB_PREFIX}${kind}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Drops the template and every database this run created. */
export async function dropRunDatabases(): Promise<void> {
  await admin(async (client) => {
    const rows = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [`${RUN_DB_PREFIX}%`, TEMPLATE_DB]);
    for (const row of rows.rows) await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(row.datname)} WITH (FORCE)`);
  });
}
