import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { anyId } from '../db/anyOf.js';
import type { Channel } from '../db/schema.js';
import { insertTransitions, markFindingsNotified } from '../findings/findingRepository.js';
import { buildDigestPayload, type DigestItem, type DigestPayload, type DigestReason } from './digestContent.js';

export interface ClaimedDigest {
  id: string;
  branch: string;
  channel: Channel;
  payload: DigestPayload;
  firing: number[];
  attempts: number;
}

const ACTIVE = ['open', 'notified', 'acknowledged'] as const;

/**
 * Takes the oldest undelivered digest of a branch that no other notifier holds, and leases
 * it. A notifier that crashes mid-delivery loses its lease; the digest is then delivered
 * again under the same id, which receivers use to drop the repeat.
 */
export async function leasePendingDigest(db: Db, branch: string, leaseMs: number): Promise<ClaimedDigest | null> {
  const row = await sql<{ id: string; branch: string; channel: Channel; payload: DigestPayload; firing: number[]; attempts: number }>`
    UPDATE digest SET lease_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = attempts + 1
    WHERE id = (
      SELECT id FROM digest
      WHERE branch = ${branch} AND status = 'pending' AND (lease_until IS NULL OR lease_until < now())
      ORDER BY created_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, branch, channel, payload, firing, attempts`.execute(db);
  return row.rows[0] ?? null;
}

export interface FlushPolicy {
  channels: Channel[];
  leaseMs: number;
  repeatIntervalMs: number;
  branchName: string;
  /** Officers' list lines for findings, marked new/open/resolved. */
  details: (db: Db, ids: number[], change: (id: number) => DigestItem['change']) => Promise<DigestItem[]>;
}

/** What a receiver is sent, given what it was told last (Alertmanager's notification log). Pure. */
export function receiverDecision(
  active: number[],
  previous: { firing: number[]; lastSentAt: Date } | null,
  now: Date,
  repeatIntervalMs: number,
): { send: false; forget: number[] } | { send: true; reason: DigestReason; newIds: number[]; goneIds: number[] } {
  const activeSet = new Set(active);
  if (!previous) return active.length ? { send: true, reason: 'new', newIds: active, goneIds: [] } : { send: false, forget: [] };
  const before = new Set(previous.firing);
  const newIds = active.filter((id) => !before.has(id));
  const goneIds = previous.firing.filter((id) => !activeSet.has(id));
  if (newIds.length) return { send: true, reason: 'changed', newIds, goneIds };
  if (goneIds.length) return { send: true, reason: 'changed', newIds, goneIds };
  if (active.length && now.getTime() - previous.lastSentAt.getTime() >= repeatIntervalMs) return { send: true, reason: 'reminder', newIds: [], goneIds: [] };
  return { send: false, forget: [] };
}

/**
 * Flushes a branch: consumes its outbox events and, for each channel whose receiver has
 * something new to hear (new or ended findings, or a due reminder), writes one digest,
 * leased to the caller. One flush per branch at a time: a notifier that finds the branch
 * busy leaves it to the other, so two notifiers never send the same digest.
 */
export async function flushBranch(db: Db, branch: string, policy: FlushPolicy, now = new Date()): Promise<ClaimedDigest[] | 'busy'> {
  return db.transaction().execute(async (trx) => {
    const locked = await sql`SELECT code FROM branch WHERE code = ${branch} FOR UPDATE SKIP LOCKED`.execute(trx);
    if (!locked.rows.length) return 'busy' as const;
    await trx.updateTable('finding_event').set({ flushed_at: now }).where('branch', '=', branch).where('flushed_at', 'is', null).execute();
    // A channel with a digest still being delivered, or dead-lettered and waiting for
    // `patuh notify retry`, gets no new one: the next would repeat the findings the receiver
    // has not heard yet under another id (which its deduplication cannot catch), and a later
    // retry of the older one would roll back what the receiver was told.
    const busy = new Set(
      (await trx.selectFrom('digest').select('channel').where('branch', '=', branch).where('status', 'in', ['pending', 'failed']).execute()).map((r) => r.channel),
    );
    const active = (
      await trx.selectFrom('finding').select('id').where('branch', '=', branch).where('status', 'in', [...ACTIVE]).orderBy('id').execute()
    ).map((r) => r.id);
    const logs = new Map(
      (await trx.selectFrom('notification_log').selectAll().where('branch', '=', branch).execute()).map((l) => [l.channel, l]),
    );
    const created: ClaimedDigest[] = [];
    // The list lines are the same for every channel; only what counts as new differs.
    let lines: DigestItem[] | null = null;
    for (const channel of policy.channels) {
      // A digest still being delivered on this channel goes first; the next one waits for it.
      if (busy.has(channel)) continue;
      const log = logs.get(channel);
      const decision = receiverDecision(active, log ? { firing: log.firing.map(Number), lastSentAt: log.last_sent_at } : null, now, policy.repeatIntervalMs);
      if (!decision.send) continue;
      const goneResolved = decision.goneIds.length
        ? (await trx.selectFrom('finding').select('id').where('id', '=', anyId(decision.goneIds)).where('status', '=', 'resolved').execute()).map((r) => r.id)
        : [];
      if (decision.reason === 'changed' && !decision.newIds.length && !goneResolved.length) {
        // Only dismissed or re-routed findings left: nothing to tell, but remember the new state.
        await trx.updateTable('notification_log').set({ firing: active }).where('branch', '=', branch).where('channel', '=', channel).execute();
        continue;
      }
      lines ??= await policy.details(trx, active, () => 'open');
      const newSet = new Set(decision.newIds);
      const items = lines.map((i) => ({ ...i, change: newSet.has(i.finding_id) ? ('new' as const) : ('open' as const) }));
      const resolved = await policy.details(trx, goneResolved, () => 'resolved');
      const id = randomUUID();
      const payload = buildDigestPayload({ id, branch, branchName: policy.branchName, channel, reason: decision.reason, generatedAt: now }, items, resolved);
      await trx
        .insertInto('digest')
        .values({
          id,
          branch,
          channel,
          reason: decision.reason,
          firing: active,
          payload: JSON.stringify(payload),
          finding_count: items.length + resolved.length,
          status: 'pending',
          attempts: 1,
          lease_until: sql`now() + make_interval(secs => ${policy.leaseMs / 1000})`,
          last_error: null,
          delivered_at: null,
        })
        .execute();
      created.push({ id, branch, channel, payload, firing: active, attempts: 1 });
    }
    await trx
      .insertInto('branch_flush')
      .values({ branch, last_flush_at: now })
      .onConflict((oc) => oc.column('branch').doUpdateSet({ last_flush_at: now }))
      .execute();
    return created;
  });
}

