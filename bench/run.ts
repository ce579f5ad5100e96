import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApp, type AppContext } from '../src/app.js';
import { dropDatabase, migrateToLatest } from '../src/db/migrate.js';
import { ENROLLMENT_HEADER, enrollmentCsvLine, generateCompanies, generateExtraEmployers } from '../src/demo/generate.js';
import { machineCpu, mib, ProcessUsage, stolenBetween } from './processStats.js';
import { runBaseline } from './baseline.js';
import { baseConfig as base, benchConfig as config, cli as runCli, finished, OUT, rate, seconds, startMatchers as spawnMatchers, stopMatchers, untilMatched as untilPipelineMatched, readCpu, cpuBetween, IMPORT_CLI } from './pipeline.js';

/**
 * National-scale benchmark: generated employers and permits (fixed seed) go through the
 * real CLI import and the real queues and worker processes; prints throughput end to end
 * and per stage, peak memory per process, and a per-permit SQL baseline on a sample.
 *
 *   npm run bench [-- --employers 1000000 --permits 1000000 --matchers 2 --baseline 2000]
 *
 * `--incremental-only` re-times just the incremental step on the database a full run left
 * behind (its earlier incremental permits are deleted first), to iterate on that figure.
 */
const { values } = parseArgs({
  options: {
    employers: { type: 'string', default: '1000000' },
    permits: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20261121' },
    matchers: { type: 'string', default: '2' },
    baseline: { type: 'string', default: '2000' },
    incremental: { type: 'string', default: '10000' },
    'full-payloads': { type: 'boolean', default: false },
    'incremental-only': { type: 'boolean', default: false },
    /** Write a V8 CPU profile of each spawned process (CLI, matchers) into this folder. */
    profile: { type: 'string' },
  },
});
const EMPLOYERS = Number(values.employers);
const PERMITS = Number(values.permits);
const SEED = Number(values.seed);
/** A pg_settings value in the units postgresql.conf would use ("6GB", "30min", "off"). */
function serverSetting({ setting, unit }: { setting: string; unit: string | null }): string {
  const blocks = /^(\d+)kB$/.exec(unit ?? '');
  if (blocks) {
    const kb = Number(setting) * Number(blocks[1]);
    return kb % (1024 * 1024) === 0 ? `${kb / 1024 / 1024}GB` : `${kb / 1024}MB`;
  }
  if (unit === 'MB') return Number(setting) % 1024 === 0 ? `${Number(setting) / 1024}GB` : `${setting}MB`;
  if (unit === 's') return Number(setting) % 60 === 0 ? `${Number(setting) / 60}min` : `${setting}s`;
  return `${setting}${unit ?? ''}`;
}

/** Only what Patuh reads from a permit (the default), or the whole generated payload. */
function permitLine(p: Record<string, unknown>): string {
  if (values['full-payloads']) return JSON.stringify({ dataNIB: p });
  const keep = ['nib', 'oss_id', 'npwp_perseroan', 'nama_perseroan', 'jenis_perseroan', 'status_perseroan', 'skala_usaha', 'status_nib', 'tipe_dokumen ',
    'no_npp', 'perseroan_daerah_id', 'alamat_perseroan', 'tgl_terbit_nib', 'tgl_perubahan_nib', 'data_proyek'];
  const out: Record<string, unknown> = {};
  for (const k of keep) if (k in p) out[k] = p[k];
  out.data_proyek = ((p.data_proyek as Array<Record<string, unknown>>) ?? []).map((d) => ({
    jumlah_tki_l: d.jumlah_tki_l, jumlah_tki_p: d.jumlah_tki_p, jumlah_tka_l: d.jumlah_tka_l, jumlah_tka_p: d.jumlah_tka_p, kbli: d.kbli,
    data_lokasi_proyek: d.data_lokasi_proyek,
  }));
  return JSON.stringify(out);
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  for (const line of lines) if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  stream.end();
  await once(stream, 'finish');
}

