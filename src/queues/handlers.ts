import { RateLimitError, UnrecoverableError, type Job } from 'bullmq';
import type { JobName, JobPayload, QueueName } from '../../schemas/jobs.js';
import { matchSettings, wageYear, type AppContext } from '../app.js';
import { matchBatch } from '../matching/matchBatch.js';
import { queueMatching } from '../matching/matchQueue.js';
import { deliverBranchDigests } from '../notify/deliverBranchDigests.js';
import { PermanentDeliveryError } from '../notify/deliver.js';
import { branchesDueReminder, scheduleBranchFlush } from '../notify/notifyQueue.js';
import { FeedClient } from '../oss/feedClient.js';
import { syncFeed } from '../oss/feedSync.js';
import { requestFeedSync } from '../oss/feedQueue.js';
import { EnrollmentFileError, importEnrollmentFile } from '../enrollment/enrollmentImport.js';
import { requeueOutstandingWork } from './reconcile.js';
import { recheckCompany, RecheckUnavailable } from '../oss/recheck.js';
import { PermanentHttpError, RetryableHttpError } from '../shared/httpErrors.js';

/** The longest a feed's Retry-After pauses the ingest queue: the feed-sync schedule's default interval. */
const MAX_FEED_PAUSE_MS = 15 * 60_000;

export type JobHandler<Q extends QueueName, J extends JobName<Q>> = (
  payload: JobPayload<Q, J>,
  ctx: AppContext,
  job: Job,
  /** Aborted when the process is stopping (SIGTERM): a long job ends at a point it can resume from. */
  stopping: AbortSignal,
) => Promise<Record<string, unknown>>;

/** Every job of every queue must have a handler here; the type makes a missing one a compile error. */
export type HandlerRegistry = { [Q in QueueName]: { [J in JobName<Q>]: JobHandler<Q, J> } };

export const handlers: HandlerRegistry = {
  ingest: {
    'feed-sync': async ({ feed }, ctx, _job, stopping) => {
      const { config } = ctx;
      if (!config.OSS_FEED_URL) throw new UnrecoverableError('OSS_FEED_URL is not set: there is no feed to sync');
      const client = new FeedClient({ baseUrl: config.OSS_FEED_URL, userKey: config.OSS_USER_KEY, timeoutMs: config.OSS_HTTP_TIMEOUT_MS });
      try {
        const outcome = await syncFeed(ctx.db, client, {
          feed,
          pageSize: config.OSS_FEED_PAGE_SIZE,
          since: config.OSS_FEED_START,
          onChanged: async (nibs) => void (await queueMatching(ctx.queues, nibs, `feed:${feed}`, config.MATCH_BATCH_SIZE)),
          // A backfill can run for hours; waiting for it made SIGTERM stop nothing.
          signal: stopping,
        });
        if (outcome.interrupted) {
          // The rest of the feed is owed now, not at the next cron tick: the next worker
          // to start takes this follow-up and resumes from the checkpoint.
          await requestFeedSync(ctx.queues, feed);
          ctx.logger.info({ feed, pages: outcome.pages }, 'feed sync stopped between pages (process stopping); a follow-up sync is queued');
        }
        if (outcome.restartedAfter !== undefined) {
          ctx.logger.warn({ feed, refusedCursor: outcome.restartedAfter }, 'the feed no longer took the stored cursor (HTTP 400, 404 or 410); it was read again from OSS_FEED_START');
        }
        return { ...outcome };
      } catch (error) {
        if (error instanceof PermanentHttpError) throw new UnrecoverableError(error.message);
        if (error instanceof RetryableHttpError && error.rateLimited) {
          // Pause the whole ingest queue for Retry-After; the job goes back to waiting
          // without using up one of its attempts. The pause is capped: the queue also
          // carries enrollment imports, and a sync that is refused again pauses again.
          // At least a second: "Retry-After: 0" or a date gone by is no pause Redis can set.
          const pauseMs = Math.max(1000, Math.min(error.retryAfterMs ?? 30_000, MAX_FEED_PAUSE_MS));
          await ctx.queues.queue('ingest').rateLimit(pauseMs);
          ctx.logger.warn({ feed, retryAfterMs: error.retryAfterMs, pauseMs }, 'feed rate-limited; sync paused');
          throw new RateLimitError();
        }
        throw error;
      }
    },
    'enrollment-import': async (_payload, ctx) => {
      const path = ctx.config.ENROLLMENT_IMPORT_PATH;
      if (!path) throw new UnrecoverableError('ENROLLMENT_IMPORT_PATH is not set: there is no extract to import');
      try {
        const s = await importEnrollmentFile(ctx.db, path, { onWait: () => ctx.logger.info('another enrollment import is running: this one waits for it') });
        await queueMatching(ctx.queues, s.permitsToRematch, 'enrollment-import', ctx.config.MATCH_BATCH_SIZE);
        return { loaded: s.loaded, inserted: s.inserted, changed: s.changed, rejected: s.rejected.length, rematch: s.permitsToRematch.length };
      } catch (error) {
        if (error instanceof EnrollmentFileError || (error as NodeJS.ErrnoException).code === 'ENOENT') throw new UnrecoverableError((error as Error).message);
        throw error;
      }
    },
    reconcile: async (_payload, ctx) => ({ ...(await requeueOutstandingWork(ctx)) }),
  },
  match: {
    'match-permits': async ({ nibs }, ctx) => {
      const outcome = await matchBatch(ctx.db, nibs, matchSettings(ctx.config));
      await queueMatching(ctx.queues, outcome.displaced, 'displaced', ctx.config.MATCH_BATCH_SIZE);
      await scheduleBranchFlush(ctx.db, ctx.queues, ctx.config, outcome.findings.branchesWithEvents);
      const { branchesWithEvents, ...findings } = outcome.findings;
      return { ...outcome, displaced: outcome.displaced.length, findings, branches: branchesWithEvents.length };
    },
  },
  recheck: {
    'recheck-company': async (query, ctx) => {
      try {
        return { ...(await recheckCompany(ctx, query)) };
      } catch (error) {
        if (error instanceof RecheckUnavailable) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
  },
  notify: {
    'branch-digest': async ({ branch }, ctx, job) => {
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      try {
        return { ...(await deliverBranchDigests(ctx.db, ctx.config, branch, wageYear(ctx.config), finalAttempt)) };
      } catch (error) {
        if (error instanceof PermanentDeliveryError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    'reminder-sweep': async (_payload, ctx) => {
      const due = await branchesDueReminder(ctx.db, ctx.config);
      await scheduleBranchFlush(ctx.db, ctx.queues, ctx.config, due, true);
      return { branches: due.length };
    },
  },
};
