import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type RunningWebhookReceiver } from '../src/demo/webhookReceiver.js';
import { jsonLines, runCli } from './support/cli.js';
import { RUN_DB_PREFIX, adminUrl, databaseUrl } from './support/databases.js';
import { importUnregistered } from './support/scenario.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('CLI contract on a hand-made extract and JSONL file', () => {
  let t: TestEnv;
  let receiver: RunningWebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await createTestEnv({ NOTIFY_WEBHOOK_URL: receiver.url });
  });
  afterAll(async () => {
    await t.cleanup();
    await receiver.close();
  });

  async function tableCounts() {
    const count = async (table: 'permit' | 'employer' | 'match' | 'finding' | 'permit_reject' | 'digest' | 'finding_event') =>
      Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return {
      permit: await count('permit'),
      employer: await count('employer'),
      match: await count('match'),
      finding: await count('finding'),
      reject: await count('permit_reject'),
      digest: await count('digest'),
      event: await count('finding_event'),
    };
  }

  it('imports the extract, reporting each bad row with its line number and loading the good ones', async () => {
    const r = await runCli(['enrollment', 'import', fixture('enrollment.csv')], t.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/5 loaded \(5 new, 0 changed, 0 unchanged\), 5 rejected/);
    expect(r.stderr).toMatch(/enrollment\.csv:6: rejected: npwp: must be 15 or 16 digits/);
    expect(r.stderr).toMatch(/enrollment\.csv:7: rejected: program: unknown program "XYZ"/);
    expect(r.stderr).toMatch(/enrollment\.csv:8: rejected: npp: is required/);
    expect(r.stderr).toMatch(/enrollment\.csv:9: rejected: tk_aktif: must be a whole number/);
    expect(r.stderr).toMatch(/enrollment\.csv:11: rejected: has 5 columns/);
    const quoted = await t.ctx.db.selectFrom('employer').select(['name', 'npwp', 'kab_kota', 'programs']).where('npp', '=', '12000009').executeTakeFirstOrThrow();
    expect(quoted).toEqual({ name: 'PT "QUOTED" NAME', npwp: null, kab_kota: '1671', programs: ['JKK', 'JKM', 'JHT'] });
    const gresik = await t.ctx.db.selectFrom('employer').select(['npwp', 'kab_kota']).where('npp', '=', '12000001').executeTakeFirstOrThrow();
    expect(gresik).toEqual({ npwp: '0012345678901000', kab_kota: '3523' });
  });

  it('imports permits, quarantining bad lines with their line numbers, and lists them', async () => {
    const r = await runCli(['permits', 'import', fixture('permits.jsonl')], t.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/accepted 7 \(7 new, 0 updated, 0 unchanged\), rejected 4/);
    const rejects = await runCli(['permits', 'rejects', '--format', 'jsonl'], t.env);
    expect(rejects.code).toBe(0);
    const lines = jsonLines(rejects.stdout);
    expect(lines.map((l) => [l.line, l.source])).toEqual([[6, 'file'], [7, 'file'], [8, 'file'], [9, 'file']]);
    expect(lines.map((l) => l.reason)).toEqual([
      expect.stringMatching(/^not valid JSON/),
      'nib: must be 13 digits',
      expect.stringMatching(/^data_proyek\.0\.jumlah_tki_l: must not be negative/),
      expect.stringMatching(/must be a JSON object/),
    ]);
    // Personal data never reaches storage, not even in quarantine.
    const stored = JSON.stringify(await t.ctx.db.selectFrom('permit').select('raw').execute()) + rejects.stdout;
    expect(stored).not.toContain('3523011203850001');
    expect(stored).not.toContain('081234567890');
    expect(stored).not.toContain('budi@example.com');
  });

  it('runs the pipeline until idle and exports one line per permit and per finding', async () => {
    const run = await runCli(['run', '--until-idle'], t.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const matches = await runCli(['matches', 'export', '--format', 'jsonl'], t.env);
    expect(matches.code).toBe(0);
    const byNib = Object.fromEntries(jsonLines(matches.stdout).map((m) => [m.nib, m]));
    expect(Object.keys(byNib)).toHaveLength(7);
    for (const m of Object.values(byNib)) expect(Object.keys(m as object)).toEqual(['nib', 'npp', 'decision', 'score', 'method']);
    expect(byNib['9120001234561']).toEqual({ nib: '9120001234561', npp: '12000001', decision: 'matched', score: 1, method: 'npp' });
    expect(byNib['9120001234562']).toMatchObject({ npp: '12000002', decision: 'matched', method: 'npwp' });
    expect(byNib['9120001234564']).toEqual({ nib: '9120001234564', npp: null, decision: 'unmatched', score: 0, method: 'none' });

    const findings = await runCli(['findings', 'export', '--format', 'jsonl'], t.env);
    const list = jsonLines(findings.stdout);
    for (const f of list) expect(Object.keys(f)).toEqual(['nib', 'npp', 'category', 'branch', 'status', 'evidence']);
    const keys = list.map((f) => `${f.nib} ${f.category} ${f.branch}`).sort();
    expect(keys).toEqual([
      '9120001234562 missing_programs PEKALONGAN',
      '9120001234562 under_reported_wages PEKALONGAN',
      '9120001234562 under_reported_workers PEKALONGAN',
      '9120001234563 arrears JEMBER',
      '9120001234563 under_reported_wages JEMBER',
      '9120001234563 under_reported_workers JEMBER',
      '9120001234564 unregistered TUBAN',
      '9120001234567 inactive_enrollment SURAKARTA',
      '9120001234567 under_reported_wages SURAKARTA',
      '9120001234568 unregistered PUSAT',
    ]);
    const pds = list.find((f) => f.nib === '9120001234562' && f.category === 'under_reported_workers');
    expect(pds?.evidence).toEqual({ declared_workers: 15, reported_workers: 8, gap: 7 });
    // The revoked permit (tipe_dokumen 3) is never flagged.
    expect(list.some((f) => f.nib === '9120001234565')).toBe(false);

    // One digest per branch reached the webhook, and the CSV drop has the same.
    const branches = [...receiver.digests.values()].map((d) => d.branch).sort();
    expect(branches).toEqual(['JEMBER', 'PEKALONGAN', 'PUSAT', 'SURAKARTA', 'TUBAN']);
    expect(list.every((f) => f.status === 'notified')).toBe(true);
  });

  it('filters the findings export and writes CSV to a file', async () => {
    const out = join(t.dir, 'jember.csv');
    const r = await runCli(['findings', 'export', '--format', 'csv', '--branch', 'JEMBER', '--status', 'notified', '--out', out], t.env);
    expect(r.code).toBe(0);
    const text = await readFile(out, 'utf8');
    const rows = text.trim().split('\n');
    expect(rows[0]).toBe('nib,npp,category,branch,status,evidence');
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).every((row) => row.includes(',JEMBER,notified,'))).toBe(true);
    const none = await runCli(['findings', 'export', '--status', 'resolved'], t.env);
    expect(none.stdout).toBe('');
  });

  it('says clearly what it cannot do: an unknown branch, an --out it cannot write, a Redis it cannot reach', async () => {
    const unknown = await runCli(['findings', 'export', '--branch', 'NOPE'], t.env);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr.trim()).toBe('patuh: --branch NOPE: no such branch in the branch table');
    const unwritable = await runCli(['findings', 'export', '--format', 'csv', '--out', join(t.dir, 'no-such-dir', 'f.csv')], t.env);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr.trim()).toBe(`patuh: --out ${join(t.dir, 'no-such-dir', 'f.csv')}: cannot write there (ENOENT)`);
    // Redis away: a command that queues work fails naming it, instead of waiting silently forever;
    // one that only reads PostgreSQL still works.
    const noRedis = { ...t.env, REDIS_URL: 'redis://127.0.0.1:1' };
    const queued = await runCli(['permits', 'import', fixture('permits.jsonl')], noRedis);
    expect(queued.code).toBe(2);
    expect(queued.stderr.trim()).toMatch(/^patuh: cannot reach Redis at 127\.0\.0\.1:1 \(REDIS_URL\) within 10 s: .*ECONNREFUSED/);
    expect((await runCli(['matches', 'export'], noRedis)).code).toBe(0);
  }, 60_000);

  it('feed reset forgets the checkpoint, saying which cursor it forgot, and is safe to repeat', async () => {
    await t.ctx.db.insertInto('feed_checkpoint').values({ feed: 'oss', cursor: 'c41' }).execute();
    try {
      const first = await runCli(['feed', 'reset'], t.env);
      expect(first.code).toBe(0);
      expect(first.stdout).toBe('feed checkpoint "c41" forgotten: the next sync reads the feed from OSS_FEED_START\n');
      expect(await t.ctx.db.selectFrom('feed_checkpoint').select('cursor').where('feed', '=', 'oss').executeTakeFirst()).toEqual({ cursor: null });
      const again = await runCli(['feed', 'reset'], t.env);
      expect(again.stdout).toMatch(/was already at the start/);
    } finally {
      await t.ctx.db.deleteFrom('feed_checkpoint').execute();
    }
    const none = await runCli(['feed', 'reset'], t.env);
    expect(none.stdout).toMatch(/has no checkpoint yet/);
  });

  it('duplicates nothing when every step runs again', async () => {
    const before = await tableCounts();
    const deliveries = receiver.deliveries;
    const e = await runCli(['enrollment', 'import', fixture('enrollment.csv')], t.env);
    expect(e.stdout).toMatch(/0 new, 0 changed, 5 unchanged/);
    const p = await runCli(['permits', 'import', fixture('permits.jsonl')], t.env);
    expect(p.stdout).toMatch(/0 new, 0 updated, 7 unchanged\), rejected 4/);
    expect((await runCli(['run', '--until-idle'], t.env)).code).toBe(0);
    expect(await tableCounts()).toEqual(before);
    expect(receiver.deliveries).toBe(deliveries);
  });

  it('resolves an unregistered finding once the employer appears in a new extract, and reports it', async () => {
    const extract = join(t.dir, 'enrollment-2.csv');
    const original = await readFile(fixture('enrollment.csv'), 'utf8');
    await writeFile(extract, `${original}12000020,PT BELUM DAFTAR SEJAHTERA,,9120001234564,Jl. Baru,35.23,AKTIF,JKK;JKM,4,14000000,0\n`);
    const e = await runCli(['enrollment', 'import', extract], t.env);
    expect(e.stdout).toMatch(/1 new/);
    expect((await runCli(['run', '--until-idle'], t.env)).code).toBe(0);
    const finding = await t.ctx.db.selectFrom('finding').selectAll().where('nib', '=', '9120001234564').where('category', '=', 'unregistered').executeTakeFirstOrThrow();
    expect(finding.status).toBe('resolved');
    const matches = jsonLines((await runCli(['matches', 'export'], t.env)).stdout);
    expect(matches.find((m) => m.nib === '9120001234564')).toMatchObject({ npp: '12000020', decision: 'matched', method: 'nib' });
    const tuban = [...receiver.digests.values()].filter((d) => d.branch === 'TUBAN');
    expect(tuban).toHaveLength(2);
    const latest = tuban[1] as { resolved: Array<{ nib: string; category: string }> };
    expect(latest.resolved).toEqual([expect.objectContaining({ nib: '9120001234564', category: 'unregistered' })]);
  });
});

