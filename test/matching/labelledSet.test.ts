import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app.js';
import { matchSettings } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { dropDatabase } from '../../src/db/migrate.js';
import { RUN_DB_PREFIX, databaseUrl } from '../support/databases.js';
import { loadLabelledSet, matchAll, measure, precision, readLabels, recall, reviewRate, unregisteredFindingPrecision } from './evaluate.js';

describe('matcher on the labelled set (real PostgreSQL)', () => {
  let ctx: AppContext;
  const name = `${RUN_DB_PREFIX}labelled_${process.pid}`;
  beforeAll(async () => {
    ctx = await loadLabelledSet(loadConfig({ DATABASE_URL: databaseUrl('postgres'), QUEUE_PREFIX: `t-labelled-${process.pid}` }), name);
  }, 120_000);
  afterAll(async () => {
    await ctx.close();
    await dropDatabase(databaseUrl(name));
  });

  it('links precisely (≥ 0.995), finds almost every enrolled company (≥ 0.97), reviews ≤ 5 %, flags PWBD precisely (≥ 0.98)', async () => {
    const labels = readLabels();
    const outcomes = await matchAll(ctx, matchSettings(ctx.config).names);
    const m = measure(labels, outcomes);
    expect(precision(m)).toBeGreaterThanOrEqual(0.995);
    expect(recall(m)).toBeGreaterThanOrEqual(0.97);
    expect(reviewRate(m)).toBeLessThanOrEqual(0.05);
    const findings = await unregisteredFindingPrecision(ctx, labels);
    expect(findings.right / findings.total).toBeGreaterThanOrEqual(0.98);
  }, 180_000);
});
