import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { loadConfig } from '../config.js';
import { readBranchFile } from '../branches/branchFile.js';
import { syncBranches } from '../branches/branchRepository.js';
import { migrateToLatest } from '../db/migrate.js';
import { describeDatabaseFailure } from '../db/databaseReady.js';
import { requeueOutstandingWork } from '../queues/reconcile.js';
import { importEnrollmentFile } from '../enrollment/enrollmentImport.js';
import { FINDING_CATEGORIES } from '../findings/categories.js';
import { streamFindings } from '../findings/findingRepository.js';
import { queueMatching } from '../matching/matchQueue.js';
import { countUnmatchedPermits, streamMatches } from '../matching/matchRepository.js';
import { importPermitFile } from '../oss/fileImport.js';
import { listOpenRejects } from '../oss/rejectRepository.js';
import { csvLine } from '../shared/csv.js';
import { idArgument, knownBranch, uuidArgument } from './arguments.js';
import { openSink, printable, UsageError } from './output.js';
import { withApp } from './withApp.js';
import { wageYear } from '../app.js';

async function assertReadable(path: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch {
    throw new UsageError(`${path}: no such file or not readable`);
  }
  if (!(await stat(path)).isFile()) throw new UsageError(`${path}: not a file`);
}

const FINDING_STATUSES = ['open', 'notified', 'acknowledged', 'resolved', 'dismissed'];

