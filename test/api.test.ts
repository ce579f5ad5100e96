import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/api/apiKeys.js';
import { buildServer } from '../src/api/server.js';
import { createApp } from '../src/app.js';
import { requestRecheck } from '../src/oss/recheck.js';
import { runUntilIdle } from '../src/queues/runUntilIdle.js';
import { runCli } from './support/cli.js';
import { importUnregistered } from './support/scenario.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

describe('HTTP API: keys, roles, branch scope and refusals', () => {
  let t: TestEnv;
  let app: FastifyInstance;
  const key: Record<string, string> = {};
  let tubanNibs: string[];
  let tubanFinding: number;
  let jemberFinding: number;

  beforeAll(async () => {
    t = await createTestEnv();
    tubanNibs = await importUnregistered(t.ctx, t.dir, { TUBAN: 3, JEMBER: 2 });
    await runUntilIdle(t.ctx, { pollMs: 100 });
    const make = async (name: string, args: string[]) => {
      const r = await runCli(['keys', 'create', '--name', name, ...args], t.env);
      expect(r.code).toBe(0);
      key[name] = r.stdout.trim().split('\n').pop()!;
    };
    await make('admin', ['--role', 'admin']);
    await make('tuban', ['--role', 'officer', '--branch', 'TUBAN']);
    await make('integration', ['--role', 'integration']);
    app = await buildServer(t.ctx, { rateLimitPerMinute: 40 });
    tubanFinding = (await t.ctx.db.selectFrom('finding').select('id').where('branch', '=', 'TUBAN').orderBy('id').executeTakeFirstOrThrow()).id;
    jemberFinding = (await t.ctx.db.selectFrom('finding').select('id').where('branch', '=', 'JEMBER').orderBy('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  const call = (method: 'GET' | 'POST', url: string, who?: string, payload?: unknown) =>
    app.inject({ method, url, headers: who ? { authorization: `Bearer ${key[who] ?? who}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('prints the new key alone on the last line and keeps only its hash', async () => {
    expect(key.tuban).toMatch(/^patuh_[A-Za-z0-9_-]{43}$/);
    const stored = await t.ctx.db.selectFrom('api_key').select(['key_hash', 'role', 'branches']).where('name', '=', 'tuban').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ role: 'officer', branches: ['TUBAN'] });
    expect(stored.key_hash).not.toContain(key.tuban);
    const two = await runCli(['keys', 'create', '--role', 'officer', '--branch', 'tuban,JEMBER', '--name', 'two'], t.env);
    const twoKey = two.stdout.trim().split('\n').pop()!;
    expect((await t.ctx.db.selectFrom('api_key').select('branches').where('name', '=', 'two').executeTakeFirstOrThrow()).branches).toEqual(['TUBAN', 'JEMBER']);
    expect((await runCli(['keys', 'revoke', twoKey], t.env)).stdout).toMatch(/revoked/);
    expect((await runCli(['keys', 'revoke', twoKey], t.env)).code).toBe(2);
    const bad = await runCli(['keys', 'create', '--role', 'officer'], t.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/needs at least one --branch/);
  });

  it('answers 401 without a key or with an unknown one, and serves health, readiness and OpenAPI openly', async () => {
    expect((await call('GET', '/findings')).statusCode).toBe(401);
    expect((await call('GET', '/findings', 'patuh_not-a-key')).statusCode).toBe(401);
    expect((await call('GET', '/health')).json()).toEqual({ status: 'ok' });
    expect((await call('GET', '/ready')).json()).toEqual({ status: 'ready' });
    const metrics = (await call('GET', '/metrics')).body;
    expect(metrics).toMatch(/patuh_findings\{category="unregistered",branch="TUBAN",status="notified"\} 3/);
    expect(metrics).toMatch(/patuh_queue_jobs\{queue="match",state="completed"\} \d+/);
    expect(metrics).toMatch(/patuh_digests\{channel="file",status="delivered"\} 2/);
    const doc = (await call('GET', '/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/findings', '/findings/{id}/dismiss', '/review/decisions', '/permits/{nib}']));
  });

  it('lists findings, ranked and paginated, only within an officer\'s branches (in the SQL)', async () => {
    const all = (await call('GET', '/findings', 'admin')).json();
    expect(all.items).toHaveLength(5);
    const mine = (await call('GET', '/findings?limit=2', 'tuban')).json();
    expect(mine.items).toHaveLength(2);
    expect(mine.items.every((i: { nib: string }) => tubanNibs.slice(0, 3).includes(i.nib))).toBe(true);
    // Each item says whose it is.
    expect([...new Set([...mine.items].map((i: { branch: string }) => i.branch))]).toEqual(['TUBAN']);
    expect(new Set(all.items.map((i: { branch: string }) => i.branch))).toEqual(new Set(['TUBAN', 'JEMBER']));
    const next = (await call('GET', `/findings?limit=2&cursor=${mine.next_cursor}`, 'tuban')).json();
    expect(next.items).toHaveLength(1);
    expect(next.next_cursor).toBeNull();
    const priorities = [...mine.items, ...next.items].map((i: { priority: number }) => i.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  });

  it('refuses an officer another branch\'s findings, by filter and by id (403)', async () => {
    expect((await call('GET', '/findings?branch=JEMBER', 'tuban')).statusCode).toBe(403);
    expect((await call('GET', `/findings/${jemberFinding}`, 'tuban')).statusCode).toBe(403);
    const change = await call('POST', `/findings/${jemberFinding}/acknowledge`, 'tuban', {});
    expect(change.statusCode).toBe(403);
    expect((await t.ctx.db.selectFrom('finding').select('status').where('id', '=', jemberFinding).executeTakeFirstOrThrow()).status).toBe('notified');
    expect((await call('GET', `/findings/${tubanFinding}`, 'tuban')).statusCode).toBe(200);
    // The review list takes the same filter, scoped the same way; a filter it does not know is a 400, not ignored.
    expect((await call('GET', '/review?branch=JEMBER', 'tuban')).statusCode).toBe(403);
    expect((await call('GET', '/review?branch=tuban', 'tuban')).statusCode).toBe(200);
    expect((await call('GET', '/review?cabang=TUBAN', 'tuban')).json()).toEqual({ error: 'invalid query', details: [{ field: 'query', message: 'Unrecognized key: "cabang"' }] });
  });

  it('refuses a branch filter the branch table does not hold (400), where it would list nothing as if the branch had nothing', async () => {
    for (const url of ['/findings?branch=NOPE', '/review?branch=NOPE']) {
      const r = await call('GET', url, 'admin');
      expect(r.statusCode).toBe(400);
      expect(r.json()).toEqual({ error: 'invalid query', details: [{ field: 'branch', message: 'no such branch: NOPE' }] });
    }
    expect((await call('GET', '/findings?branch=jember', 'admin')).json().items.length).toBeGreaterThan(0);
  });

  it('keeps the integration role out of the officers\' lists (403)', async () => {
    expect((await call('GET', '/findings', 'integration')).statusCode).toBe(403);
  });

  it('serves the queue dashboard (Bull Board) to admins only', async () => {
    expect((await call('GET', '/admin/queues')).statusCode).toBe(401);
    expect((await call('GET', '/admin/queues', 'tuban')).statusCode).toBe(403);
    const board = await call('GET', '/admin/queues', 'admin');
    expect(board.statusCode).toBe(200);
    expect(board.body).toMatch(/<html/i);
    const queues = (await call('GET', '/admin/queues/api/queues', 'admin')).json();
    expect(queues.queues.map((q: { name: string }) => q.name).sort()).toEqual(['ingest', 'match', 'notify', 'recheck']);
  });

  it('validates input with field-level details (400), without stack traces', async () => {
    const r = await call('GET', '/findings?status=maybe&limit=0', 'admin');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ error: 'invalid query', details: [expect.objectContaining({ field: 'status' }), expect.objectContaining({ field: 'limit' })] });
    const body = await call('POST', `/findings/${tubanFinding}/dismiss`, 'tuban', { reason: 'x', extra: 1 });
    expect(body.statusCode).toBe(400);
    expect(JSON.stringify(body.json())).not.toMatch(/at .*\.ts:\d+/);
  });

  it('moves findings along their lifecycle, recording the key that did it', async () => {
    const ack = await call('POST', `/findings/${tubanFinding}/acknowledge`, 'tuban', { note: 'ditelepon' });
    expect(ack.json()).toEqual({ id: tubanFinding, from: 'notified', to: 'acknowledged' });
    const noReason = await call('POST', `/findings/${tubanFinding}/dismiss`, 'tuban', {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toEqual({ error: 'invalid body', details: [{ field: 'reason', message: 'a dismissal needs a reason' }] });
    // A JSON label on an empty body is no body (not a parser error); a body that is not JSON is a 400 naming the body.
    const raw = (payload: string) =>
      app.inject({ method: 'POST', url: `/findings/${tubanFinding}/dismiss`, headers: { authorization: `Bearer ${key.tuban}`, 'content-type': 'application/json' }, payload });
    expect((await raw('')).json()).toEqual({ error: 'invalid body', details: [{ field: 'reason', message: 'a dismissal needs a reason' }] });
    const broken = await raw('{"reason": "tutup"');
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ details: [{ field: 'body', message: expect.stringMatching(/JSON/) }] });
    // A note is no reason.
    expect((await call('POST', `/findings/${tubanFinding}/dismiss`, 'tuban', { note: 'tutup' })).statusCode).toBe(400);
    // Nor is a misspelt filter a filter.
    expect((await call('GET', '/findings?branch[]=JEMBER', 'tuban')).json()).toEqual({ error: 'invalid query', details: [{ field: 'query', message: 'Unrecognized key: "branch[]"' }] });
    expect((await call('GET', '/findings?limit=2&limit=3', 'tuban')).json()).toEqual({ error: 'invalid query', details: [{ field: 'limit', message: 'must be given once' }] });
    const dismissed = await call('POST', `/findings/${tubanFinding}/dismiss`, 'tuban', { reason: 'sudah tutup' });
    expect(dismissed.json()).toMatchObject({ from: 'acknowledged', to: 'dismissed' });
    const again = await call('POST', `/findings/${tubanFinding}/acknowledge`, 'tuban', {});
    expect(again.statusCode).toBe(409);
    const detail = (await call('GET', `/findings/${tubanFinding}`, 'tuban')).json();
    expect(detail.history.slice(-2)).toEqual([
      expect.objectContaining({ to_status: 'acknowledged', actor: expect.stringMatching(/^key:tuban#\d+$/), note: 'ditelepon' }),
      expect.objectContaining({ to_status: 'dismissed', actor: expect.stringMatching(/^key:tuban#\d+$/), note: 'sudah tutup' }),
    ]);
  });

  it('downloads the list as CSV and XLSX', async () => {
    const csv = await call('GET', '/findings?format=csv&branch=JEMBER', 'admin');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines).toHaveLength(3);
    // Each line carries the finding's id, which the transitions take.
    expect(lines[0]!.trim().split(',').pop()).toBe('ID temuan / Finding id');
    expect(lines.slice(1).map((l) => Number(l.trim().split(',').pop()))).toContain(jemberFinding);
    const xlsx = await call('GET', '/findings?format=xlsx', 'tuban');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(4);
  });

  it('a download longer than API_DOWNLOAD_MAX_ROWS says where the rest begins, and the cursor fetches it', async () => {
    const small = await buildServer({ ...t.ctx, config: { ...t.ctx.config, API_DOWNLOAD_MAX_ROWS: 2 } });
    try {
      const get = (url: string) => small.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key.tuban}` } });
      const ids = (body: string) => body.trim().split('\n').slice(1).map((l) => Number(l.trim().split(',').pop()));
      const first = await get('/findings?format=csv&branch=TUBAN');
      expect(first.statusCode).toBe(200);
      expect(ids(first.body)).toHaveLength(2);
      const cursor = first.headers['x-next-cursor'] as string;
      expect(cursor).toMatch(/^\d+:\d+$/);
      expect(first.headers.link).toBe(`</findings?format=csv&branch=TUBAN&cursor=${encodeURIComponent(cursor)}>; rel="next"`);
      const rest = await get(`/findings?format=csv&branch=TUBAN&cursor=${encodeURIComponent(cursor)}`);
      expect(rest.headers['x-next-cursor']).toBeUndefined();
      const all = [...ids(first.body), ...ids(rest.body)];
      expect(all).toHaveLength(3);
      expect(new Set(all).size).toBe(3);
      // The whole list in one download has no such headers.
      const whole = await call('GET', '/findings?format=csv&branch=TUBAN', 'tuban');
      expect(ids(whole.body)).toEqual(all);
      expect(whole.headers['x-next-cursor']).toBeUndefined();
      expect(whole.headers.link).toBeUndefined();
    } finally {
      await small.close();
    }
  });

  it('shows a permit with its match explanation, within scope', async () => {
    const own = await call('GET', `/permits/${tubanNibs[0]}`, 'tuban');
    expect(own.json()).toMatchObject({ permit: { nib: tubanNibs[0], branch: 'TUBAN' }, match: { decision: 'unmatched', method: 'none' } });
    expect((await call('GET', `/permits/${tubanNibs[3]}`, 'tuban')).statusCode).toBe(403);
    expect((await call('GET', '/permits/123', 'tuban')).statusCode).toBe(400);
    expect((await call('GET', '/permits/9999999999999', 'admin')).statusCode).toBe(404);
  });

  it('takes review decisions within scope', async () => {
    const r = await call('POST', '/review/decisions', 'tuban', { nib: tubanNibs[3], npp: '12345678', verdict: 'different' });
    expect(r.statusCode).toBe(403);
    expect((await call('GET', '/review', 'tuban')).json()).toEqual({ items: [] });
    await t.ctx.db.insertInto('employer').values({ npp: '55500077', name: 'PT LAIN', name_norm: 'LAIN', programs: [], status: 'AKTIF', active_workers: 1, total_wages: 1, arrears_months: 0, npwp: null, nib: null, address: null, kab_kota: '3523', import_id: null }).execute();
    const ok = await call('POST', '/review/decisions', 'tuban', { nib: tubanNibs[0], npp: '55500077', verdict: 'different', note: 'lain' });
    expect(ok.json()).toEqual({ nib: tubanNibs[0], npp: '55500077', verdict: 'different', queued: true });
    const judgement = await t.ctx.db.selectFrom('match_judgement').select(['actor', 'verdict']).where('nib', '=', tubanNibs[0]!).executeTakeFirstOrThrow();
    expect(judgement).toEqual({ actor: expect.stringMatching(/^key:tuban#\d+$/), verdict: 'different' });
    // An employer of another branch that the matcher never put before this permit is not the officer's to pick:
    // "same" would link it and show its enrollment with the permit's findings.
    await t.ctx.db.insertInto('employer').values({ npp: '55500078', name: 'PT JEMBER LAIN', name_norm: 'JEMBER LAIN', programs: [], status: 'AKTIF', active_workers: 9, total_wages: 9, arrears_months: 3, npwp: null, nib: null, address: null, kab_kota: '3509', import_id: null }).execute();
    const foreign = await call('POST', '/review/decisions', 'tuban', { nib: tubanNibs[1], npp: '55500078', verdict: 'same' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error).toBe('employer 55500078 is neither a candidate for this permit nor enrolled in your branches (TUBAN)');
    expect(await t.ctx.db.selectFrom('match_judgement').select('verdict').where('nib', '=', tubanNibs[1]!).executeTakeFirst()).toBeUndefined();
    // Listed as the permit's runner-up, it is.
    await sql`UPDATE match SET explanation = jsonb_set(explanation, '{runner_up}', '{"npp": "55500078", "score": 0.61}') WHERE nib = ${tubanNibs[1]!}`.execute(t.ctx.db);
    expect((await call('POST', '/review/decisions', 'tuban', { nib: tubanNibs[1], npp: '55500078', verdict: 'different' })).statusCode).toBe(200);
    expect((await call('POST', '/review/decisions', 'admin', { nib: tubanNibs[2], npp: '55500078', verdict: 'different' })).statusCode).toBe(200);
    const invalid = await call('POST', '/review/decisions', 'tuban', { nib: tubanNibs[0], verdict: 'maybe' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details.map((d: { field: string }) => d.field).sort()).toEqual(['npp', 'verdict']);
  });

  it('lets an officer re-check, and read the re-checks of, permits of their own branches only', async () => {
    const other = await call('POST', '/rechecks', 'tuban', { nib: tubanNibs[3] });
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toBe('this belongs to a branch outside yours (TUBAN)');
    const byNpwp = await call('POST', '/rechecks', 'tuban', { npwp: '01.234.567.8-901.000' });
    expect(byNpwp.statusCode).toBe(403);
    expect(byNpwp.json().error).toMatch(/by its NIB; a re-check by NPWP needs the admin or integration role/);
    expect((await call('POST', '/rechecks', 'tuban', { nib: '9999999999999' })).statusCode).toBe(404);
    const jemberRecheck = await requestRecheck(t.ctx, { nib: tubanNibs[3]! });
    expect((await call('GET', `/rechecks/${jemberRecheck}`, 'tuban')).statusCode).toBe(403);
    expect((await call('GET', `/rechecks/${jemberRecheck}`, 'admin')).json()).toMatchObject({ id: jemberRecheck, query: { nib: tubanNibs[3] } });
    expect((await call('GET', `/rechecks/${jemberRecheck}`, 'integration')).statusCode).toBe(200);
    const tubanRecheck = await requestRecheck(t.ctx, { nib: tubanNibs[0]! });
    expect((await call('GET', `/rechecks/${tubanRecheck}`, 'tuban')).json()).toMatchObject({ id: tubanRecheck, query: { nib: tubanNibs[0] } });
  });

  it('answers 503 while PostgreSQL is away, naming no host, and 404 in its own shape for an unknown endpoint', async () => {
    const away = createApp({ ...t.config, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/patuh_away' });
    const server = await buildServer(away);
    try {
      const findings = await server.inject({ method: 'GET', url: '/findings', headers: { authorization: `Bearer ${key.admin}` } });
      expect(findings.statusCode).toBe(503);
      expect(findings.json()).toEqual({ error: 'storage unavailable; the request was not processed, try again shortly' });
      const ready = await server.inject({ method: 'GET', url: '/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'not ready', problems: ['PostgreSQL unreachable'] });
    } finally {
      await server.close();
      await away.close();
    }
    expect((await call('GET', '/nowhere', 'admin')).json()).toEqual({ error: 'no such endpoint; /openapi.json lists them' });
  });

  it('refuses bodies over the size limit (413)', async () => {
    const big = await call('POST', `/findings/${jemberFinding}/acknowledge`, 'admin', { note: 'x'.repeat(3 * 1024 * 1024) });
    expect(big.statusCode).toBe(413);
  });

  it('rate-limits per key (429) and revoked keys stop working (401)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i += 1) statuses.push((await call('GET', '/findings?limit=1', 'integration')).statusCode);
    expect(statuses).toContain(429);
    const list = await runCli(['keys', 'list'], t.env);
    const id = list.stdout.split('\n').find((l) => l.includes('\ttuban\t'))!.split('\t')[0]!;
    expect((await runCli(['keys', 'revoke', '--id', id], t.env)).code).toBe(0);
    expect((await call('GET', '/findings', 'tuban')).statusCode).toBe(401);
    // Guessed keys share their address's allowance: a new guess each time is no way around it.
    const guesses: number[] = [];
    for (let i = 0; i < 45; i += 1) guesses.push((await call('GET', '/findings', `patuh_guess-${i}`)).statusCode);
    expect(guesses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(guesses).toContain(429);
    // The queue dashboard counts against the same allowance: it is no way around it either.
    expect((await call('GET', '/admin/queues', 'patuh_guess-board')).statusCode).toBe(429);
  });
});

describe('HTTP API: numbers in the path and the query are plain decimal digits', () => {
  let t: TestEnv;
  let app: FastifyInstance;
  let admin: string;
  let id: number;

  beforeAll(async () => {
    t = await createTestEnv();
    await importUnregistered(t.ctx, t.dir, { TUBAN: 2 });
    await runUntilIdle(t.ctx, { pollMs: 100 });
    admin = (await createApiKey(t.ctx.db, { name: 'admin', role: 'admin', branches: [] })).key;
    app = await buildServer(t.ctx);
    id = (await t.ctx.db.selectFrom('finding').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  const call = (method: 'GET' | 'POST', url: string) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${admin}` }, ...(method === 'POST' ? { payload: {} } : {}) });
  const idRule = 'must be a whole number from 1 to 9007199254740991, in decimal digits only';

  it('refuses a finding id that is not plain digits (each of these read as the finding itself once), with 400 naming id', async () => {
    expect((await call('GET', `/findings/${id}`)).statusCode).toBe(200);
    // Leading zeros are still decimal digits.
    expect((await call('GET', `/findings/00${id}`)).json()).toMatchObject({ finding_id: id });
    const forms = [`0x${id.toString(16)}`, `%20${id}`, `${id}%20`, `+${id}`, `${id}e0`, `${id}.0`, `${id * 10}e-1`, `0b${id.toString(2)}`];
    for (const form of forms) {
      const r = await call('GET', `/findings/${form}`);
      expect({ form, status: r.statusCode, body: r.json() }).toEqual({ form, status: 400, body: { error: 'invalid path', details: [{ field: 'id', message: idRule }] } });
    }
    for (const out of ['0', '-1', '99999999999999999999', '9007199254740992']) {
      const r = await call('GET', `/findings/${out}`);
      expect({ out, status: r.statusCode, body: r.json() }).toEqual({ out, status: 400, body: { error: 'invalid path', details: [{ field: 'id', message: idRule }] } });
    }
  });

  it('refuses such an id in a transition too, changing nothing', async () => {
    const before = (await t.ctx.db.selectFrom('finding').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    for (const action of ['acknowledge', 'resolve', 'dismiss']) {
      const r = await call('POST', `/findings/0x${id.toString(16)}/${action}`);
      expect(r.statusCode).toBe(400);
      expect(r.json()).toEqual({ error: 'invalid path', details: [{ field: 'id', message: idRule }] });
    }
    expect((await t.ctx.db.selectFrom('finding').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe(before);
  });

  it('refuses a limit that is not plain digits from 1 to 500, with 400 naming limit', async () => {
    expect((await call('GET', '/findings?limit=1')).json().items).toHaveLength(1);
    for (const limit of ['0x1', '1e0', '%201', '%2B1', '1.0', '', '0', '501', '99999999999999999999']) {
      const r = await call('GET', `/findings?limit=${limit}`);
      expect({ limit, status: r.statusCode, body: r.json() }).toEqual({
        limit, status: 400, body: { error: 'invalid query', details: [{ field: 'limit', message: 'must be a whole number from 1 to 500, in decimal digits only' }] },
      });
    }
  });

  it('documents the id and the limit as digits in the OpenAPI document', async () => {
    const doc = (await call('GET', '/openapi.json')).json();
    expect(doc.paths['/findings/{id}'].get.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: expect.objectContaining({ type: 'string', pattern: '^[0-9]+$' }) }]);
    expect(doc.paths['/findings'].get.parameters).toContainEqual({ name: 'limit', in: 'query', schema: expect.objectContaining({ type: 'string', pattern: '^[0-9]+$' }) });
  });
});
