import type { Db } from '../db/database.js';
import { anyId } from '../db/anyOf.js';
import { MANDATORY_PROGRAMS } from '../findings/rules.js';
import { employerPermits } from '../findings/employerPermits.js';
import { minimumWageTable } from '../reference/minimumWage.js';
import { kabKotaName } from '../reference/regions.js';
import { termFor, type ChangeKind, type DigestItem } from './digestContent.js';

/** The officers' list lines for these findings (two set-based queries), marked with how each changed. */
export async function findingDetails(db: Db, ids: number[], change: (id: number) => ChangeKind, wageYear: number): Promise<DigestItem[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('finding as f')
    .innerJoin('permit as p', 'p.nib', 'f.nib')
    .leftJoin('employer as e', 'e.npp', 'f.npp')
    .select([
      'f.id', 'f.branch', 'f.category', 'f.status', 'f.priority', 'f.nib', 'f.npp', 'f.kab_kota', 'f.first_seen_at', 'f.evidence',
      'p.name', 'p.npwp', 'p.address', 'p.kbli', 'p.business_scale', 'p.declared_workers',
      'e.active_workers', 'e.total_wages', 'e.programs', 'e.arrears_months', 'e.kab_kota as employer_kab_kota',
    ])
    .where('f.id', '=', anyId(ids))
    .execute();
  // An employer's findings are judged on all its active permits (see recomputeFindings):
  // the line shows the workforce and scale they were judged on, not its one permit's.
  const groups = await employerPermits(db, [...new Set(rows.flatMap((r) => (r.npp ? [r.npp] : [])))]);
  const wages = minimumWageTable();
  return rows.map((r) => {
    const group = r.npp ? groups.get(r.npp) : undefined;
    const employerWide = group && group.nibs.length > 1 ? group.facts : null;
    const wageRegion = r.employer_kab_kota ?? r.kab_kota;
    const umk = wageRegion ? wages.forKabKota(wageRegion, wageYear) : null;
    const scale = employerWide?.businessScale ?? r.business_scale;
    const mandatory = scale ? MANDATORY_PROGRAMS[scale] ?? [] : [];
    return {
      finding_id: r.id,
      branch: r.branch,
      change: change(r.id),
      category: r.category,
      bpjs_term: termFor(r.category),
      status: r.status,
      priority: r.priority,
      company_name: r.name,
      nib: r.nib,
      npp: r.npp,
      npwp: r.npwp,
      address: r.address,
      kab_kota: r.kab_kota,
      kab_kota_name: r.kab_kota ? kabKotaName(r.kab_kota) ?? null : null,
      kbli: r.kbli,
      business_scale: scale,
      declared_workers: employerWide ? employerWide.declaredWorkers : r.declared_workers,
      reported_workers: r.active_workers,
      average_wage: r.active_workers ? Math.round(Number(r.total_wages) / r.active_workers) : null,
      minimum_wage: umk?.amount ?? null,
      missing_programs: r.programs ? mandatory.filter((p) => !r.programs!.includes(p)) : [],
      arrears_months: r.arrears_months,
      first_seen_at: r.first_seen_at.toISOString(),
      evidence: r.evidence,
    };
  });
}
