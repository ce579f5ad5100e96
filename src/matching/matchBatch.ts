import type { Db } from '../db/database.js';
import type { SyncOutcome } from '../findings/findingRepository.js';
import { recomputeFindings } from '../findings/recompute.js';
import type { RuleThresholds } from '../findings/rules.js';
import { normaliseCompanyName } from './companyName.js';
import { decidePermit, pinnedDecision, withoutRejectedPairs, type PermitToDecide } from './decidePermit.js';
import { decideByIdentifiers, type Decision } from './identifierDecision.js';
import { candidatePairs, chooseBlockingKeys, DEFAULT_BLOCKING, joinedWords, splitPairs, splitReadings, type BlockingLimits } from './blockingKeys.js';
import { employerClaims, employerCount, judgementsFor, nameCandidates } from './nameCandidateRepository.js';
import { nameFrequenciesFor } from './nameFrequencies.js';
import type { NameCandidate, NameThresholds } from './nameDecision.js';
import { scoreNamePair, type NameSide, type WordStats } from './nameScore.js';
import { candidateEmployersFor } from './candidateEmployers.js';
import { nameAcronym } from './acronyms.js';
import { withClaimLock } from './claimLock.js';
import { requestMatching } from './matchRequestRepository.js';
import { boundedMemo } from '../shared/boundedMemo.js';
import { StageTimer } from '../shared/stageTimer.js';
import {
  identifierCandidates,
  loadPermitsForMatching,
  markMatched,
  nameLinksTo,
  reviewsListing,
  saveMatches,
  type PermitForMatching,
} from './matchRepository.js';

export interface MatchBatchOutcome {
  permits: number;
  matched: number;
  unmatched: number;
  review: number;
  findings: SyncOutcome;
  /** Permits that lost their employer to a better match in this batch, now marked for matching. */
  displaced: string[];
  /** Milliseconds per stage. */
  ms: Record<string, number>;
}

export interface MatchSettings {
  rules: RuleThresholds;
  wageYear: number;
  names: NameThresholds;
  blocking?: BlockingLimits;
}

function permitSide(p: PermitForMatching): NameSide {
  return { raw: p.name, tokens: p.nameNorm.split(' ').filter(Boolean), legalForms: legalFormsOf(p.name), kabKota: p.kabKota, npwp: p.npwp, nib: p.nib, address: p.address };
}

// A permit's legal forms are not stored, and the same name comes up in many batches
// (a permit updated, displaced, re-matched after an import), so each is normalised once.
const legalFormsOf = boundedMemo((raw) => normaliseCompanyName(raw).legalForms, 200_000);

/**
 * Matches a batch of permits against current enrollment with a handful of set-based
 * statements (identifier candidates, name candidates, word frequencies), decides each in
 * pure code, stores the decisions and recomputes their findings. Safe to run twice.
 */
