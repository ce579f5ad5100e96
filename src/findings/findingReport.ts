import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface BranchSummaryRow {
  branch: string;
  branchName: string;
  byCategory: Record<string, number>;
  employers: number;
  workersAtStake: number;
}

const ACTIVE = sql`('open', 'notified', 'acknowledged')`;

/** Active findings per branch and category, with distinct companies and workers at stake. */
export async function branchSummary(db: Db): Promise<BranchSummaryRow[]> {
  const rows = await sql<{ branch: string; name: string | null; category: string | null; n: number; employers: number; workers: number }>`
    SELECT f.branch, b.name, f.category, count(*)::int AS n, count(DISTINCT f.nib)::int AS employers,
           sum(f.priority) FILTER (WHERE f.category IN ('unregistered', 'under_reported_workers'))::int AS workers
    FROM finding f LEFT JOIN branch b ON b.code = f.branch
    WHERE f.status IN ${ACTIVE}
    GROUP BY GROUPING SETS ((f.branch, b.name, f.category), (f.branch, b.name))
    ORDER BY f.branch`.execute(db);
  const byBranch = new Map<string, BranchSummaryRow>();
  for (const r of rows.rows) {
    const entry = byBranch.get(r.branch) ?? { branch: r.branch, branchName: r.name ?? r.branch, byCategory: {}, employers: 0, workersAtStake: 0 };
    if (r.category === null) {
      entry.employers = r.employers;
      entry.workersAtStake = r.workers ?? 0;
    } else entry.byCategory[r.category] = r.n;
    byBranch.set(r.branch, entry);
  }
  return [...byBranch.values()];
}

export interface TopEmployerRow {
  branch: string;
  nib: string;
  name: string;
  kabKota: string | null;
  categories: string[];
  priority: number;
}

/** The highest-priority flagged companies of each branch. */
export async function topFlaggedCompanies(db: Db, perBranch: number): Promise<TopEmployerRow[]> {
  const rows = await sql<{ branch: string; nib: string; name: string; kab_kota: string | null; categories: string[]; priority: number }>`
    SELECT branch, nib, name, kab_kota, categories, priority FROM (
      SELECT f.branch, f.nib, p.name, p.kab_kota, array_agg(f.category ORDER BY f.category) AS categories,
             max(f.priority)::int AS priority,
             row_number() OVER (PARTITION BY f.branch ORDER BY max(f.priority) DESC, f.nib) AS rank
      FROM finding f JOIN permit p ON p.nib = f.nib
      WHERE f.status IN ${ACTIVE}
      GROUP BY f.branch, f.nib, p.name, p.kab_kota
    ) ranked WHERE rank <= ${perBranch}
    ORDER BY branch, rank`.execute(db);
  return rows.rows.map((r) => ({ branch: r.branch, nib: r.nib, name: r.name, kabKota: r.kab_kota, categories: r.categories, priority: r.priority }));
}