describe('run --until-idle with a receiver that refuses digests', () => {
  it('exits 0 once the queues are drained, naming the digests given up, which notify failed then lists', async () => {
    const refused: string[] = [];
    const receiver = createServer((req, res) => {
      refused.push(String(req.headers['idempotency-key']));
      req.resume();
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"no"}');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const t = await createTestEnv({ NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` });
    try {
      await importUnregistered(t.ctx, t.dir, { TUBAN: 2 });
      const r = await runCli(['run', '--until-idle'], t.env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/patuh: 1 digest deliveries given up: patuh notify failed lists them/);
      expect(r.stderr).not.toMatch(/jobs failed for good/);
      const failed = await runCli(['notify', 'failed', '--format', 'jsonl'], t.env);
      expect(jsonLines(failed.stdout).map((d) => d.id)).toEqual([refused[0]]);
    } finally {
      await t.cleanup();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe('CLI errors', () => {
  it('names the wrong variable and exits 2', async () => {
    const r = await runCli(['matches', 'export'], { ...process.env, REDIS_URL: 'localhost:6379', QUEUE_PREFIX: 'bad prefix!' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/REDIS_URL: must be a URL starting with redis:\/\//);
    expect(r.stderr).toMatch(/QUEUE_PREFIX: must be 1-64 letters/);
  });

  it('says which file is missing', async () => {
    const r = await runCli(['permits', 'import', '/nonexistent/permits.jsonl'], process.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/nonexistent\/permits\.jsonl: no such file/);
  });

  it('db migrate creates a missing database and is idempotent', async () => {
    const name = `${RUN_DB_PREFIX}migrate_${process.pid}`;
    const env = { ...process.env, DATABASE_URL: databaseUrl(name), LOG_LEVEL: 'silent' };
    try {
      const first = await runCli(['db', 'migrate'], env);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(new RegExp(`created database ${name}`));
      expect(first.stdout).toMatch(/applied 0001_initial/);
      const second = await runCli(['db', 'migrate'], env);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/database is up to date/);
    } finally {
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
