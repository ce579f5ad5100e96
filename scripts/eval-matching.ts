import { parseArgs } from 'node:util';
import { matchSettings } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { NameThresholds } from '../src/matching/nameDecision.js';
import { loadLabelledSet, matchAll, measure, readHandCases, readLabels, redecide, unregisteredFindingPrecision, type Metrics } from '../test/matching/evaluate.js';

/**
 * Prints the matcher's link precision and recall, review rate and precision of
 * `unregistered` findings on the labelled set, at the configured thresholds; with
 * --sweep, also the best thresholds over a grid; with --cases, each hand-written case not
 * decided right (linked wrongly, left unmatched, or in review), with its best score.
 *
 *   npm run eval:matching [-- --sweep] [-- --cases]
 */
const { values } = parseArgs({ options: { sweep: { type: 'boolean', default: false }, cases: { type: 'boolean', default: false } } });
const labels = readLabels();
const ctx = await loadLabelledSet({ ...loadConfig(), QUEUE_PREFIX: 'patuh-eval' }, 'patuh_eval');
const pct = (n: number, d: number) => (d ? (n / d).toFixed(4) : 'n/a');
const summary = (m: Metrics) =>
  `precision ${pct(m.correct, m.links)}  recall ${pct(m.correct, m.truths)}  review rate ${pct(m.review, m.permits)}  unregistered precision ${pct(m.flaggedRight, m.flagged)}`;

try {
  const all = [...labels.values()];
  console.log(`labelled set: ${all.length} permits (${all.filter((l) => l.npp).length} enrolled, ${all.filter((l) => l.evidence === 'name').length} to be found by name alone, ${all.filter((l) => l.hand).length} hand-written cases)`);
  if (values.sweep) {
    const raw = await matchAll(ctx, { match: 2, margin: 0, review: 0 });
    const rows: Array<{ t: NameThresholds; m: Metrics }> = [];
    for (let match = 0.7; match <= 0.98; match += 0.02)
      for (const margin of [0, 0.03, 0.05, 0.08, 0.1, 0.15])
        for (let review = 0.5; review <= match + 1e-9; review += 0.04) {
          const t = { match: Number(match.toFixed(2)), margin, review: Number(review.toFixed(2)) };
          rows.push({ t, m: measure(labels, redecide(raw, t)) });
        }
    const ok = rows.filter(({ m }) => m.correct / m.links >= 0.995 && m.review / m.permits <= 0.05 && m.flaggedRight / m.flagged >= 0.98);
    ok.sort((a, b) => b.m.correct - a.m.correct || a.m.review - b.m.review);
    console.log('\nsweep: thresholds meeting precision ≥ 0.995, review ≤ 5 %, unregistered precision ≥ 0.98, best recall first:');
    for (const { t, m } of ok.slice(0, 8)) console.log(`  match ${t.match} margin ${t.margin} review ${t.review}: ${summary(m)}`);
    if (!ok.length) console.log('  none');
  }
  const names = matchSettings(ctx.config).names;
  const outcomes = await matchAll(ctx, names);
  const m = measure(labels, outcomes);
  const findings = await unregisteredFindingPrecision(ctx, labels);
  console.log(`\nat MATCH_NAME_THRESHOLD=${names.match} MATCH_MARGIN=${names.margin} MATCH_REVIEW_THRESHOLD=${names.review}:`);
  console.log(`  link precision  ${pct(m.correct, m.links)}   (${m.correct} of ${m.links} links right)`);
  console.log(`  link recall     ${pct(m.correct, m.truths)}   (${m.correct} of ${m.truths} enrolled companies linked)`);
  console.log(`  review rate     ${pct(m.review, m.permits)}   (${m.review} of ${m.permits} permits)`);
  console.log(`  unregistered findings precision ${pct(findings.right, findings.total)}   (${findings.right} of ${findings.total} truly unregistered)`);
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
  console.log('\n  by case                             right review  total');
  for (const [key, g] of [...groups].sort()) console.log(`    ${key.padEnd(32)} ${String(g.right).padStart(5)} ${String(g.review).padStart(6)} ${String(g.n).padStart(6)}`);
  if (values.cases) {
    const hand = readHandCases();
    console.log('\n  hand-written cases not decided right:');
    for (const [nib, label] of labels) {
      const c = label.hand ? hand.get(nib) : undefined;
      const d = outcomes.get(nib)!;
      if (!c || (d.decision !== 'review' && (d.decision === 'matched' ? d.npp : null) === label.npp)) continue;
      const best = d.best === null ? '' : ` (best ${d.best.toFixed(3)}${d.runner === null ? '' : `, runner-up ${d.runner.toFixed(3)}`})`;
      console.log(`    ${c.same ? 'same' : 'different'}, ${d.decision}${best}: ${c.permit[0]} [${c.permit[1]}] / ${c.employer[0]} [${c.employer[1]}]: ${c.note}`);
    }
  }
} finally {
  await ctx.close();
}
