import type { Decision } from './identifierDecision.js';
import { scoreNamePair, type NameSide, type WordStats } from './nameScore.js';

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
}

/** Decides a permit with no identifier evidence from the names and regions of its candidates. */
export function decideByName(permit: NameSide, candidates: NameCandidate[], stats: WordStats, thresholds: NameThresholds): Decision {
  const scored = candidates
    .map((c) => ({ c, s: scoreNamePair(permit, c.side, stats) }))
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
        against: [best ? `closest name candidate ${best.c.npp} scores ${best.s.score.toFixed(2)}, below ${thresholds.review}` : 'no enrolled employer shares an identifier or a name word'],
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
    against: [...best.s.against],
    runner_up: runnerUp ? { npp: runnerUp.c.npp, score: Number(runnerUp.s.score.toFixed(3)) } : null,
    candidates: scored.length,
    top,
  };
  const margin = best.s.score - (runnerUp?.s.score ?? 0);
  if (best.s.score >= thresholds.match && margin >= thresholds.margin) {
    return { decision: 'matched', npp: best.c.npp, score: Number(best.s.score.toFixed(3)), method: 'name', explanation };
  }
  if (best.s.score >= thresholds.match) explanation.against.push(`runner-up ${runnerUp!.c.npp} is within ${thresholds.margin}`);
  return { decision: 'review', npp: null, score: Number(best.s.score.toFixed(3)), method: 'name', explanation };
}