export function registerDataCommands(program: Command): void {
  const db = program.command('db').description('database administration');
  db.command('migrate')
    .description('create the database if needed, apply migrations, load the branch table')
    .action(async () => {
      const config = loadConfig();
      const outcome = await migrateToLatest(config.DATABASE_URL).catch((error: unknown) => {
        throw describeDatabaseFailure(error, config.DATABASE_URL) ?? error;
      });
      const dbName = new URL(config.DATABASE_URL).pathname.slice(1);
      if (outcome.createdDatabase) console.log(`created database ${dbName}`);
      console.log(outcome.applied.length ? `applied ${outcome.applied.join(', ')}` : 'database is up to date');
      const names = outcome.names;
      await withApp(async (ctx) => {
        await syncBranches(ctx.db, await readBranchFile(config.BRANCHES_FILE));
        console.log(`branch table loaded from ${config.BRANCHES_FILE}`);
        if (!names) return;
        // The permits owed a decision are in match_request; the reconcile queues them.
        const queued = names.permitsToRematch ? (await requeueOutstandingWork(ctx)).permitsRequeued : 0;
        console.log(
          `company names re-normalised from rules v${names.from} to v${names.to}: ${names.employersChanged} employers and ` +
            `${names.permitsChanged} permits changed; ${queued} permits queued for matching`,
        );
      }, { redis: Boolean(names?.permitsToRematch) });
    });

  const enrollment = program.command('enrollment').description('BPJS TK employer extracts');
  enrollment
    .command('import')
    .argument('<file>', 'CSV with header npp,nama_perusahaan,npwp,nib,alamat,kode_wilayah,status,program,tk_aktif,total_upah,bulan_tunggakan')
    .description('load or refresh an employer extract (upsert by npp); bad rows are reported and skipped')
    .action(async (file: string) => {
      await assertReadable(file);
      await withApp(async (ctx) => {
        const s = await importEnrollmentFile(ctx.db, file, { onWait: () => console.error('another enrollment import is running: this one starts when it finishes') });
        for (const r of s.rejected) console.error(`${file}:${r.line}: rejected: ${printable(r.reason)}`);
        for (const d of s.duplicates) console.error(`${file}:${d.line}: npp ${d.npp} also on line ${d.earlierLine}; this later row is kept`);
        await queueMatching(ctx.queues, s.permitsToRematch, 'enrollment-import', ctx.config.MATCH_BATCH_SIZE);
        console.log(
          `enrollment import #${s.importId}: ${s.loaded} loaded (${s.inserted} new, ${s.changed} changed, ${s.unchanged} unchanged), ` +
            `${s.rejected.length} rejected; ${s.permitsToRematch.length} permits queued for re-matching`,
        );
      });
    });

  const permits = program.command('permits').description('OSS permit records');
  permits
    .command('import')
    .argument('<file>', 'JSONL: one receiveNIB body or dataNIB object per line')
    .description('store permit records and queue them for matching; bad lines are quarantined')
    .action(async (file: string) => {
      await assertReadable(file);
      await withApp(async (ctx) => {
        const s = await importPermitFile(ctx.db, file, async (nibs) => {
          await queueMatching(ctx.queues, nibs, 'file-import', ctx.config.MATCH_BATCH_SIZE);
        });
        for (const r of s.rejected) console.error(`${file}:${r.lineNo}: rejected: ${printable(r.reason)}`);
        console.log(
          `accepted ${s.accepted} (${s.inserted} new, ${s.updated} updated, ${s.unchanged} unchanged), rejected ${s.rejected.length}; ` +
            `${s.inserted + s.updated} queued for matching`,
        );
      });
    });
  permits
    .command('rejects')
    .description('list quarantined records with their reasons')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'jsonl']).default('text'))
    .action(async (opts: { format: string }) => {
      await withApp(async (ctx) => {
        const sink = await openSink();
        for (const r of await listOpenRejects(ctx.db)) {
          await sink.write(
            opts.format === 'jsonl'
              ? `${JSON.stringify(r)}\n`
              : `${printable(r.ref)}\t${printable(r.reason)}\n`,
          );
        }
        await sink.close();
      }, { redis: false });
    });

  permits
    .command('retry-rejects')
    .description('re-process quarantined records; those valid now are stored and queued for matching')
    .option('--id <ids...>', 'only these reject ids')
    .action(async (opts: { id?: string[] }) => {
      const ids = opts.id?.map((v) => idArgument('--id', v, 'a reject id'));
      await withApp(async (ctx) => {
        const { RejectsNotInQuarantine, retryRejects } = await import('../oss/retryRejects.js');
        const r = await retryRejects(ctx.db, ids).catch((error: unknown) => {
          if (!(error instanceof RejectsNotInQuarantine)) throw error;
          throw new UsageError(`--id ${error.ids.join(' ')}: no such reject in quarantine (patuh permits rejects --format jsonl lists them with their ids)`);
        });
        await queueMatching(ctx.queues, r.changed, 'retry-rejects', ctx.config.MATCH_BATCH_SIZE);
        console.log(`retried ${r.retried}: ${r.accepted} accepted (${r.changed.length} queued for matching), ${r.stillRejected} still rejected`);
      });
    });

  const review = program.command('review').description('the manual-review list of undecided matches');
  review
    .command('list')
    .description('permits in review, with their candidate employers side by side')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'jsonl']).default('text'))
    .option('--branch <code>', 'only this branch')
    .action(async (opts: { format: string; branch?: string }) => {
      await withApp(async (ctx) => {
        const branch = opts.branch === undefined ? undefined : await knownBranch(ctx, '--branch', opts.branch);
        const { listReviewCases } = await import('../matching/reviewRepository.js');
        const sink = await openSink();
        for (const c of await listReviewCases(ctx.db, branch ? [branch] : undefined)) {
          if (opts.format === 'jsonl') {
            await sink.write(`${JSON.stringify(c)}\n`);
            continue;
          }
          const lines = [
            `NIB ${c.nib}  [${c.branch}]  ${c.permit.name}  (kab/kota ${c.permit.kab_kota ?? '?'}, NPWP ${c.permit.npwp ?? '-'}, ${c.permit.declared_workers} workers declared)`,
            `  why review: ${c.reasons.join('; ') || '-'}`,
            ...c.candidates.map((k) => `  candidate NPP ${k.npp}  score ${k.score}  ${k.name}  (kab/kota ${k.kab_kota ?? '?'}, NPWP ${k.npwp ?? '-'})  for: ${k.evidence_for.join('; ') || '-'}  against: ${k.evidence_against.join('; ') || '-'}`),
            '',
          ];
          await sink.write(`${lines.map(printable).join('\n')}\n`);
        }
        await sink.close();
      }, { redis: false });
    });
  review
    .command('decide')
    .description('record a judgement on a permit-employer pair and re-match the permit')
    .requiredOption('--nib <nib>', 'the permit')
    .requiredOption('--npp <npp>', 'the employer')
    .addOption(new Option('--verdict <verdict>', 'same: link them for good; different: never link them; unsure').choices(['same', 'different', 'unsure']).makeOptionMandatory())
    .option('--note <text>', 'why')
    .option('--by <name>', 'who decides', process.env.USER ?? 'cli')
    .action(async (opts: { nib: string; npp: string; verdict: 'same' | 'different' | 'unsure'; note?: string; by: string }) => {
      const { normaliseNib, normaliseNpp } = await import('../shared/identifiers.js');
      const nib = normaliseNib(opts.nib);
      const npp = normaliseNpp(opts.npp);
      if (!nib) throw new UsageError(`--nib ${opts.nib}: must be 13 digits`);
      if (!npp) throw new UsageError(`--npp ${opts.npp}: must be 1-20 letters or digits`);
      await withApp(async (ctx) => {
        const { JudgementError, recordJudgement } = await import('../matching/reviewRepository.js');
        try {
          await recordJudgement(ctx.db, { nib, npp, verdict: opts.verdict, actor: opts.by, note: opts.note ?? null });
        } catch (error) {
          if (error instanceof JudgementError) throw new UsageError(error.message);
          throw error;
        }
        await queueMatching(ctx.queues, [nib], 'judgement', ctx.config.MATCH_BATCH_SIZE);
        console.log(`recorded: NIB ${nib} and NPP ${npp} are ${opts.verdict === 'unsure' ? 'undecided' : opts.verdict === 'same' ? 'the same company' : 'different companies'}; the permit is queued for matching`);
      });
    });

  program
    .command('matches')
    .description('match decisions')
    .command('export')
    .description('one line per permit: {"nib","npp","decision","score","method"}')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl']).default('jsonl'))
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts: { out?: string }) => {
      await withApp(async (ctx) => {
        const sink = await openSink(opts.out);
        for await (const m of streamMatches(ctx.db)) {
          await sink.write(`${JSON.stringify({ nib: m.nib, npp: m.npp, decision: m.decision, score: Math.round(m.score * 1000) / 1000, method: m.method })}\n`);
        }
        await sink.close();
        const waiting = await countUnmatchedPermits(ctx.db);
        if (waiting) console.error(`note: ${waiting} permit(s) are not matched yet; run \`patuh run --until-idle\``);
      }, { redis: false });
    });

  const findings = program.command('findings').description('compliance findings');
  findings
    .command('export')
    .description('one line per finding: {"nib","npp","category","branch","status","evidence"}; xlsx: the officers\' list')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv', 'xlsx']).default('jsonl'))
    .option('--branch <code>', 'only this branch')
    .addOption(new Option('--status <status>', 'only this status').choices(FINDING_STATUSES))
    .addOption(new Option('--category <category>', 'only this category').choices(FINDING_CATEGORIES))
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts: { format: string; branch?: string; status?: string; category?: string; out?: string }) => {
      // A workbook is bytes: written to stdout only when that is a file or a pipe.
      if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) throw new UsageError('--format xlsx writes a workbook: give --out FILE or redirect stdout to a file');
      await withApp(async (ctx) => {
        const filter = { branch: opts.branch === undefined ? undefined : await knownBranch(ctx, '--branch', opts.branch), status: opts.status, category: opts.category };
        // The file is opened (a directory, or one in a folder that does not exist, is refused) before any work.
        const sink = await openSink(opts.out);
        if (opts.format === 'xlsx') {
          const { findingsWorkbook } = await import('../notify/findingsWorkbook.js');
          const { count, workbook } = await findingsWorkbook(ctx.db, filter, wageYear(ctx.config));
          await sink.write(workbook);
          await sink.close();
          // With the workbook on stdout, the count goes beside it, on stderr.
          (opts.out ? console.log : console.error)(`${count} findings written to ${opts.out ?? 'stdout'}`);
          return;
        }
        if (opts.format === 'csv') await sink.write(csvLine(['nib', 'npp', 'category', 'branch', 'status', 'evidence']));
        for await (const f of streamFindings(ctx.db, filter)) {
          await sink.write(
            opts.format === 'csv'
              ? csvLine([f.nib, f.npp, f.category, f.branch, f.status, JSON.stringify(f.evidence)])
              : `${JSON.stringify({ nib: f.nib, npp: f.npp, category: f.category, branch: f.branch, status: f.status, evidence: f.evidence })}\n`,
          );
        }
        await sink.close();
      }, { redis: false });
    });
  for (const [verb, to, what] of [
    ['ack', 'acknowledged', 'an officer has taken the finding up'],
    ['resolve', 'resolved', 'the employer has complied'],
    ['dismiss', 'dismissed', 'the finding is wrong or out of scope (needs --reason)'],
  ] as const) {
    findings
      .command(verb)
      .description(`mark a finding ${to}: ${what}`)
      .requiredOption('--id <id>', 'the finding')
      .option('--reason <text>', 'why (required to dismiss)')
      .option('--by <name>', 'who', process.env.USER ?? 'cli')
      .action(async (opts: { id: string; reason?: string; by: string }) => {
        const id = idArgument('--id', opts.id, 'a finding id');
        await withApp(async (ctx) => {
          const { transitionFinding, TransitionError } = await import('../findings/findingTransitions.js');
          try {
            const r = await transitionFinding(ctx.db, { id, to, actor: opts.by, note: opts.reason ?? null });
            const { scheduleBranchFlush } = await import('../notify/notifyQueue.js');
            await scheduleBranchFlush(ctx.db, ctx.queues, ctx.config, [r.branch]);
            console.log(`finding ${id}: ${r.from} → ${r.to}`);
          } catch (error) {
            if (error instanceof TransitionError) throw new UsageError(error.message);
            throw error;
          }
        });
      });
  }

  const notify = program.command('notify').description('digest delivery');
  notify
    .command('failed')
    .description('digests whose delivery was given up (the dead-letter list)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'jsonl']).default('text'))
    .action(async (opts: { format: string }) => {
      await withApp(async (ctx) => {
        const { listFailedDigests } = await import('../notify/digestRepository.js');
        const sink = await openSink();
        for (const d of await listFailedDigests(ctx.db)) {
          await sink.write(opts.format === 'jsonl' ? `${JSON.stringify(d)}\n` : `${d.id}\t${d.branch}\t${d.channel}\t${d.created_at}\t${d.findings} findings\t${d.last_error ?? ''}\n`);
        }
        await sink.close();
      }, { redis: false });
    });
  notify
    .command('retry')
    .description('deliver failed digests again (all, or --id ones)')
    .option('--id <ids...>', 'only these digests')
    .action(async (opts: { id?: string[] }) => {
      const ids = opts.id?.map((v) => uuidArgument('--id', v, 'a digest id'));
      await withApp(async (ctx) => {
        const { listFailedDigests, retryFailedDigests } = await import('../notify/digestRepository.js');
        const { scheduleBranchFlush } = await import('../notify/notifyQueue.js');
        if (ids) {
          // Retrying nothing must not pass for retrying the digests asked for.
          const failed = new Set((await listFailedDigests(ctx.db)).map((d) => d.id));
          const unknown = ids.filter((id) => !failed.has(id));
          if (unknown.length) throw new UsageError(`--id ${unknown.join(' ')}: no such failed digest (patuh notify failed lists them)`);
        }
        const branches = await retryFailedDigests(ctx.db, ids);
        await scheduleBranchFlush(ctx.db, ctx.queues, ctx.config, branches, true);
        console.log(`requeued failed digests of ${branches.length} branch(es)`);
      });
    });
}
