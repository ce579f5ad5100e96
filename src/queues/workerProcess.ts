import type { QueueName } from '../../schemas/jobs.js';
import { createApp } from '../app.js';
import { readBranchFile } from '../branches/branchFile.js';
import { syncBranches } from '../branches/branchRepository.js';
import { loadConfig } from '../config.js';
import { assertDatabaseReady } from '../db/databaseReady.js';
import { checkRedisPolicy } from './redisPolicy.js';
import { declareSchedules } from './schedules.js';
import { startWorkers } from './workerHost.js';
import { watchRedis } from './redisWatch.js';

const STARTUP_ATTEMPTS = 60;

/**
 * A long-running worker process for some queues. SIGTERM/SIGINT stop taking jobs, let
 * active ones finish, close connections and exit 0.
 */
export async function runWorkerProcess(queues: QueueName[], name: string): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(`${name}: ${(error as Error).message}`);
    process.exit(2);
  }
  // Read before any connection opens: an open connection would keep a process whose
  // start-up failed alive, doing nothing, where a supervisor would restart it.
  const branches = await readBranchFile(config.BRANCHES_FILE);
  let ctx = createApp(config, name);
  // PostgreSQL or Redis may be restarting, or `db migrate` still running, while this process starts: wait rather than crash.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await assertDatabaseReady(ctx.db as never, config.DATABASE_URL);
      await syncBranches(ctx.db, branches);
      await checkRedisPolicy(ctx.redis, ctx.logger);
      if (queues.includes('ingest') || queues.includes('notify')) await declareSchedules(ctx);
      break;
    } catch (error) {
      if (attempt >= STARTUP_ATTEMPTS) {
        ctx.logger.fatal({ error: (error as Error).message }, 'PostgreSQL or Redis not ready at start-up; giving up');
        process.exit(1);
      }
      ctx.logger.warn({ error: (error as Error).message, attempt }, 'PostgreSQL or Redis not ready at start-up; retrying');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Each attempt gets fresh connections: one that failed while the server restarted may
      // never recover. The old ones are closed in the background (closing may wait on them).
      void ctx.close().catch(() => undefined);
      ctx = createApp(config, name);
    }
  }
  const watch = watchRedis(ctx);
  await watch.ready;
  const host = startWorkers(ctx, queues);
  ctx.logger.info({ queues, prefix: config.QUEUE_PREFIX }, 'worker started');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.logger.info({ signal }, 'stopping: finishing active jobs');
    watch.stop();
    await host.close();
    await ctx.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
