import type { Db } from './database.js';

/**
 * One instance per database handle, made on first use: what a process keeps in memory
 * about a database (such as the matcher's enrollment caches) never mixes two databases.
 */
export function perDatabase<T extends object>(create: () => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let value = made.get(db);
    if (!value) {
      value = create();
      made.set(db, value);
    }
    return value;
  };
}