export async function matchBatch(db: Db, nibs: string[], settings: MatchSettings): Promise<MatchBatchOutcome> {
  const timer = new StageTimer();
  const permits = await loadPermitsForMatching(db, nibs);
  const present = permits.map((p) => p.nib);
  timer.lap('load');
  const [idCandidates, judgements] = await Promise.all([identifierCandidates(db, permits), judgementsFor(db, present)]);
  timer.lap('identifiers');
  const toDecide = new Map<string, PermitToDecide>(
    permits.map((p) => [
      p.nib,
      {
        identifiers: p,
        name: permitSide(p),
        identifierCandidates: idCandidates.get(p.nib) ?? [],
        judgements: judgements.get(p.nib) ?? [],
      },
    ]),
  );

  // Names are consulted only for permits that no identifier links.
  const needNames = [...toDecide.entries()]
    .filter(([, p]) => !pinnedDecision(p) && decideByIdentifiers(p.identifiers, withoutRejectedPairs(p.identifierCandidates, p.judgements)).decision === 'unmatched')
    .map(([nib]) => nib);
  // Name blocking keys are chosen here from word frequencies, then joined in one statement.
  const totalEmployers = needNames.length ? await employerCount(db) : 0;
  const frequencies = nameFrequenciesFor(db);
  const enrollmentVersion = needNames.length ? await frequencies.refresh(db) : null;
  const permitTokens = new Set<string>();
  for (const nib of needNames) {
    const tokens = toDecide.get(nib)!.name.tokens;
    for (const t of tokens) permitTokens.add(t);
    for (const t of joinedWords(tokens)) permitTokens.add(t);
    const acronym = nameAcronym(tokens);
    if (acronym) permitTokens.add(acronym);
  }
  const frequency = await frequencies.wordFrequencies(db, permitTokens);
  const freq = (t: string) => frequency.get(t) ?? 0;
  // The parts an unknown word could be cut into count only when they are words of employer names.
  const parts = new Set(needNames.flatMap((nib) => splitReadings(toDecide.get(nib)!.name.tokens, freq).flat()));
  for (const [t, n] of await frequencies.wordFrequencies(db, parts)) frequency.set(t, n);
  timer.lap('wordFrequencies');
  const limits = settings.blocking ?? DEFAULT_BLOCKING;
  const pairs = await frequencies.pairFrequencies(
    db,
    new Set(needNames.flatMap((nib) => {
      const tokens = toDecide.get(nib)!.name.tokens;
      return [...candidatePairs(tokens, freq, limits), ...splitPairs(tokens, freq)];
    })),
  );
  timer.lap('pairFrequencies');
  const blocking = needNames.map((nib) => {
    const side = toDecide.get(nib)!.name;
    return { nib, kabKota: side.kabKota, keys: chooseBlockingKeys(side.tokens, side.kabKota !== null, freq, (p) => pairs.get(p) ?? 0, totalEmployers, limits) };
  });
  const byName = await nameCandidates(db, blocking, limits);
  timer.lap('nameCandidates');
  const employers = await candidateEmployersFor(db).sidesOf(db, [...byName.values()].flat(), enrollmentVersion);
  timer.lap('candidateEmployers');
  const candidateTokens = new Set<string>();
  for (const side of employers.values()) for (const t of side.tokens) if (!frequency.has(t)) candidateTokens.add(t);
  for (const [t, n] of await frequencies.wordFrequencies(db, candidateTokens)) frequency.set(t, n);
  const stats = { total: totalEmployers, frequency: freq };
  timer.lap('candidateWordFrequencies');

  // Each pair is scored once; only employers that could be linked need their existing links looked up.
  const candidatesOf = new Map<string, NameCandidate[]>();
  const contenders = new Set<string>();
  for (const nib of needNames) {
    const permit = toDecide.get(nib)!.name;
    const list: NameCandidate[] = [];
    for (const npp of byName.get(nib) ?? []) {
      const side = employers.get(npp);
      if (!side) continue;
      const scored = scoreNamePair(permit, side, stats);
      if (scored.score >= settings.names.review) contenders.add(npp);
      list.push({ npp, side, scored });
    }
    candidatesOf.set(nib, list);
  }
  timer.lap('scoring');
  const { decided, displaced } = await withClaimLock(db, (locked) => {
    timer.lap('waitForClaimLock');
    return decideAndSave(locked, permits, toDecide, candidatesOf, contenders, stats, settings, timer);
  });
  // Findings are computed from the decisions stored now (whatever batch stored them), so
  // this needs no claim lock; permits are marked done only after, so a crash in between
  // leaves them to be matched again.
  const findings = await recomputeFindings(db, present, settings.rules, settings.wageYear);
  timer.lap('findings');
  await markMatched(db, permits);
  timer.lap('markMatched');
  const count = (k: string) => decided.filter((d) => d.decision.decision === k).length;
  return { permits: permits.length, matched: count('matched'), unmatched: count('unmatched'), review: count('review'), findings, displaced, ms: timer.ms };
}

/**
 * The order-sensitive step, run under the claim lock: read which employers are linked,
 * decide, store the decisions, and send back to matching the permits whose standing they
 * changed (displaced links, name links to an employer now linked by an identifier, and
 * reviews that counted on an employer now taken).
 */
