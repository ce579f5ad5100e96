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
import { databaseUrl, REDIS_URL } from './databases.js';
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

/** A seeded PRNG (mulberry32) so kill times are reproducible from the seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Builds a feed of `permits` NIBs in which some NIBs appear twice: an update after the
 * original, or a stale older version delivered after the newer one.
 */
function buildFeed(permits: number, seed: number): unknown[] {
  const random = prng(seed ^ 0x5eed);
  const records: unknown[] = [];
  for (const company of generateCompanies({ seed, companies: permits })) {
    const data = company.permit as Record<string, unknown>;
    records.push(data);
    const roll = random();
    if (roll < 0.05) {
      // A stale copy arrives later with an older version: it must not win.
      records.push({ ...data, nama_perseroan: `${String(data.nama_perseroan)} LAMA`, tgl_terbit_nib: '2020-01-01 00:00:00', tgl_perubahan_nib: '' });
    } else if (roll < 0.1) {
      records.push({ ...data, nama_perseroan: `${String(data.nama_perseroan)} BARU`, tgl_perubahan_nib: '2026-11-01 10:00:00', 'tipe_dokumen ': '5', tipe_dokumen: '5' });
    }
  }
  return records;
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
  const cleanUrl = databaseUrl(`patuh_t_killclean_${id}`);
  const faultyUrl = databaseUrl(`patuh_t_killfault_${id}`);
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
