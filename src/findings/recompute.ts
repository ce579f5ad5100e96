import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { anyText } from '../db/anyOf.js';
import { minimumWageTable } from '../reference/minimumWage.js';
import { loadRouting } from '../branches/branchRepository.js';
import { currentOutcomes, syncFindings, type DesiredFinding, type SyncOutcome } from './findingRepository.js';
import { evaluateFindings, permitIsActive, type EmployerFacts, type RuleThresholds } from './rules.js';
import { employerPermits } from './employerPermits.js';

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