async function decideAndSave(
  db: Db,
  permits: PermitForMatching[],
  toDecide: Map<string, PermitToDecide>,
  candidatesOf: Map<string, NameCandidate[]>,
  contenders: Set<string>,
  stats: WordStats,
  settings: MatchSettings,
  timer: StageTimer,
): Promise<{ decided: Array<{ nib: string; permitHash: string; decision: Decision }>; displaced: string[] }> {
  const present = permits.map((p) => p.nib);
  const claims = await employerClaims(db, [...contenders]);
  timer.lap('employerClaims');
  for (const [nib, list] of candidatesOf) {
    for (const c of list) {
      const claim = claims.get(c.npp);
      if (claim && claim.nib !== nib) c.claim = claim;
    }
  }
  const decide = (nib: string) => decidePermit(toDecide.get(nib)!, candidatesOf.get(nib), stats, settings.names);
  const decisions = new Map<string, Decision>(permits.map((p) => [p.nib, decide(p.nib)]));
  resolveCompetingLinks(decisions, candidatesOf, decide);
  const decided = permits.map((p) => ({ nib: p.nib, permitHash: p.payloadHash, decision: decisions.get(p.nib)! }));
  timer.lap('decide');
  await saveMatches(db, decided);
  timer.lap('saveMatches');
  const links = decided.flatMap(({ decision: d }) => (d.decision === 'matched' && d.npp ? [{ npp: d.npp, method: d.method }] : []));
  const linked = links.map((l) => l.npp);
  const linkedByEvidence = links.filter((l) => l.method !== 'name').map((l) => l.npp);
  const displaced = [
    ...new Set([
      ...decided.flatMap((d) => (d.decision.decision === 'matched' && d.decision.displaces ? [d.decision.displaces] : [])),
      ...(await nameLinksTo(db, linkedByEvidence, present)),
      ...(await reviewsListing(db, linked, present)),
    ]),
  ];
  timer.lap('reviewsListing');
  await requestMatching(db, displaced);
  timer.lap('markDisplaced');
  return { decided, displaced };
}

/**
 * Within a batch, two permits may claim one employer by name. One NPP is one company, so
 * the strongest link keeps it (identifier links before name links, then the higher
 * score) and the others are decided again without it. A permit in review that listed an
 * employer another permit of the batch links is decided again too, as it would be had the
 * two been in different batches (see `reviewsListing`).
 */
export function resolveCompetingLinks(
  decisions: Map<string, Decision>,
  candidatesOf: Map<string, NameCandidate[]>,
  decide: (nib: string) => Decision,
): void {
  const strength = (d: Decision) => (d.method === 'name' ? d.score : 2 + d.score);
  for (let round = 0; round < 5; round += 1) {
    const owner = new Map<string, string>();
    for (const [nib, d] of decisions) {
      if (d.decision !== 'matched' || !d.npp) continue;
      const current = owner.get(d.npp);
      if (!current || strength(d) > strength(decisions.get(current)!) || (strength(d) === strength(decisions.get(current)!) && nib < current)) {
        owner.set(d.npp, nib);
      }
    }
    const losers = [...decisions].filter(([nib, d]) => d.decision === 'matched' && d.method === 'name' && owner.get(d.npp!) !== nib);
    const ownedByOther = (nib: string, c: NameCandidate) => {
      const o = owner.get(c.npp);
      return o !== undefined && o !== nib && !c.claim;
    };
    const reviews = [...decisions].filter(([nib, d]) => d.decision === 'review' && (candidatesOf.get(nib) ?? []).some((c) => ownedByOther(nib, c)));
    if (!losers.length && !reviews.length) return;
    for (const [nib, d] of losers) {
      const winner = owner.get(d.npp!)!;
      const list = candidatesOf.get(nib) ?? [];
      candidatesOf.set(nib, list.map((c) => (c.npp === d.npp ? { ...c, claim: { nib: winner, score: 2, method: decisions.get(winner)!.method } } : c)));
      decisions.set(nib, decide(nib));
    }
    for (const [nib] of reviews) {
      const list = candidatesOf.get(nib) ?? [];
      candidatesOf.set(
        nib,
        list.map((c) => {
          if (!ownedByOther(nib, c)) return c;
          const link = decisions.get(owner.get(c.npp)!)!;
          return { ...c, claim: { nib: owner.get(c.npp)!, score: link.score, method: link.method } };
        }),
      );
      decisions.set(nib, decide(nib));
    }
  }
}
