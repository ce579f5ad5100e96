import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { QueueName } from '../../../schemas/jobs.js';
import { createApp, type AppContext } from '../../../src/app.js';
import { readBranchFile } from '../../../src/branches/branchFile.js';
import { syncBranches } from '../../../src/branches/branchRepository.js';
import { loadConfig } from '../../../src/config.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { encodeCursor, startFeedServer, type FeedServerOptions } from '../../../src/demo/feedServer.js';
import { ENROLLMENT_HEADER, enrollmentCsvLine, generateDemoData } from '../../../src/demo/generate.js';
import { startWebhookReceiver, type RunningWebhookReceiver, type WebhookReceiverOptions } from '../../../src/demo/webhookReceiver.js';
import { importEnrollmentFile } from '../../../src/enrollment/enrollmentImport.js';
import { requestFeedSync } from '../../../src/oss/feedQueue.js';
import { runUntilIdle } from '../../../src/queues/runUntilIdle.js';
import { REDIS_URL, cloneTemplate } from '../../support/databases.js';
import { prng, withUpdatesAndStaleCopies } from '../../support/feedRecords.js';
import { waitFor } from '../../support/processes.js';
import type { PrivatePostgres } from './privateServices.js';
import { Supervisor, type WorkerKind } from './supervisor.js';

/** The generated data one scenario runs on, twice: clean and under faults. */
export interface ScenarioData {
  seed: number;
  /** Feed records in delivery order (originals, updates, stale copies). */
  records: Record<string, unknown>[];
  nibs: number;
  enrollmentCsv: string;
  /** Personal data planted in the OSS records (NIK, personal names, e-mails, phones). */
  personalData: string[];
}

export function scenarioData(seed: number, companies = Number(process.env.FAULT_COMPANIES ?? 600)): ScenarioData {
  const data = generateDemoData({ seed, companies });
  const records = withUpdatesAndStaleCopies(data.permits, seed);
  const personalData = new Set<string>();
  for (const permit of data.permits) {
    for (const holder of (permit.pemegang_saham as Array<Record<string, unknown>> | undefined) ?? []) {
      for (const key of ['no_identitas_pemegang_saham', 'nama_pemegang_saham', 'email_pemegang_saham', 'no_hp_pemegang_saham']) {
        const value = String(holder[key] ?? '').trim();
        if (value.length >= 6) personalData.add(value);
      }
    }
  }
  return {
    seed,
    records,
    nibs: data.permits.length,
    enrollmentCsv: `${[ENROLLMENT_HEADER, ...data.enrollment.map(enrollmentCsvLine)].join('\n')}\n`,
    personalData: [...personalData],
  };
}

/** The end state of a run, in a form two runs on different databases can be compared in. */
export interface Snapshot {
  /** nib → payload hash | version | document type. */
  permits: Map<string, string>;
  rejects: number;
  /** "nib decision npp method score" (no score for unmatched), sorted. */
  matches: string[];
  /** "nib category status branch priority" of the findings not resolved, sorted. */
  findings: string[];
  digests: { total: number; undelivered: number };
  /** Active findings (open or notified) and how receivers heard of them, after dedup by Idempotency-Key. */
  announcements: { active: number; announced: number; unannounced: number; duplicates: number };
}

