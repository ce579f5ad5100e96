import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { anyText } from '../db/anyOf.js';
import type { Candidate, Decision } from './identifierDecision.js';
import { clearMatchRequests } from './matchRequestRepository.js';
import { npwpTaxpayer, placeholderNpwp } from '../shared/identifiers.js';

export interface PermitForMatching {
  nib: string;
  npwp: string | null;
  noNpp: string | null;
  kabKota: string | null;
  name: string;
  nameNorm: string;
  address: string | null;
  payloadHash: string;
  /** Exact text of the mark (microseconds), to clear it only if unchanged. */
  matchRequestedAt: string | null;
  declaredWorkers: number;
  businessScale: string | null;
  docType: number;
  nibStatus: string | null;
}

/**
 * Permits of the batch that need matching: marked as changed, or never matched. A job
 * repeated after its work was done therefore costs one query.
 */
export async function loadPermitsForMatching(db: Db, nibs: string[]): Promise<PermitForMatching[]> {
  // Each permit's request is one index probe (OFFSET 0 keeps the planner from turning it
  // into a join that reads every request, which it would when the table's statistics are
  // stale, as during a bulk import).
  const rows = await db
    .selectFrom('permit')
    .leftJoinLateral(
      (eb) => eb.selectFrom('match_request').select('requested_at').whereRef('match_request.nib', '=', 'permit.nib').offset(0).as('r'),
      (join) => join.onTrue(),
    )
    .where((eb) =>
      eb.or([
        eb('r.requested_at', 'is not', null),
        eb.not(eb.exists(eb.selectFrom('match').select('match.nib').whereRef('match.nib', '=', 'permit.nib'))),
      ]),
    )
    .select(['nib', 'npwp', 'no_npp', 'kab_kota', 'name', 'name_norm', 'address', 'payload_hash', 'declared_workers', 'business_scale', 'doc_type', 'nib_status'])
    .select(sql<string | null>`r.requested_at::text`.as('match_requested_at'))
    .where('permit.nib', '=', anyText(nibs))
    .execute();
  return rows.map((r) => ({
    nib: r.nib,
    npwp: r.npwp,
    noNpp: r.no_npp,
    kabKota: r.kab_kota,
    name: r.name,
    nameNorm: r.name_norm,
    address: r.address,
    payloadHash: r.payload_hash,
    matchRequestedAt: r.match_requested_at,
    declaredWorkers: r.declared_workers,
    businessScale: r.business_scale,
    docType: r.doc_type,
    nibStatus: r.nib_status,
  }));
}

/**
 * Candidate employers for a batch of permits, by each identifier: one statement of
 * index lookups (NPP, NIB, 16-digit NPWP, NPWP taxpayer base) for the whole batch.
 */
export async function identifierCandidates(
  db: Db,
  permits: Array<{ nib: string; noNpp: string | null; npwp: string | null }>,
): Promise<Map<string, Candidate[]>> {
  const npps = [...new Set(permits.flatMap((p) => (p.noNpp ? [p.noNpp] : [])))];
  const npwps = [...new Set(permits.flatMap((p) => (p.npwp && !placeholderNpwp(p.npwp) ? [p.npwp] : [])))];
  const bases = [...new Set(npwps.map((n) => n.slice(1, 10)))];
  const nibs = permits.map((p) => p.nib);
  const result = await sql<{ npp: string; nib: string | null; npwp: string | null; npwp_base: string | null; kab_kota: string | null }>`
    SELECT npp, nib, npwp, npwp_base, kab_kota FROM employer WHERE npp = ANY(${npps}::text[])
    UNION
    SELECT npp, nib, npwp, npwp_base, kab_kota FROM employer WHERE nib = ANY(${nibs}::text[])
    UNION
    SELECT npp, nib, npwp, npwp_base, kab_kota FROM employer WHERE npwp_base = ANY(${bases}::text[])`.execute(db);
  const byNpp = new Map<string, typeof result.rows>();
  const byNib = new Map<string, typeof result.rows>();
  const byBase = new Map<string, typeof result.rows>();
  const add = (map: Map<string, typeof result.rows>, key: string | null, row: (typeof result.rows)[number]) => {
    if (key) map.set(key, [...(map.get(key) ?? []), row]);
  };
  for (const r of result.rows) {
    add(byNpp, r.npp, r);
    add(byNib, r.nib, r);
    add(byBase, r.npwp_base, r);
  }
  const candidates = new Map<string, Candidate[]>();
  for (const p of permits) {
    const list: Candidate[] = [];
    const employer = (r: (typeof result.rows)[number]) => ({ npp: r.npp, nib: r.nib, npwp: r.npwp, kabKota: r.kab_kota });
    for (const r of (p.noNpp && byNpp.get(p.noNpp)) || []) list.push({ via: 'npp', employer: employer(r) });
    for (const r of byNib.get(p.nib) ?? []) list.push({ via: 'nib', employer: employer(r) });
    for (const r of (p.npwp && !placeholderNpwp(p.npwp) && byBase.get(p.npwp.slice(1, 10))) || []) {
      // The base looks up a superset: only an entity's NPWP names a taxpayer by its base.
      if (r.npwp === p.npwp) list.push({ via: 'npwp', employer: employer(r) });
      else if (r.npwp && p.npwp && npwpTaxpayer(r.npwp) === npwpTaxpayer(p.npwp)) list.push({ via: 'npwp_base', employer: employer(r) });
    }
    if (list.length) candidates.set(p.nib, list);
  }
  return candidates;
}

