import type { Kysely } from 'kysely';
import { pendingMigrations } from './migrate.js';

/** PostgreSQL cannot be used yet: not reachable, no such database, or not migrated. */
export class DatabaseNotReadyError extends Error {
  constructor(message: string, readonly reason: 'unreachable' | 'not migrated') {
    super(message);
    this.name = 'DatabaseNotReadyError';
  }
}

/** Where a database URL points, without its credentials. */
export function databaseWhere(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Turns a failure to connect into one that says which server and which variable, so a
 * wrong DATABASE_URL or a server that is down reads as such and not as a bare
 * `ECONNREFUSED` or a missing table.
 */
export function describeDatabaseFailure(error: unknown, databaseUrl: string): DatabaseNotReadyError | null {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  const where = databaseWhere(databaseUrl);
  // 3D000: no such database; 28xxx: authentication; 57P03: the server is starting up or shutting down.
  if (code === '3D000') {
    return new DatabaseNotReadyError(`${message} at ${where} (DATABASE_URL): run \`patuh db migrate\` to create it`, 'not migrated');
  }
  if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ECONNRESET|ENETUNREACH)$/.test(code) || code.startsWith('28') || code === '57P03') {
    return new DatabaseNotReadyError(`cannot reach PostgreSQL at ${where} (DATABASE_URL): ${message}`, 'unreachable');
  }
  if (/Connection terminated|timeout expired/i.test(message)) {
    return new DatabaseNotReadyError(`cannot reach PostgreSQL at ${where} (DATABASE_URL): ${message}`, 'unreachable');
  }
  return null;
}

/**
 * Makes sure the database can be used by this code before a command or a worker starts:
 * reachable, existing, and with every migration applied.
 */
export async function assertDatabaseReady(db: Kysely<unknown>, databaseUrl: string): Promise<void> {
  let pending: string[];
  try {
    pending = await pendingMigrations(db);
  } catch (error) {
    throw describeDatabaseFailure(error, databaseUrl) ?? error;
  }
  if (pending.length) {
    throw new DatabaseNotReadyError(
      `the database at ${databaseWhere(databaseUrl)} (DATABASE_URL) lacks ${pending.length === 1 ? 'migration' : `${pending.length} migrations`} ` +
        `${pending.length > 2 ? `${pending[0]} … ${pending.at(-1)}` : pending.join(', ')}: run \`patuh db migrate\``,
      'not migrated',
    );
  }
}
