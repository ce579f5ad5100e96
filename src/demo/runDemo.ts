import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createApp } from '../app.js';
import { readBranchFile } from '../branches/branchFile.js';
import { syncBranches } from '../branches/branchRepository.js';
import { loadConfig, type Env } from '../config.js';
import { dropDatabase, migrateToLatest } from '../db/migrate.js';
import { describeDatabaseFailure } from '../db/databaseReady.js';
import { REDIS_WAIT_MS, awaitRedis } from '../queues/redisReachable.js';
import { importEnrollmentFile } from '../enrollment/enrollmentImport.js';
import { CATEGORY_TERMS, FINDING_CATEGORIES } from '../findings/categories.js';
import { branchSummary, topFlaggedCompanies } from '../findings/findingReport.js';
import { runUntilIdle } from '../queues/runUntilIdle.js';
import { kabKotaName } from '../reference/regions.js';
import { startFeedServer } from './feedServer.js';
import { ENROLLMENT_HEADER, enrollmentCsvLine, generateDemoData } from './generate.js';
import { startWebhookReceiver } from './webhookReceiver.js';
import { startMailCatcher } from './mailCatcher.js';
import type { DigestPayload } from '../notify/digestContent.js';
import { emailText } from '../notify/deliver.js';
import { requestFeedSync } from '../oss/feedQueue.js';

export interface DemoOptions {
  companies: number;
  seed: number;
}

const DEMO_USER_KEY = 'demo-user-key';

/** The demo's own database next to the configured one, so real data is never touched. */
function demoDatabaseUrl(url: string): string {
  const demo = new URL(url);
  demo.pathname = `${demo.pathname.replace(/^\//, '') || 'patuh'}_demo`;
  return demo.toString();
}

async function prepareDemoDatabase(databaseUrl: string): Promise<void> {
  try {
    await dropDatabase(databaseUrl);
    await migrateToLatest(databaseUrl);
  } catch (error) {
    throw describeDatabaseFailure(error, databaseUrl) ?? error;
  }
}

function pad(text: string, width: number, right = false): string {
  const cut = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  return right ? cut.padStart(width) : cut.padEnd(width);
}

/**
 * Generates permits and an enrollment extract, serves the permits from a local OSS-style
 * feed, runs ingest → match → notify through the real queues and prints what each branch
 * would receive.
 */