async function snapshot(ctx: AppContext, receiver: RunningWebhookReceiver): Promise<Snapshot> {
  const { db } = ctx;
  const permits = await db.selectFrom('permit').select(['nib', 'payload_hash', 'version_at', 'doc_type']).execute();
  const rejects = await db.selectFrom('permit_reject').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const matches = await db.selectFrom('match').select(['nib', 'decision', 'npp', 'method', 'score']).execute();
  const findings = await db.selectFrom('finding').select(['id', 'nib', 'category', 'status', 'branch', 'priority']).execute();
  const digests = await db.selectFrom('digest').select('status').execute();
  const active = new Set(findings.filter((f) => f.status === 'open' || f.status === 'notified').map((f) => f.id));
  const told = new Map<number, number>();
  for (const digest of receiver.digests.values()) {
    for (const f of (digest.findings as Array<{ finding_id: number; change: string }> | undefined) ?? []) {
      if (f.change === 'new') told.set(f.finding_id, (told.get(f.finding_id) ?? 0) + 1);
    }
  }
  return {
    permits: new Map(permits.map((p) => [p.nib, `${p.payload_hash}|${p.version_at.toISOString()}|${p.doc_type}`])),
    rejects: Number(rejects.n),
    // The score of an `unmatched` decision is the closest candidate still free when it was
    // made: informational, and it depends on which employers other permits had claimed by
    // then. Links and reviews are compared with their scores.
    matches: matches.map((m) => `${m.nib} ${m.decision} ${m.npp ?? '-'} ${m.method} ${m.decision === 'unmatched' ? '' : Number(m.score).toFixed(4)}`).sort(),
    // Findings opened and resolved on the way are history that depends on timing (whether a
    // permit's first version was matched before its update arrived); the findings standing
    // at the end must be the same.
    findings: findings
      .filter((f) => f.status !== 'resolved')
      .map((f) => `${f.nib} ${f.category} ${f.status} ${f.branch} ${f.priority}`)
      .sort(),
    digests: { total: digests.length, undelivered: digests.filter((d) => d.status !== 'delivered').length },
    announcements: {
      active: active.size,
      announced: [...active].filter((id) => told.has(id)).length,
      unannounced: [...active].filter((id) => !told.has(id)).length,
      duplicates: [...told.values()].reduce((sum, n) => sum + n - 1, 0),
    },
  };
}

/** What a faulty run is compared on; every count but `records`, `permits` and `faults` must be 0. */
export interface Comparison {
  records: number;
  permits: number;
  lost: number;
  extra: number;
  differing: number;
  rejected: number;
  matchDifferences: string[];
  findingDifferences: string[];
  undelivered: number;
  unannounced: number;
  duplicates: number;
}

export function compareRuns(data: ScenarioData, clean: Snapshot, faulty: Snapshot): Comparison {
  let lost = 0;
  let differing = 0;
  for (const [nib, v] of clean.permits) {
    const other = faulty.permits.get(nib);
    if (other === undefined) lost += 1;
    else if (other !== v) differing += 1;
  }
  const symmetricDifference = (a: string[], b: string[]) => {
    const left = new Set(a);
    const right = new Set(b);
    return [...a.filter((x) => !right.has(x)).map((x) => `clean only: ${x}`), ...b.filter((x) => !left.has(x)).map((x) => `faulty only: ${x}`)];
  };
  return {
    records: data.records.length,
    permits: faulty.permits.size,
    lost,
    extra: [...faulty.permits.keys()].filter((nib) => !clean.permits.has(nib)).length,
    differing,
    rejected: faulty.rejects,
    matchDifferences: symmetricDifference(clean.matches, faulty.matches),
    findingDifferences: symmetricDifference(clean.findings, faulty.findings),
    undelivered: faulty.digests.undelivered,
    unannounced: faulty.announcements.unannounced,
    duplicates: faulty.announcements.duplicates,
  };
}

const PIPELINE_ENV = {
  OSS_USER_KEY: 'fault-suite',
  OSS_FEED_PAGE_SIZE: '20',
  MATCH_BATCH_SIZE: '50',
  NOTIFY_GROUP_WAIT_MS: '0',
  NOTIFY_GROUP_INTERVAL_MS: '0',
};

async function prepare(env: Record<string, string>, data: ScenarioData, dir: string): Promise<AppContext> {
  const config = loadConfig(env);
  const ctx = createApp(config, 'fault-suite');
  await syncBranches(ctx.db, await readBranchFile(config.BRANCHES_FILE));
  const extract = join(dir, 'extract.csv');
  await writeFile(extract, data.enrollmentCsv);
  await importEnrollmentFile(ctx.db, extract);
  return ctx;
}

/** Everything one run set up, taken down. */
async function release(run: { ctx: AppContext; feed: { close(): Promise<void> }; receiver: RunningWebhookReceiver; database: { drop(): Promise<void> }; dir: string }) {
  await run.ctx.queues.obliterateAll().catch(() => undefined);
  await run.ctx.close();
  await run.feed.close();
  await run.receiver.close();
  await run.database.drop();
  await rm(run.dir, { recursive: true, force: true });
}

