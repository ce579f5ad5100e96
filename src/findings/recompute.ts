import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { anyText } from '../db/anyOf.js';
import { minimumWageTable } from '../reference/minimumWage.js';
import { loadRouting } from '../branches/branchRepository.js';
import { currentOutcomes, syncFindings, type DesiredFinding, type SyncOutcome } from './findingRepository.js';
import { evaluateFindings, permitIsActive, type EmployerFacts, type PermitFacts, type RuleThresholds } from './rules.js';

export type { PermitOutcome } from './findingRepository.js';

async function loadEmployerFacts(db: Db, npps: string[]): Promise<Map<string, EmployerFacts>> {
  if (!npps.length) return new Map();
  const rows = await db
    .selectFrom('employer')
    .select(['npp', 'status', 'programs', 'active_workers', 'total_wages', 'arrears_months', 'kab_kota'])
    .where('npp', '=', anyText(npps))
    .execute();
  return new Map(
    rows.map((r) => [
      r.npp,
      {
        npp: r.npp,
        status: r.status,
        programs: r.programs,
        activeWorkers: r.active_workers,
        totalWages: Number(r.total_wages),
        arrearsMonths: r.arrears_months,
        kabKota: r.kab_kota,
      },
    ]),
  );
}

/**
 * These permits and every other permit sharing an employer with them, now (their match) or
 * before (their findings): an employer's findings are computed from all its permits and
 * listed under one of them, so a change to one permit can move or change them on another.
 */
async function withEmployerSiblings(db: Db, nibs: string[]): Promise<string[]> {
  const rows = await sql<{ nib: string }>`
    SELECT m.nib FROM match m
    WHERE m.decision = 'matched' AND m.npp IN (
      SELECT npp FROM match WHERE nib = ANY(${nibs}::text[]) AND npp IS NOT NULL
      UNION SELECT npp FROM finding WHERE nib = ANY(${nibs}::text[]) AND npp IS NOT NULL
    )`.execute(db);
  return [...new Set([...nibs, ...rows.rows.map((r) => r.nib)])];
}

interface EmployerPermits {
  /** The permit the employer's findings are listed under. */
  holder: string;
  /** The employer's active permits taken together: the largest workforce and the largest scale they declare. */
  facts: Pick<PermitFacts, 'declaredWorkers' | 'businessScale'>;
  nibs: string[];
}

/**
 * For each employer, its active permits linked to it. The holder is the permit that already
 * lists the employer's findings (so an officer's status and history stay where they are),
 * else the lowest NIB.
 */
async function employerPermits(db: Db, npps: string[]): Promise<Map<string, EmployerPermits>> {
  if (!npps.length) return new Map();
  const rows = await sql<{ nib: string; npp: string; declared_workers: number; business_scale: string | null; doc_type: number; nib_status: string | null; holds: boolean }>`
    SELECT m.nib, m.npp, p.declared_workers, p.business_scale, p.doc_type, p.nib_status,
           EXISTS (SELECT 1 FROM finding f WHERE f.nib = m.nib AND f.npp = m.npp) AS holds
    FROM match m JOIN permit p ON p.nib = m.nib
    WHERE m.npp = ANY(${npps}::text[]) AND m.decision = 'matched'
    ORDER BY m.npp, m.nib`.execute(db);
  const groups = new Map<string, EmployerPermits & { held: boolean }>();
  for (const r of rows.rows) {
    if (!permitIsActive({ docType: r.doc_type, nibStatus: r.nib_status })) continue;
    const g = groups.get(r.npp);
    if (!g) {
      groups.set(r.npp, { holder: r.nib, held: r.holds, nibs: [r.nib], facts: { declaredWorkers: r.declared_workers, businessScale: r.business_scale } });
      continue;
    }
    g.nibs.push(r.nib);
    // The largest, not the sum: two NIBs of one company (a registration made again, the old
    // one never revoked) each declare its whole workforce, and adding them would flag a
    // shortfall the employer does not have.
    g.facts.declaredWorkers = Math.max(g.facts.declaredWorkers, r.declared_workers);
    // Scales are the PIA codes 01 (micro) to 04 (large): the larger obliges more programs.
    if (r.business_scale && (!g.facts.businessScale || r.business_scale > g.facts.businessScale)) g.facts.businessScale = r.business_scale;
    if (r.holds && !g.held) Object.assign(g, { holder: r.nib, held: true });
  }
  return groups;
}

/**
 * Recomputes the findings of these permits from their current match decisions, permit
 * facts and employers, all read inside the transaction that stores the difference (with
 * outbox events) after locking the permits: whichever recompute of a permit runs last
 * writes the findings of its latest state, so concurrent batches cannot leave stale ones.
 *
 * A matched employer's shortfalls belong to the employer, not to each of its permits: they
 * are computed once, on the largest workforce and scale its active permits declare, and listed under one
 * permit, so an officer's list does not name the same arrears twice.
 */
export async function recomputeFindings(db: Db, nibs: string[], thresholds: RuleThresholds, year: number): Promise<SyncOutcome> {
  if (!nibs.length) return { opened: 0, reopened: 0, updated: 0, resolved: 0, branchesWithEvents: [] };
  const permits = await withEmployerSiblings(db, nibs);
  const inactive = new Set<string>();
  return syncFindings(
    db,
    permits,
    async (trx) => {
      const outcomes = await currentOutcomes(trx, permits);
      const npps = [...new Set(outcomes.flatMap((o) => (o.npp ? [o.npp] : [])))];
      const [employers, groups, routing] = await Promise.all([loadEmployerFacts(trx, npps), employerPermits(trx, npps), loadRouting(trx)]);
      const wages = minimumWageTable();
      const desired: DesiredFinding[] = [];
      for (const o of outcomes) {
        if (!permitIsActive(o.permit)) inactive.add(o.nib);
        const employer = o.npp ? employers.get(o.npp) ?? null : null;
        const group = o.decision === 'matched' && o.npp ? groups.get(o.npp) : undefined;
        if (group && group.holder !== o.nib) continue;
        const wageRegion = employer?.kabKota ?? o.permit.kabKota;
        const wage = wageRegion ? wages.forKabKota(wageRegion, year) : null;
        const kabKota = o.permit.kabKota ?? employer?.kabKota ?? null;
        const branch = (kabKota && routing.byRegion.get(kabKota)) || routing.defaultBranch;
        for (const draft of evaluateFindings({
          permit: group ? { ...o.permit, ...group.facts } : o.permit,
          decision: o.decision,
          employer,
          minimumWage: wage && wageRegion ? { ...wage, kabKota: wageRegion } : null,
          thresholds,
        })) {
          const evidence = group && group.nibs.length > 1 ? { ...draft.evidence, permits: group.nibs } : draft.evidence;
          desired.push({ nib: o.nib, category: draft.category, npp: o.npp, branch, kabKota, priority: draft.priority, evidence });
        }
      }
      return { nibs: outcomes.map((o) => o.nib), desired };
    },
    (nib) => (inactive.has(nib) ? 'permit revoked or cancelled' : 'condition ended'),
  );
}
