import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { migrateToLatest, dropDatabase } from '../../src/db/migrate.js';
import { encodeCursor, startFeedServer } from '../../src/demo/feedServer.js';
import { generateCompanies } from '../../src/demo/generate.js';
import { FeedClient } from '../../src/oss/feedClient.js';
import { syncFeed } from '../../src/oss/feedSync.js';
import { runCli } from './cli.js';
import { prng, withUpdatesAndStaleCopies } from './feedRecords.js';
import { RUN_DB_PREFIX, databaseUrl, REDIS_URL } from './databases.js';
import { startWorker, waitFor, type WorkerProcess } from './processes.js';

export interface FeedKillOptions {
  permits: number;
  kills: number;
  seed: number;
  pageSize?: number;
  /** A worker lives this long (random in the range) before it is killed. */
  lifetimeMs?: [number, number];
  log?: (line: string) => void;
}

export interface FeedKillReport {
  records: number;
  storedClean: number;
  storedFaulty: number;
  kills: number;
  lost: number;
  extra: number;
  differing: number;
  rejectsClean: number;
  rejectsFaulty: number;
  seconds: number;
}

function buildFeed(permits: number, seed: number): unknown[] {
  return withUpdatesAndStaleCopies((function* () {
    for (const company of generateCompanies({ seed, companies: permits })) yield company.permit as Record<string, unknown>;
  })(), seed);
}

async function snapshot(url: string): Promise<{ permits: Map<string, string>; rejects: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ nib: string; v: string }>(`SELECT nib, payload_hash || '|' || version_at::text || '|' || doc_type AS v FROM permit`);
    const rejects = await client.query<{ n: string }>('SELECT count(*) AS n FROM permit_reject');
    return { permits: new Map(rows.rows.map((r) => [r.nib, r.v])), rejects: Number(rejects.rows[0]!.n) };
  } finally {
    await client.end();
  }
}

/**
 * Runs one clean sync and one sync whose ingest worker process is SIGKILLed at random
 * moments, over the same feed, and compares the stored permits.
 */
export async function runFeedKill(options: FeedKillOptions): Promise<FeedKillReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const pageSize = options.pageSize ?? 500;
  const random = prng(options.seed);
  const records = buildFeed(options.permits, options.seed);
  log(`feed: ${records.length} records for ${options.permits} NIBs`);
  const feed = await startFeedServer({ records, userKey: 'kill-test' });
  const finalCursor = encodeCursor(records.length);
  const id = randomBytes(3).toString('hex');
  const cleanUrl = databaseUrl(`${RUN_DB_PREFIX}killclean_${id}`);
  const faultyUrl = databaseUrl(`${RUN_DB_PREFIX}killfault_${id}`);
  const workers: WorkerProcess[] = [];
  try {
    await migrateToLatest(cleanUrl);
    await migrateToLatest(faultyUrl);

    // Clean run, in-process.
    const clean = createApp(loadConfig({ DATABASE_URL: cleanUrl, REDIS_URL, QUEUE_PREFIX: `kc-${id}`, LOG_LEVEL: 'silent' }));
    await syncFeed(clean.db, new FeedClient({ baseUrl: feed.url, userKey: 'kill-test', timeoutMs: 30_000 }), { feed: 'oss', pageSize, onChanged: async () => undefined });
    await clean.close();
    log(`clean run done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Faulty run: the ingest worker as its own process, killed at random moments.
    const env = {
      ...process.env,
      DATABASE_URL: faultyUrl,
      REDIS_URL,
      QUEUE_PREFIX: `kf-${id}`,
      OSS_FEED_URL: feed.url,
      OSS_USER_KEY: 'kill-test',
      OSS_FEED_PAGE_SIZE: String(pageSize),
      WORKER_LOCK_MS: '2000',
      LOG_LEVEL: 'warn',
    };
    const faulty = createApp(loadConfig(env));
    const checkpoint = async () =>
      (await faulty.db.selectFrom('feed_checkpoint').select(['cursor', 'pages']).where('feed', '=', 'oss').executeTakeFirst()) ?? { cursor: null, pages: 0 };
    expect0((await runCli(['feed', 'sync'], env)).code);
    let kills = 0;
    while (kills < options.kills) {
      const worker = startWorker('ingest', env);
      workers.push(worker);
      const [shortest, longest] = options.lifetimeMs ?? [1500, 4000];
      const lifetime = shortest + random() * (longest - shortest);
      await new Promise((resolve) => setTimeout(resolve, lifetime));
      const before = await checkpoint();
      if (before.cursor === finalCursor) break;
      await worker.stop('SIGKILL');
      kills += 1;
      log(`kill ${kills}: worker killed after ${Math.round(lifetime)} ms at page ${before.pages}`);
    }
    workers.push(startWorker('ingest', env));
    await waitFor('the faulty run to finish', async () => (await checkpoint()).cursor === finalCursor, 10 * 60_000);
    await faulty.queues.obliterateAll();
    await faulty.close();

    const a = await snapshot(cleanUrl);
    const b = await snapshot(faultyUrl);
    let lost = 0;
    let differing = 0;
    for (const [nib, v] of a.permits) {
      const other = b.permits.get(nib);
      if (other === undefined) lost += 1;
      else if (other !== v) differing += 1;
    }
    const extra = [...b.permits.keys()].filter((nib) => !a.permits.has(nib)).length;
    return {
      records: records.length,
      storedClean: a.permits.size,
      storedFaulty: b.permits.size,
      kills,
      lost,
      extra,
      differing,
      rejectsClean: a.rejects,
      rejectsFaulty: b.rejects,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await feed.close();
    await dropDatabase(cleanUrl);
    await dropDatabase(faultyUrl);
  }
}

function expect0(code: number | null): void {
  if (code !== 0) throw new Error(`patuh feed sync exited ${code}`);
}
