import { describe, expect, it } from 'vitest';
import { normaliseCompanyName } from './companyName.js';
import { decidePermit, pinnedDecision, withoutRejectedPairs, type PermitToDecide } from './decidePermit.js';
import type { Candidate, Decision } from './identifierDecision.js';
import { resolveCompetingLinks } from './matchBatch.js';
import type { Judgement } from './nameCandidateRepository.js';
import type { NameCandidate, NameThresholds } from './nameDecision.js';
import type { NameSide, WordStats } from './nameScore.js';

const counts: Record<string, number> = { MAJU: 15000, JAYA: 20000, BINTANG: 3000, GARUDA: 40 };
const stats: WordStats = { total: 100000, frequency: (t) => counts[t] ?? 0 };
const T: NameThresholds = { match: 0.86, margin: 0.1, review: 0.7 };

const NIB = '1234567890123';
const NPWP = '0123456789012000';

function side(raw: string, extra: Partial<NameSide> = {}): NameSide {
  const n = normaliseCompanyName(raw);
  return { raw, tokens: n.tokens, legalForms: n.legalForms, kabKota: '3171', npwp: null, nib: null, address: null, ...extra };
}

const idCandidate = (npp: string, via: Candidate['via'] = 'nib'): Candidate => ({ via, employer: { npp, nib: via === 'nib' ? NIB : null, npwp: via === 'npwp' ? NPWP : null, kabKota: '3171' } });
const nameCandidate = (npp: string, raw = 'PT GARUDA BINTANG'): NameCandidate => ({ npp, side: side(raw) });
const judge = (npp: string, verdict: Judgement['verdict']): Judgement => ({ nib: NIB, npp, verdict });

function permit(extra: Partial<PermitToDecide> = {}): PermitToDecide {
  return {
    identifiers: { nib: NIB, npwp: NPWP, noNpp: null, kabKota: '3171' },
    name: side('PT Garuda Bintang', { nib: NIB, npwp: NPWP }),
    identifierCandidates: [],
    judgements: [],
    ...extra,
  };
}

describe('pinnedDecision', () => {
  it('is null without a "same" judgement', () => {
    expect(pinnedDecision(permit())).toBeNull();
    expect(pinnedDecision(permit({ judgements: [judge('NPP-1', 'different'), judge('NPP-2', 'unsure')] }))).toBeNull();
  });

  it('pins the employer an officer judged the same company', () => {
    const d = pinnedDecision(permit({ judgements: [judge('NPP-1', 'different'), judge('NPP-7', 'same')] }));
    expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-7', score: 1, method: 'judgement' });
    expect(d!.explanation.for[0]).toContain('NPP-7');
  });
});

describe('withoutRejectedPairs', () => {
  const judgements = [judge('NPP-1', 'different'), judge('NPP-2', 'same'), judge('NPP-3', 'unsure')];

  it('drops identifier candidates judged "different"', () => {
    const kept = withoutRejectedPairs([idCandidate('NPP-1'), idCandidate('NPP-2'), idCandidate('NPP-3'), idCandidate('NPP-1', 'npwp')], judgements);
    expect(kept.map((c) => c.employer.npp)).toEqual(['NPP-2', 'NPP-3']);
  });

  it('drops name candidates judged "different"', () => {
    const kept = withoutRejectedPairs([nameCandidate('NPP-1'), nameCandidate('NPP-4')], judgements);
    expect(kept.map((c) => c.npp)).toEqual(['NPP-4']);
  });

  it('returns the list unchanged without "different" judgements', () => {
    const list = [nameCandidate('NPP-1')];
    expect(withoutRejectedPairs(list, [judge('NPP-1', 'same')])).toBe(list);
    expect(withoutRejectedPairs(list, [])).toBe(list);
  });
});

