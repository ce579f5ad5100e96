import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/api/apiKeys.js';
import { idArgument } from '../src/cli/arguments.js';
import { openSink, UsageError } from '../src/cli/output.js';
import { importPermitFile } from '../src/oss/fileImport.js';
import { runUntilIdle } from '../src/queues/runUntilIdle.js';
import { jsonLines, runCli, type CliResult } from './support/cli.js';
import { RUN_DB_PREFIX, adminUrl, databaseUrl } from './support/databases.js';
import { importUnregistered } from './support/scenario.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

const ID_RULE = 'a whole number from 1 to 9007199254740991, in decimal digits only';
/** Numbers Number() reads but no id is written as, and ids outside the columns. */
const BAD_IDS = ['99999999999999999999', '9007199254740992', '-1', '0', '1.5', '1e3', '0x11', '+17', ' 17', ''];
const hasDevFull = existsSync('/dev/full');

/** A usage error: exit 2, nothing on stdout, one line on stderr. */
function expectUsageError(r: CliResult, message: string): void {
  expect(r).toMatchObject({ code: 2, stdout: '' });
  expect(r.stderr).toBe(`patuh: ${message}\n`);
}

describe('CLI arguments: hostile values end in a usage error naming them, never a stack trace, a hang or a silent success', () => {
  let t: TestEnv;
  let rejectId: number;

  beforeAll(async () => {
    t = await createTestEnv();
    await importUnregistered(t.ctx, t.dir, { TUBAN: 2, JEMBER: 1 });
    await runUntilIdle(t.ctx, { pollMs: 100 });
    const bad = join(t.dir, 'bad.jsonl');
    await writeFile(bad, '{"nib":"123"}\n');
    await importPermitFile(t.ctx.db, bad, async () => undefined);
    rejectId = (await t.ctx.db.selectFrom('permit_reject').select('id').executeTakeFirstOrThrow()).id;
  }, 120_000);
  afterAll(async () => t.cleanup());

  /**
   * Runs the commands, three at a time (each pays the CLI's start-up on its own). A command
   * that hangs is killed after a minute, and its code is null.
   */
  async function runAll(commands: string[][]): Promise<CliResult[]> {
    const results: CliResult[] = [];
    for (let i = 0; i < commands.length; i += 3) {
      results.push(...(await Promise.all(commands.slice(i, i + 3).map((args) => runCli(args, t.env, { timeoutMs: 60_000 })))));
    }
    return results;
  }

  describe('findings export --format xlsx checks --out before any work, as CSV does', () => {
    it('refuses a file in a folder that does not exist, and a directory, naming --out and the reason', async () => {
      const missing = join(t.dir, 'no-such-dir', 'list.xlsx');
      const [xlsxMissing, xlsxDir, csvDir] = await runAll([
        ['findings', 'export', '--format', 'xlsx', '--out', missing],
        ['findings', 'export', '--format', 'xlsx', '--out', t.dir],
        ['findings', 'export', '--format', 'csv', '--out', t.dir],
      ]);
      expectUsageError(xlsxMissing!, `--out ${missing}: cannot write there (ENOENT)`);
      expectUsageError(xlsxDir!, `--out ${t.dir}: cannot write there (EISDIR)`);
      expectUsageError(csvDir!, `--out ${t.dir}: cannot write there (EISDIR)`);
    });

    it('checks an unknown --branch first, and leaves no file behind for it', async () => {
      const out = join(t.dir, 'nope.xlsx');
      expectUsageError(await runCli(['findings', 'export', '--format', 'xlsx', '--branch', 'NOPE', '--out', out], t.env), '--branch NOPE: no such branch in the branch table');
      expect(existsSync(out)).toBe(false);
    });

    it('still writes the workbook to a good --out', async () => {
      const out = join(t.dir, 'tuban.xlsx');
      const r = await runCli(['findings', 'export', '--format', 'xlsx', '--branch', 'tuban', '--out', out], t.env);
      expect(r).toMatchObject({ code: 0, stderr: '', stdout: `2 findings written to ${out}\n` });
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(out);
      expect(book.worksheets[0]!.rowCount).toBe(3);
    });

    it('writes the workbook to stdout redirected to a file when --out is not given, the count on stderr', async () => {
      const out = join(t.dir, 'stdout.xlsx');
      const handle = await open(out, 'w');
      try {
        const r = await runCli(['findings', 'export', '--format', 'xlsx', '--branch', 'tuban'], t.env, { stdoutFd: handle.fd });
        expect(r).toMatchObject({ code: 0, stderr: '2 findings written to stdout\n' });
      } finally {
        await handle.close();
      }
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(out);
      expect(book.worksheets[0]!.rowCount).toBe(3);
    });
  });

  describe.skipIf(!hasDevFull)('a write that fails (a full disk: /dev/full) is an error naming the file and the reason, not a hang', () => {
    it('in every export that writes to --out', async () => {
      const results = await runAll([
        ['matches', 'export', '--out', '/dev/full'],
        ['findings', 'export', '--out', '/dev/full'],
        ['findings', 'export', '--format', 'csv', '--out', '/dev/full'],
        ['findings', 'export', '--format', 'xlsx', '--out', '/dev/full'],
      ]);
      for (const r of results) expectUsageError(r, '--out /dev/full: writing failed (ENOSPC)');
    });

    it('even when the write failed, and the file was closed, before the export ended (the hang)', async () => {
      const sink = await openSink('/dev/full');
      await sink.write('{"nib":"9120000000001"}\n');
      // Meanwhile (an export awaiting its next page) the write fails and the file is closed.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(sink.close()).rejects.toThrow(new UsageError('--out /dev/full: writing failed (ENOSPC)'));
    }, 10_000);

    it('in every command that writes its list to stdout, when stdout is the full disk', async () => {
      const full = await open('/dev/full', 'w');
      try {
        // (Each has something to write here: a listing with nothing to write succeeds.)
        const commands = [['matches', 'export'], ['findings', 'export', '--format', 'csv'], ['permits', 'rejects'], ['findings', 'export', '--format', 'xlsx']];
        const results = await Promise.all(commands.map((args) => runCli(args, t.env, { timeoutMs: 60_000, stdoutFd: full.fd })));
        results.forEach((r, i) => expect({ args: commands[i], code: r.code, stderr: r.stderr }).toEqual({ args: commands[i], code: 2, stderr: 'patuh: stdout: writing failed (ENOSPC)\n' }));
      } finally {
        await full.close();
      }
    }, 120_000);
  });

  it('ends quietly, exit 0, when the reader closes stdout before the list ends (| head)', async () => {
    const commands = [['matches', 'export'], ['findings', 'export', '--format', 'csv'], ['permits', 'rejects']];
    const results = await Promise.all(commands.map((args) => runCli(args, t.env, { timeoutMs: 60_000, closeStdout: true })));
    results.forEach((r, i) => expect({ args: commands[i], code: r.code, stderr: r.stderr }).toEqual({ args: commands[i], code: 0, stderr: '' }));
  }, 120_000);

  describe('ids', () => {
    it('are plain decimal digits from 1 to the largest id a bigint column holds exactly (one rule for every --id)', () => {
      for (const id of BAD_IDS) {
        expect(() => idArgument('--id', id, 'a key id')).toThrow(new UsageError(`--id ${id}: must be a key id (${ID_RULE})`));
      }
      expect(['1', '007', '17', '9007199254740991'].map((id) => idArgument('--id', id, 'a key id'))).toEqual([1, 7, 17, 9007199254740991]);
    });

    it('keys revoke --id takes a key id as plain decimal digits within the column, and says so', async () => {
      const bad = ['99999999999999999999', '-1', '1.5', '1e3'];
      const results = await runAll(bad.map((id) => ['keys', 'revoke', '--id', id]));
      results.forEach((r, i) => expectUsageError(r, `--id ${bad[i]}: must be a key id (${ID_RULE})`));
      const key = await createApiKey(t.ctx.db, { name: 'revoked-by-id', role: 'admin', branches: [] });
      expect(await runCli(['keys', 'revoke', '--id', String(key.id)], t.env)).toMatchObject({ code: 0, stdout: `key ${key.id} revoked\n` });
      expectUsageError(await runCli(['keys', 'revoke', '--id', String(key.id)], t.env), `--id ${key.id}: no active key with this id (patuh keys list shows the ids)`);
    });

    it('permits retry-rejects --id takes reject ids the same way, and an id not in quarantine is an error, not "retried 0"', async () => {
      const bad = ['99999999999999999999', '0x11'];
      const [huge, hex, unknown] = await runAll([
        ...bad.map((id) => ['permits', 'retry-rejects', '--id', String(rejectId), id]),
        ['permits', 'retry-rejects', '--id', String(rejectId), '424242'],
      ]);
      expectUsageError(huge!, `--id 99999999999999999999: must be a reject id (${ID_RULE})`);
      expectUsageError(hex!, `--id 0x11: must be a reject id (${ID_RULE})`);
      expectUsageError(unknown!, '--id 424242: no such reject in quarantine (patuh permits rejects --format jsonl lists them with their ids)');
      const r = await runCli(['permits', 'retry-rejects', '--id', String(rejectId)], t.env);
      expect(r).toMatchObject({ code: 0, stdout: 'retried 1: 0 accepted (0 queued for matching), 1 still rejected\n' });
    });

    it('findings ack|resolve|dismiss --id take finding ids the same way', async () => {
      const commands = [['ack', '99999999999999999999'], ['resolve', '1e3'], ['dismiss', '0']];
      const results = await runAll(commands.map(([verb, id]) => ['findings', verb!, '--id', id!, '--reason', 'x']));
      results.forEach((r, i) => expectUsageError(r, `--id ${commands[i]![1]}: must be a finding id (${ID_RULE})`));
    });

    it('notify retry --id takes a digest id, a UUID, and says so; an id of no failed digest is an error', async () => {
      const rule = 'must be a digest id, a UUID of 32 hexadecimal digits in groups of 8-4-4-4-12 (such as 0b5e1c2a-7f3d-4c1e-9a6b-2d8f0e4c7a91)';
      const bad = ['abc', '0b5e1c2a7f3d4c1e9a6b2d8f0e4c7a91'];
      const results = await runAll(bad.map((id) => ['notify', 'retry', '--id', id]));
      results.forEach((r, i) => expectUsageError(r, `--id ${bad[i]}: ${rule}`));
      const digest = (await t.ctx.db.selectFrom('digest').select(['id', 'branch']).orderBy('created_at').executeTakeFirstOrThrow());
      await t.ctx.db.updateTable('digest').set({ status: 'failed', last_error: 'test' }).where('id', '=', digest.id).execute();
      expectUsageError(await runCli(['notify', 'retry', '--id', '0b5e1c2a-7f3d-4c1e-9a6b-2d8f0e4c7a91'], t.env), '--id 0b5e1c2a-7f3d-4c1e-9a6b-2d8f0e4c7a91: no such failed digest (patuh notify failed lists them)');
      expect((await t.ctx.db.selectFrom('digest').select('status').where('id', '=', digest.id).executeTakeFirstOrThrow()).status).toBe('failed');
      // Upper case is the same UUID.
      const r = await runCli(['notify', 'retry', '--id', digest.id.toUpperCase()], t.env);
      expect(r).toMatchObject({ code: 0, stdout: 'requeued failed digests of 1 branch(es)\n' });
      expect((await t.ctx.db.selectFrom('digest').select('status').where('id', '=', digest.id).executeTakeFirstOrThrow()).status).toBe('pending');
    });
  });

  describe('review list --branch', () => {
    it('refuses an unknown branch as findings export does, and lists a known one given in any case', async () => {
      const tuban = (await t.ctx.db.selectFrom('finding').select('nib').where('branch', '=', 'TUBAN').executeTakeFirstOrThrow()).nib;
      await t.ctx.db.updateTable('match').set({ decision: 'review' }).where('nib', '=', tuban).execute();
      const [unknown, known, other] = await runAll([
        ['review', 'list', '--branch', 'NOPE'],
        ['review', 'list', '--branch', 'tuban', '--format', 'jsonl'],
        ['review', 'list', '--branch', 'JEMBER', '--format', 'jsonl'],
      ]);
      expectUsageError(unknown!, '--branch NOPE: no such branch in the branch table');
      expect(known!.code).toBe(0);
      expect(jsonLines(known!.stdout)).toEqual([expect.objectContaining({ nib: tuban, branch: 'TUBAN' })]);
      // A known branch with nothing in review is no error.
      expect(other).toMatchObject({ code: 0, stdout: '', stderr: '' });
    });
  });

  describe('other numeric options read with the same rule', () => {
    it('recheck --wait and demo --companies, --seed refuse what Number() alone would read', async () => {
      const [wait, companies, seed] = await runAll([
        ['recheck', '--nib', '9120000000001', '--wait', '0x1e'],
        ['demo', '--companies', '1e3'],
        ['demo', '--seed', ' 7'],
      ]);
      expectUsageError(wait!, '--wait 0x1e: must be 0 to 600 seconds, in decimal digits (such as 30 or 2.5)');
      expectUsageError(companies!, '--companies 1e3: must be a whole number from 10 to 200000, in decimal digits only');
      expectUsageError(seed!, '--seed  7: must be a whole number from -9007199254740991 to 9007199254740991, in decimal digits only');
    });
  });

  describe('a database that cannot be used', () => {
    it('is exit 2 naming DATABASE_URL and the way out, before an export writes anything, without the password', async () => {
      const bare = `${RUN_DB_PREFIX}bare_${process.pid}`;
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${bare}`);
        const at = (url: string) => ({ ...t.env, DATABASE_URL: url });
        const missing = `${RUN_DB_PREFIX}missing_${process.pid}`;
        const [down, absent, unmigrated] = await Promise.all([
          runCli(['findings', 'export', '--format', 'csv'], at('postgres://someone:hunter2@127.0.0.1:1/patuh')),
          runCli(['findings', 'export', '--format', 'csv'], at(databaseUrl(missing))),
          runCli(['findings', 'export', '--format', 'csv'], at(databaseUrl(bare))),
        ]);
        expect(down).toMatchObject({ code: 2, stdout: '' });
        expect(down.stderr).toMatch(/^patuh: cannot reach PostgreSQL at 127\.0\.0\.1:1\/patuh \(DATABASE_URL\): connect ECONNREFUSED/);
        expect(down.stderr).not.toContain('hunter2');
        expect(absent).toMatchObject({ code: 2, stdout: '' });
        expect(absent.stderr).toContain(`database "${missing}" does not exist`);
        expect(absent.stderr).toContain('(DATABASE_URL): run `patuh db migrate` to create it');
        expect(unmigrated).toMatchObject({ code: 2, stdout: '' });
        expect(unmigrated.stderr).toMatch(/^patuh: the database at .*\/patuh_t_\w+ \(DATABASE_URL\) lacks \d+ migrations 0001_initial … \S+: run `patuh db migrate`\n$/);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${bare} WITH (FORCE)`);
        await admin.end();
      }
    });
  });

  it('demo with PostgreSQL or Redis away is exit 2 naming the variable, not a process left hanging on its local servers', async () => {
    const [noDatabase, noRedis] = await Promise.all([
      runCli(['demo'], { ...t.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/patuh' }, { timeoutMs: 45_000 }),
      runCli(['demo'], { ...t.env, REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: databaseUrl(`${RUN_DB_PREFIX}demo_${process.pid}`) }, { timeoutMs: 45_000 }),
    ]);
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.stderr).toMatch(/^patuh: cannot reach PostgreSQL at 127\.0\.0\.1:1\/patuh_demo \(DATABASE_URL\): connect ECONNREFUSED/);
    expect(noRedis.code).toBe(2);
    expect(noRedis.stderr).toMatch(/^patuh: cannot reach Redis at 127\.0\.0\.1:1 \(REDIS_URL\) within 10 s/);
  });

  it('serve on a PORT another process holds is exit 2 naming PORT, not a process left hanging on its connections', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
    try {
      const port = (holder.address() as AddressInfo).port;
      expectUsageError(await runCli(['serve'], { ...t.env, PORT: String(port) }, { timeoutMs: 30_000 }), `PORT ${port}: another process already listens on it`);
    } finally {
      holder.close();
    }
  });

  it('writes control characters in a refused value as escapes', async () => {
    expectUsageError(await runCli(['keys', 'revoke', '--id', '1\u001b[2J'], t.env), `--id 1\\u001b[2J: must be a key id (${ID_RULE})`);
  });
});