/** The reference: the same data through the same handlers, in one process, with nothing going wrong. */
export async function cleanRun(data: ScenarioData): Promise<Snapshot> {
  const dir = await mkdtemp(join(tmpdir(), 'patuh-clean-'));
  const database = await cloneTemplate('fault');
  const feed = await startFeedServer({ records: data.records, userKey: PIPELINE_ENV.OSS_USER_KEY });
  const receiver = await startWebhookReceiver();
  const env = {
    ...PIPELINE_ENV,
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: `fc-${randomBytes(4).toString('hex')}`,
    OSS_FEED_URL: feed.url,
    NOTIFY_WEBHOOK_URL: receiver.url,
    NOTIFY_DIR: join(dir, 'digests'),
    LOG_LEVEL: 'silent',
  };
  const ctx = await prepare(env, data, dir);
  try {
    await requestFeedSync(ctx.queues);
    await runUntilIdle(ctx, { pollMs: 100, quietPolls: 5 });
    return await snapshot(ctx, receiver);
  } finally {
    await release({ ctx, feed, receiver, database, dir });
  }
}

export interface PipelineHandle {
  data: ScenarioData;
  /** Seeded: the same seed injects the same faults at the same moments. */
  random(): number;
  supervisor: Supervisor;
  receiver: RunningWebhookReceiver;
  /** The worker kinds that have work left, read from PostgreSQL; none once the run has settled. */
  busy(): Promise<WorkerKind[]>;
  /** The worker kinds running a job right now (BullMQ's active lists). */
  working(): Promise<WorkerKind[]>;
  sleep(ms: number): Promise<void>;
}

export interface FaultyRunOptions {
  /** Queues on this Redis instead of the shared one. */
  redisUrl?: string;
  /** PostgreSQL on this server instead of a clone of the shared template. */
  postgres?: PrivatePostgres;
  feedFault?: (random: () => number) => FeedServerOptions['fault'];
  webhook?: WebhookReceiverOptions;
  env?: Record<string, string>;
  /** Injects the fault while the pipeline runs; returns a description of what it did. */
  inject(run: PipelineHandle): Promise<Record<string, number>>;
  settleTimeoutMs?: number;
}

export interface FaultyRunReport {
  snapshot: Snapshot;
  faults: Record<string, number>;
  kills: Record<WorkerKind, number>;
  crashes: Record<WorkerKind, number>;
  /** The end of the output of each worker that exited on its own. */
  crashReports: string[];
  /** Pieces of personal data from the OSS records found in any worker's output. */
  personalDataInLogs: string[];
  feedRequests: number;
  webhookPosts: number;
  seconds: number;
}