describe('decidePermit', () => {
  it('lets a "same" judgement pin the link even against identifier evidence for another employer', () => {
    const p = permit({ identifierCandidates: [idCandidate('NPP-NIB', 'nib')], judgements: [judge('NPP-OFFICER', 'same')] });
    const d = decidePermit(p, [nameCandidate('NPP-NAME')], stats, T);
    expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-OFFICER', score: 1, method: 'judgement' });
  });

  it('removes an employer judged "different" from the identifier candidates', () => {
    const without = decidePermit(permit({ identifierCandidates: [idCandidate('NPP-NIB', 'nib')] }), undefined, stats, T);
    expect(without).toMatchObject({ decision: 'matched', npp: 'NPP-NIB', method: 'nib' });
    const rejected = decidePermit(permit({ identifierCandidates: [idCandidate('NPP-NIB', 'nib')], judgements: [judge('NPP-NIB', 'different')] }), undefined, stats, T);
    expect(rejected).toMatchObject({ decision: 'unmatched', npp: null, method: 'none' });
  });

  it('lets the remaining identifier evidence decide once a stronger one is rejected', () => {
    const p = permit({ identifierCandidates: [idCandidate('NPP-NIB', 'nib'), idCandidate('NPP-NPWP', 'npwp')], judgements: [judge('NPP-NIB', 'different')] });
    expect(decidePermit(p, undefined, stats, T)).toMatchObject({ decision: 'matched', npp: 'NPP-NPWP', method: 'npwp' });
  });

  it('removes an employer judged "different" from the name candidates', () => {
    const names = [nameCandidate('NPP-A', 'PT GARUDA BINTANG')];
    expect(decidePermit(permit(), names, stats, T)).toMatchObject({ decision: 'matched', npp: 'NPP-A', method: 'name' });
    const d = decidePermit(permit({ judgements: [judge('NPP-A', 'different')] }), names, stats, T);
    expect(d).toMatchObject({ decision: 'unmatched', npp: null, score: 0, method: 'none' });
    expect(d.explanation.candidates).toBe(0);
  });

  it('falls to the next name candidate when the best one is judged "different"', () => {
    const names = [nameCandidate('NPP-A', 'PT GARUDA BINTANG'), nameCandidate('NPP-B', 'PT GARUDA BINTANG MAJU')];
    const d = decidePermit(permit({ judgements: [judge('NPP-A', 'different')] }), names, stats, T);
    expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-B', method: 'name' });
    // without the judgement NPP-A (exact) would have been preferred, with NPP-B too close behind
    expect(decidePermit(permit(), names, stats, T)).toMatchObject({ decision: 'review', npp: null });
    expect(d.explanation.candidates).toBe(1);
  });

  it('ignores "unsure" judgements', () => {
    const d = decidePermit(permit({ identifierCandidates: [idCandidate('NPP-NIB', 'nib')], judgements: [judge('NPP-NIB', 'unsure')] }), undefined, stats, T);
    expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-NIB' });
  });

  it('does not consult names when identifiers match', () => {
    const d = decidePermit(permit({ identifierCandidates: [idCandidate('NPP-NIB', 'nib')] }), [nameCandidate('NPP-NAME')], stats, T);
    expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-NIB', method: 'nib' });
  });

  it('does not consult names when identifiers send the permit to review', () => {
    const p = permit({ identifierCandidates: [{ via: 'nib', employer: { npp: 'NPP-NIB', nib: NIB, npwp: '0987654321012000', kabKota: '3171' } }] });
    const d = decidePermit(p, [nameCandidate('NPP-NAME')], stats, T);
    expect(d.decision).toBe('review');
    expect(d.method).toBe('nib');
    expect(d.explanation.top).toBeUndefined();
  });

  it('consults names when identifiers give "unmatched" and name candidates are provided', () => {
    const d = decidePermit(permit(), [nameCandidate('NPP-NAME')], stats, T);
    expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-NAME', method: 'name' });
  });

  it('returns the identifier decision when no name candidates are provided', () => {
    const d = decidePermit(permit(), undefined, stats, T);
    expect(d).toMatchObject({ decision: 'unmatched', npp: null, method: 'none' });
    expect(d.explanation.against).toEqual(['no enrolled employer shares an identifier']);
    const empty = decidePermit(permit(), [], stats, T);
    expect(empty.explanation.against).toEqual(['no enrolled employer shares an identifier or a name word']);
  });
});

