import { migrateToLatest } from '../../src/db/migrate.js';
import { TEMPLATE_DB, databaseUrl, dropRunDatabases } from './databases.js';

/** Migrates this run's template database; each test clones it (fast, isolated). */
export default async function setup(): Promise<() => Promise<void>> {
  await dropRunDatabases();
  await migrateToLatest(databaseUrl(TEMPLATE_DB));
  return dropRunDatabases;
}
