import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jakartaYmd, pushToken, verifyPushToken } from './pushToken.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

const nib = fc.stringMatching(/^[0-9]{13}$/);
const credentials = fc.record({ username: fc.string({ minLength: 1, maxLength: 20 }), password: fc.string({ minLength: 1, maxLength: 20 }) });
const moment = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });

describe('push token: properties', () => {
  it('jakartaYmd is always eight digits of a real Jakarta calendar day', () => {
    fc.assert(
      fc.property(moment, (at) => {
        const ymd = jakartaYmd(at);
        expect(ymd).toMatch(/^[0-9]{8}$/);
        const wib = new Date(at.getTime() + 7 * 3600_000);
        expect(ymd).toBe(`${wib.getUTCFullYear()}${String(wib.getUTCMonth() + 1).padStart(2, '0')}${String(wib.getUTCDate()).padStart(2, '0')}`);
      }),
      runs(200),
    );
  });

  it('accepts the token OSS computes, in any case and padded, on the day and the days either side', () => {
    fc.assert(
      fc.property(credentials, nib, moment, fc.constantFrom(-1, 0, 1), fc.constantFrom('', ' ', '\t'), fc.boolean(), (cred, n, now, dayOffset, pad, upper) => {
        const signed = pushToken(cred.username, cred.password, n, jakartaYmd(new Date(now.getTime() + dayOffset * 86_400_000)));
        const presented = `${pad}${upper ? signed.toUpperCase() : signed}${pad}`;
        expect(verifyPushToken(presented, cred, n, now)).toBe(true);
      }),
      runs(200),
    );
  });

  it('never throws on arbitrary header values and accepts none of them', () => {
    const header = fc.oneof(
      fc.constant(undefined),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.stringMatching(/^[0-9a-f]{40}$/),
      fc.string({ maxLength: 5000 }),
    );
    fc.assert(
      fc.property(header, credentials, nib, moment, (token, cred, n, now) => {
        // A random 40-hex string equals one of three SHA-1s only by astronomic chance.
        expect(verifyPushToken(token, cred, n, now)).toBe(false);
      }),
      runs(300),
    );
  });

  it('a token for another NIB, another password or two days off is refused', () => {
    fc.assert(
      fc.property(credentials, nib, nib, moment, (cred, n, other, now) => {
        fc.pre(n !== other);
        const ymd = jakartaYmd(now);
        expect(verifyPushToken(pushToken(cred.username, cred.password, other, ymd), cred, n, now)).toBe(false);
        expect(verifyPushToken(pushToken(cred.username, `${cred.password}x`, n, ymd), cred, n, now)).toBe(false);
        expect(verifyPushToken(pushToken(cred.username, cred.password, n, jakartaYmd(new Date(now.getTime() + 2 * 86_400_000))), cred, n, now)).toBe(false);
      }),
      runs(200),
    );
  });
});
