import type { Queues } from '../queues/queues.js';

/**
 * Asks for a digest of each branch. One waiting job per branch at most: a burst of
 * changes within the group wait becomes one digest; a change arriving while a digest is
 * being sent queues exactly one follow-up.
 */
export async function queueDigests(queues: Queues, branches: string[], groupWaitMs: number): Promise<void> {
  for (const branch of branches) {
    await queues.add('notify', 'branch-digest', { branch }, {
      delay: groupWaitMs,
      deduplication: { id: `branch-digest:${branch}`, keepLastIfActive: true },
    });
  }
}
