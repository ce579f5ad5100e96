import type { QueueName } from '../../schemas/jobs.js';
import { createApp } from '../app.js';
import { readBranchFile } from '../branches/branchFile.js';
import { syncBranches } from '../branches/branchRepository.js';
import { loadConfig } from '../config.js';
import { checkRedisPolicy } from './redisPolicy.js';
import { declareSchedules } from './schedules.js';
import { startWorkers } from './workerHost.js';

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
  const ctx = createApp(config, name);
  await syncBranches(ctx.db, await readBranchFile(config.BRANCHES_FILE));
  await checkRedisPolicy(ctx.redis, ctx.logger);
  if (queues.includes('ingest') || queues.includes('notify')) await declareSchedules(ctx);
  const host = startWorkers(ctx, queues);
  ctx.logger.info({ queues, prefix: config.QUEUE_PREFIX }, 'worker started');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.logger.info({ signal }, 'stopping: finishing active jobs');
    await host.close();
    await ctx.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
