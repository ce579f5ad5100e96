import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { anyText } from '../db/anyOf.js';
import type { FindingStatus } from '../db/schema.js';
import { canonicalJson } from '../shared/hash.js';
import type { PermitFacts } from './rules.js';

export interface PermitOutcome {
  nib: string;
  permit: PermitFacts;
  decision: 'matched' | 'unmatched' | 'review';
  npp: string | null;
}

export interface DesiredFinding {
  nib: string;
  category: string;
  npp: string | null;
  branch: string;
  kabKota: string | null;
  priority: number;
  evidence: Record<string, unknown>;
}

export interface SyncOutcome {
  opened: number;
  reopened: number;
  updated: number;
  resolved: number;
  /** Branches that received outbox events and need a digest. */
  branchesWithEvents: string[];
}

const ACTIVE: FindingStatus[] = ['open', 'notified', 'acknowledged'];
const SYSTEM = 'system';

/** One step of a finding's lifecycle, as its audit trail records it. */
export interface FindingTransition {
  finding_id: number;
  from_status: string | null;
  to_status: string;
  actor: string;
  note: string | null;
}

/** Appends lifecycle steps to the audit trail in one statement, however many (column arrays, not a parameter per value). */
export async function insertTransitions(db: Db, transitions: FindingTransition[]): Promise<void> {
  if (!transitions.length) return;
  await sql`
    INSERT INTO finding_transition (finding_id, from_status, to_status, actor, note)
    SELECT * FROM unnest(
      ${transitions.map((t) => t.finding_id)}::bigint[], ${transitions.map((t) => t.from_status)}::text[], ${transitions.map((t) => t.to_status)}::text[],
      ${transitions.map((t) => t.actor)}::text[], ${transitions.map((t) => t.note)}::text[]
    )`.execute(db);
}

interface Change {
  id: number;
  status: FindingStatus;
  priority: number;
  evidence: string;
  branch: string;
  npp: string | null;
  kabKota: string | null;
  resolution: string | null;
}

/** The current match decision and permit facts of these permits (those decided at all). */
export async function currentOutcomes(db: Db, nibs: string[]): Promise<PermitOutcome[]> {
  const rows = await db
    .selectFrom('permit as p')
    .innerJoin('match as m', 'm.nib', 'p.nib')
    .select(['p.nib', 'p.declared_workers', 'p.business_scale', 'p.doc_type', 'p.nib_status', 'p.kab_kota', 'm.decision', 'm.npp'])
    .where('p.nib', '=', anyText(nibs))
    .execute();
  return rows.map((r) => ({
    nib: r.nib,
    permit: { declaredWorkers: r.declared_workers, businessScale: r.business_scale, docType: r.doc_type, nibStatus: r.nib_status, kabKota: r.kab_kota },
    decision: r.decision as PermitOutcome['decision'],
    npp: r.npp,
  }));
}

/**
 * The findings of these permits, locked until the caller's transaction ends: the notifier
 * and officers change a finding's status while it is being recomputed, and a status read
 * before their change would be written back over it. Rows are locked in (nib, id) order,
 * as the notifier locks them, so the two never wait on each other in a cycle.
 *
 * One index probe per permit: an `IN` list of a batch's NIBs is planned as a scan of the
 * whole table whenever its statistics are missing or stale (a table that grew since the
 * last ANALYZE); a lateral probe per NIB is not.
 */
async function lockFindingsOf(db: Db, nibs: string[]) {
  const rows = await sql<{
    id: number; nib: string; category: string; status: FindingStatus; priority: number; evidence: Record<string, unknown>; branch: string; npp: string | null; kab_kota: string | null;
    resolved_by_person: boolean;
  }>`
    SELECT f.id, f.nib, f.category, f.status, f.priority, f.evidence, f.branch, f.npp, f.kab_kota,
           f.status = 'resolved' AND coalesce((
             SELECT t.actor <> ${SYSTEM} FROM finding_transition t WHERE t.finding_id = f.id ORDER BY t.id DESC LIMIT 1
           ), false) AS resolved_by_person
    FROM unnest(${[...nibs].sort()}::text[]) AS n(nib)
    CROSS JOIN LATERAL (SELECT * FROM finding WHERE finding.nib = n.nib ORDER BY id FOR UPDATE) f`.execute(db);
  return rows.rows;
}

