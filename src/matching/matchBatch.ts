import type { Db } from '../db/database.js';
import type { SyncOutcome } from '../findings/findingRepository.js';
import { recomputeFindings } from '../findings/recompute.js';
import type { RuleThresholds } from '../findings/rules.js';
import { decideByIdentifiers } from './identifierDecision.js';
import { identifierCandidates, loadPermitsForMatching, markMatched, saveMatches } from './matchRepository.js';

export interface MatchBatchOutcome {
  permits: number;
  matched: number;
  unmatched: number;
  review: number;
  findings: SyncOutcome;
}

/**
 * Matches a batch of permits against current enrollment with a handful of set-based
 * statements, stores the decisions, and recomputes their findings. Safe to run twice.
 */
export async function matchBatch(db: Db, nibs: string[], thresholds: RuleThresholds, year: number): Promise<MatchBatchOutcome> {
  const permits = await loadPermitsForMatching(db, nibs);
  const present = permits.map((p) => p.nib);
  const candidates = await identifierCandidates(db, present);
  const decided = permits.map((p) => ({ permit: p, decision: decideByIdentifiers(p, candidates.get(p.nib) ?? []) }));
  await saveMatches(db, decided.map((d) => ({ nib: d.permit.nib, permitHash: d.permit.payloadHash, decision: d.decision })));
  const findings = await recomputeFindings(
    db,
    decided.map(({ permit: p, decision: d }) => ({
      nib: p.nib,
      permit: { declaredWorkers: p.declaredWorkers, businessScale: p.businessScale, docType: p.docType, nibStatus: p.nibStatus, kabKota: p.kabKota },
      decision: d.decision,
      npp: d.npp,
    })),
    thresholds,
    year,
  );
  await markMatched(db, permits);
  const count = (k: string) => decided.filter((d) => d.decision.decision === k).length;
  return { permits: permits.length, matched: count('matched'), unmatched: count('unmatched'), review: count('review'), findings };
}
