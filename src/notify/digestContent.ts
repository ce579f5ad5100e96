import { CATEGORY_TERMS, type FindingCategory } from '../findings/categories.js';

/** How an item stands in this digest compared with what the receiver was told before. */
export type ChangeKind = 'new' | 'open' | 'resolved';

/** One line of the officers' list: what they need to act on a finding. */
export interface DigestItem {
  finding_id: number;
  /** The branch the finding is routed to: a list of several branches' findings says whose each is. */
  branch: string;
  change: ChangeKind;
  category: string;
  bpjs_term: string;
  status: string;
  priority: number;
  company_name: string;
  nib: string;
  npp: string | null;
  npwp: string | null;
  address: string | null;
  kab_kota: string | null;
  kab_kota_name: string | null;
  kbli: string[];
  business_scale: string | null;
  declared_workers: number;
  reported_workers: number | null;
  average_wage: number | null;
  minimum_wage: number | null;
  missing_programs: string[];
  arrears_months: number | null;
  first_seen_at: string;
  evidence: Record<string, unknown>;
}

export type DigestReason = 'new' | 'changed' | 'reminder';

export interface DigestPayload {
  digest_id: string;
  branch: string;
  branch_name: string;
  channel: string;
  reason: DigestReason;
  generated_at: string;
  counts: { open: number; new: number; resolved: number; by_category: Record<string, number> };
  findings: DigestItem[];
  resolved: DigestItem[];
}

export function termFor(category: string): string {
  return CATEGORY_TERMS[category as FindingCategory] ?? category;
}

const byPriority = (a: DigestItem, b: DigestItem) =>
  b.priority - a.priority || a.nib.localeCompare(b.nib) || a.category.localeCompare(b.category);

/** Orders and counts a digest: biggest coverage gains first. Pure. */
export function buildDigestPayload(
  meta: { id: string; branch: string; branchName: string; channel: string; reason: DigestReason; generatedAt: Date },
  active: DigestItem[],
  resolved: DigestItem[],
): DigestPayload {
  const findings = [...active].sort(byPriority);
  const byCategory: Record<string, number> = {};
  for (const f of findings) byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
  return {
    digest_id: meta.id,
    branch: meta.branch,
    branch_name: meta.branchName,
    channel: meta.channel,
    reason: meta.reason,
    generated_at: meta.generatedAt.toISOString(),
    counts: { open: findings.length, new: findings.filter((f) => f.change === 'new').length, resolved: resolved.length, by_category: byCategory },
    findings,
    resolved: [...resolved].sort(byPriority),
  };
}

/** Columns of the officers' list (CSV, XLSX), with Indonesian headings beside the English ones. */
export const LIST_COLUMNS: Array<{ key: string; header: string; width: number; value: (i: DigestItem) => unknown }> = [
  { key: 'change', header: 'Perubahan / Change', width: 12, value: (i) => i.change },
  { key: 'bpjs_term', header: 'Kategori / Category', width: 14, value: (i) => i.bpjs_term },
  { key: 'category', header: 'Category code', width: 22, value: (i) => i.category },
  { key: 'priority', header: 'Prioritas / Priority', width: 10, value: (i) => i.priority },
  { key: 'company_name', header: 'Nama perusahaan / Company', width: 40, value: (i) => i.company_name },
  { key: 'nib', header: 'NIB', width: 15, value: (i) => i.nib },
  { key: 'npp', header: 'NPP', width: 11, value: (i) => i.npp },
  { key: 'npwp', header: 'NPWP', width: 18, value: (i) => i.npwp },
  { key: 'address', header: 'Alamat / Address', width: 40, value: (i) => i.address },
  { key: 'kab_kota', header: 'Kab/Kota', width: 8, value: (i) => i.kab_kota },
  { key: 'kab_kota_name', header: 'Nama Kab/Kota', width: 24, value: (i) => i.kab_kota_name },
  { key: 'kbli', header: 'KBLI', width: 12, value: (i) => i.kbli.join(';') },
  { key: 'business_scale', header: 'Skala / Scale', width: 8, value: (i) => i.business_scale },
  { key: 'declared_workers', header: 'TK dilaporkan OSS / Declared', width: 10, value: (i) => i.declared_workers },
  { key: 'reported_workers', header: 'TK aktif BPJS / Reported', width: 10, value: (i) => i.reported_workers },
  { key: 'average_wage', header: 'Rata-rata upah / Avg wage', width: 14, value: (i) => i.average_wage },
  { key: 'minimum_wage', header: 'UMK', width: 12, value: (i) => i.minimum_wage },
  { key: 'missing_programs', header: 'Program kurang / Missing', width: 14, value: (i) => i.missing_programs.join(';') },
  { key: 'arrears_months', header: 'Bulan tunggakan / Arrears', width: 10, value: (i) => i.arrears_months },
  { key: 'first_seen_at', header: 'Pertama / First seen', width: 12, value: (i) => i.first_seen_at.slice(0, 10) },
  { key: 'status', header: 'Status', width: 12, value: (i) => i.status },
  // What an officer quotes to act on the line through the API (acknowledge, resolve, dismiss).
  { key: 'finding_id', header: 'ID temuan / Finding id', width: 10, value: (i) => i.finding_id },
];

export function listRows(payload: DigestPayload): unknown[][] {
  return [...payload.findings, ...payload.resolved].map((i) => LIST_COLUMNS.map((c) => c.value(i)));
}
