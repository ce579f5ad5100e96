import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp, matchSettings } from '../src/app.js';
import { readBranchFile } from '../src/branches/branchFile.js';
import { syncBranches } from '../src/branches/branchRepository.js';
import { loadConfig } from '../src/config.js';
import { dropDatabase, migrateToLatest } from '../src/db/migrate.js';
import { importEnrollmentFile } from '../src/enrollment/enrollmentImport.js';
import { matchBatch } from '../src/matching/matchBatch.js';
import type { NameThresholds } from '../src/matching/nameDecision.js';
import { importPermitFile } from '../src/oss/fileImport.js';

/**
 * Measures the matcher on the labelled set (test/matching/labelled): link precision and
 * recall, review rate, and precision of `unregistered` findings, at the configured
 * thresholds; with --sweep, also over a grid of thresholds.
 *
 *   npm run eval:matching [-- --sweep]
 */
const { values } = parseArgs({ options: { sweep: { type: 'boolean', default: false } } });
const dir = fileURLToPath(new URL('../test/matching/labelled/', import.meta.url));

interface Label { nib: string; npp: string | null; evidence: string; active: boolean; declared: number; variant: string | null; relation: string | null; hand?: string }
interface Outcome { decision: 'matched' | 'unmatched' | 'review'; npp: string | null; method: string; best: number | null; bestNpp: string | null; runner: number | null }

const labels = new Map(
  readFileSync(`${dir}labels.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Label).map((l) => [l.nib, l]),
);

const base = loadConfig();
const url = new URL(base.DATABASE_URL);
url.pathname = '/patuh_eval';
const config = { ...base, DATABASE_URL: url.toString(), QUEUE_PREFIX: 'patuh-eval', LOG_LEVEL: 'silent' as const };
await dropDatabase(config.DATABASE_URL);
await migrateToLatest(config.DATABASE_URL);
const ctx = createApp(config);

async function runMatching(names: NameThresholds): Promise<Map<string, Outcome>> {
  await ctx.db.updateTable('permit').set({ match_requested_at: new Date() }).execute();
  // As the queue would: batches of 1000, then whatever a better match displaced, until settled.
  for (;;) {
    const nibs = (await ctx.db.selectFrom('permit').select('nib').where('match_requested_at', 'is not', null).orderBy('nib').execute()).map((r) => r.nib);
    if (!nibs.length) break;
    for (let i = 0; i < nibs.length; i += 1000) await matchBatch(ctx.db, nibs.slice(i, i + 1000), { ...matchSettings(config), names });
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

interface Metrics { links: number; correct: number; truths: number; review: number; permits: number; flagged: number; flaggedRight: number }
function measure(decisions: Map<string, { decision: string; npp: string | null }>): Metrics {
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
const pct = (n: number, d: number) => (d ? (n / d).toFixed(4) : 'n/a');
const summary = (m: Metrics) =>
  `precision ${pct(m.correct, m.links)}  recall ${pct(m.correct, m.truths)}  review rate ${pct(m.review, m.permits)}  unregistered precision ${pct(m.flaggedRight, m.flagged)}`;

/** Re-decides name-scored permits offline for other thresholds. */
function redecide(outcomes: Map<string, Outcome>, t: NameThresholds) {
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

try {
  await syncBranches(ctx.db, await readBranchFile(config.BRANCHES_FILE));
  const e = await importEnrollmentFile(ctx.db, `${dir}employers.csv`);
  const p = await importPermitFile(ctx.db, `${dir}permits.jsonl`, async () => undefined);
  console.log(`labelled set: ${p.accepted} permits (${[...labels.values()].filter((l) => l.npp).length} enrolled, ${[...labels.values()].filter((l) => l.evidence === 'name').length} to be found by name), ${e.loaded} employers`);

  const configured = matchSettings(config).names;
  if (values.sweep) {
    // Every name-scored permit kept with its best and runner-up scores.
    const raw = await runMatching({ match: 2, margin: 0, review: 0 });
    const rows: Array<{ t: NameThresholds; m: Metrics }> = [];
    for (let match = 0.7; match <= 0.98; match += 0.02)
      for (const margin of [0, 0.03, 0.05, 0.08, 0.1, 0.15])
        for (let review = 0.5; review <= match + 1e-9; review += 0.04) {
          const t = { match: Number(match.toFixed(2)), margin, review: Number(review.toFixed(2)) };
          rows.push({ t, m: measure(redecide(raw, t)) });
        }
    const ok = rows.filter(({ m }) => m.correct / m.links >= 0.995 && m.review / m.permits <= 0.05 && m.flaggedRight / m.flagged >= 0.98);
    ok.sort((a, b) => b.m.correct - a.m.correct || a.m.review - b.m.review);
    console.log('\nsweep: best thresholds meeting precision ≥ 0.995, review ≤ 5 %, unregistered precision ≥ 0.98 (by recall):');
    for (const { t, m } of ok.slice(0, 8)) console.log(`  match ${t.match} margin ${t.margin} review ${t.review}: ${summary(m)}`);
    if (!ok.length) console.log('  none');
  }

  const outcomes = await runMatching(configured);
  const m = measure(outcomes);
  const findings = await ctx.db.selectFrom('finding').select(['nib']).where('category', '=', 'unregistered').where('status', 'in', ['open', 'notified']).execute();
  const rightFindings = findings.filter((f) => !labels.get(f.nib)?.npp).length;
  console.log(`\nat MATCH_NAME_THRESHOLD=${configured.match} MATCH_MARGIN=${configured.margin} MATCH_REVIEW_THRESHOLD=${configured.review}:`);
  console.log(`  link precision  ${pct(m.correct, m.links)}   (${m.correct} of ${m.links} links right)`);
  console.log(`  link recall     ${pct(m.correct, m.truths)}   (${m.correct} of ${m.truths} enrolled companies linked)`);
  console.log(`  review rate     ${pct(m.review, m.permits)}   (${m.review} of ${m.permits} permits)`);
  console.log(`  unregistered findings precision ${pct(rightFindings, findings.length)}   (${rightFindings} of ${findings.length} truly unregistered)`);
  const groups = new Map<string, { n: number; right: number; review: number }>();
  for (const [nib, label] of labels) {
    const d = outcomes.get(nib)!;
    const key = label.hand ? 'hand-written' : label.npp ? `enrolled, ${label.evidence}${label.variant && label.variant !== 'exact' ? `, ${label.variant}` : ''}` : `not enrolled${label.relation ? `, ${label.relation}` : ''}`;
    const g = groups.get(key) ?? { n: 0, right: 0, review: 0 };
    g.n += 1;
    if (d.decision === 'review') g.review += 1;
    else if ((d.decision === 'matched' ? d.npp : null) === label.npp) g.right += 1;
    groups.set(key, g);
  }
  console.log('\n  by case: right / review / total');
  for (const [key, g] of [...groups].sort()) console.log(`    ${key.padEnd(34)} ${String(g.right).padStart(5)} ${String(g.review).padStart(5)} ${String(g.n).padStart(6)}`);
  const wrongHand = [...labels.values()].filter((l) => l.hand && (() => { const d = outcomes.get(l.nib)!; return d.decision !== 'review' && (d.decision === 'matched' ? d.npp : null) !== l.npp; })());
  for (const l of wrongHand) console.log(`    hand case wrong: ${l.hand} → ${outcomes.get(l.nib)!.decision} (best ${outcomes.get(l.nib)!.best})`);
} finally {
  await ctx.close();
}
