import type { Db } from '../db/database.js';
import type { SyncOutcome } from '../findings/findingRepository.js';
import { recomputeFindings } from '../findings/recompute.js';
import type { RuleThresholds } from '../findings/rules.js';
import { normaliseCompanyName } from './companyName.js';
import { decidePermit, pinnedDecision, type PermitToDecide } from './decidePermit.js';
import { decideByIdentifiers, type Decision } from './identifierDecision.js';
import { judgementsFor, nameCandidates, wordFrequencies, type BlockingLimits, DEFAULT_BLOCKING } from './nameCandidateRepository.js';
import type { NameCandidate, NameThresholds } from './nameDecision.js';
import type { NameSide } from './nameScore.js';
import { identifierCandidates, loadPermitsForMatching, markMatched, saveMatches } from './matchRepository.js';

export interface MatchBatchOutcome {
  permits: number;
  matched: number;
  unmatched: number;
  review: number;
  findings: SyncOutcome;
}

export interface MatchSettings {
  rules: RuleThresholds;
  wageYear: number;
  names: NameThresholds;
  blocking?: BlockingLimits;
}

function sideOf(raw: string, nameNorm: string, kabKota: string | null, npwp: string | null, nib: string | null): NameSide {
  return { raw, tokens: nameNorm.split(' ').filter(Boolean), legalForms: normaliseCompanyName(raw).legalForms, kabKota, npwp, nib };
}

/**
 * Matches a batch of permits against current enrollment with a handful of set-based
 * statements (identifier candidates, name candidates, word frequencies), decides each in
 * pure code, stores the decisions and recomputes their findings. Safe to run twice.
 */
export async function matchBatch(db: Db, nibs: string[], settings: MatchSettings): Promise<MatchBatchOutcome> {
  const permits = await loadPermitsForMatching(db, nibs);
  const present = permits.map((p) => p.nib);
  const [idCandidates, judgements] = await Promise.all([identifierCandidates(db, present), judgementsFor(db, present)]);
  const toDecide = new Map<string, PermitToDecide>(
    permits.map((p) => [
      p.nib,
      {
        identifiers: p,
        name: sideOf(p.name, p.nameNorm, p.kabKota, p.npwp, p.nib),
        identifierCandidates: idCandidates.get(p.nib) ?? [],
        judgements: judgements.get(p.nib) ?? [],
      },
    ]),
  );

  // Names are consulted only for permits that no identifier links.
  const needNames = [...toDecide.entries()]
    .filter(([, p]) => !pinnedDecision(p) && decideByIdentifiers(p.identifiers, p.identifierCandidates).decision === 'unmatched')
    .map(([nib]) => nib);
  const byName = await nameCandidates(db, needNames, settings.blocking ?? DEFAULT_BLOCKING);
  const tokens = new Set<string>();
  for (const nib of needNames) for (const t of toDecide.get(nib)!.name.tokens) tokens.add(t);
  for (const rows of byName.values()) for (const r of rows) for (const t of r.nameNorm.split(' ')) if (t) tokens.add(t);
  const words = await wordFrequencies(db, [...tokens]);
  const stats = { total: words.total, frequency: (t: string) => words.frequency.get(t) ?? 0 };

  const decided: Array<{ nib: string; permitHash: string; decision: Decision }> = permits.map((p) => {
    const candidates: NameCandidate[] | undefined = needNames.includes(p.nib)
      ? (byName.get(p.nib) ?? []).map((r) => ({ npp: r.npp, side: sideOf(r.name, r.nameNorm, r.kabKota, r.npwp, r.nib) }))
      : undefined;
    return { nib: p.nib, permitHash: p.payloadHash, decision: decidePermit(toDecide.get(p.nib)!, candidates, stats, settings.names) };
  });
  await saveMatches(db, decided);
  const byNib = new Map(permits.map((p) => [p.nib, p]));
  const findings = await recomputeFindings(
    db,
    decided.map(({ nib, decision: d }) => {
      const p = byNib.get(nib)!;
      return {
        nib,
        permit: { declaredWorkers: p.declaredWorkers, businessScale: p.businessScale, docType: p.docType, nibStatus: p.nibStatus, kabKota: p.kabKota },
        decision: d.decision,
        npp: d.npp,
      };
    }),
    settings.rules,
    settings.wageYear,
  );
  await markMatched(db, permits);
  const count = (k: string) => decided.filter((d) => d.decision.decision === k).length;
  return { permits: permits.length, matched: count('matched'), unmatched: count('unmatched'), review: count('review'), findings };
}
