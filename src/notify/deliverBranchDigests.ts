import type { Env } from '../config.js';
import type { Db } from '../db/database.js';
import { getBranch } from '../branches/branchRepository.js';
import { PermanentDeliveryError, postDigest, writeDigestCsv } from './deliver.js';
import { createDigestFromEvents, leasePendingDigest, markDigestDelivered, recordDigestFailure, type ClaimedDigest } from './digestRepository.js';

export interface DeliveryOutcome {
  delivered: number;
  findings: number;
}

const MAX_DIGESTS_PER_RUN = 50;

/**
 * Delivers a branch's digests: first any left pending by a crashed or failed attempt,
 * then one new digest from the undelivered outbox events. Each digest goes to the
 * branch's webhook (if any) and its CSV drop folder.
 */
export async function deliverBranchDigests(db: Db, config: Env, branch: string): Promise<DeliveryOutcome> {
  const route = await getBranch(db, branch);
  const webhook = route?.webhookUrl ?? config.NOTIFY_WEBHOOK_URL ?? null;
  const outcome: DeliveryOutcome = { delivered: 0, findings: 0 };
  for (let i = 0; i < MAX_DIGESTS_PER_RUN; i += 1) {
    let digest: ClaimedDigest | null = await leasePendingDigest(db, branch);
    if (!digest) {
      const created = await createDigestFromEvents(db, branch);
      if (created.kind === 'no-events') break;
      if (created.kind === 'nothing-to-send') continue;
      digest = created.digest;
    }
    try {
      await writeDigestCsv(config.NOTIFY_DIR, digest.payload);
      if (webhook) await postDigest(webhook, digest.payload, config.NOTIFY_WEBHOOK_TIMEOUT_MS);
    } catch (error) {
      await recordDigestFailure(db, digest.id, (error as Error).message, error instanceof PermanentDeliveryError);
      throw error;
    }
    await markDigestDelivered(db, digest);
    outcome.delivered += 1;
    outcome.findings += digest.payload.findings.length + digest.payload.resolved.length;
  }
  return outcome;
}
