import { sql } from 'kysely';
import type { AppContext } from '../app.js';
import { queueMatching } from '../matching/matchQueue.js';
import { scheduleBranchFlush } from '../notify/notifyQueue.js';
import { permitsAwaitingMatch } from '../oss/permitRepository.js';

export interface ReconcileOutcome {
  permitsRequeued: number;
  branchesRequeued: number;
}

/**
 * Rebuilds queue work from PostgreSQL: permits stored but not matched, and finding
 * changes not yet delivered. Safe at any time: jobs are idempotent and cheap to repeat.
 */
export async function requeueOutstandingWork(ctx: AppContext): Promise<ReconcileOutcome> {
  const { db, queues, config } = ctx;
  let permitsRequeued = 0;
  let after: string | null = null;
  for (;;) {
    const nibs = await permitsAwaitingMatch(db, after, config.MATCH_BATCH_SIZE);
    if (!nibs.length) break;
    await queueMatching(queues, nibs, 'reconcile', config.MATCH_BATCH_SIZE);
    permitsRequeued += nibs.length;
    after = nibs[nibs.length - 1]!;
  }
  const unmatched = await db
    .selectFrom('permit')
    .select('nib')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('match').select('match.nib').whereRef('match.nib', '=', 'permit.nib'))))
    .where('match_requested_at', 'is', null)
    .execute();
  if (unmatched.length) {
    await queueMatching(queues, unmatched.map((r) => r.nib), 'reconcile', config.MATCH_BATCH_SIZE);
    permitsRequeued += unmatched.length;
  }
  const branches = await sql<{ branch: string }>`
    SELECT DISTINCT branch FROM finding_event WHERE flushed_at IS NULL
    UNION SELECT DISTINCT branch FROM digest WHERE status = 'pending'`.execute(db);
  await scheduleBranchFlush(db, queues, config, branches.rows.map((r) => r.branch), true);
  return { permitsRequeued, branchesRequeued: branches.rows.length };
}
