import { sql } from 'kysely';
import type { Env } from '../config.js';
import type { Db } from '../db/database.js';
import type { Queues } from '../queues/queues.js';

/**
 * When a branch's next flush may run (Alertmanager's group timing): a branch never flushed
 * waits `group_wait` to batch the burst; afterwards flushes are at least `group_interval`
 * apart. Pure.
 */
export function flushDelay(now: number, lastFlushAt: number | null, groupWaitMs: number, groupIntervalMs: number): number {
  if (lastFlushAt === null) return groupWaitMs;
  return Math.max(0, lastFlushAt + groupIntervalMs - now);
}

/**
 * Asks for a flush of each branch at the time its policy allows. One waiting job per
 * branch at most; a change arriving while a flush runs queues exactly one follow-up.
 */
export async function scheduleBranchFlush(db: Db, queues: Queues, config: Env, branches: string[], immediately = false): Promise<void> {
  if (!branches.length) return;
  const rows = await sql<{ code: string; group_wait_ms: string | null; group_interval_ms: string | null; last_flush_at: Date | null }>`
    SELECT b.code, b.group_wait_ms, b.group_interval_ms, f.last_flush_at
    FROM branch b LEFT JOIN branch_flush f ON f.branch = b.code
    WHERE b.code = ANY(${branches}::text[])`.execute(db);
  const now = Date.now();
  for (const r of rows.rows) {
    const delay = immediately
      ? 0
      : flushDelay(
          now,
          r.last_flush_at?.getTime() ?? null,
          r.group_wait_ms === null ? config.NOTIFY_GROUP_WAIT_MS : Number(r.group_wait_ms),
          r.group_interval_ms === null ? config.NOTIFY_GROUP_INTERVAL_MS : Number(r.group_interval_ms),
        );
    await queues.add('notify', 'branch-digest', { branch: r.code }, { delay, deduplication: { id: `branch-digest:${r.code}`, keepLastIfActive: true } });
  }
}

/**
 * Branches the periodic digest sweep flushes: receivers due a reminder of their open
 * findings, and changes or digests still waiting (so a lost flush job is made good).
 */
export async function branchesDueReminder(db: Db, config: Env): Promise<string[]> {
  const rows = await sql<{ branch: string }>`
    SELECT l.branch FROM notification_log l JOIN branch b ON b.code = l.branch
    WHERE cardinality(l.firing) > 0
      AND l.last_sent_at + make_interval(secs => coalesce(b.repeat_interval_ms, ${config.NOTIFY_REPEAT_INTERVAL_MS}) / 1000.0) <= now()
    UNION SELECT branch FROM finding_event WHERE flushed_at IS NULL AND created_at < now() - interval '10 minutes'
    UNION SELECT branch FROM digest WHERE status = 'pending' AND (lease_until IS NULL OR lease_until < now())`.execute(db);
  return rows.rows.map((r) => r.branch);
}
