import { Option, type Command } from 'commander';
import { QUEUE_NAMES } from '../../schemas/jobs.js';
import { readBranchFile } from '../branches/branchFile.js';
import { syncBranches } from '../branches/branchRepository.js';
import { loadConfig } from '../config.js';
import { requeueOutstandingWork } from '../queues/reconcile.js';
import { idArgument, secondsArgument, wholeNumberArgument } from './arguments.js';
import { printable, UsageError } from './output.js';
import { withApp } from './withApp.js';
import { requestFeedSync } from '../oss/feedQueue.js';
import { resetCursor } from '../oss/feedCheckpointRepository.js';

export function registerOpsCommands(program: Command): void {
  program
    .command('run')
    .description('run all workers in this process (until SIGTERM, or with --until-idle until every queue is drained)')
    .option('--until-idle', 'exit once every queue is drained')
    .action(async (opts: { untilIdle?: boolean }) => {
      // The job handlers load the notifier's workbook and mail libraries: only commands that run them pay for it.
      const { runUntilIdle } = await import('../queues/runUntilIdle.js');
      const { runWorkerProcess } = await import('../queues/workerProcess.js');
      if (!opts.untilIdle) {
        await runWorkerProcess(QUEUE_NAMES, 'patuh-run');
        return;
      }
      await withApp(async (ctx) => {
        await syncBranches(ctx.db, await readBranchFile(ctx.config.BRANCHES_FILE));
        const { countFailedDigests } = await import('../notify/digestRepository.js');
        const deadLetteredBefore = await countFailedDigests(ctx.db);
        // Without this a signal ended the process mid-job and left its jobs locked in Redis
        // for WORKER_LOCK_MS; stopping the workers lets the next run take them at once.
        const stop = new AbortController();
        const onSignal = (signal: NodeJS.Signals) => {
          console.error(`patuh: ${signal}: stopping after the jobs in hand; the next run continues the rest`);
          process.exitCode = signal === 'SIGINT' ? 130 : 143;
          stop.abort();
        };
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
        const outcome = await runUntilIdle(ctx, { signal: stop.signal });
        if (outcome.stopped) return;
        console.log(`queues drained in ${outcome.seconds.toFixed(1)} s`);
        // A delivery given up is an outcome the dead-letter list keeps, with its own
        // commands: the run itself went as it should. Any other job failed for good did not.
        const givenUp = Math.min(outcome.failed.notify, Math.max(0, (await countFailedDigests(ctx.db)) - deadLetteredBefore));
        if (givenUp > 0) console.error(`patuh: ${givenUp} digest deliveries given up: patuh notify failed lists them, patuh notify retry sends them again`);
        const failed = Object.entries({ ...outcome.failed, notify: outcome.failed.notify - givenUp }).filter(([, n]) => n > 0);
        if (failed.length) {
          console.error(`patuh: jobs failed for good: ${failed.map(([q, n]) => `${q} ${n}`).join(', ')}; see the worker log`);
          process.exitCode = 1;
        }
      });
    });

  program
    .command('serve')
    .description('serve the HTTP API (receiveNIB push, health, metrics) on PORT')
    .action(async () => {
      const { createApp } = await import('../app.js');
      const { buildServer } = await import('../api/server.js');
      const ctx = createApp(loadConfig(), 'patuh-api');
      const { checkRedisPolicy } = await import('../queues/redisPolicy.js');
      let app: Awaited<ReturnType<typeof buildServer>> | undefined;
      let address: string;
      try {
        const warning = await checkRedisPolicy(ctx.redis, ctx.logger);
        if (warning) console.error(`patuh: warning: ${warning}`);
        app = await buildServer(ctx);
        address = await app.listen({ port: ctx.config.PORT, host: '0.0.0.0' });
      } catch (error) {
        // Open connections would keep a server that never started alive, silently.
        await app?.close().catch(() => undefined);
        await ctx.close();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UsageError(`PORT ${ctx.config.PORT}: another process already listens on it`);
        if (code === 'EACCES') throw new UsageError(`PORT ${ctx.config.PORT}: this user may not listen on it`);
        throw error;
      }
      const server = app;
      console.log(`patuh API listening on ${address}`);
      const stop = async () => {
        await server.close();
        await ctx.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop());
      process.once('SIGINT', () => void stop());
      await new Promise(() => undefined);
    });

  program
    .command('recheck')
    .description('re-check one company now: fetch it from OSS (inqueryNIB), re-match, update findings')
    .option('--nib <nib>', 'the company\'s NIB')
    .option('--npwp <npwp>', 'or its NPWP (15 or 16 digits)')
    .option('--wait <seconds>', 'how long to wait for the result', '30')
    .action(async (opts: { nib?: string; npwp?: string; wait: string }) => {
      const { normaliseNib, normaliseNpwp } = await import('../shared/identifiers.js');
      if (Boolean(opts.nib) === Boolean(opts.npwp)) throw new UsageError('give exactly one of --nib or --npwp');
      const nib = opts.nib ? normaliseNib(opts.nib) : undefined;
      const npwp = opts.npwp ? normaliseNpwp(opts.npwp) : undefined;
      if (opts.nib && !nib) throw new UsageError(`--nib ${opts.nib}: must be 13 digits`);
      if (opts.npwp && !npwp) throw new UsageError(`--npwp ${opts.npwp}: must be 15 or 16 digits`);
      const waitSeconds = secondsArgument('--wait', opts.wait, 0, 600);
      await withApp(async (ctx) => {
        const { awaitRecheck, requestRecheck } = await import('../oss/recheck.js');
        const id = await requestRecheck(ctx, nib ? { nib } : { npwp: npwp! });
        const status = await awaitRecheck(ctx, id, waitSeconds * 1000);
        console.log(JSON.stringify(status));
        if (status.state === 'failed') process.exitCode = 1;
      });
    });

  const keys = program.command('keys').description('API keys');
  keys
    .command('create')
    .description('create an API key; the key is printed alone on the last line, once')
    .addOption(new Option('--role <role>', 'admin, officer (branch-scoped) or integration (push, re-check)').choices(['admin', 'officer', 'integration']).makeOptionMandatory())
    .option('--branch <codes...>', 'the branches of an officer key')
    .option('--name <name>', 'who or what uses the key', 'unnamed')
    .action(async (opts: { role: 'admin' | 'officer' | 'integration'; branch?: string[]; name: string }) => {
      await withApp(async (ctx) => {
        const { createApiKey, KeyError } = await import('../api/apiKeys.js');
        try {
          const branches = [...new Set((opts.branch ?? []).flatMap((b) => b.split(',')).map((b) => b.trim().toUpperCase()).filter(Boolean))];
          const created = await createApiKey(ctx.db, { name: opts.name, role: opts.role, branches });
          console.log(`created key ${created.id} (${opts.role}${branches.length ? `: ${branches.join(', ')}` : ''}); it is shown only now:`);
          console.log(created.key);
        } catch (error) {
          if (error instanceof KeyError) throw new UsageError(error.message);
          throw error;
        }
      }, { redis: false });
    });
  keys
    .command('revoke')
    .description('revoke an API key, given the key itself or its id')
    .argument('[key]', 'the key (patuh_…)')
    .option('--id <id>', 'or the key id (patuh keys list)')
    .action(async (key: string | undefined, opts: { id?: string }) => {
      if ((key === undefined) === (opts.id === undefined)) throw new UsageError('give the key or --id, not both');
      const byId = opts.id === undefined ? undefined : idArgument('--id', opts.id, 'a key id');
      await withApp(async (ctx) => {
        const { hashKey, revokeApiKey } = await import('../api/apiKeys.js');
        let id = byId;
        if (key !== undefined) id = (await ctx.db.selectFrom('api_key').select('id').where('key_hash', '=', hashKey(key.trim())).executeTakeFirst())?.id;
        if (id === undefined || !(await revokeApiKey(ctx.db, id))) throw new UsageError(key !== undefined ? 'no active key matches the given key' : `--id ${byId}: no active key with this id (patuh keys list shows the ids)`);
        console.log(`key ${id} revoked`);
      }, { redis: false });
    });
  keys
    .command('list')
    .description('API keys (never the keys themselves)')
    .action(async () => {
      await withApp(async (ctx) => {
        const { listApiKeys } = await import('../api/apiKeys.js');
        for (const k of await listApiKeys(ctx.db)) {
          console.log(`${k.id}\t${k.role}\t${k.branches.join(',') || '-'}\t${printable(k.name)}\t${k.revoked_at ? `revoked ${k.revoked_at.toISOString()}` : 'active'}`);
        }
      }, { redis: false });
    });

  const feed = program.command('feed').description('the OSS-style pull feed');
  feed
    .command('sync')
    .description('queue one feed sync now (one runs at a time; the ingest worker or `patuh run` processes it)')
    .action(async () => {
      const config = loadConfig();
      if (!config.OSS_FEED_URL) throw new UsageError('OSS_FEED_URL is not set: there is no feed to sync');
      await withApp(async (ctx) => {
        await requestFeedSync(ctx.queues);
        console.log('feed sync queued');
      });
    });
  feed
    .command('reset')
    .description('forget the feed checkpoint: the next sync reads the feed again from OSS_FEED_START (pages already stored change nothing)')
    .action(async () => {
      await withApp(async (ctx) => {
        const { found, cursor } = await resetCursor(ctx.db, 'oss');
        if (!found) console.log('the feed has no checkpoint yet: the next sync starts from OSS_FEED_START');
        else console.log(`feed checkpoint ${cursor === null ? 'was already at the start' : `"${printable(cursor)}" forgotten`}: the next sync reads the feed from OSS_FEED_START`);
      }, { redis: false });
    });

  program
    .command('reconcile')
    .description('re-queue permits stored but not matched and finding changes not yet delivered')
    .action(async () => {
      await withApp(async (ctx) => {
        const r = await requeueOutstandingWork(ctx);
        console.log(`re-queued ${r.permitsRequeued} permits for matching and ${r.branchesRequeued} branch digests`);
      });
    });

  program
    .command('branches')
    .description('the branch table')
    .command('sync')
    .description('load BRANCHES_FILE into the database')
    .action(async () => {
      await withApp(async (ctx) => {
        await syncBranches(ctx.db, await readBranchFile(ctx.config.BRANCHES_FILE));
        console.log(`branch table loaded from ${ctx.config.BRANCHES_FILE}`);
      });
    });

  program
    .command('demo')
    .description('the whole pipeline on built-in generated data, in its own database and queue prefix')
    .option('--companies <n>', 'permits to generate', '2000')
    .option('--seed <n>', 'random seed', '7')
    .action(async (opts: { companies: string; seed: string }) => {
      const companies = wholeNumberArgument('--companies', opts.companies, 10, 200_000);
      const seed = wholeNumberArgument('--seed', opts.seed, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      // Loaded on demand: the generator and its word lists are only needed here.
      const { runDemo } = await import('../demo/runDemo.js');
      await runDemo({ companies, seed });
    });
}
