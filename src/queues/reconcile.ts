import type { AppContext } from '../app.js';
import { queueMatching } from '../matching/matchQueue.js';
import { scheduleBranchFlush } from '../notify/notifyQueue.js';
import { permitsAwaitingMatch } from '../oss/permitRepository.js';
import { branchesOwedDelivery, permitsNeverMatched } from './owedWorkRepository.js';

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
  const unmatched = await permitsNeverMatched(db);
  if (unmatched.length) {
    await queueMatching(queues, unmatched, 'reconcile', config.MATCH_BATCH_SIZE);
    permitsRequeued += unmatched.length;
  }
  const branches = await branchesOwedDelivery(db);
  await scheduleBranchFlush(db, queues, config, branches, true);
  return { permitsRequeued, branchesRequeued: branches.length };
}
