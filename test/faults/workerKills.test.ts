import { describe, expect, it } from 'vitest';
import { faultSeeds } from './support/pipeline.js';
import type { WorkerKind } from './support/supervisor.js';
import { expectSameAsCleanRun } from './support/verdict.js';

const KINDS: WorkerKind[] = ['ingest', 'matcher', 'notifier'];

describe.each(faultSeeds())('worker processes SIGKILLed at random moments (seed %i)', (seed) => {
  it('ends with the same permits, matches, findings and digests as a clean run', async () => {
    const report = await expectSameAsCleanRun('sigkill', seed, {
      // Deliveries take a while, so a notifier is often killed in the middle of one.
      webhook: { delayMs: () => 150 },
      async inject(run) {
        // At random moments until the run settles, kill the next worker in turn (ingest,
        // matcher, notifier), as soon as it is running a job if it gets one within 3 s.
        let turn = Math.floor(run.random() * 3);
        let midJob = 0;
        for (let kills = 0; kills < 12; kills += 1) {
          await run.sleep(300 + run.random() * 1200);
          if (!(await run.busy()).length) break;
          const kind = KINDS[turn++ % 3]!;
          for (let waited = 0; waited < 3000 && !(await run.working()).includes(kind); waited += 50) await run.sleep(50);
          if ((await run.working()).includes(kind)) midJob += 1;
          await run.supervisor.kill(kind);
        }
        return { kills: Object.values(run.supervisor.kills).reduce((a, b) => a + b, 0), midJob };
      },
    });
    expect(report.faults.kills).toBeGreaterThanOrEqual(3);
  }, 600_000);
});
