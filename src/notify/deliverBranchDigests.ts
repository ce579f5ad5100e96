import type { Env } from '../config.js';
import type { Db } from '../db/database.js';
import type { Channel } from '../db/schema.js';
import { getBranch, type BranchRoute } from '../branches/branchRepository.js';
import { PermanentDeliveryError, postDigest, RetryableDeliveryError, sendDigestEmail, writeDigestFiles } from './deliver.js';
import { flushBranch, leasePendingDigest, markDigestDelivered, pendingDigestCount, recordDigestFailure, type ClaimedDigest } from './digestRepository.js';
import { findingDetails } from './findingDetails.js';

export interface DeliveryOutcome {
  delivered: number;
  failed: number;
}

/** The channels a branch is reached on: its file drop always, webhook and e-mail when set up. */
export function channelsOf(branch: BranchRoute, config: Env): Channel[] {
  const channels: Channel[] = ['file'];
  if (branch.webhookUrl ?? config.NOTIFY_WEBHOOK_URL) channels.push('webhook');
  if (branch.emailTo.length && config.SMTP_URL) channels.push('email');
  return channels;
}

async function deliverOne(config: Env, branch: BranchRoute, digest: ClaimedDigest): Promise<void> {
  switch (digest.channel) {
    case 'file':
      await writeDigestFiles(config.NOTIFY_DIR, digest.payload);
      return;
    case 'webhook': {
      const url = branch.webhookUrl ?? config.NOTIFY_WEBHOOK_URL;
      if (!url) throw new PermanentDeliveryError(`branch ${branch.code} has no webhook URL any more`);
      const secret = branch.webhookSecretEnv ? process.env[branch.webhookSecretEnv] : config.NOTIFY_WEBHOOK_SECRET;
      // A branch that names its own secret has a receiver that verifies signatures: posting
      // unsigned because the variable is missing would be refused there, or worse, accepted.
      if (branch.webhookSecretEnv && !secret) {
        throw new PermanentDeliveryError(`branch ${branch.code}: webhook secret variable ${branch.webhookSecretEnv} is not set; the digest was not sent unsigned`);
      }
      await postDigest(url, digest.payload, config.NOTIFY_WEBHOOK_TIMEOUT_MS, secret);
      return;
    }
    case 'email':
      if (!config.SMTP_URL || !branch.emailTo.length) throw new PermanentDeliveryError(`branch ${branch.code} has no e-mail set up any more`);
      await sendDigestEmail(config.SMTP_URL, config.NOTIFY_EMAIL_FROM, branch.emailTo, digest.payload, config.NOTIFY_SMTP_TIMEOUT_MS);
      return;
  }
}

/**
 * Flushes a branch: first the digests left pending by a crash or a failure, then what its
 * receivers have not been told yet. Each digest is delivered on its own channel; one
 * channel failing does not hold the others back. `finalAttempt` turns failures into
 * dead letters (`patuh notify failed`).
 */
export async function deliverBranchDigests(db: Db, config: Env, code: string, wageYear: number, finalAttempt: boolean): Promise<DeliveryOutcome> {
  const branch = await getBranch(db, code);
  if (!branch) return { delivered: 0, failed: 0 };
  const outcome: DeliveryOutcome = { delivered: 0, failed: 0 };
  const errors: Error[] = [];
  const attempt = async (digest: ClaimedDigest) => {
    try {
      await deliverOne(config, branch, digest);
      await markDigestDelivered(db, digest);
      outcome.delivered += 1;
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError;
      const retryAfterMs = error instanceof RetryableDeliveryError ? error.retryAfterMs : null;
      await recordDigestFailure(db, digest.id, (error as Error).message, permanent || finalAttempt, retryAfterMs);
      outcome.failed += 1;
      errors.push(error as Error);
    }
  };
  // One try per digest per job: after a failure the job's own backoff decides when to try
  // again (a failed digest is free to lease at once, and looping on it hammered a failing receiver).
  for (let i = 0; i < 50 && !errors.length; i += 1) {
    const pending = await leasePendingDigest(db, code, config.NOTIFY_LEASE_MS);
    if (!pending) break;
    await attempt(pending);
  }
  const created = await flushBranch(db, code, {
    channels: channelsOf(branch, config),
    leaseMs: config.NOTIFY_LEASE_MS,
    repeatIntervalMs: branch.repeatIntervalMs ?? config.NOTIFY_REPEAT_INTERVAL_MS,
    branchName: branch.name,
    details: (trx, ids, change) => findingDetails(trx, ids, change, wageYear),
  });
  if (created !== 'busy') for (const digest of created) await attempt(digest);
  // Another notifier holds this branch or one of its digests: come back when it is done, so
  // nothing is left undelivered if that notifier dies.
  if (!errors.length && (created === 'busy' || (await pendingDigestCount(db, code)) > 0) && !finalAttempt) {
    throw new Error(`branch ${code} is being flushed or delivered by another notifier; retrying later`);
  }
  const retryable = errors.find((e) => !(e instanceof PermanentDeliveryError));
  if (retryable && !finalAttempt) throw retryable;
  if (errors.length && errors.every((e) => e instanceof PermanentDeliveryError)) throw errors[0];
  return outcome;
}