const cli = (args: string[]) => runCli(args, values.profile);

await mkdir(OUT, { recursive: true });
const generation = { seed: SEED, companies: PERMITS, extraEmployers: Math.max(0, EMPLOYERS - Math.round(PERMITS * 0.45)) };
const incremental = Number(values.incremental);
const usage = new ProcessUsage();
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 2 });
let ctx: AppContext | undefined;

const startMatchers = (app: AppContext) => spawnMatchers(app, Number(values.matchers), usage, values.profile);
const untilMatched = (app: AppContext, pollMs: number) => untilPipelineMatched(app, pool, pollMs);

/**
 * New permits against the full employer table, timed twice on the same 10,000 permits:
 * import and match together (matchers working while the CLI stores), then the match alone
 * (the permits stored and queued with the match queue paused, timed from resuming it).
 */
async function timeIncremental(app: AppContext): Promise<{ importMs: number; totalMs: number; matchMs: number; stolen: string }> {
  const incrementalFile = `${OUT}permits-incremental.jsonl`;
  const nibs: string[] = [];
  await writeLines(incrementalFile, (function* () {
    for (const c of generateCompanies({ seed: SEED + 1, companies: incremental })) {
      nibs.push(c.truth.nib);
      yield permitLine(c.permit);
    }
  })());
  // A rerun on a kept database must find these permits new again.
  const forget = () => pool.query('DELETE FROM permit WHERE nib = ANY($1)', [nibs]);
  await forget();
  const start = Date.now();
  await finished(cli(['permits', 'import', incrementalFile]), 'incremental import');
  const importMs = Date.now() - start;
  await untilMatched(app, 100);
  const totalMs = Date.now() - start;

  await forget();
  const queue = app.queues.queue('match');
  await queue.pause();
  await finished(cli(['permits', 'import', incrementalFile]), 'incremental import (match queue paused)');
  const cpuAtStart = machineCpu();
  const matchStart = Date.now();
  await queue.resume();
  await untilMatched(app, 50);
  const matchMs = Date.now() - matchStart;
  return { importMs, totalMs, matchMs, stolen: stolenBetween(cpuAtStart, machineCpu()) };
}

function printMemory(): void {
  console.log('  peak memory per process');
  for (const [name, bytes] of usage.peaks) console.log(`    ${name.padEnd(28)} ${mib(bytes)}`);
}

async function incrementalOnly(): Promise<void> {
  const employers = Number((await pool.query('SELECT count(*) AS n FROM employer')).rows[0].n);
  if (!employers) throw new Error('--incremental-only needs the database of an earlier full run (patuh_bench has no employers)');
  const app = (ctx = createApp(config, 'patuh-bench'));
  await app.queues.obliterateAll();
  const workers = await startMatchers(app);
  const inc = await timeIncremental(app);
  usage.stop();
  await stopMatchers(workers);
  console.log('\nResults');
  console.log(`  incremental                 ${incremental.toLocaleString('en')} new permits against ${employers.toLocaleString('en')} employers imported in ${seconds(inc.importMs)}, matched with findings in ${seconds(inc.totalMs)} in all`);
  console.log(`  incremental match alone     ${incremental.toLocaleString('en')} stored permits matched with findings in ${seconds(inc.matchMs)} (queue resumed → nothing owed; CPU stolen ${inc.stolen})`);
  printMemory();
}

