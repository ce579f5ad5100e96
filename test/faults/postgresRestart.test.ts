import { afterEach, describe, expect, it } from 'vitest';
import { atRandomMoments, faultSeeds } from './support/pipeline.js';
import { startPrivatePostgres, type PrivatePostgres } from './support/privateServices.js';
import { expectSameAsCleanRun } from './support/verdict.js';

describe.each(faultSeeds())('PostgreSQL restarted mid-run (seed %i)', (seed) => {
  let postgres: PrivatePostgres | undefined;
  afterEach(async () => {
    await postgres?.stop();
    postgres = undefined;
  });

  it('PostgreSQL stopped hard (immediate mode, crash recovery on start) twice: the same end state as a clean run', async () => {
    postgres = await startPrivatePostgres();
    const server = postgres;
    const report = await expectSameAsCleanRun('postgres-restart', seed, {
      postgres: server,
      inject: async (run) => ({ postgresRestarts: await atRandomMoments(run, 2, () => server.restart(1000 + run.random() * 2000)) }),
    });
    expect(report.faults.postgresRestarts).toBeGreaterThan(0);
  }, 600_000);
});
