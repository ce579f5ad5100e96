import { decideByIdentifiers, type Candidate, type Decision, type PermitIdentifiers } from './identifierDecision.js';
import { decideByName, type NameCandidate, type NameThresholds } from './nameDecision.js';
import type { NameSide, WordStats } from './nameScore.js';
import type { Judgement } from './nameCandidateRepository.js';

export interface PermitToDecide {
  identifiers: PermitIdentifiers;
  name: NameSide;
  identifierCandidates: Candidate[];
  judgements: Judgement[];
}

/** An officer's "same" judgement, if any: it pins the link. */
export function pinnedDecision(p: PermitToDecide): Decision | null {
  const same = p.judgements.find((j) => j.verdict === 'same');
  if (!same) return null;
  return {
    decision: 'matched',
    npp: same.npp,
    score: 1,
    method: 'judgement',
    explanation: { for: [`an officer judged this permit and employer ${same.npp} the same company`], against: [], runner_up: null, candidates: 1 },
  };
}

/** Pairs an officer judged "different" are never linked again. */
export function withoutRejectedPairs<T extends { npp: string } | { employer: { npp: string } }>(items: T[], judgements: Judgement[]): T[] {
  const different = new Set(judgements.filter((j) => j.verdict === 'different').map((j) => j.npp));
  if (!different.size) return items;
  return items.filter((i) => !different.has('npp' in i ? i.npp : i.employer.npp));
}

/** Identifier evidence first; names only when no identifier is shared. Pure. */
export function decidePermit(
  p: PermitToDecide,
  nameCandidates: NameCandidate[] | undefined,
  stats: WordStats,
  thresholds: NameThresholds,
): Decision {
  const pinned = pinnedDecision(p);
  if (pinned) return pinned;
  const byIdentifiers = decideByIdentifiers(p.identifiers, withoutRejectedPairs(p.identifierCandidates, p.judgements));
  if (byIdentifiers.decision !== 'unmatched' || !nameCandidates) return byIdentifiers;
  return decideByName(p.name, withoutRejectedPairs(nameCandidates, p.judgements), stats, thresholds);
}