async function fullRun(): Promise<void> {
  // 1. Data (not timed as part of the pipeline).
  let t = Date.now();
  const permitFile = `${OUT}permits.jsonl`;
  const employerFile = `${OUT}employers.csv`;
  let enrolled = 0;
  await writeLines(employerFile, (function* () {
    yield ENROLLMENT_HEADER;
    for (const c of generateCompanies(generation)) if (c.employer) { enrolled += 1; yield enrollmentCsvLine(c.employer); }
    for (const e of generateExtraEmployers(generation)) yield enrollmentCsvLine(e);
  })());
  await writeLines(permitFile, (function* () { for (const c of generateCompanies(generation)) yield permitLine(c.permit); })());
  console.log(`data generated in ${seconds(Date.now() - t)} (${enrolled.toLocaleString('en')} permit companies enrolled)`);

  await dropDatabase(config.DATABASE_URL);
  await migrateToLatest(config.DATABASE_URL);
  const app = (ctx = createApp(config, 'patuh-bench'));
  await app.queues.obliterateAll();
  await finished(cli(['branches', 'sync']), 'branches sync');

  // 2. Enrollment extract.
  t = Date.now();
  const employerImport = cli(['enrollment', 'import', employerFile]);
  usage.watch('enrollment import (CLI)', employerImport.pid!);
  console.log(`  ${await finished(employerImport, 'enrollment import')}`);
  const employerMs = Date.now() - t;
  await pool.query('ANALYZE');

  // 3. Permits through the real queues: the CLI stores and queues batches while matcher processes work.
  const workers = await startMatchers(app);
  const cpuAtStart = readCpu(usage);
  const start = Date.now();
  const permitImport = cli(['permits', 'import', permitFile]);
  usage.watch(IMPORT_CLI, permitImport.pid!);
  console.log(`  ${await finished(permitImport, 'permits import')}`);
  const importMs = Date.now() - start;
  await untilMatched(app, 250);
  const endToEndMs = Date.now() - start;
  const cpuAtEnd = readCpu(usage);
  const stolen = stolenBetween(cpuAtStart.machine, cpuAtEnd.machine);
  const cpu = cpuBetween(cpuAtStart, cpuAtEnd, workers.length);
  const cpuSplit =
    `${cpu.busy.toFixed(0)} s busy of ${cpu.total.toFixed(0)} s: permits import CLI ${cpu.cli.toFixed(0)} s, ` +
    `matchers ${cpu.matchers.map((s) => `${s.toFixed(0)} s`).join(' + ')}, PostgreSQL and the rest ${cpu.rest.toFixed(0)} s`;
  const matchedRows = (await pool.query(`SELECT decision, count(*)::int AS n FROM match GROUP BY decision ORDER BY decision`)).rows as Array<{ decision: string; n: number }>;
  const findingRows = (await pool.query(`SELECT category, count(*)::int AS n FROM finding GROUP BY category ORDER BY category`)).rows as Array<{ category: string; n: number }>;

  // Quality at scale against the generator's truth.
  const decisions = new Map<string, { decision: string; npp: string | null }>();
  for (let after = ''; ; ) {
    const page = (await pool.query(`SELECT nib, decision, npp FROM match WHERE nib > $1 ORDER BY nib LIMIT 50000`, [after])).rows as Array<{ nib: string; decision: string; npp: string | null }>;
    if (!page.length) break;
    for (const r of page) decisions.set(r.nib, r);
    after = page[page.length - 1]!.nib;
  }
  const quality = { links: 0, correct: 0, truths: 0, review: 0 };
  for (const c of generateCompanies(generation)) {
    const d = decisions.get(c.truth.nib);
    if (c.truth.npp) quality.truths += 1;
    if (d?.decision === 'review') quality.review += 1;
    if (d?.decision === 'matched') {
      quality.links += 1;
      if (d.npp === c.truth.npp) quality.correct += 1;
    }
  }
  decisions.clear();

  // 4. Incremental: new permits against the full employer table.
  const inc = await timeIncremental(app);
  usage.stop();
  await stopMatchers(workers);

  // 5. Baseline: one query per permit on a sample of the same data.
  const baseline = await runBaseline(pool, Number(values.baseline));

  const endToEnd = PERMITS / (endToEndMs / 1000);
  console.log('\nResults');
  console.log(`  enrollment import           ${EMPLOYERS.toLocaleString('en')} employers in ${seconds(employerMs)} (${rate(EMPLOYERS, employerMs)})`);
  console.log(`  permits import (stage)      ${PERMITS.toLocaleString('en')} permits in ${seconds(importMs)} (${rate(PERMITS, importMs)})`);
  console.log(`  import → match → findings   ${PERMITS.toLocaleString('en')} permits in ${seconds(endToEndMs)}: ${rate(PERMITS, endToEndMs)} end to end`);
  console.log(`  CPU stolen by the hypervisor ${stolen} of the machine's CPU during import → match → findings`);
  console.log(`  CPU used                    ${cpuSplit}`);
  console.log(`  link precision / recall     ${(quality.correct / quality.links).toFixed(4)} / ${(quality.correct / quality.truths).toFixed(4)} against the generator's truth; review rate ${(quality.review / PERMITS).toFixed(4)}`);
  console.log(`  decisions                   ${matchedRows.map((r) => `${r.decision} ${r.n.toLocaleString('en')}`).join(', ')}`);
  console.log(`  findings                    ${findingRows.map((r) => `${r.category} ${r.n.toLocaleString('en')}`).join(', ')}`);
  console.log(`  incremental                 ${incremental.toLocaleString('en')} new permits imported in ${seconds(inc.importMs)}, matched with findings in ${seconds(inc.totalMs)} in all`);
  console.log(`  incremental match alone     ${incremental.toLocaleString('en')} stored permits matched with findings in ${seconds(inc.matchMs)} (queue resumed → nothing owed; CPU stolen ${inc.stolen})`);
  console.log(`  baseline (1 query/permit)   ${baseline.permits.toLocaleString('en')} sample permits in ${seconds(baseline.ms)}: ${rate(baseline.permits, baseline.ms)} (trigram GiST index built in ${seconds(baseline.indexMs)})`);
  console.log(`  speed-up over baseline      ${(endToEnd / (baseline.permits / (baseline.ms / 1000))).toFixed(1)}×`);
  printMemory();
}

