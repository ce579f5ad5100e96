import { z } from 'zod';

const nib = z.string().regex(/^[0-9]{13}$/, 'must be 13 digits');

/**
 * Every queue and the jobs it carries. Payloads hold ids or keys only; the records
 * themselves stay in PostgreSQL.
 */
export const jobPayloadSchemas = {
  ingest: {
    /** Pull the OSS-style feed from its last committed cursor until it has no more. */
    'feed-sync': z.object({ feed: z.string().min(1).max(100) }),
    /** Load the BPJS TK extract from the configured location (ENROLLMENT_IMPORT_PATH). */
    'enrollment-import': z.object({}),
    /** Re-queue from PostgreSQL whatever the queues lost: unmatched permits, undelivered changes. */
    reconcile: z.object({}),
  },
  match: {
    /** Match (or re-match) these permits against current enrollment and update findings. */
    'match-permits': z.object({ nibs: z.array(nib).min(1).max(20_000), reason: z.string().max(100) }),
  },
  recheck: {
    /** On-demand re-check of one company: fetch it from OSS (inqueryNIB), re-match, update findings. */
    'recheck-company': z
      .object({ nib: nib.optional(), npwp: z.string().regex(/^[0-9]{16}$/, 'must be 16 digits').optional() })
      .refine((q) => Boolean(q.nib) !== Boolean(q.npwp), { message: 'give exactly one of nib or npwp' }),
  },
  notify: {
    /** Flush this branch: deliver pending digests, then tell its receivers what changed. */
    'branch-digest': z.object({ branch: z.string().min(1).max(64) }),
    /** Queue a flush of every branch whose open findings are due a reminder. */
    'reminder-sweep': z.object({}),
  },
} as const;

export type QueueName = keyof typeof jobPayloadSchemas;
export type JobName<Q extends QueueName> = keyof (typeof jobPayloadSchemas)[Q] & string;
export type JobPayload<Q extends QueueName, J extends JobName<Q>> = z.infer<
  (typeof jobPayloadSchemas)[Q][J] extends z.ZodType ? (typeof jobPayloadSchemas)[Q][J] : never
>;
export const QUEUE_NAMES = Object.keys(jobPayloadSchemas) as QueueName[];
