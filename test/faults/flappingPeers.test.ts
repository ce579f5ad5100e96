import { describe, expect, it } from 'vitest';
import type { FeedFault } from '../../src/demo/feedServer.js';
import { faultSeeds } from './support/pipeline.js';
import { expectSameAsCleanRun } from './support/verdict.js';

/** Rolls that force each fault kind once, on the 2nd to 5th page requests. */
const FIRST_FAULTS: Record<number, number> = { 2: 0.01, 3: 0.06, 4: 0.1, 5: 0.15 };

describe.each(faultSeeds())('the OSS feed flapping and the webhook receiver down (seed %i)', (seed) => {
  it('ends with the same state as a clean run: every page stored once, every digest delivered once', async () => {
    const injected = { timeouts: 0, status503: 0, status429: 0, truncated: 0, webhookRefused: 0 };
    let burst = 0;
    let webhookDownUntil = 0;
    let outages = 0;
    let calls = 0;
    let requests = 0;
    const report = await expectSameAsCleanRun('flapping-peers', seed, {
      // Pages hang past the client timeout, come back 503 in bursts, 429 with Retry-After, or
      // cut short: each kind once among the first requests, then at random.
      feedFault: (random) => () => {
        if (burst > 0) {
          burst -= 1;
          injected.status503 += 1;
          return { kind: 'status', status: 503 };
        }
        requests += 1;
        const roll = FIRST_FAULTS[requests] ?? random();
        let fault: FeedFault | null = null;
        if (roll < 0.05) {
          burst = 2 + Math.floor(random() * 3);
          injected.status503 += 1;
          fault = { kind: 'status', status: 503 };
        } else if (roll < 0.09) {
          injected.status429 += 1;
          fault = { kind: 'status', status: 429, retryAfter: '1' };
        } else if (roll < 0.14) {
          injected.truncated += 1;
          fault = { kind: 'truncate' };
        } else if (roll < 0.17) {
          injected.timeouts += 1;
          fault = { kind: 'hang', ms: 2500 };
        }
        return fault ?? { kind: 'hang', ms: 100 };
      },
      // The receiver goes down (answers 503) twice for 3 to 6 s: first on its 3rd request,
      // again on the first request 4 s after it came back.
      webhook: {
        delayMs: () => 40,
        status: () => {
          calls += 1;
          const now = Date.now();
          if (now >= webhookDownUntil && outages < 2 && (outages === 0 ? calls >= 3 : now >= webhookDownUntil + 4000)) {
            outages += 1;
            webhookDownUntil = now + 3000 + Math.floor(((seed * 37 + outages * 11) % 30) * 100);
          }
          if (now < webhookDownUntil) {
            injected.webhookRefused += 1;
            return 503;
          }
          return 200;
        },
      },
      env: { OSS_HTTP_TIMEOUT_MS: '1000' },
      async inject() {
        return injected;
      },
    });
    // Faults were counted until the run settled (the returned object is live).
    expect(Math.min(injected.status503, injected.status429, injected.truncated, injected.timeouts)).toBeGreaterThan(0);
    expect(injected.webhookRefused).toBeGreaterThan(0);
    // Every refused post was followed by one that got through.
    expect(report.webhookPosts).toBeGreaterThan(injected.webhookRefused);
  }, 600_000);
});