console.log(
  values['incremental-only']
    ? `Patuh benchmark, incremental step only: ${incremental.toLocaleString('en')} new permits, ${values.matchers} matcher process(es)`
    : `Patuh benchmark: ${EMPLOYERS.toLocaleString('en')} employers, ${PERMITS.toLocaleString('en')} permits, seed ${SEED}, ${values.matchers} matcher process(es), ${values['full-payloads'] ? 'full' : 'compact'} OSS payloads`,
);
// The figures depend on the server's memory and checkpoint settings: print them with the run.
{
  const maintenance = new URL(base.DATABASE_URL);
  maintenance.pathname = '/postgres';
  const server = new pg.Client({ connectionString: maintenance.toString() });
  await server.connect();
  const version = (await server.query('SHOW server_version')).rows[0].server_version as string;
  const settings = await server.query(
    `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'effective_cache_size', 'max_wal_size', 'checkpoint_timeout', 'wal_buffers', 'autovacuum') ORDER BY name`,
  );
  // Machines of this kind run at different speeds from day to day: a fixed single-core task
  // gives each run's figures a yardstick.
  await server.query('SET jit = off');
  const probeStart = Date.now();
  await server.query('SELECT count(*) FROM generate_series(1, 10000000)');
  const probeMs = Date.now() - probeStart;
  await server.end();
  console.log(`PostgreSQL ${version}: ${settings.rows.map((r) => `${r.name}=${serverSetting(r)}`).join(', ')}`);
  console.log(`machine yardstick: PostgreSQL counts 10,000,000 generated rows in ${seconds(probeMs)} on one core`);
}
try {
  await (values['incremental-only'] ? incrementalOnly() : fullRun());
} finally {
  usage.stop();
  await pool.end();
  await ctx?.queues.obliterateAll();
  await ctx?.close();
}
