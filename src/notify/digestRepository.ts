import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { buildDigestPayload, termFor, type ChangeKind, type DigestItem, type DigestPayload } from './digestContent.js';

export interface ClaimedDigest {
  id: string;
  branch: string;
  payload: DigestPayload;
  attempts: number;
}

const LEASE_SECONDS = 120;

/**
 * Takes the oldest undelivered digest of a branch that no other notifier holds, and
 * leases it. A notifier that crashes mid-delivery loses its lease; the digest is then
 * delivered again under the same id, which receivers use to drop the repeat.
 */
export async function leasePendingDigest(db: Db, branch: string): Promise<ClaimedDigest | null> {
  const row = await sql<{ id: string; branch: string; payload: DigestPayload; attempts: number }>`
    UPDATE digest SET lease_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
    WHERE id = (
      SELECT id FROM digest
      WHERE branch = ${branch} AND status = 'pending' AND (lease_until IS NULL OR lease_until < now())
      ORDER BY created_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, branch, payload, attempts`.execute(db);
  return row.rows[0] ?? null;
}

/**
 * Turns the branch's undelivered outbox events into one digest, leased to the caller.
 * Events locked by another notifier are skipped, so two notifiers never put the same
 * change into two digests.
 */
export type DigestCreation = { kind: 'no-events' } | { kind: 'nothing-to-send' } | { kind: 'digest'; digest: ClaimedDigest };

export async function createDigestFromEvents(db: Db, branch: string, maxEvents = 20_000): Promise<DigestCreation> {
  return db.transaction().execute(async (trx) => {
    const events = await sql<{ id: number; finding_id: number; kind: ChangeKind }>`
      SELECT id, finding_id, kind FROM finding_event
      WHERE branch = ${branch} AND digest_id IS NULL
      ORDER BY id LIMIT ${maxEvents}
      FOR UPDATE SKIP LOCKED`.execute(trx);
    if (!events.rows.length) return { kind: 'no-events' };

    // The latest event per finding decides how it is reported.
    const latest = new Map<number, ChangeKind>();
    for (const e of events.rows) latest.set(e.finding_id, e.kind);
    const details = await trx
      .selectFrom('finding as f')
      .innerJoin('permit as p', 'p.nib', 'f.nib')
      .leftJoin('employer as e', 'e.npp', 'f.npp')
      .select([
        'f.id', 'f.category', 'f.status', 'f.priority', 'f.nib', 'f.npp', 'f.kab_kota', 'f.first_seen_at', 'f.evidence',
        'p.name', 'p.npwp', 'p.address', 'p.kbli', 'p.business_scale', 'p.declared_workers', 'e.active_workers',
      ])
      .where('f.id', 'in', [...latest.keys()])
      .execute();
    const items: DigestItem[] = [];
    for (const d of details) {
      const change = latest.get(d.id)!;
      // A finding opened and already resolved before any digest went out is not news.
      if (change !== 'resolved' && d.status === 'resolved') continue;
      items.push({
        finding_id: d.id,
        change,
        category: d.category,
        bpjs_term: termFor(d.category),
        status: d.status,
        priority: d.priority,
        nib: d.nib,
        npp: d.npp,
        company_name: d.name,
        npwp: d.npwp,
        address: d.address,
        kab_kota: d.kab_kota,
        kbli: d.kbli,
        business_scale: d.business_scale,
        declared_workers: d.declared_workers,
        reported_workers: d.active_workers,
        first_seen_at: d.first_seen_at.toISOString(),
        evidence: d.evidence,
      });
    }
    const branchRow = await trx.selectFrom('branch').select('name').where('code', '=', branch).executeTakeFirst();
    const id = randomUUID();
    const payload = buildDigestPayload({ id, branch, branchName: branchRow?.name ?? branch, generatedAt: new Date() }, items);
    await trx
      .insertInto('digest')
      .values({
        id,
        branch,
        payload: JSON.stringify(payload),
        finding_count: items.length,
        // Nothing worth sending: record the events as handled without a message.
        status: items.length ? 'pending' : 'delivered',
        lease_until: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
        delivered_at: items.length ? null : sql`now()`,
      })
      .execute();
    await trx.updateTable('finding_event').set({ digest_id: id }).where('id', 'in', events.rows.map((e) => e.id)).execute();
    return items.length ? { kind: 'digest', digest: { id, branch, payload, attempts: 1 } } : { kind: 'nothing-to-send' };
  });
}

/** Records delivery and moves the reported open findings to `notified`, with audit rows. */
export async function markDigestDelivered(db: Db, digest: ClaimedDigest): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('digest')
      .set({ status: 'delivered', delivered_at: sql`now()`, lease_until: null, last_error: null })
      .where('id', '=', digest.id)
      .where('status', '=', 'pending')
      .returning('id')
      .execute();
    if (!updated.length) return;
    const ids = digest.payload.findings.map((f) => f.finding_id);
    if (!ids.length) return;
    const notified = await trx
      .updateTable('finding')
      .set({ status: 'notified', updated_at: sql`now()` })
      .where('id', 'in', ids)
      .where('status', '=', 'open')
      .returning('id')
      .execute();
    if (notified.length) {
      await trx
        .insertInto('finding_transition')
        .values(notified.map((f) => ({ finding_id: f.id, from_status: 'open', to_status: 'notified', actor: 'notifier', note: `digest ${digest.id}` })))
        .execute();
    }
  });
}

export async function recordDigestFailure(db: Db, id: string, error: string, final: boolean): Promise<void> {
  await db
    .updateTable('digest')
    .set({ last_error: error.slice(0, 2000), lease_until: null, ...(final ? { status: 'failed' as const } : {}) })
    .where('id', '=', id)
    .execute();
}
