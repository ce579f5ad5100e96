import { CATEGORY_TERMS, type FindingCategory } from '../findings/categories.js';

export type ChangeKind = 'opened' | 'reopened' | 'resolved';

/** One line of a digest: what an officer needs to act on a finding. */
export interface DigestItem {
  finding_id: number;
  change: ChangeKind;
  category: string;
  bpjs_term: string;
  status: string;
  priority: number;
  nib: string;
  npp: string | null;
  company_name: string;
  npwp: string | null;
  address: string | null;
  kab_kota: string | null;
  kbli: string[];
  business_scale: string | null;
  declared_workers: number;
  reported_workers: number | null;
  first_seen_at: string;
  evidence: Record<string, unknown>;
}

export interface DigestPayload {
  digest_id: string;
  branch: string;
  branch_name: string;
  generated_at: string;
  counts: { new: number; reopened: number; resolved: number; by_category: Record<string, number> };
  findings: DigestItem[];
  resolved: DigestItem[];
}

export function termFor(category: string): string {
  return CATEGORY_TERMS[category as FindingCategory] ?? category;
}

/** Orders and counts a digest's items: biggest coverage gains first. Pure. */
export function buildDigestPayload(
  meta: { id: string; branch: string; branchName: string; generatedAt: Date },
  items: DigestItem[],
): DigestPayload {
  const byPriority = (a: DigestItem, b: DigestItem) => b.priority - a.priority || a.nib.localeCompare(b.nib) || a.category.localeCompare(b.category);
  const findings = items.filter((i) => i.change !== 'resolved').sort(byPriority);
  const resolved = items.filter((i) => i.change === 'resolved').sort(byPriority);
  const byCategory: Record<string, number> = {};
  for (const f of findings) byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
  return {
    digest_id: meta.id,
    branch: meta.branch,
    branch_name: meta.branchName,
    generated_at: meta.generatedAt.toISOString(),
    counts: {
      new: findings.filter((f) => f.change === 'opened').length,
      reopened: findings.filter((f) => f.change === 'reopened').length,
      resolved: resolved.length,
      by_category: byCategory,
    },
    findings,
    resolved,
  };
}

export const DIGEST_CSV_COLUMNS = [
  'change', 'category', 'bpjs_term', 'priority', 'company_name', 'nib', 'npp', 'npwp', 'address', 'kab_kota',
  'kbli', 'business_scale', 'declared_workers', 'reported_workers', 'status', 'first_seen_at', 'evidence',
] as const;

export function digestCsvRows(payload: DigestPayload): unknown[][] {
  return [...payload.findings, ...payload.resolved].map((i) => [
    i.change, i.category, i.bpjs_term, i.priority, i.company_name, i.nib, i.npp, i.npwp, i.address, i.kab_kota,
    i.kbli.join(';'), i.business_scale, i.declared_workers, i.reported_workers, i.status, i.first_seen_at, JSON.stringify(i.evidence),
  ]);
}
