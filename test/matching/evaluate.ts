import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp, matchSettings, type AppContext } from '../../src/app.js';
import { readBranchFile } from '../../src/branches/branchFile.js';
import { syncBranches } from '../../src/branches/branchRepository.js';
import type { Env } from '../../src/config.js';
import { dropDatabase, migrateToLatest } from '../../src/db/migrate.js';
import { importEnrollmentFile } from '../../src/enrollment/enrollmentImport.js';
import { matchBatch } from '../../src/matching/matchBatch.js';
import type { NameThresholds } from '../../src/matching/nameDecision.js';
import { importPermitFile } from '../../src/oss/fileImport.js';
import { requestMatching } from '../../src/matching/matchRequestRepository.js';

/** Measures the matcher on the labelled set kept in test/matching/labelled/. */
const DIR = fileURLToPath(new URL('./labelled/', import.meta.url));

export interface Label {
  nib: string;
  npp: string | null;
  evidence: string;
  active: boolean;
  declared: number;
  variant: string | null;
  relation: string | null;
  hand?: string;
}

export interface Outcome {
  decision: 'matched' | 'unmatched' | 'review';
  npp: string | null;
  method: string;
  best: number | null;
  bestNpp: string | null;
  runner: number | null;
}

export interface Metrics {
  links: number;
  correct: number;
  truths: number;
  review: number;
  permits: number;
  flagged: number;
  flaggedRight: number;
}

export function readLabels(): Map<string, Label> {
  return new Map(
    readFileSync(`${DIR}labels.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Label).map((l) => [l.nib, l]),
  );
}

export interface HandCase {
  permit: [string, string];
  employer: [string, string];
  same: boolean;
  note: string;
}

/** The hand-written cases by the NIB the labelled set gives each (build-labelled-set.ts). */
export function readHandCases(): Map<string, HandCase> {
  const cases = (JSON.parse(readFileSync(`${DIR}hand-cases.json`, 'utf8')) as { cases: HandCase[] }).cases;
  return new Map(cases.map((c, i) => [handCaseNib(i), c]));
}

export const handCaseNib = (index: number) => String(9199900000000 + index);
export const handCaseNpp = (index: number) => String(99990000 + index);

export const precision = (m: Metrics) => m.correct / m.links;
export const recall = (m: Metrics) => m.correct / m.truths;
export const reviewRate = (m: Metrics) => m.review / m.permits;

/** Scores decisions against the labels. `unregistered` counts permits a PWBD finding would flag. */
export function measure(labels: Map<string, Label>, decisions: Map<string, { decision: string; npp: string | null }>): Metrics {
  const m: Metrics = { links: 0, correct: 0, truths: 0, review: 0, permits: 0, flagged: 0, flaggedRight: 0 };
  for (const [nib, label] of labels) {
    const d = decisions.get(nib);
    if (!d) continue;
    m.permits += 1;
    if (label.npp) m.truths += 1;
    if (d.decision === 'matched') {
      m.links += 1;
      if (d.npp === label.npp) m.correct += 1;
    }
    if (d.decision === 'review') m.review += 1;
    if (d.decision === 'unmatched' && label.active && label.declared >= 1) {
      m.flagged += 1;
      if (!label.npp) m.flaggedRight += 1;
    }
  }
  return m;
}

/** A fresh database with the labelled set loaded. */
export async function loadLabelledSet(base: Env, databaseName: string): Promise<AppContext> {
  const url = new URL(base.DATABASE_URL);
  url.pathname = `/${databaseName}`;
  const config: Env = { ...base, DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' };
  await dropDatabase(config.DATABASE_URL);
  await migrateToLatest(config.DATABASE_URL);
  const ctx = createApp(config);
  await syncBranches(ctx.db, await readBranchFile(config.BRANCHES_FILE));
  await importEnrollmentFile(ctx.db, `${DIR}employers.csv`);
  await importPermitFile(ctx.db, `${DIR}permits.jsonl`, async () => undefined);
  return ctx;
}

/** Matches every permit as the queue would (batches of 1000, then displaced ones) until settled. */
export async function matchAll(ctx: AppContext, names: NameThresholds): Promise<Map<string, Outcome>> {
  await requestMatching(ctx.db, (await ctx.db.selectFrom('permit').select('nib').execute()).map((r) => r.nib));
  for (;;) {
    const nibs = (await ctx.db.selectFrom('match_request').select('nib').orderBy('nib').execute()).map((r) => r.nib);
    if (!nibs.length) break;
    for (let i = 0; i < nibs.length; i += 1000) await matchBatch(ctx.db, nibs.slice(i, i + 1000), { ...matchSettings(ctx.config), names });
  }
  const rows = await ctx.db.selectFrom('match').select(['nib', 'decision', 'npp', 'method', 'explanation']).execute();
  return new Map(
    rows.map((r) => {
      const e = r.explanation as { top?: Array<{ npp: string; score: number }>; runner_up?: { npp: string; score?: number } | null };
      const best = e.top?.[0] ?? (r.decision === 'unmatched' && e.runner_up?.score !== undefined ? { npp: e.runner_up.npp, score: e.runner_up.score } : null);
      return [r.nib, { decision: r.decision, npp: r.npp, method: r.method, best: best?.score ?? null, bestNpp: best?.npp ?? null, runner: e.top?.[1]?.score ?? null }];
    }),
  );
}

/** Re-decides name-scored permits offline for other thresholds (for the sweep). */
export function redecide(outcomes: Map<string, Outcome>, t: NameThresholds): Map<string, { decision: string; npp: string | null }> {
  const out = new Map<string, { decision: string; npp: string | null }>();
  for (const [nib, o] of outcomes) {
    if (o.method !== 'name' && !(o.decision === 'unmatched' && o.best !== null)) {
      out.set(nib, o);
      continue;
    }
    const best = o.best ?? 0;
    const margin = best - (o.runner ?? 0);
    if (best >= t.match && margin >= t.margin) out.set(nib, { decision: 'matched', npp: o.bestNpp });
    else if (best >= t.review) out.set(nib, { decision: 'review', npp: null });
    else out.set(nib, { decision: 'unmatched', npp: null });
  }
  return out;
}

/** Share of open `unregistered` findings whose permit is truly not enrolled. */
export async function unregisteredFindingPrecision(ctx: AppContext, labels: Map<string, Label>): Promise<{ right: number; total: number }> {
  const findings = await ctx.db.selectFrom('finding').select('nib').where('category', '=', 'unregistered').where('status', 'in', ['open', 'notified']).execute();
  return { right: findings.filter((f) => !labels.get(f.nib)?.npp).length, total: findings.length };
}
