import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AppContext } from '../../src/app.js';
import { readBranchFile } from '../../src/branches/branchFile.js';
import { syncBranches } from '../../src/branches/branchRepository.js';
import { loadConfig, type Env } from '../../src/config.js';
import { REDIS_URL, cloneTemplate } from './databases.js';

export interface TestEnv {
  ctx: AppContext;
  config: Env;
  /** Environment for running the CLI as a child process against this test's services. */
  env: NodeJS.ProcessEnv;
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * A fresh database (cloned from the migrated template), a queue prefix of its own and a
 * scratch directory: tests run in parallel without seeing each other.
 */
export async function createTestEnv(overrides: Partial<Record<keyof Env, string>> = {}): Promise<TestEnv> {
  const id = randomBytes(4).toString('hex');
  const database = await cloneTemplate();
  const dir = await mkdtemp(join(tmpdir(), 'patuh-test-'));
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: `t-${id}`,
    NOTIFY_DIR: join(dir, 'digests'),
    NOTIFY_GROUP_WAIT_MS: '0',
    NOTIFY_GROUP_INTERVAL_MS: '0',
    LOG_LEVEL: 'silent',
    ...overrides,
  };
  const config = loadConfig(env);
  const ctx = createApp(config, 'patuh-test');
  await syncBranches(ctx.db, await readBranchFile(config.BRANCHES_FILE));
  return {
    ctx,
    config,
    env: { ...process.env, ...env },
    dir,
    async cleanup() {
      await ctx.queues.obliterateAll().catch(() => undefined);
      await ctx.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
