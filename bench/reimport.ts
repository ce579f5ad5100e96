import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { ProcessUsage } from './processStats.js';
import { benchConfig, cli, cpuBetween, finished, IMPORT_CLI, OUT, rate, readCpu, seconds, startMatchers, stopMatchers, untilMatched } from './pipeline.js';

/**
 * Side-by-side measurement of a change: re-imports the first N permits of the data set a
 * full `npm run bench` left (out/bench/, patuh_bench) with the real CLI and matcher
 * processes, and prints the CPU each process used. A full run cannot show a 5 % change on a
 * machine whose speed drifts by 10 % within the hour; alternating two versions of the code
 * on this smaller step can.
 *
 *   npm run bench:reimport [-- --permits 100000 --matchers 2 --paused]
 *
 * The permits are deleted (with their decisions and findings) and the database vacuumed
 * first, so every run starts from the same state. With `--paused` the match queue waits
 * until the import is done, which splits the CPU into what storing and what matching cost.
 */
const { values } = parseArgs({
  options: {
    permits: { type: 'string', default: '100000' },
    matchers: { type: 'string', default: '2' },
    paused: { type: 'boolean', default: false },
    /** Write a V8 CPU profile of each spawned process (the CLI, the matchers) into this folder. */
    profile: { type: 'string' },
  },
});
function positiveWhole(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a positive whole number, not "${text}"`);
  return n;
}
const PERMITS = positiveWhole('permits', values.permits);
const MATCHERS = positiveWhole('matchers', values.matchers);

const source = `${OUT}permits.jsonl`;
const file = `${OUT}permits-reimport.jsonl`;
const nibs: string[] = [];
if (!existsSync(source)) throw new Error(`${source} is missing: run a full \`npm run bench\` first, its data set is read here`);
{
  const out = createWriteStream(file);
  for await (const line of createInterface({ input: createReadStream(source), crlfDelay: Infinity })) {
    if (nibs.length >= PERMITS) break;
    nibs.push((JSON.parse(line) as { nib: string }).nib);
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const pool = new pg.Pool({ connectionString: benchConfig.DATABASE_URL, max: 2 });
const app = createApp(benchConfig, 'patuh-bench');
const usage = new ProcessUsage();
let workers: ChildProcess[] = [];
try {
  await pool.query('DELETE FROM permit WHERE nib = ANY($1)', [nibs]);
  await pool.query('VACUUM ANALYZE');
  await app.queues.obliterateAll();
  workers = await startMatchers(app, MATCHERS, usage, values.profile);
  const queue = app.queues.queue('match');
  if (values.paused) await queue.pause();
  const cpuAtStart = readCpu(usage);
  const start = Date.now();
  const importer = cli(['permits', 'import', file], values.profile);
  usage.watch(IMPORT_CLI, importer.pid!);
  await finished(importer, 'permits import');
  const importMs = Date.now() - start;
  const cpuAtImport = readCpu(usage);
  if (values.paused) await queue.resume();
  await untilMatched(app, pool, 100);
  const totalMs = Date.now() - start;
  const cpuAtEnd = readCpu(usage);
  usage.stop();

  const s = (x: number) => `${x.toFixed(1)} s`;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const all = cpuBetween(cpuAtStart, cpuAtEnd, workers.length);
  console.log(`${nibs.length.toLocaleString('en')} permits re-imported and matched with findings in ${seconds(totalMs)} (${rate(nibs.length, totalMs)}); the import took ${seconds(importMs)}`);
  console.log(
    `CPU used: ${s(all.busy)} busy: permits import CLI ${s(all.cli)}, matchers ${all.matchers.map(s).join(' + ')}, ` +
      `PostgreSQL and the rest ${s(all.rest)}; stolen by the hypervisor ${s(all.steal)}`,
  );
  if (values.paused) {
    const storing = cpuBetween(cpuAtStart, cpuAtImport, workers.length);
    const matching = cpuBetween(cpuAtImport, cpuAtEnd, workers.length);
    console.log(`  storing (match queue paused): ${s(storing.busy)} busy: CLI ${s(storing.cli)}, PostgreSQL and the rest ${s(storing.rest)}`);
    console.log(`  matching:                     ${s(matching.busy)} busy: matchers ${s(sum(matching.matchers))}, PostgreSQL and the rest ${s(matching.rest)}`);
  }
} finally {
  usage.stop();
  // Also when the import fails: no matcher process is left behind.
  await stopMatchers(workers);
  await pool.end();
  await app.queues.obliterateAll();
  await app.close();
}
