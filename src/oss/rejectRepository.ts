import type { Db } from '../db/database.js';
import { anyId } from '../db/anyOf.js';
import { sha256Hex } from '../shared/hash.js';

export interface RejectedRecord {
  source: string;
  ref: string;
  lineNo: number | null;
  reason: string;
  /** The record as received, personal data removed where it could be parsed. */
  raw: string;
}

const MAX_RAW_CHARS = 256 * 1024;

/** PostgreSQL text cannot hold NUL: a record that is not JSON may contain one. */
const storable = (s: string) => s.replace(/\u0000/g, '\\u0000');

/** Quarantines invalid records; the same raw record from the same channel is kept once. */
export async function storeRejects(db: Db, rejects: RejectedRecord[]): Promise<void> {
  if (!rejects.length) return;
  const rows = new Map<string, RejectedRecord>();
  for (const r of rejects) rows.set(`${r.source}\u0000${sha256Hex(r.raw)}`, r);
  await db
    .insertInto('permit_reject')
    .values(
      [...rows.values()].map((r) => ({
        source: r.source,
        source_ref: storable(r.ref),
        line_no: r.lineNo,
        reason: storable(r.reason),
        raw: storable(r.raw.length > MAX_RAW_CHARS ? `${r.raw.slice(0, MAX_RAW_CHARS)}…[truncated]` : r.raw),
        raw_hash: sha256Hex(r.raw),
      })),
    )
    .onConflict((oc) => oc.columns(['source', 'raw_hash']).where('resolved_at', 'is', null).doUpdateSet({ source_ref: (eb) => eb.ref('excluded.source_ref'), line_no: (eb) => eb.ref('excluded.line_no'), reason: (eb) => eb.ref('excluded.reason') }))
    .execute();
}

export interface RejectRow {
  id: number;
  source: string;
  ref: string;
  line: number | null;
  reason: string;
  raw: string;
  received_at: string;
}

/** The records still in quarantine; only those of `ids` when given. */
export async function listOpenRejects(db: Db, ids?: number[]): Promise<RejectRow[]> {
  const rows = await db
    .selectFrom('permit_reject')
    .select(['id', 'source', 'source_ref', 'line_no', 'reason', 'raw', 'received_at'])
    .where('resolved_at', 'is', null)
    .$if(ids !== undefined, (qb) => qb.where('id', '=', anyId(ids!)))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    ref: r.source_ref,
    line: r.line_no,
    reason: r.reason,
    raw: r.raw,
    received_at: r.received_at.toISOString(),
  }));
}

export async function markRejectsResolved(db: Db, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('permit_reject').set({ resolved_at: new Date(), retried_at: new Date() }).where('id', '=', anyId(ids)).execute();
}

export async function recordRetryFailures(db: Db, failures: Array<{ id: number; reason: string }>): Promise<void> {
  for (const f of failures) {
    await db.updateTable('permit_reject').set({ reason: f.reason, retried_at: new Date() }).where('id', '=', f.id).execute();
  }
}
