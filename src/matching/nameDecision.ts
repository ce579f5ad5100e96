import type { Decision } from './identifierDecision.js';
import type { EmployerClaim } from './nameCandidateRepository.js';
import { scoreNamePair, type NameSide, type PairScore, type WordStats } from './nameScore.js';

/** Score thresholds for name matching (configuration; defaults measured on the labelled set). */
export interface NameThresholds {
  /** A best candidate at or above this is linked… */
  match: number;
  /** …if it leads the runner-up by at least this much; otherwise it goes to review. */
  margin: number;
  /** Below `match` but at or above this: review. */
  review: number;
}

export interface NameCandidate {
  npp: string;
  side: NameSide;
  /** Another permit already linked to this employer, if any. */
  claim?: EmployerClaim | null;
  /** The pair's score when already computed (a batch scores each pair once). */
  scored?: PairScore;
}

/** Decides a permit with no identifier evidence from the names and regions of its candidates. */
export function decideByName(permit: NameSide, candidates: NameCandidate[], stats: WordStats, thresholds: NameThresholds): Decision {
  // One employer (NPP) is one company, so it belongs to at most one permit: an employer
  // already linked to another permit by an identifier, or by a name match at least as good,
  // is that permit's company, not this one's.
  const taken: string[] = [];
  const scored = candidates
    .map((c) => ({ c, s: c.scored ?? scoreNamePair(permit, c.side, stats) }))
    .filter(({ c, s }) => {
      if (c.claim && (c.claim.method !== 'name' || c.claim.score >= Number(s.score.toFixed(3)))) {
        if (s.score >= thresholds.review) taken.push(`${c.npp} (already linked to NIB ${c.claim.nib} by ${c.claim.method})`);
        return false;
      }
      return true;
    })
    .sort((a, b) => b.s.score - a.s.score || a.c.npp.localeCompare(b.c.npp));
  const best = scored[0];
  if (!best || best.s.score < thresholds.review) {
    return {
      decision: 'unmatched',
      npp: null,
      score: best ? Number(best.s.score.toFixed(3)) : 0,
      method: 'none',
      explanation: {
        for: [],
        against: [
          best ? `closest name candidate ${best.c.npp} scores ${best.s.score.toFixed(2)}, below ${thresholds.review}` : 'no enrolled employer shares an identifier or a name word',
          ...(taken.length ? [`similar employers belong to other permits: ${taken.join(', ')}`] : []),
        ],
        runner_up: best ? { npp: best.c.npp, score: Number(best.s.score.toFixed(3)) } : null,
        candidates: scored.length,
      },
    };
  }
  const runnerUp = scored[1];
  const top = scored.slice(0, 3).map(({ c, s }) => ({
    npp: c.npp,
    name: c.side.raw,
    kab_kota: c.side.kabKota,
    npwp: c.side.npwp,
    score: Number(s.score.toFixed(3)),
    evidence_for: s.for,
    evidence_against: s.against,
  }));
  const explanation = {
    for: best.s.for,
    against: [...best.s.against, ...(taken.length ? [`similar employers belong to other permits: ${taken.join(', ')}`] : [])],
    runner_up: runnerUp ? { npp: runnerUp.c.npp, score: Number(runnerUp.s.score.toFixed(3)) } : null,
    candidates: scored.length,
    top,
  };
  const margin = best.s.score - (runnerUp?.s.score ?? 0);
  if (best.s.score >= thresholds.match && margin >= thresholds.margin) {
    const displaces = best.c.claim?.nib;
    return { decision: 'matched', npp: best.c.npp, score: Number(best.s.score.toFixed(3)), method: 'name', explanation, ...(displaces ? { displaces } : {}) };
  }
  if (best.s.score >= thresholds.match) explanation.against.push(`runner-up ${runnerUp!.c.npp} is within ${thresholds.margin}`);
  return { decision: 'review', npp: null, score: Number(best.s.score.toFixed(3)), method: 'name', explanation };
}
