import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// bigint (int8) ids and counts fit comfortably in a JS number for this domain.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export type Db = Kysely<Database>;

export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    application_name: 'patuh',
    // Patuh's statements are short batch look-ups. When a table's statistics are missing or
    // stale (it grew since the last ANALYZE), the planner's inflated cost switches on JIT
    // compilation, which then costs 50-100 ms per statement for nothing.
    options: [process.env.PGOPTIONS, '-c jit=off'].filter(Boolean).join(' '),
  });
  // An idle client losing its connection (PostgreSQL restart) must not crash the process;
  // the pool discards it and the next query reconnects.
  pool.on('error', () => undefined);
  // A client in use when the server goes away emits 'error' too; its query already fails
  // (and the job is retried), so the event must not crash the process. The pool then drops
  // the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
