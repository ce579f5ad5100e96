import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './httpErrors.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

describe('parseRetryAfter: properties', () => {
  it('never throws on any header value; an answer is a non-negative number of milliseconds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string({ unit: 'binary', maxLength: 40 }), fc.stringMatching(/^ ?[0-9]{1,25} ?$/)), (value) => {
        const ms = parseRetryAfter(value, 1_700_000_000_000);
        if (ms !== null) {
          expect(Number.isNaN(ms)).toBe(false);
          expect(ms).toBeGreaterThanOrEqual(0);
        }
      }),
      runs(300),
    );
  });

  it('reads delay-seconds and HTTP dates alike', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }), (seconds, now) => {
        expect(parseRetryAfter(String(seconds), now.getTime())).toBe(seconds * 1000);
        const at = new Date(Math.floor(now.getTime() / 1000) * 1000 + seconds * 1000);
        expect(parseRetryAfter(at.toUTCString(), now.getTime())).toBe(Math.max(0, at.getTime() - now.getTime()));
      }),
      runs(200),
    );
  });

  it('backoffDelay stays within [0, min(cap, base * 2^attempt)] for any random source', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 600_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, base, cap, r) => {
        const delay = backoffDelay(attempt, base, cap, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(cap, base * 2 ** attempt));
      }),
      runs(200),
    );
  });
});
