import type { Db } from '../db/database.js';
import type { FindingStatus } from '../db/schema.js';

export interface FindingPageQuery {
  branch?: string;
  status?: FindingStatus;
  category?: string;
  /** Branches the caller may see (officers); undefined: all. Enforced in the SQL. */
  scope?: string[];
  limit: number;
  /** "priority:id" of the last row of the previous page. */
  cursor?: string;
}

/** Finding ids in list order (highest priority first), one page, within the caller's scope. */
export async function findingPage(db: Db, q: FindingPageQuery): Promise<{ ids: number[]; nextCursor: string | null }> {
  let query = db.selectFrom('finding').select(['id', 'priority']);
  if (q.scope) query = query.where('branch', 'in', q.scope.length ? q.scope : ['']);
  if (q.branch) query = query.where('branch', '=', q.branch);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.category) query = query.where('category', '=', q.category);
  if (q.cursor) {
    const [priority, id] = q.cursor.split(':').map(Number) as [number, number];
    query = query.where((eb) => eb.or([eb('priority', '<', priority), eb.and([eb('priority', '=', priority), eb('id', '>', id)])]));
  }
  const rows = await query.orderBy('priority', 'desc').orderBy('id').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { ids: page.map((r) => r.id), nextCursor: rows.length > q.limit && last ? `${last.priority}:${last.id}` : null };
}

/** The branch of a finding, or undefined when there is none with that id. */
export async function findingBranch(db: Db, id: number): Promise<string | undefined> {
  return (await db.selectFrom('finding').select('branch').where('id', '=', id).executeTakeFirst())?.branch;
}

/** The branch a permit is routed to (its kab/kota's, else the default). */
export async function permitBranch(db: Db, nib: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('permit as p')
    .leftJoin('branch_region as r', 'r.kab_kota', 'p.kab_kota')
    .select(['r.branch_code'])
    .where('p.nib', '=', nib)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.branch_code) return row.branch_code;
  return (await db.selectFrom('branch').select('code').where('is_default', '=', true).executeTakeFirst())?.code;
}
