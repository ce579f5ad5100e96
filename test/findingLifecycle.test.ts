import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const missing = await runCli(['findings', 'export', '--format', 'xlsx'], t.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--format xlsx needs --out FILE/);
  });
});
