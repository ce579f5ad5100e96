import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { AppContext } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { machineCpu, type ProcessUsage } from './processStats.js';

/**
 * What the bench scripts share: the bench database and queue prefix, and the real CLI and
 * matcher processes they start, as docker-compose.yml runs them.
 */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const OUT = `${ROOT}out/bench/`;

/** The configuration from the environment, as the CLI would read it. */
export const baseConfig = loadConfig();
const url = new URL(baseConfig.DATABASE_URL);
url.pathname = '/patuh_bench';
export const benchEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: url.toString(),
  QUEUE_PREFIX: 'patuh-bench',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  NOTIFY_DIR: `${OUT}digests`,
  MATCH_BATCH_SIZE: '2000',
};
/** The same, pointed at the bench database and queue prefix. */
export const benchConfig = loadConfig(benchEnv);

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en')}/s`;

/** Node flags that write a V8 CPU profile of a process into `dir`, if given. */
export const profilingFlags = (dir: string | undefined) => (dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []);

/** The real CLI (`bin/patuh.mjs`) as a child process. */
export function cli(args: string[], profileDir?: string): ChildProcess {
  return spawn(process.execPath, [...profilingFlags(profileDir), 'bin/patuh.mjs', ...args], { cwd: ROOT, env: benchEnv, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Its standard output once it exits successfully; an error naming `what` otherwise. */
export async function finished(child: ChildProcess, what: string): Promise<string> {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${what} exited ${code}: ${out}`);
  return out.trim();
}

/** Starts matcher processes (watched by `usage`) and waits until each takes jobs (their start-up check of Redis done). */
export async function startMatchers(app: AppContext, count: number, usage: ProcessUsage, profileDir?: string): Promise<ChildProcess[]> {
  const workers = Array.from({ length: count }, (_, i) => {
    // Their log goes to out/bench/ (LOG_LEVEL=info adds each job's milliseconds per stage).
    const log = openSync(`${OUT}matcher-${i + 1}.log`, 'w');
    // As docker-compose.yml runs them: old space capped, so garbage does not grow the heap past
    // 1 GiB, and a young generation that holds a batch's short-lived objects.
    const flags = [...profilingFlags(profileDir), '--max-old-space-size=768', '--max-semi-space-size=64', '--import', 'tsx', 'workers/matcher.ts'];
    const w = spawn(process.execPath, flags, { cwd: ROOT, env: benchEnv, stdio: ['ignore', log, log] });
    usage.watch(matcherProcess(i), w.pid!);
    return w;
  });
  while ((await app.queues.queue('match').getWorkersCount()) < workers.length) {
    if (workers.some((w) => w.exitCode !== null)) throw new Error('a matcher process exited at start-up');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return workers;
}

export async function stopMatchers(workers: ChildProcess[]): Promise<void> {
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => (w.exitCode === null ? once(w, 'exit') : null)));
}

/** Until no match job is pending and PostgreSQL owes no matching. */
export async function untilMatched(app: AppContext, pool: pg.Pool, pollMs: number): Promise<void> {
  // The queue is asked first: while it holds jobs, PostgreSQL is not asked at all.
  const owed = async () => (await pool.query(`SELECT EXISTS (SELECT 1 FROM match_request) AS owed`)).rows[0].owed as boolean;
  for (;;) {
    if ((await app.queues.pendingCounts()).match === 0 && !(await owed())) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** The names the bench scripts watch the import CLI and the matchers under. */
export const IMPORT_CLI = 'permits import (CLI)';
export const matcherProcess = (index: number) => `matcher worker ${index + 1}`;

/** The CPU each watched process and the whole machine had used at one moment. */
export interface CpuReading {
  processes: Map<string, number>;
  machine: ReturnType<typeof machineCpu>;
}

export function readCpu(usage: ProcessUsage): CpuReading {
  usage.sample();
  return { processes: new Map(usage.cpu), machine: machineCpu() };
}

/**
 * What the machine was busy with between two readings (CPU seconds): the import CLI, each
 * matcher, and the rest (PostgreSQL, Redis, the kernel); with the machine's whole time and
 * what the hypervisor gave to other guests.
 */
export function cpuBetween(from: CpuReading, to: CpuReading, matchers: number) {
  const of = (name: string) => (to.processes.get(name) ?? 0) - (from.processes.get(name) ?? 0);
  const busy = to.machine.busy - from.machine.busy;
  const cli = of(IMPORT_CLI);
  const matcher = Array.from({ length: matchers }, (_, i) => of(matcherProcess(i)));
  return {
    busy,
    total: to.machine.total - from.machine.total,
    steal: to.machine.steal - from.machine.steal,
    cli,
    matchers: matcher,
    rest: busy - cli - matcher.reduce((sum, x) => sum + x, 0),
  };
}