/** Runs ingest, matcher and notifier as supervised OS processes while `inject` does its worst. */
export async function faultyRun(data: ScenarioData, options: FaultyRunOptions): Promise<FaultyRunReport> {
  const started = Date.now();
  const random = prng(data.seed * 7919 + 17);
  const dir = await mkdtemp(join(tmpdir(), 'patuh-faulty-'));
  let database: { url: string; drop(): Promise<void> };
  if (options.postgres) {
    const url = options.postgres.databaseUrl('patuh');
    await migrateToLatest(url);
    database = { url, drop: async () => undefined };
  } else {
    database = await cloneTemplate('fault');
  }
  const finalCursor = encodeCursor(data.records.length);
  const feedFault = options.feedFault?.(random);
  // OSS answers each page after a short while, so ingest lasts long enough to be hit.
  const feed = await startFeedServer({
    records: data.records,
    userKey: PIPELINE_ENV.OSS_USER_KEY,
    fault: (request) => feedFault?.(request) ?? { kind: 'hang', ms: 100 },
  });
  const receiver = await startWebhookReceiver({ delayMs: () => 40, ...options.webhook });
  const env: Record<string, string> = {
    ...PIPELINE_ENV,
    DATABASE_URL: database.url,
    REDIS_URL: options.redisUrl ?? REDIS_URL,
    QUEUE_PREFIX: `ff-${randomBytes(4).toString('hex')}`,
    OSS_FEED_URL: feed.url,
    NOTIFY_WEBHOOK_URL: receiver.url,
    NOTIFY_DIR: join(dir, 'digests'),
    OSS_HTTP_TIMEOUT_MS: '2000',
    WORKER_LOCK_MS: '1500',
    NOTIFY_LEASE_MS: '1500',
    REDIS_WATCH_MS: '500',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const ctx = await prepare({ ...env, LOG_LEVEL: 'silent' }, data, dir);
  const supervisor = new Supervisor({ ...process.env, ...env });
  const count = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(ctx.db)).rows[0]?.n ?? 0);
  const busy = async (): Promise<WorkerKind[]> => {
    const cursor = await ctx.db.selectFrom('feed_checkpoint').select('cursor').where('feed', '=', 'oss').executeTakeFirst();
    const awaiting = await count(sql`SELECT count(*) AS n FROM permit p WHERE EXISTS (SELECT 1 FROM match_request r WHERE r.nib = p.nib) OR NOT EXISTS (SELECT 1 FROM match m WHERE m.nib = p.nib)`);
    const undelivered = await count(sql`SELECT (SELECT count(*) FROM finding_event WHERE flushed_at IS NULL) + (SELECT count(*) FROM digest WHERE status <> 'delivered') AS n`);
    return [
      ...(cursor?.cursor !== finalCursor ? (['ingest'] as const) : []),
      ...(awaiting ? (['matcher'] as const) : []),
      ...(undelivered ? (['notifier'] as const) : []),
    ];
  };
  const handle: PipelineHandle = {
    data,
    random,
    supervisor,
    receiver,
    busy: () => busy().catch(() => ['ingest', 'matcher', 'notifier'] as WorkerKind[]),
    working: async () => {
      const active = async (queue: QueueName) => ctx.queues.queue(queue).getActiveCount().catch(() => 0);
      const kinds: Array<[WorkerKind, QueueName]> = [['ingest', 'ingest'], ['matcher', 'match'], ['notifier', 'notify']];
      return (await Promise.all(kinds.map(async ([kind, queue]) => ((await active(queue)) ? kind : null)))).filter((k): k is WorkerKind => k !== null);
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
  try {
    supervisor.start();
    await requestFeedSync(ctx.queues);
    const faults = await options.inject(handle);
    // Settled twice in a row, a second apart: nothing left in flight that could still change the state.
    let settledPolls = 0;
    await waitFor(
      'the pipeline to settle',
      async () => {
        settledPolls = (await handle.busy()).length === 0 ? settledPolls + 1 : 0;
        return settledPolls >= 3;
      },
      options.settleTimeoutMs ?? 240_000,
    ).catch(async (error: Error) => {
      const tail = supervisor.output().split('\n').filter((l) => /"level":(40|50|60)/.test(l)).slice(-15).join('\n');
      throw new Error(`${error.message}; still busy: ${(await handle.busy()).join(', ')}; last warnings:\n${tail}`);
    });
    const result = await snapshot(ctx, receiver);
    await supervisor.stop();
    const output = supervisor.output();
    return {
      snapshot: result,
      faults,
      kills: supervisor.kills,
      crashes: supervisor.crashes,
      crashReports: supervisor.crashReports,
      personalDataInLogs: data.personalData.filter((value) => output.includes(value)),
      feedRequests: feed.requests,
      webhookPosts: receiver.deliveries,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    await supervisor.stop();
    await release({ ctx, feed, receiver, database, dir });
  }
}

/** Waits a random while, then does `fault` while the run still has work; `times` times. */
export async function atRandomMoments(run: PipelineHandle, times: number, fault: () => Promise<void>): Promise<number> {
  let done = 0;
  for (let i = 0; i < times; i += 1) {
    await run.sleep(1000 + run.random() * 1500);
    if (!(await run.busy()).length) break;
    await fault();
    done += 1;
  }
  return done;
}

/** Seeds to run every scenario with: FAULT_SEEDS="1,2,3", or three random ones (printed in the test names). */
export function faultSeeds(): number[] {
  const given = process.env.FAULT_SEEDS?.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
  if (given?.length) return given;
  return Array.from({ length: 3 }, () => 1 + Math.floor(Math.random() * 1_000_000));
}
