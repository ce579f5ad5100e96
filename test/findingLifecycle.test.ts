import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { matchSettings } from '../src/app.js';
import { recomputeFindings } from '../src/findings/recompute.js';
import { runUntilIdle } from '../src/queues/runUntilIdle.js';
import { runCli } from './support/cli.js';
import { importUnregistered } from './support/scenario.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

describe('finding lifecycle and the officers\' Excel list (CLI)', () => {
  let t: TestEnv;
  let ids: number[];
  beforeAll(async () => {
    t = await createTestEnv();
    await importUnregistered(t.ctx, t.dir, { TUBAN: 3, JEMBER: 2 });
    await runUntilIdle(t.ctx, { pollMs: 100 });
    ids = (await t.ctx.db.selectFrom('finding').select('id').where('branch', '=', 'TUBAN').orderBy('id').execute()).map((f) => f.id);
  });
  afterAll(async () => t.cleanup());

  const statusOf = async (id: number) => (await t.ctx.db.selectFrom('finding').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('acknowledges, dismisses with a reason and resolves, recording who and why', async () => {
    const [a, b, c] = ids as [number, number, number];
    expect((await runCli(['findings', 'ack', '--id', String(a), '--by', 'siti'], t.env)).stdout).toMatch(new RegExp(`finding ${a}: notified → acknowledged`));
    const noReason = await runCli(['findings', 'dismiss', '--id', String(b)], t.env);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toMatch(/a dismissal needs a reason/);
    expect((await runCli(['findings', 'dismiss', '--id', String(b), '--reason', 'usaha sudah tutup', '--by', 'siti'], t.env)).code).toBe(0);
    expect((await runCli(['findings', 'resolve', '--id', String(c), '--by', 'budi'], t.env)).code).toBe(0);
    const again = await runCli(['findings', 'ack', '--id', String(b)], t.env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is dismissed; it cannot become acknowledged/);
    expect([await statusOf(a), await statusOf(b), await statusOf(c)]).toEqual(['acknowledged', 'dismissed', 'resolved']);
    const audit = await t.ctx.db.selectFrom('finding_transition').select(['from_status', 'to_status', 'actor', 'note']).where('finding_id', '=', b).orderBy('id').execute();
    expect(audit).toEqual([
      { from_status: null, to_status: 'open', actor: 'system', note: null },
      { from_status: 'open', to_status: 'notified', actor: 'notifier', note: expect.stringMatching(/^file digest /) },
      { from_status: 'notified', to_status: 'dismissed', actor: 'siti', note: 'usaha sudah tutup' },
    ]);
  });

  it('keeps a finding an officer resolved resolved while the evidence stays the same, and reopens it on new evidence', async () => {
    const c = ids[2]!;
    expect(await statusOf(c)).toBe('resolved');
    const { nib } = await t.ctx.db.selectFrom('finding').select('nib').where('id', '=', c).executeTakeFirstOrThrow();
    const { rules, wageYear } = matchSettings(t.config);
    const audit = () => t.ctx.db.selectFrom('finding_transition').select(['to_status', 'actor', 'note']).where('finding_id', '=', c).orderBy('id').execute();
    const before = await audit();
    // A re-match on the same data (a re-check, a re-import) is no news.
    expect(await recomputeFindings(t.ctx.db, [nib], rules, wageYear)).toMatchObject({ reopened: 0 });
    expect(await statusOf(c)).toBe('resolved');
    expect(await audit()).toEqual(before);
    // Data that changed since the officer resolved it is.
    await sql`UPDATE finding SET evidence = evidence || '{"declared_workers": 1}' WHERE id = ${c}`.execute(t.ctx.db);
    expect(await recomputeFindings(t.ctx.db, [nib], rules, wageYear)).toMatchObject({ reopened: 1 });
    expect(await statusOf(c)).toBe('open');
    expect((await audit()).at(-1)).toEqual({ to_status: 'open', actor: 'system', note: 'new evidence since it was resolved' });
  });

  it('exports the ranked list as Excel, filtered by branch and status', async () => {
    const out = join(t.dir, 'jember.xlsx');
    const r = await runCli(['findings', 'export', '--format', 'xlsx', '--branch', 'jember', '--status', 'notified', '--out', out], t.env);
    expect(r.stdout).toMatch(/2 findings written/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(2).text).toBe('PWBD');
    const priorities = [sheet.getRow(2).getCell(4).value, sheet.getRow(3).getCell(4).value] as number[];
    expect(priorities[0]).toBeGreaterThanOrEqual(priorities[1]!);
    // Without --out the workbook goes to stdout (here a pipe), its count to stderr.
    const piped = await runCli(['findings', 'export', '--format', 'xlsx', '--branch', 'jember', '--status', 'notified'], t.env);
    expect(piped).toMatchObject({ code: 0, stderr: '2 findings written to stdout\n' });
    expect(piped.stdout.startsWith('PK')).toBe(true);
  });

  it('keeps an officer\'s change made while the finding is being recomputed', async () => {
    const finding = await t.ctx.db.selectFrom('finding').select(['id', 'nib', 'priority']).where('branch', '=', 'JEMBER').orderBy('id').executeTakeFirstOrThrow();
    expect(await statusOf(finding.id)).toBe('notified');
    // The stored priority is off, so the recompute has a change of its own to write to the row.
    await t.ctx.db.updateTable('finding').set({ priority: finding.priority + 7 }).where('id', '=', finding.id).execute();

    // The officer's transaction holds the row; the recompute starts while it is open.
    let commitOfficer!: () => void;
    let officerHolds!: () => void;
    const holding = new Promise<void>((resolve) => (officerHolds = resolve));
    const officer = t.ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('finding').set({ status: 'acknowledged' }).where('id', '=', finding.id).execute();
      officerHolds();
      await new Promise<void>((resolve) => (commitOfficer = resolve));
    });
    await holding;
    const { rules, wageYear } = matchSettings(t.config);
    const recompute = recomputeFindings(t.ctx.db, [finding.nib], rules, wageYear);
    // Until the recompute waits on the officer's row lock.
    for (let waited = 0; ; waited += 1) {
      const waiting = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(t.ctx.db);
      if (Number(waiting.rows[0]!.n) > 0) break;
      expect(waited).toBeLessThan(200);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    commitOfficer();
    await officer;
    await recompute;

    const after = await t.ctx.db.selectFrom('finding').select(['status', 'priority']).where('id', '=', finding.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'acknowledged', priority: finding.priority });
  });
});
