import type { Db } from '../db/database.js';
import { anyText } from '../db/anyOf.js';
import { minimumWageTable } from '../reference/minimumWage.js';
import { loadRouting } from '../branches/branchRepository.js';
import { currentOutcomes, syncFindings, type DesiredFinding, type SyncOutcome } from './findingRepository.js';
import { evaluateFindings, permitIsActive, type EmployerFacts, type RuleThresholds } from './rules.js';

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
 * Recomputes the findings of these permits from their current match decisions, permit
 * facts and employers, all read inside the transaction that stores the difference (with
 * outbox events) after locking the permits: whichever recompute of a permit runs last
 * writes the findings of its latest state, so concurrent batches cannot leave stale ones.
 */
export async function recomputeFindings(db: Db, nibs: string[], thresholds: RuleThresholds, year: number): Promise<SyncOutcome> {
  if (!nibs.length) return { opened: 0, reopened: 0, updated: 0, resolved: 0, branchesWithEvents: [] };
  const inactive = new Set<string>();
  return syncFindings(
    db,
    nibs,
    async (trx) => {
      const outcomes = await currentOutcomes(trx, nibs);
      const [employers, routing] = await Promise.all([
        loadEmployerFacts(trx, [...new Set(outcomes.flatMap((o) => (o.npp ? [o.npp] : [])))]),
        loadRouting(trx),
      ]);
      const wages = minimumWageTable();
      const desired: DesiredFinding[] = [];
      for (const o of outcomes) {
        if (!permitIsActive(o.permit)) inactive.add(o.nib);
        const employer = o.npp ? employers.get(o.npp) ?? null : null;
        const wageRegion = employer?.kabKota ?? o.permit.kabKota;
        const wage = wageRegion ? wages.forKabKota(wageRegion, year) : null;
        const kabKota = o.permit.kabKota ?? employer?.kabKota ?? null;
        const branch = (kabKota && routing.byRegion.get(kabKota)) || routing.defaultBranch;
        for (const draft of evaluateFindings({
          permit: o.permit,
          decision: o.decision,
          employer,
          minimumWage: wage && wageRegion ? { ...wage, kabKota: wageRegion } : null,
          thresholds,
        })) {
          desired.push({ nib: o.nib, category: draft.category, npp: o.npp, branch, kabKota, priority: draft.priority, evidence: draft.evidence });
        }
      }
      return { nibs: outcomes.map((o) => o.nib), desired };
    },
    (nib) => (inactive.has(nib) ? 'permit revoked or cancelled' : 'condition ended'),
  );
}
