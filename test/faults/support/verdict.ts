import { appendFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { cleanRun, compareRuns, faultyRun, scenarioData, type FaultyRunOptions, type FaultyRunReport } from './pipeline.js';

/** Prints one line of a scenario's figures, and appends it to $FAULT_REPORT when set. */
export async function reportFigures(figures: Record<string, unknown>): Promise<void> {
  console.log(`FAULTS ${JSON.stringify(figures)}`);
  if (process.env.FAULT_REPORT) await appendFile(process.env.FAULT_REPORT, `${JSON.stringify(figures)}\n`);
}

/**
 * Runs one scenario on one seed: a clean run and a faulty run of the same data, then
 * checks the faulty run ends exactly where the clean one did, and reports the figures for
 * the README's Reliability section.
 */
export async function expectSameAsCleanRun(scenario: string, seed: number, options: FaultyRunOptions): Promise<FaultyRunReport> {
  const data = scenarioData(seed);
  const clean = await cleanRun(data);
  const faulty = await faultyRun(data, options);
  const comparison = compareRuns(data, clean, faulty.snapshot);
  const figures = {
    scenario,
    seed,
    records: comparison.records,
    permits: comparison.permits,
    findings: faulty.snapshot.announcements.active,
    digests: faulty.snapshot.digests.total,
    faults: faulty.faults,
    kills: faulty.kills,
    crashes: faulty.crashes,
    lost: comparison.lost,
    duplicates: comparison.duplicates,
    differing: comparison.differing + comparison.matchDifferences.length + comparison.findingDifferences.length,
    rejected: comparison.rejected,
    seconds: faulty.seconds,
  };
  await reportFigures(figures);

  expect(comparison.permits).toBe(data.nibs);
  expect({ lost: comparison.lost, extra: comparison.extra, differing: comparison.differing, rejected: comparison.rejected }).toEqual({
    lost: 0,
    extra: 0,
    differing: 0,
    rejected: 0,
  });
  expect(comparison.matchDifferences).toEqual([]);
  expect(comparison.findingDifferences).toEqual([]);
  expect({ undelivered: comparison.undelivered, unannounced: comparison.unannounced, duplicates: comparison.duplicates }).toEqual({
    undelivered: 0,
    unannounced: 0,
    duplicates: 0,
  });
  expect(faulty.personalDataInLogs).toEqual([]);
  // Nothing but the injected kills ends a worker process: faults are absorbed, not crashed on.
  expect({ crashes: faulty.crashes, reports: faulty.crashReports }).toEqual({ crashes: { ingest: 0, matcher: 0, notifier: 0 }, reports: [] });
  return faulty;
}