export async function runDemo(options: DemoOptions): Promise<void> {
  const started = Date.now();
  const base = loadConfig();
  const outDir = 'out/demo';
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const feedData = generateDemoData({ seed: options.seed, companies: options.companies });
  const feed = await startFeedServer({ records: feedData.permits, userKey: DEMO_USER_KEY });
  const receiver = await startWebhookReceiver();
  const mail = await startMailCatcher(join(outDir, 'mail'));
  const config: Env = {
    ...base,
    DATABASE_URL: demoDatabaseUrl(base.DATABASE_URL),
    QUEUE_PREFIX: `${base.QUEUE_PREFIX}-demo`,
    NOTIFY_DIR: join(outDir, 'digests'),
    NOTIFY_WEBHOOK_URL: receiver.url,
    NOTIFY_GROUP_WAIT_MS: 3000,
    NOTIFY_GROUP_INTERVAL_MS: 1000,
    SMTP_URL: mail.url,
    NOTIFY_WEBHOOK_SECRET: 'demo-webhook-secret',
    OSS_FEED_URL: feed.url,
    OSS_USER_KEY: DEMO_USER_KEY,
    LOG_LEVEL: 'warn',
  };
  console.log(`Patuh demo: ${options.companies} generated OSS permits (seed ${options.seed}), database ${new URL(config.DATABASE_URL).pathname.slice(1)}, queue prefix ${config.QUEUE_PREFIX}`);

  try {
    await prepareDemoDatabase(config.DATABASE_URL);
  } catch (error) {
    // The local servers would keep the process alive after the error, saying nothing more.
    await Promise.all([feed.close(), receiver.close(), mail.close()]);
    throw error;
  }
  const ctx = createApp(config, 'patuh-demo');
  try {
    await awaitRedis(ctx.redis, config.REDIS_URL, REDIS_WAIT_MS);
    await ctx.queues.obliterateAll();
    await syncBranches(ctx.db, await readBranchFile(config.BRANCHES_FILE));
    // The demo's Tuban office also gets its list by e-mail.
    await ctx.db.updateTable('branch').set({ email_to: ['kepatuhan.tuban@bpjs-demo.invalid'] }).where('code', '=', 'TUBAN').execute();

    const extract = join(outDir, 'enrollment.csv');
    await writeFile(extract, `${[ENROLLMENT_HEADER, ...feedData.enrollment.map(enrollmentCsvLine)].join('\n')}\n`, 'utf8');
    const enrollment = await importEnrollmentFile(ctx.db, extract);
    console.log(`1. enrollment extract: ${enrollment.loaded} employers loaded from ${extract}`);

    await requestFeedSync(ctx.queues);
    console.log(`2. feed sync queued against the local OSS-style feed at ${feed.url}`);
    const run = await runUntilIdle(ctx);
    const counts = await ctx.db
      .selectFrom('match')
      .select(['decision', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('decision')
      .execute();
    const byDecision = Object.fromEntries(counts.map((c) => [c.decision, Number(c.n)]));
    console.log(
      `3. ingest → match → notify drained in ${run.seconds.toFixed(1)} s: ` +
        `${byDecision.matched ?? 0} matched, ${byDecision.unmatched ?? 0} unmatched, ${byDecision.review ?? 0} for review; ` +
        `${receiver.digests.size} digests delivered to the webhook (${feed.requests} feed requests)`,
    );

    const summary = await branchSummary(ctx.db);
    const header = ['Branch', ...FINDING_CATEGORIES.map((c) => CATEGORY_TERMS[c]), 'Companies', 'Workers'];
    const widths = [28, ...FINDING_CATEGORIES.map((c) => Math.max(CATEGORY_TERMS[c].length, 5)), 9, 8];
    const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, i > 0)).join('  ');
    console.log('\nFlagged employers per branch (open findings; Workers = uncovered workers from PWBD and PDS TK)\n');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const s of summary) {
      console.log(line([`${s.branch} ${s.branchName.replace(/^Kantor Cabang /, '')}`, ...FINDING_CATEGORIES.map((c) => String(s.byCategory[c] ?? 0)), String(s.employers), String(s.workersAtStake)]));
    }
    console.log('\nTop flagged companies per branch\n');
    for (const t of await topFlaggedCompanies(ctx.db, 3)) {
      const where = t.kabKota ? kabKotaName(t.kabKota) ?? t.kabKota : '?';
      console.log(`  ${pad(t.branch, 11)} ${pad(t.name, 42)} ${pad(where, 24)} ${pad(t.categories.map((c) => CATEGORY_TERMS[c as keyof typeof CATEGORY_TERMS] ?? c).join(', '), 30)} priority ${t.priority}`);
    }
    const email = await ctx.db.selectFrom('digest').select('payload').where('branch', '=', 'TUBAN').where('channel', '=', 'email').orderBy('created_at', 'desc').executeTakeFirst();
    if (email) {
      const { subject, text } = emailText(email.payload as unknown as DigestPayload);
      console.log(`\nE-mail to the Tuban office (saved as ${mail.saved.join(', ')}; the full list is attached as Excel):\n`);
      console.log(`  Subject: ${subject}`);
      for (const line of text.split('\n').slice(0, 18)) console.log(`  | ${line}`);
      console.log('  | …');
    }
    const tubanFiles = (await readdir(join(config.NOTIFY_DIR, 'TUBAN'))).filter((f) => f.endsWith('.xlsx'));
    if (tubanFiles[0]) {
      const path = join(config.NOTIFY_DIR, 'TUBAN', tubanFiles[0]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(path);
      const sheet = book.worksheets[0]!;
      console.log(`\nThe Tuban list in Excel (${path}, ${sheet.rowCount - 1} rows; first rows, some columns):\n`);
      for (const n of [1, 2, 3, 4]) {
        const row = sheet.getRow(n);
        console.log(`  ${[2, 4, 5, 6, 11, 14, 15].map((c, i) => pad(row.getCell(c).text, [14, 10, 40, 14, 22, 10, 10][i]!)).join(' | ')}`);
      }
    }
    console.log(`\nExcel and CSV lists of every branch: ${config.NOTIFY_DIR}/<BRANCH>/`);
    console.log(`Total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await ctx.close();
    await feed.close();
    await receiver.close();
    await mail.close();
  }
}