describe('resolveCompetingLinks', () => {
  const matched = (npp: string, method: string, score: number): Decision => ({
    decision: 'matched', npp, score, method, explanation: { for: [], against: [], runner_up: null, candidates: 1 },
  });
  const unmatched: Decision = { decision: 'unmatched', npp: null, score: 0, method: 'none', explanation: { for: [], against: [], runner_up: null, candidates: 0 } };

  /**
   * A stand-in for decidePermit: each permit's name scores are fixed, and it links the
   * best employer not claimed by another permit (as decideByName would), reading the
   * claims resolveCompetingLinks writes into the mutable candidate lists.
   */
  function setup(scores: Record<string, Record<string, number>>, initial?: Record<string, Decision>) {
    const candidatesOf = new Map<string, NameCandidate[]>(Object.entries(scores).map(([nib, byNpp]) => [nib, Object.keys(byNpp).map((npp) => nameCandidate(npp))]));
    const calls: string[] = [];
    const decide = (nib: string): Decision => {
      calls.push(nib);
      const open = (candidatesOf.get(nib) ?? [])
        .filter((c) => !c.claim || (c.claim.method === 'name' && c.claim.score < scores[nib]![c.npp]!))
        .map((c) => ({ npp: c.npp, score: scores[nib]![c.npp]! }))
        .sort((a, b) => b.score - a.score);
      return open[0] ? matched(open[0].npp, 'name', open[0].score) : unmatched;
    };
    const decisions = new Map<string, Decision>(Object.keys(scores).map((nib) => [nib, initial?.[nib] ?? decide(nib)]));
    calls.length = 0;
    return { decisions, candidatesOf, decide, calls };
  }

  it('leaves decisions alone when no employer is claimed twice', () => {
    const { decisions, candidatesOf, decide, calls } = setup({ P1: { E1: 0.9 }, P2: { E2: 0.95 } });
    const before = new Map(decisions);
    resolveCompetingLinks(decisions, candidatesOf, decide);
    expect(decisions).toEqual(before);
    expect(calls).toEqual([]);
  });

  it('gives a contested employer to an identifier link over a name link and re-decides the loser', () => {
    const { decisions, candidatesOf, decide, calls } = setup({ P1: {}, P2: { E1: 0.99, E2: 0.9 } }, { P1: matched('E1', 'nib', 1) });
    expect(decisions.get('P2')).toMatchObject({ npp: 'E1', method: 'name' });
    resolveCompetingLinks(decisions, candidatesOf, decide);
    expect(decisions.get('P1')).toMatchObject({ decision: 'matched', npp: 'E1', method: 'nib' });
    expect(decisions.get('P2')).toMatchObject({ decision: 'matched', npp: 'E2', method: 'name', score: 0.9 });
    expect(calls).toEqual(['P2']);
    // the loser's candidate list now records who holds the employer
    expect(candidatesOf.get('P2')!.find((c) => c.npp === 'E1')!.claim).toEqual({ nib: 'P1', score: 2, method: 'nib' });
    expect(candidatesOf.get('P2')!.find((c) => c.npp === 'E2')!.claim).toBeUndefined();
  });

  it('keeps an identifier link even when the name link scores higher', () => {
    const { decisions, candidatesOf, decide } = setup({ P1: {}, P2: { E1: 1 } }, { P1: matched('E1', 'npwp_base', 0.855) });
    resolveCompetingLinks(decisions, candidatesOf, decide);
    expect(decisions.get('P1')).toMatchObject({ npp: 'E1', method: 'npwp_base' });
    expect(decisions.get('P2')).toMatchObject({ decision: 'unmatched', npp: null });
  });

  it('gives a contested employer to the higher name score', () => {
    const { decisions, candidatesOf, decide, calls } = setup({ P1: { E1: 0.9 }, P2: { E1: 0.97 } });
    resolveCompetingLinks(decisions, candidatesOf, decide);
    expect(decisions.get('P2')).toMatchObject({ decision: 'matched', npp: 'E1', score: 0.97 });
    expect(decisions.get('P1')).toMatchObject({ decision: 'unmatched', npp: null });
    expect(calls).toEqual(['P1']);
    expect(candidatesOf.get('P1')![0]!.claim).toEqual({ nib: 'P2', score: 2, method: 'name' });
  });

  it('breaks equal name scores by the smaller NIB', () => {
    const { decisions, candidatesOf, decide } = setup({ PB: { E1: 0.9 }, PA: { E1: 0.9, E2: 0.88 } });
    resolveCompetingLinks(decisions, candidatesOf, decide);
    expect(decisions.get('PA')).toMatchObject({ npp: 'E1' });
    expect(decisions.get('PB')).toMatchObject({ decision: 'unmatched' });
  });

  it('lets a "judgement" link keep its employer against a name link', () => {
    const { decisions, candidatesOf, decide } = setup({ P1: {}, P2: { E1: 1 } }, { P1: matched('E1', 'judgement', 1) });
    resolveCompetingLinks(decisions, candidatesOf, decide);
    expect(decisions.get('P1')).toMatchObject({ npp: 'E1', method: 'judgement' });
    expect(decisions.get('P2')!.decision).toBe('unmatched');
  });

  it('re-decides again when the loser moves on to another contested employer', () => {
    // P3 loses E1 to P1 (identifier), falls back to E2, which P2 holds by a better name score.
    const { decisions, candidatesOf, decide, calls } = setup(
      { P1: {}, P2: { E2: 0.95 }, P3: { E1: 0.99, E2: 0.9, E3: 0.8 } },
      { P1: matched('E1', 'npp', 1) },
    );
    resolveCompetingLinks(decisions, candidatesOf, decide);
    expect(decisions.get('P1')).toMatchObject({ npp: 'E1' });
    expect(decisions.get('P2')).toMatchObject({ npp: 'E2', score: 0.95 });
    expect(decisions.get('P3')).toMatchObject({ decision: 'matched', npp: 'E3', score: 0.8 });
    expect(calls).toEqual(['P3', 'P3']);
  });

  it('ends with every employer linked at most once by name', () => {
    const { decisions, candidatesOf, decide } = setup({
      P1: { E1: 0.9, E2: 0.89 },
      P2: { E1: 0.95, E2: 0.8 },
      P3: { E1: 0.88, E2: 0.96, E3: 0.87 },
      P4: { E3: 0.9 },
    });
    resolveCompetingLinks(decisions, candidatesOf, decide);
    const links = [...decisions.values()].filter((d) => d.decision === 'matched').map((d) => d.npp);
    expect(new Set(links).size).toBe(links.length);
    expect(Object.fromEntries([...decisions].map(([nib, d]) => [nib, d.npp]))).toEqual({ P1: null, P2: 'E1', P3: 'E2', P4: 'E3' });
  });

  it('does not re-decide identifier links that share an employer', () => {
    const { decisions, candidatesOf, decide, calls } = setup({ P1: {}, P2: {} }, { P1: matched('E1', 'nib', 1), P2: matched('E1', 'npp', 1) });
    resolveCompetingLinks(decisions, candidatesOf, decide);
    expect(calls).toEqual([]);
    expect(decisions.get('P1')!.npp).toBe('E1');
    expect(decisions.get('P2')!.npp).toBe('E1');
  });

  it('re-decides a permit in review that listed an employer another permit of the batch links', () => {
    // As if the two had been matched in separate batches, the link first: the review sees
    // the claim (with the link's own score and method) and is decided without the employer.
    const review: Decision = { decision: 'review', npp: null, score: 0.77, method: 'name', explanation: { for: [], against: [], runner_up: null, candidates: 1 } };
    const { decisions, candidatesOf, decide, calls } = setup({ P1: { E1: 0.95 }, P2: { E1: 0.77 } }, { P2: review });
    resolveCompetingLinks(decisions, candidatesOf, decide);
    expect(calls).toEqual(['P2']);
    expect(candidatesOf.get('P2')![0]!.claim).toEqual({ nib: 'P1', score: 0.95, method: 'name' });
    expect(decisions.get('P1')).toMatchObject({ decision: 'matched', npp: 'E1' });
    expect(decisions.get('P2')).toMatchObject({ decision: 'unmatched', npp: null });
  });

  it('ignores review and unmatched decisions', () => {
    const review: Decision = { decision: 'review', npp: null, score: 0.8, method: 'name', explanation: { for: [], against: [], runner_up: null, candidates: 2 } };
    const { decisions, candidatesOf, decide, calls } = setup({ P1: { E1: 0.9 }, P2: {} }, { P2: review });
    resolveCompetingLinks(decisions, candidatesOf, decide);
    expect(calls).toEqual([]);
    expect(decisions.get('P1')!.npp).toBe('E1');
    expect(decisions.get('P2')).toBe(review);
  });
});