/**
 * Marks these findings notified where they are still open (an officer or a recompute may
 * have moved one on since the digest listed it), locking them in the order
 * `lockFindingsOf` does. Returns the ids it changed.
 */
export async function markFindingsNotified(db: Db, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await sql<{ id: number }>`
    UPDATE finding SET status = 'notified', updated_at = now()
    WHERE id IN (SELECT id FROM finding WHERE id = ANY(${ids}::bigint[]) AND status = 'open' ORDER BY nib, id FOR UPDATE)
    RETURNING id`.execute(db);
  return rows.rows.map((r) => r.id);
}

/**
 * Makes the stored findings of these permits equal to what `desiredOf` computes: new ones opened,
 * returning ones reopened (never duplicated), ended ones resolved. Outbox events and the
 * audit trail are written in the same transaction as the change they describe.
 */
export async function syncFindings(
  db: Db,
  permits: string[],
  desiredOf: (trx: Db) => Promise<{ nibs: string[]; desired: DesiredFinding[] }>,
  resolutionFor: (nib: string) => string,
): Promise<SyncOutcome> {
  return db.transaction().execute(async (trx) => {
    // Serialise concurrent recomputes of the same permits (ordered to avoid deadlocks); what
    // is desired is read after the lock, so the last recompute always sees the latest state.
    await sql`SELECT nib FROM permit WHERE nib = ANY(${permits}::text[]) ORDER BY nib FOR UPDATE`.execute(trx);
    const { nibs, desired } = await desiredOf(trx);
    if (!nibs.length) return { opened: 0, reopened: 0, updated: 0, resolved: 0, branchesWithEvents: [] };
    const existing = await lockFindingsOf(trx, nibs);
    const existingByKey = new Map(existing.map((f) => [`${f.nib}|${f.category}`, f]));
    const desiredKeys = new Set(desired.map((d) => `${d.nib}|${d.category}`));

    const inserts: DesiredFinding[] = [];
    const changes: Change[] = [];
    const events: Array<{ finding_id: number; branch: string; kind: 'opened' | 'reopened' | 'resolved' }> = [];
    const transitions: FindingTransition[] = [];
    const outcome: SyncOutcome = { opened: 0, reopened: 0, updated: 0, resolved: 0, branchesWithEvents: [] };

    for (const d of desired) {
      const f = existingByKey.get(`${d.nib}|${d.category}`);
      if (!f) {
        inserts.push(d);
        continue;
      }
      const evidence = canonicalJson(d.evidence);
      const base = { id: f.id, priority: d.priority, evidence, branch: d.branch, npp: d.npp, kabKota: d.kabKota, resolution: null };
      if (f.status === 'resolved') {
        // An officer who resolved a finding the data still showed knew something the data did
        // not (arrears paid since the extract): the same evidence again is no news, only new
        // evidence reopens it.
        if (f.resolved_by_person && canonicalJson(f.evidence) === evidence) continue;
        changes.push({ ...base, status: 'open' });
        events.push({ finding_id: f.id, branch: d.branch, kind: 'reopened' });
        const note = f.resolved_by_person ? 'new evidence since it was resolved' : 'condition returned';
        transitions.push({ finding_id: f.id, from_status: 'resolved', to_status: 'open', actor: SYSTEM, note });
        outcome.reopened += 1;
      } else if (
        f.priority !== d.priority || canonicalJson(f.evidence) !== evidence || f.branch !== d.branch || f.npp !== d.npp || f.kab_kota !== d.kabKota
      ) {
        changes.push({ ...base, status: f.status });
        outcome.updated += 1;
      }
    }
    for (const f of existing) {
      if (desiredKeys.has(`${f.nib}|${f.category}`) || !ACTIVE.includes(f.status)) continue;
      const resolution = resolutionFor(f.nib);
      changes.push({ id: f.id, status: 'resolved', priority: f.priority, evidence: canonicalJson(f.evidence), branch: f.branch, npp: f.npp, kabKota: f.kab_kota, resolution });
      // Only findings an officer has heard of are reported as resolved.
      if (f.status !== 'open') events.push({ finding_id: f.id, branch: f.branch, kind: 'resolved' });
      transitions.push({ finding_id: f.id, from_status: f.status, to_status: 'resolved', actor: SYSTEM, note: resolution });
      outcome.resolved += 1;
    }

    if (inserts.length) {
      // One JSON document for the batch: one short statement to plan, whatever the batch
      // size, and no array literal to escape element by element.
      const batch = inserts.map((d) => ({ nib: d.nib, category: d.category, npp: d.npp, branch: d.branch, kab_kota: d.kabKota, priority: d.priority, evidence: d.evidence }));
      const created = await sql<{ id: number; branch: string }>`
        INSERT INTO finding (nib, category, npp, branch, kab_kota, status, priority, evidence)
        SELECT nib, category, npp, branch, kab_kota, 'open', priority, evidence
        FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
          AS d(nib text, category text, npp text, branch text, kab_kota text, priority int, evidence jsonb)
        RETURNING id, branch`.execute(trx);
      for (const c of created.rows) {
        events.push({ finding_id: c.id, branch: c.branch, kind: 'opened' });
        transitions.push({ finding_id: c.id, from_status: null, to_status: 'open', actor: SYSTEM, note: null });
      }
      outcome.opened += created.rows.length;
    }

    if (changes.length) {
      await sql`
        UPDATE finding SET
          status = c.status,
          priority = c.priority,
          evidence = c.evidence,
          branch = c.branch,
          npp = c.npp,
          kab_kota = c.kab_kota,
          resolution = c.resolution,
          resolved_at = CASE WHEN c.status = 'resolved' THEN coalesce(finding.resolved_at, now()) ELSE NULL END,
          updated_at = now()
        FROM unnest(
          ${changes.map((c) => c.id)}::bigint[], ${changes.map((c) => c.status)}::text[], ${changes.map((c) => c.priority)}::int[],
          ${changes.map((c) => c.evidence)}::jsonb[], ${changes.map((c) => c.branch)}::text[], ${changes.map((c) => c.npp)}::text[],
          ${changes.map((c) => c.kabKota)}::text[], ${changes.map((c) => c.resolution)}::text[]
        ) AS c(id, status, priority, evidence, branch, npp, kab_kota, resolution)
        WHERE finding.id = c.id`.execute(trx);
    }
    if (events.length) {
      await sql`
        INSERT INTO finding_event (finding_id, branch, kind)
        SELECT * FROM unnest(${events.map((e) => e.finding_id)}::bigint[], ${events.map((e) => e.branch)}::text[], ${events.map((e) => e.kind)}::text[])`.execute(trx);
    }
    await insertTransitions(trx, transitions);
    outcome.branchesWithEvents = [...new Set(events.map((e) => e.branch))];
    return outcome;
  });
}