/**
 * Writes match decisions; rows whose decision did not change are left as they are. A
 * decision made on a version of the permit that has since been replaced is not written: the
 * newer version was marked for matching, and its own decision is (or will be) written, so a
 * slow or retried batch can never put back a decision on stale data.
 */
export async function saveMatches(db: Db, decisions: Array<{ nib: string; permitHash: string; decision: Decision }>): Promise<void> {
  if (!decisions.length) return;
  // One JSON document for the batch: no array literal to escape element by element.
  const batch = decisions.map(({ nib, permitHash, decision: d }) => ({
    nib, decision: d.decision, npp: d.npp, score: d.score, method: d.method, explanation: d.explanation, permit_hash: permitHash,
  }));
  await sql`
    INSERT INTO match (nib, decision, npp, score, method, explanation, permit_hash)
    SELECT d.* FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
      AS d(nib text, decision text, npp text, score real, method text, explanation jsonb, permit_hash text)
    JOIN permit p ON p.nib = d.nib AND p.payload_hash = d.permit_hash
    ON CONFLICT (nib) DO UPDATE SET
      decision = excluded.decision, npp = excluded.npp, score = excluded.score, method = excluded.method,
      explanation = excluded.explanation, permit_hash = excluded.permit_hash, matched_at = now()
    WHERE (match.decision, match.npp, match.score, match.method, match.explanation, match.permit_hash)
      IS DISTINCT FROM (excluded.decision, excluded.npp, excluded.score, excluded.method, excluded.explanation, excluded.permit_hash)`.execute(db);
}

/** Clears the "needs matching" mark of permits not changed again since the batch read them. */
export async function markMatched(db: Db, permits: Array<{ nib: string; matchRequestedAt: string | null }>): Promise<void> {
  await clearMatchRequests(
    db,
    permits.flatMap((p) => (p.matchRequestedAt ? [{ nib: p.nib, requestedAt: p.matchRequestedAt }] : [])),
  );
}

/**
 * Permits in review (outside this batch) that list one of these employers among their
 * candidates: once another permit has taken the employer, they must be decided again,
 * so the outcome does not depend on which permit was matched first.
 */
export async function reviewsListing(db: Db, npps: string[], batch: string[]): Promise<string[]> {
  if (!npps.length) return [];
  // One GIN probe per employer. OFFSET 0 keeps the subquery from being flattened into a
  // join, which the planner would run as a scan of every review row per employer.
  const rows = await sql<{ nib: string }>`
    SELECT DISTINCT r.nib FROM unnest(${npps}::text[]) AS n(npp)
    CROSS JOIN LATERAL (
      SELECT m.nib FROM match m
      WHERE m.decision = 'review' AND (m.explanation -> 'top') @> jsonb_build_array(jsonb_build_object('npp', n.npp))
      OFFSET 0
    ) r
    WHERE NOT (r.nib = ANY(${batch}::text[]))`.execute(db);
  return rows.rows.map((r) => r.nib);
}

/**
 * Permits (outside this batch) linked by name to employers that this batch links by an
 * identifier or a judgement: one employer is one company, and the stronger evidence keeps
 * it, whichever permit was matched first.
 */
export async function nameLinksTo(db: Db, npps: string[], batch: string[]): Promise<string[]> {
  if (!npps.length) return [];
  const rows = await sql<{ nib: string }>`
    SELECT nib FROM match
    WHERE npp = ${anyText(npps)} AND decision = 'matched' AND method = 'name' AND NOT (nib = ${anyText(batch)})`.execute(db);
  return rows.rows.map((r) => r.nib);
}

export interface MatchExportRow {
  nib: string;
  npp: string | null;
  decision: string;
  score: number;
  method: string;
}

export async function* streamMatches(db: Db): AsyncGenerator<MatchExportRow> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('match')
      .select(['nib', 'npp', 'decision', 'score', 'method'])
      .where('nib', '>', after)
      .orderBy('nib')
      .limit(5000)
      .execute();
    if (!rows.length) return;
    for (const r of rows) yield r;
    after = rows[rows.length - 1]!.nib;
  }
}

export async function countUnmatchedPermits(db: Db): Promise<number> {
  const row = await db
    .selectFrom('permit')
    .leftJoin('match', 'match.nib', 'permit.nib')
    .leftJoin('match_request', 'match_request.nib', 'permit.nib')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.or([eb('match.nib', 'is', null), eb('match_request.nib', 'is not', null)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
