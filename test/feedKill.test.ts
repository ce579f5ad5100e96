import { describe, expect, it } from 'vitest';
import { runFeedKill } from './support/feedKillHarness.js';

describe('feed sync with its worker process SIGKILLed at random moments', () => {
  it('ends with exactly the permits of a clean run (reduced size; npm run verify:feed-kill for 100,000)', async () => {
    const report = await runFeedKill({ permits: 6000, kills: 3, seed: 42, pageSize: 50, lifetimeMs: [900, 1600] });
    expect(report.kills).toBeGreaterThanOrEqual(1);
    expect(report.storedFaulty).toBe(report.storedClean);
    expect(report.storedClean).toBe(6000);
    expect({ lost: report.lost, extra: report.extra, differing: report.differing }).toEqual({ lost: 0, extra: 0, differing: 0 });
    expect(report.rejectsFaulty).toBe(report.rejectsClean);
  }, 180_000);
});
