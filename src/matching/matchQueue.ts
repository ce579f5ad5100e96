import type { Queues } from '../queues/queues.js';

/** Queues matching for permits, in batches: one job per batch, never one per permit. */
export async function queueMatching(queues: Queues, nibs: string[], reason: string, batchSize: number): Promise<number> {
  let jobs = 0;
  for (let i = 0; i < nibs.length; i += batchSize) {
    await queues.add('match', 'match-permits', { nibs: nibs.slice(i, i + batchSize), reason });
    jobs += 1;
  }
  return jobs;
}
