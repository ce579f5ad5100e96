import type { Migration } from 'kysely';
import * as initial from './0001_initial.js';

/** Ordered list of migrations; names sort in the order they must run. */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
};
