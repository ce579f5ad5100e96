import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { anyId } from '../db/anyOf.js';
import { MANDATORY_PROGRAMS } from '../findings/rules.js';
import { minimumWageTable } from '../reference/minimumWage.js';
import { kabKotaName } from '../reference/regions.js';
import { termFor, type ChangeKind, type DigestItem } from './digestContent.js';

/** The officers' list lines for these findings (one query), marked with how each changed. */
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
      // An employer's findings are computed on all its active permits (see recomputeFindings):
      // the line shows the workforce and scale they were judged on, not its one permit's.
      sql<{ declared: number; scale: string | null } | null>`(
        SELECT json_build_object('declared', max(p2.declared_workers), 'scale', max(p2.business_scale))
        FROM match m2 JOIN permit p2 ON p2.nib = m2.nib
        WHERE m2.npp = f.npp AND m2.decision = 'matched' AND p2.doc_type NOT IN (3, 4) AND coalesce(p2.nib_status, '') NOT IN ('05', '06')
        HAVING count(*) > 1
      )`.as('employer_permits'),
    ])
    .where('f.id', '=', anyId(ids))
    .execute();
  const wages = minimumWageTable();
  return rows.map((r) => {
    const wageRegion = r.employer_kab_kota ?? r.kab_kota;
    const umk = wageRegion ? wages.forKabKota(wageRegion, wageYear) : null;
    const scale = r.employer_permits?.scale ?? r.business_scale;
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
      declared_workers: r.employer_permits ? Number(r.employer_permits.declared) : r.declared_workers,
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