export interface FindingExportRow {
  nib: string;
  npp: string | null;
  category: string;
  branch: string;
  status: string;
  evidence: Record<string, unknown>;
}

export interface FindingFilter {
  branch?: string;
  status?: string;
  category?: string;
}

export async function* streamFindings(db: Db, filter: FindingFilter): AsyncGenerator<FindingExportRow> {
  let after = 0;
  for (;;) {
    let query = db
      .selectFrom('finding')
      .select(['id', 'nib', 'npp', 'category', 'branch', 'status', 'evidence'])
      .where('id', '>', after);
    if (filter.branch) query = query.where('branch', '=', filter.branch);
    if (filter.status) query = query.where('status', '=', filter.status as FindingStatus);
    if (filter.category) query = query.where('category', '=', filter.category);
    const rows = await query.orderBy('id').limit(5000).execute();
    if (!rows.length) return;
    for (const r of rows) yield { nib: r.nib, npp: r.npp, category: r.category, branch: r.branch, status: r.status, evidence: r.evidence };
    after = rows[rows.length - 1]!.id;
  }
}

export async function streamFindingIds(db: Db, filter: FindingFilter): Promise<number[]> {
  let query = db.selectFrom('finding').select('id');
  if (filter.branch) query = query.where('branch', '=', filter.branch);
  if (filter.status) query = query.where('status', '=', filter.status as FindingStatus);
  if (filter.category) query = query.where('category', '=', filter.category);
  return (await query.orderBy('id').execute()).map((r) => r.id);
}
