import type { Queues } from '../queues/queues.js';

/**
 * Asks for a sync of the feed. Requests collapse: one waiting sync at most, and one
 * follow-up when a sync is already running (it will pick up from the stored checkpoint).
 */
export async function requestFeedSync(queues: Queues, feed = 'oss'): Promise<void> {
  await queues.add('ingest', 'feed-sync', { feed }, { deduplication: { id: `feed-sync:${feed}`, keepLastIfActive: true } });
}
