/**
 * Decides a permit's employer from shared identifiers (NPP, NIB, NPWP). Pure.
 *
 * Evidence, strongest first: OSS `no_npp` = NPP, equal NIB, equal 16-digit NPWP, then the
 * same taxpayer under another branch suffix (NPWP base). A link is made only when the
 * strongest evidence points at one employer and nothing contradicts it; conflicting
 * identifiers or ties go to manual review.
 */
import { differentTaxpayers } from '../shared/identifiers.js';

export type IdentifierKind = 'npp' | 'nib' | 'npwp' | 'npwp_base';

export interface PermitIdentifiers {
  nib: string;
  npwp: string | null;
  noNpp: string | null;
  kabKota: string | null;
}

export interface CandidateEmployer {
  npp: string;
  nib: string | null;
  npwp: string | null;
  kabKota: string | null;
}

export interface Candidate {
  via: IdentifierKind;
  employer: CandidateEmployer;
}

export interface Decision {
  /** Set when this link takes the employer from a permit linked to it by a weaker name match. */
  displaces?: string;
  decision: 'matched' | 'unmatched' | 'review';
  npp: string | null;
  score: number;
  method: string;
  explanation: {
    for: string[];
    against: string[];
    runner_up: { npp: string; via?: IdentifierKind[]; score?: number } | null;
    candidates: number;
    /** The best candidates side by side, for the review list. */
    top?: Array<{ npp: string; name: string; kab_kota: string | null; npwp: string | null; score: number; evidence_for: string[]; evidence_against: string[] }>;
  };
}

const STRENGTH: Record<IdentifierKind, number> = { npp: 4, nib: 3, npwp: 2, npwp_base: 1 };
const SCORE: Record<IdentifierKind, number> = { npp: 1, nib: 1, npwp: 0.98, npwp_base: 0.9 };


interface Assessment {
  employer: CandidateEmployer;
  via: IdentifierKind[];
  strength: number;
  against: string[];
}

function assess(permit: PermitIdentifiers, employer: CandidateEmployer, via: IdentifierKind[]): Assessment {
  const against: string[] = [];
  if (employer.nib && employer.nib !== permit.nib) against.push(`employer ${employer.npp} has another NIB (${employer.nib})`);
  if (employer.npwp && permit.npwp && differentTaxpayers(employer.npwp, permit.npwp)) {
    against.push(`employer ${employer.npp} has another taxpayer NPWP (${employer.npwp})`);
  }
  return { employer, via, strength: Math.max(...via.map((v) => STRENGTH[v])), against };
}

function describe(a: Assessment): string[] {
  return a.via.map((v) =>
    v === 'npp' ? `OSS no_npp equals NPP ${a.employer.npp}`
    : v === 'nib' ? `same NIB as employer ${a.employer.npp}`
    : v === 'npwp' ? `same NPWP as employer ${a.employer.npp}`
    : `same taxpayer (NPWP base) as employer ${a.employer.npp}, another branch suffix`);
}

export function decideByIdentifiers(permit: PermitIdentifiers, candidates: Candidate[]): Decision {
  const byNpp = new Map<string, { employer: CandidateEmployer; via: Set<IdentifierKind> }>();
  for (const c of candidates) {
    const entry = byNpp.get(c.employer.npp) ?? { employer: c.employer, via: new Set<IdentifierKind>() };
    entry.via.add(c.via);
    byNpp.set(c.employer.npp, entry);
  }
  if (!byNpp.size) {
    return { decision: 'unmatched', npp: null, score: 0, method: 'none', explanation: { for: [], against: ['no enrolled employer shares an identifier'], runner_up: null, candidates: 0 } };
  }
  const ranked = [...byNpp.values()]
    .map((e) => assess(permit, e.employer, [...e.via].sort((a, b) => STRENGTH[b] - STRENGTH[a])))
    .sort((a, b) => b.strength - a.strength || a.against.length - b.against.length || a.employer.npp.localeCompare(b.employer.npp));

  const best = ranked[0]!;
  const runnerUp = ranked[1];
  const method = best.via[0]!;
  const explanation = {
    for: describe(best),
    against: [...best.against],
    runner_up: runnerUp ? { npp: runnerUp.employer.npp, via: runnerUp.via } : null,
    candidates: ranked.length,
  };
  const review = (reason: string): Decision => ({
    decision: 'review', npp: null, score: SCORE[method] * 0.5, method, explanation: { ...explanation, against: [...explanation.against, reason] },
  });

  if (best.against.length) return review('the strongest identifier is contradicted by another');
  if (runnerUp) {
    // Two employers each hold a strong identifier (NPP or NIB) of this permit.
    if (runnerUp.strength >= STRENGTH.nib) return review(`employer ${runnerUp.employer.npp} also shares ${runnerUp.via.join(', ')}`);
    if (runnerUp.strength === best.strength) {
      // Several branches of one taxpayer: the one in the permit's kab/kota, if exactly one.
      const tied = ranked.filter((a) => a.strength === best.strength && !a.against.length);
      const local = tied.filter((a) => permit.kabKota && a.employer.kabKota === permit.kabKota);
      if (local.length !== 1) return review(`${tied.length} employers share the same ${method} evidence`);
      const chosen = local[0]!;
      return {
        decision: 'matched', npp: chosen.employer.npp, score: SCORE[method] * 0.95, method,
        explanation: { ...explanation, for: [...describe(chosen), `only candidate in kab/kota ${permit.kabKota}`], against: [], runner_up: { npp: best === chosen ? runnerUp.employer.npp : best.employer.npp, via: best === chosen ? runnerUp.via : best.via } },
      };
    }
  }
  if (method === 'npwp_base' && permit.kabKota && best.employer.kabKota && best.employer.kabKota !== permit.kabKota) {
    return review(`the taxpayer's enrolled branch is in kab/kota ${best.employer.kabKota}, the permit in ${permit.kabKota}`);
  }
  return { decision: 'matched', npp: best.employer.npp, score: SCORE[method], method, explanation };
}
