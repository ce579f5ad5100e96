import { z } from 'zod';

/** Treats an unset or blank variable as absent so defaults apply. */
const optionalString = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string())
  .optional()
  .transform((s) => (s === '' ? undefined : s));

/** A blank variable is an unset one: it takes the default instead of coercing to 0. */
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const number = () => z.coerce.number({ error: 'must be a number' });
const positiveInt = (fallback: number) => z.preprocess(blankAsUnset, number().int('must be a whole number').positive('must be above 0').default(fallback));
const nonNegativeNumber = (fallback: number) => z.preprocess(blankAsUnset, number().nonnegative('must not be negative').default(fallback));
const nonNegativeInt = (fallback: number) => z.preprocess(blankAsUnset, number().int('must be a whole number').nonnegative('must not be negative').default(fallback));

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

/** Every environment variable Patuh reads, validated once at start-up. */
export const envSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/patuh'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"')
    .default('patuh'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BRANCHES_FILE: z.string().min(1).default('config/branches.json'),
  NOTIFY_DIR: z.string().min(1).default('out/digests'),
  NOTIFY_WEBHOOK_URL: optionalString.pipe(url(['http:', 'https:']).optional()),
  NOTIFY_WEBHOOK_TIMEOUT_MS: positiveInt(10_000),
  /** Longest an SMTP server may stay silent (connecting, greeting, any reply) before the e-mail is retried. */
  NOTIFY_SMTP_TIMEOUT_MS: positiveInt(60_000),
  /** How long a branch's first digest waits to batch a burst of findings. */
  NOTIFY_GROUP_WAIT_MS: nonNegativeInt(30_000).pipe(z.number().max(86_400_000)),
  /** At most one digest per branch and channel this often when findings change. */
  NOTIFY_GROUP_INTERVAL_MS: nonNegativeInt(300_000).pipe(z.number().max(86_400_000)),
  /** Open findings are sent again as a reminder this often. */
  NOTIFY_REPEAT_INTERVAL_MS: positiveInt(7 * 86_400_000),
  /** Signing secret for webhook digests (HMAC-SHA256); branches may name their own variable. */
  NOTIFY_WEBHOOK_SECRET: optionalString,
  /** SMTP server for e-mail digests, e.g. smtp://user:pass@mail.example:587. */
  SMTP_URL: optionalString.pipe(url(['smtp:', 'smtps:']).optional()),
  /** A notifier holds a digest this long while delivering it; after a crash it is sent again. */
  NOTIFY_LEASE_MS: positiveInt(120_000).pipe(z.number().min(500)),
  /** How often reminders are looked for (cron, Asia/Jakarta). */
  NOTIFY_REMINDER_CRON: z.string().min(1).default('*/15 * * * *'),
  NOTIFY_EMAIL_FROM: z.string().min(3).default('Patuh <patuh@localhost>'),
  OSS_FEED_URL: optionalString.pipe(url(['http:', 'https:']).optional()),
  OSS_USER_KEY: optionalString,
  /** Earliest permit date (YYYY-MM-DD) a backfill asks the feed for. */
  OSS_FEED_START: optionalString.pipe(z.iso.date('must be a date YYYY-MM-DD').optional()),
  /** receiveNIB push: OSS computes its Token header as SHA1(USERNAME + PASSWORD + NIB + Ymd). */
  OSS_PUSH_USERNAME: optionalString,
  OSS_PUSH_PASSWORD: optionalString,
  /** Base URL of the OSS look-up API (inqueryNIB). */
  OSS_API_URL: optionalString.pipe(url(['http:', 'https:']).optional()),
  /** The nightly reconcile (cron, Asia/Jakarta). */
  RECONCILE_CRON: z.string().min(1).default('0 2 * * *'),
  /** Where the scheduled enrollment re-import reads the BPJS TK extract; no schedule when unset. */
  ENROLLMENT_IMPORT_PATH: optionalString,
  ENROLLMENT_IMPORT_CRON: z.string().min(1).default('0 3 * * *'),
  /** Cron pattern (Asia/Jakarta) of the scheduled feed sync. */
  FEED_SYNC_CRON: z.string().min(1).default('*/15 * * * *'),
  /** How long POST /rechecks and `patuh recheck` wait for the result before answering with a job id. */
  RECHECK_WAIT_MS: nonNegativeInt(10_000).pipe(z.number().max(120_000)),
  PORT: nonNegativeInt(8080).pipe(z.number().max(65535)),
  API_BODY_LIMIT_BYTES: positiveInt(2 * 1024 * 1024),
  /** Rows of one CSV/XLSX download of GET /findings; the rest follows its next cursor. */
  API_DOWNLOAD_MAX_ROWS: positiveInt(100_000).pipe(z.number().max(1_000_000)),
  OSS_FEED_PAGE_SIZE: positiveInt(500).pipe(z.number().max(5000)),
  OSS_HTTP_TIMEOUT_MS: positiveInt(15_000),
  MATCH_BATCH_SIZE: positiveInt(1000).pipe(z.number().max(20_000)),
  WORKER_CONCURRENCY: positiveInt(2).pipe(z.number().max(64)),
  /** How long a worker's job lock lasts; a killed worker's job is retried after about this long. */
  WORKER_LOCK_MS: positiveInt(60_000).pipe(z.number().min(1000)),
  /** How often worker processes check that Redis still holds Patuh's work (rebuilt from PostgreSQL when lost). */
  REDIS_WATCH_MS: positiveInt(30_000).pipe(z.number().min(200)),
  /** Calendar year whose UMK applies; defaults to the current year. */
  UMK_YEAR: z.preprocess(blankAsUnset, number().int().min(2025).max(2100).optional()),
  /** Name matching: link at or above this score when the runner-up is MATCH_MARGIN behind. */
  MATCH_NAME_THRESHOLD: nonNegativeNumber(0.86).pipe(z.number().max(1)),
  MATCH_MARGIN: nonNegativeNumber(0.1).pipe(z.number().max(1)),
  /** Name matching: scores from here up to a link go to manual review. */
  MATCH_REVIEW_THRESHOLD: nonNegativeNumber(0.7).pipe(z.number().max(1)),
  RULE_UNREGISTERED_MIN_DECLARED: positiveInt(1),
  RULE_UNDER_REPORTED_MIN_GAP: positiveInt(1),
  RULE_WAGE_RATIO: nonNegativeNumber(1).pipe(z.number().max(10)),
  RULE_ARREARS_MIN_MONTHS: positiveInt(1),
});

export type Env = z.infer<typeof envSchema>;