/**
 * Records a delivery: the receiver's notification log now holds what it was told, and the
 * open findings it reported become `notified` (with audit rows).
 */
export async function markDigestDelivered(db: Db, digest: ClaimedDigest): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('digest')
      .set({ status: 'delivered', delivered_at: sql`now()`, lease_until: null, last_error: null })
      .where('id', '=', digest.id)
      .where('status', '=', 'pending')
      .returning(['created_at'])
      .executeTakeFirst();
    if (!updated) return;
    await trx
      .insertInto('notification_log')
      .values({ branch: digest.branch, channel: digest.channel, firing: digest.firing, last_digest_id: digest.id, last_sent_at: updated.created_at })
      .onConflict((oc) =>
        oc.columns(['branch', 'channel']).doUpdateSet({ firing: digest.firing, last_digest_id: digest.id, last_sent_at: updated.created_at }),
      )
      .execute();
    const notified = await markFindingsNotified(trx, digest.payload.findings.map((f) => f.finding_id));
    await insertTransitions(
      trx,
      notified.map((id) => ({ finding_id: id, from_status: 'open', to_status: 'notified', actor: 'notifier', note: `${digest.channel} digest ${digest.id}` })),
    );
  });
}

/** Digests of a branch still waiting for delivery (some perhaps leased by another notifier). */
export async function pendingDigestCount(db: Db, branch: string): Promise<number> {
  const row = await db.selectFrom('digest').select((eb) => eb.fn.countAll<number>().as('n')).where('branch', '=', branch).where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordDigestFailure(db: Db, id: string, error: string, final: boolean, retryAfterMs: number | null = null): Promise<void> {
  await db
    .updateTable('digest')
    // A receiver that asked for time (Retry-After) is not tried again before it.
    .set({ last_error: error.slice(0, 2000), lease_until: retryAfterMs ? sql`now() + make_interval(secs => ${retryAfterMs / 1000})` : null, ...(final ? { status: 'failed' as const } : {}) })
    .where('id', '=', id)
    .execute();
}

export interface FailedDigest {
  id: string;
  branch: string;
  channel: string;
  created_at: string;
  attempts: number;
  last_error: string | null;
  findings: number;
}

/** The dead-letter list: digests whose delivery was given up. */
export async function listFailedDigests(db: Db): Promise<FailedDigest[]> {
  const rows = await db
    .selectFrom('digest')
    .select(['id', 'branch', 'channel', 'created_at', 'attempts', 'last_error', 'finding_count'])
    .where('status', '=', 'failed')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ ...r, created_at: r.created_at.toISOString(), findings: r.finding_count }));
}

/** How many digests the dead-letter list holds. */
export async function countFailedDigests(db: Db): Promise<number> {
  const row = await db.selectFrom('digest').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'failed').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Puts failed digests back to be delivered; returns their branches. */
export async function retryFailedDigests(db: Db, ids?: string[]): Promise<string[]> {
  let query = db.updateTable('digest').set({ status: 'pending', lease_until: null, attempts: 0 }).where('status', '=', 'failed');
  if (ids?.length) query = query.where('id', 'in', ids);
  const rows = await query.returning('branch').execute();
  return [...new Set(rows.map((r) => r.branch))];
}
