import { createHmac } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../src/demo/webhookReceiver.js';
import { deliverBranchDigests } from '../src/notify/deliverBranchDigests.js';
import { listFailedDigests, retryFailedDigests } from '../src/notify/digestRepository.js';
import { scheduleBranchFlush } from '../src/notify/notifyQueue.js';
import { runUntilIdle } from '../src/queues/runUntilIdle.js';
import { enroll, importUnregistered } from './support/scenario.js';
import { attachment, readable, startSmtpServer } from './support/smtp.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

type Digest = { branch: string; reason: string; findings: Array<{ finding_id: number; change: string; nib: string }>; resolved: Array<{ nib: string }> };

describe('notifier: Alertmanager-style digests to webhook, e-mail and files', () => {
  let t: TestEnv;
  let receiver: RunningWebhookReceiver;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const failBranches = new Set<string>();
  const serverErrorBranches = new Set<string>();
  const tubanNibs: string[] = [];

  beforeAll(async () => {
    receiver = await startWebhookReceiver({
      status: (body) => (failBranches.has(String(body.branch)) ? 400 : serverErrorBranches.has(String(body.branch)) ? 500 : 200),
    });
    smtp = await startSmtpServer();
    t = await createTestEnv({
      NOTIFY_WEBHOOK_URL: receiver.url,
      NOTIFY_WEBHOOK_SECRET: 's3cret',
      SMTP_URL: smtp.url,
      NOTIFY_GROUP_WAIT_MS: '1500',
    });
    await t.ctx.db.updateTable('branch').set({ email_to: ['kacab.tuban@bpjs.test'] }).where('code', '=', 'TUBAN').execute();
  });
  afterAll(async () => {
    await t.cleanup();
    await receiver.close();
    await smtp.close();
  });

  const run = () => runUntilIdle(t.ctx, { pollMs: 100 });
  const digests = () => receiver.requests.map((r) => JSON.parse(r.body) as Digest);

  it('sends one digest per branch and channel for a burst of findings, signed, with the list attached', async () => {
    tubanNibs.push(...(await importUnregistered(t.ctx, t.dir, { TUBAN: 3, JEMBER: 2 })));
    await importUnregistered(t.ctx, t.dir, { TUBAN: 1, PEKALONGAN: 2, SURAKARTA: 1 }).then((n) => tubanNibs.push(n[0]!));
    await importUnregistered(t.ctx, t.dir, { PALEMBANG: 1, PUSAT: 2, JEMBER: 1 });
    await run();

    const sent = digests();
    expect(sent.map((d) => d.branch).sort()).toEqual(['JEMBER', 'PALEMBANG', 'PEKALONGAN', 'PUSAT', 'SURAKARTA', 'TUBAN']);
    expect(receiver.deliveries).toBe(receiver.digests.size);
    const tuban = sent.find((d) => d.branch === 'TUBAN')!;
    expect(tuban.reason).toBe('new');
    expect(tuban.findings).toHaveLength(4);
    expect(tuban.findings.every((f) => f.change === 'new')).toBe(true);

    // The signature is HMAC-SHA256 over "<timestamp>.<body>" with the shared secret.
    for (const r of receiver.requests) {
      const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.signature ?? '') ?? [];
      expect(mac).toBe(createHmac('sha256', 's3cret').update(`${ts}.${r.body}`).digest('hex'));
    }

    // E-mail: one message to the branch, bilingual, with the full list as Excel.
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toEqual(['kacab.tuban@bpjs.test']);
    expect(readable(mail.raw)).toMatch(/4 perusahaan perlu ditindaklanjuti \/ 4 employers to follow up/);
    expect(readable(mail.raw)).toMatch(/PWBD: 4/);
    const xlsx = attachment(mail.raw, '.xlsx');
    expect(xlsx).not.toBeNull();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx! as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(1).getCell(5).text).toBe('Nama perusahaan / Company');

    // File drop: CSV and XLSX per digest.
    const files = await readdir(join(t.dir, 'digests', 'TUBAN'));
    expect(files.filter((f) => f.endsWith('.csv'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.xlsx'))).toHaveLength(1);
    const statuses = await t.ctx.db.selectFrom('finding').select('status').distinct().execute();
    expect(statuses).toEqual([{ status: 'notified' }]);
  });

  it('sends nothing when nothing changed', async () => {
    const before = receiver.deliveries;
    await scheduleBranchFlush(t.ctx.db, t.ctx.queues, t.ctx.config, ['TUBAN', 'JEMBER', 'PUSAT'], true);
    await run();
    expect(receiver.deliveries).toBe(before);
    expect(smtp.messages).toHaveLength(1);
  });

  it('repeats open findings as a reminder after repeat_interval', async () => {
    await t.ctx.db.updateTable('branch').set({ repeat_interval_ms: 1000 }).where('code', '=', 'TUBAN').execute();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = receiver.deliveries;
    await t.ctx.queues.add('notify', 'reminder-sweep', {});
    await run();
    const reminders = digests().slice(before);
    expect(reminders.map((d) => [d.branch, d.reason])).toEqual([['TUBAN', 'reminder']]);
    expect(reminders[0]!.findings).toHaveLength(4);
    expect(reminders[0]!.findings.every((f) => f.change === 'open')).toBe(true);
    expect(smtp.messages).toHaveLength(2);
    expect(readable(smtp.messages[1]!.raw)).toMatch(/pengingat \/ reminder/);
    await t.ctx.db.updateTable('branch').set({ repeat_interval_ms: null }).where('code', '=', 'TUBAN').execute();
  });

  it('reports a resolved finding once', async () => {
    const before = receiver.deliveries;
    await enroll(t.ctx, t.dir, [tubanNibs[0]!]);
    await run();
    const sent = digests().slice(before);
    expect(sent.map((d) => [d.branch, d.reason])).toEqual([['TUBAN', 'changed']]);
    expect(sent[0]!.resolved.map((r) => r.nib)).toEqual([tubanNibs[0]]);
    expect(sent[0]!.findings.map((f) => f.nib)).not.toContain(tubanNibs[0]);
    await scheduleBranchFlush(t.ctx.db, t.ctx.queues, t.ctx.config, ['TUBAN'], true);
    await run();
    expect(receiver.deliveries).toBe(before + 1);
  });

  it('dead-letters a digest the receiver refuses (4xx) and delivers it on retry', async () => {
    failBranches.add('PALEMBANG');
    await importUnregistered(t.ctx, t.dir, { PALEMBANG: 1 });
    await run();
    const failed = await listFailedDigests(t.ctx.db);
    expect(failed).toEqual([expect.objectContaining({ branch: 'PALEMBANG', channel: 'webhook', last_error: expect.stringMatching(/HTTP 400/) })]);
    const palembang = () => digests().filter((d) => d.branch === 'PALEMBANG');
    const postsBefore = palembang().length;
    // While a dead letter waits, the channel gets no new digest repeating its findings under another id.
    const [later] = await importUnregistered(t.ctx, t.dir, { PALEMBANG: 1 });
    await run();
    expect(await listFailedDigests(t.ctx.db)).toEqual(failed);
    failBranches.delete('PALEMBANG');
    const branches = await retryFailedDigests(t.ctx.db);
    await scheduleBranchFlush(t.ctx.db, t.ctx.queues, t.ctx.config, branches, true);
    await run();
    expect(await listFailedDigests(t.ctx.db)).toEqual([]);
    expect(receiver.digests.get(failed[0]!.id)).toMatchObject({ branch: 'PALEMBANG', reason: 'changed' });
    // The finding made meanwhile is told once, after the dead letter: no finding twice.
    const delivered = palembang().slice(postsBefore).filter((d) => receiver.digests.has((d as unknown as { digest_id: string }).digest_id));
    const told = delivered.flatMap((d) => d.findings.filter((f) => f.change === 'new').map((f) => f.nib));
    expect(told.filter((nib) => nib === later)).toHaveLength(1);
    expect(new Set(told).size).toBe(told.length);
  });

  it('tries a failing receiver once per attempt, not again and again within one', async () => {
    // TUBAN's receiver fails with 500; a finding back in its list makes a digest to deliver.
    serverErrorBranches.add('TUBAN');
    const before = receiver.requests.length;
    const finding = await t.ctx.db.selectFrom('finding').select('id').where('branch', '=', 'TUBAN').where('status', '=', 'resolved').executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('finding').set({ status: 'open' }).where('id', '=', finding.id).execute();
    const tubanPosts = () => receiver.requests.slice(before).filter((r) => (JSON.parse(r.body) as Digest).branch === 'TUBAN').length;
    // Two attempts, one POST each: the job's attempts, with their backoff, are the retries
    // (the pending digest was leased again at once, 50 times in a second).
    for (const tries of [1, 2]) {
      await expect(deliverBranchDigests(t.ctx.db, t.ctx.config, 'TUBAN', 2026, false)).rejects.toThrow(/HTTP 500/);
      expect(tubanPosts()).toBe(tries);
    }
    serverErrorBranches.delete('TUBAN');
    await deliverBranchDigests(t.ctx.db, t.ctx.config, 'TUBAN', 2026, false);
    expect(tubanPosts()).toBe(3);
  });
  it('never posts a digest unsigned because the secret variable a branch names is not set', async () => {
    const variable = 'PATUH_TEST_SURAKARTA_SECRET';
    delete process.env[variable];
    await t.ctx.db.updateTable('branch').set({ webhook_secret_env: variable }).where('code', '=', 'SURAKARTA').execute();
    const before = receiver.requests.length;
    const [nib] = await importUnregistered(t.ctx, t.dir, { SURAKARTA: 1 });
    await run();
    const surakarta = () => receiver.requests.slice(before).filter((r) => (JSON.parse(r.body) as Digest).branch === 'SURAKARTA');
    expect(surakarta()).toEqual([]);
    const failed = await listFailedDigests(t.ctx.db);
    expect(failed).toEqual([expect.objectContaining({ branch: 'SURAKARTA', channel: 'webhook', last_error: expect.stringContaining(variable) })]);
    process.env[variable] = 'solo-secret';
    try {
      await scheduleBranchFlush(t.ctx.db, t.ctx.queues, t.ctx.config, await retryFailedDigests(t.ctx.db), true);
      await run();
      const [posted] = surakarta();
      expect((JSON.parse(posted!.body) as Digest).findings.map((f) => f.nib)).toContain(nib);
      const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(posted!.signature ?? '') ?? [];
      expect(mac).toBe(createHmac('sha256', 'solo-secret').update(`${ts}.${posted!.body}`).digest('hex'));
    } finally {
      delete process.env[variable];
    }
  });
});
