import { matchSettings, type AppContext } from '../app.js';
import { matchBatch } from '../matching/matchBatch.js';
import { requestMatching } from '../matching/matchRequestRepository.js';
import { scheduleBranchFlush } from '../notify/notifyQueue.js';
import { PermanentHttpError } from '../shared/httpErrors.js';
import { InqueryClient } from './inqueryClient.js';
import { ingestRecords } from './ingest.js';
import { maskPersonalPatterns } from './personalData.js';

export type RecheckQuery = { nib?: string; npwp?: string };

export interface RecheckResult {
  query: RecheckQuery;
  /** Records OSS returned for the query. */
  found: number;
  rejected: Array<{ reason: string }>;
  permits: Array<{
    nib: string;
    decision: string | null;
    npp: string | null;
    score: number | null;
    method: string | null;
    findings: Array<{ id: number; category: string; status: string; priority: number }>;
  }>;
}

export class RecheckUnavailable extends Error {}

/**
 * Re-checks one company now: its current record from OSS (inqueryNIB) is stored like any
 * other version, then matched against current enrollment in this job (not queued behind
 * batch work), and its findings updated and routed to the notifier.
 */
export async function recheckCompany(ctx: AppContext, query: RecheckQuery): Promise<RecheckResult> {
  const { config, db } = ctx;
  if (!config.OSS_API_URL) throw new RecheckUnavailable('OSS_API_URL is not set: there is no OSS look-up to re-check against');
  const client = new InqueryClient({ baseUrl: config.OSS_API_URL, userKey: config.OSS_USER_KEY, timeoutMs: config.OSS_HTTP_TIMEOUT_MS });
  let records: Record<string, unknown>[];
  try {
    records = await client.inquery(query.nib ? { nib: query.nib } : { npwp: query.npwp! });
  } catch (error) {
    if (error instanceof PermanentHttpError) throw new RecheckUnavailable(error.message);
    throw error;
  }
  // The reference is stored with the permit and shown: an individual's NPWP (a NIK) is not written in it.
  const key = query.nib ? `nib ${query.nib}` : `npwp ${maskPersonalPatterns(query.npwp!)}`;
  const outcome = await ingestRecords(
    db,
    records.map((r, i) => ({ source: 'inquery', ref: `inqueryNIB ${key} #${i}`, lineNo: null, json: r })),
  );
  const fromOss = records.map((r) => String(r.nib ?? '').trim()).filter((n) => /^[0-9]{13}$/.test(n));
  // OSS may not know a stored NIB (any more): re-match what we hold all the same.
  const stored = query.nib
    ? (await db.selectFrom('permit').select('nib').where('nib', '=', query.nib).execute()).map((r) => r.nib)
    : (await db.selectFrom('permit').select('nib').where('npwp', '=', query.npwp!).execute()).map((r) => r.nib);
  const nibs = [...new Set([...fromOss, ...stored])];
  if (nibs.length) {
    await requestMatching(db, nibs);
    const matched = await matchBatch(db, nibs, matchSettings(config));
    await scheduleBranchFlush(db, ctx.queues, config, matched.findings.branchesWithEvents);
  }
  const matches = nibs.length ? await db.selectFrom('match').select(['nib', 'decision', 'npp', 'score', 'method']).where('nib', 'in', nibs).execute() : [];
  const findings = nibs.length
    ? await db.selectFrom('finding').select(['id', 'nib', 'category', 'status', 'priority']).where('nib', 'in', nibs).orderBy('id').execute()
    : [];
  return {
    query,
    found: records.length,
    rejected: outcome.rejected.map((r) => ({ reason: r.reason })),
    permits: nibs.map((nib) => {
      const m = matches.find((x) => x.nib === nib);
      return {
        nib,
        decision: m?.decision ?? null,
        npp: m?.npp ?? null,
        score: m?.score ?? null,
        method: m?.method ?? null,
        findings: findings.filter((f) => f.nib === nib).map(({ nib: _nib, ...f }) => f),
      };
    }),
  };
}

/** Queues a re-check; requests for the same company while one is waiting or running collapse into it. */
export async function requestRecheck(ctx: AppContext, query: RecheckQuery): Promise<string> {
  const key = query.nib ? `nib-${query.nib}` : `npwp-${query.npwp}`;
  const job = await ctx.queues.queue('recheck').add('recheck-company', query, {
    priority: 1,
    attempts: 3,
    deduplication: { id: `recheck:${key}` },
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
  return job.id!;
}

export interface RecheckStatus {
  id: string;
  /** What was asked for (absent only for a job not found). */
  query?: RecheckQuery;
  state: string;
  result?: RecheckResult;
  error?: string;
}

export async function recheckStatus(ctx: AppContext, id: string): Promise<RecheckStatus | null> {
  // The state is read before the job: a job read while active and then found completed
  // would carry no result yet.
  const queue = ctx.queues.queue('recheck');
  const state = await queue.getJobState(id);
  if (state === 'unknown') return null;
  const job = await queue.getJob(id);
  if (!job) return null;
  const { nib, npwp } = job.data as RecheckQuery;
  return {
    id,
    query: nib ? { nib } : { npwp: npwp! },
    state,
    ...(state === 'completed' ? { result: job.returnvalue as RecheckResult } : {}),
    ...(state === 'failed' ? { error: job.failedReason } : {}),
  };
}

/** Waits for a re-check up to `waitMs`; the last known status either way. */
export async function awaitRecheck(ctx: AppContext, id: string, waitMs: number): Promise<RecheckStatus> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const status = (await recheckStatus(ctx, id)) ?? { id, state: 'unknown' };
    if (status.state === 'completed' || status.state === 'failed' || Date.now() >= deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
