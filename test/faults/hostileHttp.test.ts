import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/api/apiKeys.js';
import { buildServer } from '../../src/api/server.js';
import { jakartaYmd, pushToken } from '../../src/oss/pushToken.js';
import { runUntilIdle } from '../../src/queues/runUntilIdle.js';
import { ossRecord } from '../support/ossRecords.js';
import { createTestEnv, type TestEnv } from '../support/testEnv.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

const USER = 'bpjs-tk';
const PASS = 'rahasia-push';
const BODY_LIMIT = 256 * 1024;
const TUBAN_NIB = '9150000000001';

/** What no answer may ever show: a stack frame, a source path, an internal error class. */
const LEAK = /\bat (?:\S+ \()?(?:file:\/\/)?\/[^\s)]+:\d+:\d+|node_modules|\.[jt]s:\d+|TypeError|RangeError|SyntaxError: |\bstack\b/;

describe('hostile HTTP input against the real API', () => {
  let t: TestEnv;
  let app: FastifyInstance;
  let admin: string;
  let officer: string;
  let integration: string;
  let findingId: number;

  beforeAll(async () => {
    t = await createTestEnv({ OSS_PUSH_USERNAME: USER, OSS_PUSH_PASSWORD: PASS, API_BODY_LIMIT_BYTES: String(BODY_LIMIT), RECHECK_WAIT_MS: '0' });
    app = await buildServer(t.ctx, { rateLimitPerMinute: 1_000_000 });
    admin = (await createApiKey(t.ctx.db, { name: 'admin', role: 'admin', branches: [] })).key;
    officer = (await createApiKey(t.ctx.db, { name: 'tuban', role: 'officer', branches: ['TUBAN'] })).key;
    integration = (await createApiKey(t.ctx.db, { name: 'integration', role: 'integration', branches: [] })).key;
    const seeded = await push({ dataNIB: ossRecord({ nib: TUBAN_NIB, name: 'PT Uji Tuban', workers: [9, 1] }) }, token(TUBAN_NIB));
    expect(seeded.statusCode).toBe(200);
    await runUntilIdle(t.ctx, { pollMs: 100 });
    findingId = (await t.ctx.db.selectFrom('finding').select('id').where('nib', '=', TUBAN_NIB).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  const token = (nib: string) => pushToken(USER, PASS, nib, jakartaYmd(new Date()));
  const push = (body: string | object | null, tok?: string, contentType = 'application/json') =>
    app.inject({
      method: 'POST',
      url: '/oss/receiveNIB',
      payload: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': contentType, ...(tok === undefined ? {} : { token: tok }) },
    });
  const call = (method: 'GET' | 'POST', url: string, key: string | null, payload?: string | object | null, contentType = 'application/json') =>
    app.inject({
      method,
      url,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(payload === undefined ? {} : { 'content-type': contentType }) },
      ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    });

  /** A refusal in the PIA shape: status "2" and a reason, never a 5xx or a stack trace. */
  function expectPiaRefusal(r: LightMyRequestResponse, status: number, reason?: RegExp): void {
    expect(r.statusCode, r.body.slice(0, 300)).toBe(status);
    expect(r.body).not.toMatch(LEAK);
    const body = r.json() as { responreceiveNIB: { status: string; keterangan: string } };
    expect(body.responreceiveNIB.status).toBe('2');
    expect(body.responreceiveNIB.keterangan).toMatch(reason ?? /\S/);
  }

  /** A refusal of the API: the status, an error message, for 400 the fields named; no stack trace. */
  function expectApiRefusal(r: LightMyRequestResponse, status: number, fields?: string[]): void {
    expect(r.statusCode, r.body.slice(0, 300)).toBe(status);
    expect(r.body).not.toMatch(LEAK);
    const body = r.json() as { error: string; details?: Array<{ field: string; message: string }> };
    expect(body.error).toMatch(/\S/);
    // A field may carry several messages (e.g. not an integer and too large).
    if (fields) expect([...new Set(body.details?.map((d) => d.field))]).toEqual(fields);
  }

  const nested = (depth: number, leaf = '0') => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;

  describe('POST /oss/receiveNIB', () => {
    it('refuses an oversized body with 413 in the PIA shape', async () => {
      const nib = '9150000000002';
      const r = await push({ dataNIB: ossRecord({ nib, name: `PT ${'Besar '.repeat(BODY_LIMIT / 6)}` }) }, token(nib));
      expectPiaRefusal(r, 413, /too large/i);
      expect(await t.ctx.db.selectFrom('permit').select('nib').where('nib', '=', nib).execute()).toEqual([]);
    });

    it('stores a record that carries a deeply nested field it does not read, instead of overflowing the stack', async () => {
      const nib = '9150000000003';
      const body = JSON.stringify({ dataNIB: { ...ossRecord({ nib, name: 'PT Dalam Sekali' }), lampiran: 'DEEP' } }).replace('"DEEP"', nested(100_000));
      expect(body.length).toBeLessThan(BODY_LIMIT);
      const r = await push(body, token(nib));
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toEqual({ responreceiveNIB: { status: '1', keterangan: 'Data NIB berhasil diterima' } });
      expect((await t.ctx.db.selectFrom('permit').select('name').where('nib', '=', nib).executeTakeFirstOrThrow()).name).toBe('PT Dalam Sekali');
    });

    it('refuses deep nesting, wrong types and broken JSON by naming dataNIB.nib or the body, with 400', async () => {
      for (const body of [
        nested(100_000),
        `{"dataNIB": ${nested(100_000, '{}')}}`,
        '[]', '"dataNIB"', '123', 'null', 'true',
        { dataNIB: [] }, { dataNIB: 'x' }, { dataNIB: 5 }, { dataNIB: null },
        { dataNIB: { nib: {} } }, { dataNIB: { nib: ['9150000000004'] } }, { dataNIB: { nib: '12' } }, { dataNIB: { nib: 9.15e12 + 0.5 } },
        { dataNIB: { nib: ' 91500000 00004 ' } }, { dataNIB: { nib: '9150000000004\u0000' } }, { nib: '9150000000004' },
      ]) {
        expectPiaRefusal(await push(body as object, 'x'), 400, /dataNIB\.nib/);
      }
      for (const broken of ['{"dataNIB":', '{"dataNIB": {"nib": "9150000000004",}}', '\u0000', '']) {
        expectPiaRefusal(await push(broken, 'x'), 400);
      }
    });

    it('refuses prototype-poisoning keys and non-JSON content types without touching anything', async () => {
      const nib = '9150000000005';
      expectPiaRefusal(await push(`{"__proto__": {"polluted": true}, "dataNIB": ${JSON.stringify(ossRecord({ nib }))}}`, token(nib)), 400);
      expectPiaRefusal(await push(`{"dataNIB": {"constructor": {"prototype": {"polluted": true}}, "nib": "${nib}"}}`, token(nib)), 400);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // A body labelled as anything but JSON is refused outright, even when it holds JSON.
      for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/xml', 'application/x-www-form-urlencoded']) {
        expectPiaRefusal(await push(JSON.stringify({ dataNIB: ossRecord({ nib }) }), token(nib), type), 415, /^unsupported media type: send the body as JSON, with Content-Type: application\/json$/);
      }
      expect(await t.ctx.db.selectFrom('permit').select('nib').where('nib', '=', nib).execute()).toEqual([]);
    });

    it('refuses a record naming two NIBs ("nib" and "nib "), so a token for one cannot store or revoke the other', async () => {
      const signed = '9150000000021';
      const other = '9150000000022';
      const twoNibs = `{"dataNIB": {"nib": "${signed}", "nib ": "${other}", "nama_perseroan": "PT Lain", "tipe_dokumen": "3", "perseroan_daerah_id": "3523"}}`;
      expectPiaRefusal(await push(twoNibs, token(signed)), 400, /dataNIB\.nib/);
      expectPiaRefusal(await push(twoNibs, token(other)), 400, /dataNIB\.nib/);
      expect(await t.ctx.db.selectFrom('permit').select('nib').where('nib', 'in', [signed, other]).execute()).toEqual([]);
      // A blank "nib" beside a filled "nib " is one NIB, as the stored record reads it.
      const oneNib = { dataNIB: { ...ossRecord({ nib: signed }), nib: '', 'nib ': signed } };
      const r = await push(oneNib, token(signed));
      expect(r.statusCode, r.body).toBe(200);
      expect(await t.ctx.db.selectFrom('permit').select('nib').where('nib', '=', signed).execute()).toEqual([{ nib: signed }]);
    });

    it('refuses missing, wrong, huge and repeated tokens with 401', async () => {
      const nib = '9150000000006';
      const body = { dataNIB: ossRecord({ nib }) };
      for (const tok of [undefined, '', 'x', token('9150000000007'), 'f'.repeat(40), 'a'.repeat(16 * 1024), `${token(nib)}x`]) {
        expectPiaRefusal(await push(body, tok), 401, /Token tidak valid/);
      }
      expect(await t.ctx.db.selectFrom('permit').select('nib').where('nib', '=', nib).execute()).toEqual([]);
    });

    it('an authenticated record with wrongly typed or unstorable fields is refused naming the field, and quarantined', async () => {
      const nib = '9150000000008';
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ nama_perseroan: { nama: 'PT Objek' } }, /^dataNIB\.nama_perseroan: /],
        [{ nama_perseroan: 'PT Nul\u0000Byte' }, /^dataNIB\.nama_perseroan: .*NUL/],
        [{ nama_perseroan: 'PT Setengah \uD83D' }, /^dataNIB\.nama_perseroan: .*surrogate/],
        [{ alamat_perseroan: 'Jl. \u0000' }, /^dataNIB\.alamat_perseroan: .*NUL/],
        [{ data_proyek: [{ jumlah_tki_l: { $gt: 0 } }] }, /^dataNIB\.data_proyek\.0\.jumlah_tki_l: /],
        [{ data_proyek: nested(5) }, /^dataNIB\.data_proyek/],
        [{ 'tipe_dokumen ': '', tipe_dokumen: [9] }, /^dataNIB\.tipe_dokumen: /],
        [{ tgl_terbit_nib: '2024-02-31' }, /^dataNIB\.tgl_terbit_nib: /],
        // Dates and sums PostgreSQL's columns cannot hold (timestamptz from year 1, integer).
        [{ tgl_terbit_nib: '0001-01-01' }, /^dataNIB\.tgl_terbit_nib: /],
        [{ tgl_perubahan_nib: '0000-06-15 10:00:00' }, /^dataNIB\.tgl_perubahan_nib: /],
        [{ data_proyek: Array.from({ length: 300 }, (_, i) => ({ id_proyek: `P${i}`, jumlah_tki_l: 9_999_999 })) }, /^dataNIB\.data_proyek: .*implausibly large/],
        [{ 'kunci\u0000aneh': 1 }, /^dataNIB: a key contains a NUL/],
      ];
      for (const [change, reason] of cases) {
        const r = await push({ dataNIB: { ...ossRecord({ nib }), ...change } }, token(nib));
        expectPiaRefusal(r, 400, reason);
      }
      expect(await t.ctx.db.selectFrom('permit').select('nib').where('nib', '=', nib).execute()).toEqual([]);
      const rejects = await t.ctx.db.selectFrom('permit_reject').select('reason').where('source_ref', '=', `push nib=${nib}`).execute();
      expect(rejects.length).toBe(cases.length);
    });

    it('property: any JSON body, signed or not, is answered 200, 400 or 401 in the PIA shape, never 5xx', async () => {
      const nib = '9150000000009';
      const body = fc.oneof(
        fc.jsonValue(),
        fc.record({ dataNIB: fc.jsonValue() }),
        fc.dictionary(fc.constantFrom(...Object.keys(ossRecord({ nib }))), fc.jsonValue({ maxDepth: 2 })).map((over) => ({ dataNIB: { ...ossRecord({ nib }), ...over, nib } })),
      );
      await fc.assert(
        fc.asyncProperty(body, fc.boolean(), async (b, signed) => {
          const r = await push(JSON.stringify(b), signed ? token(nib) : 'x');
          expect([200, 400, 401]).toContain(r.statusCode);
          expect(r.body).not.toMatch(LEAK);
          expect(r.json().responreceiveNIB.status).toBe(r.statusCode === 200 ? '1' : '2');
        }),
        runs(150),
      );
    });
  });

  describe('POST /rechecks', () => {
    it('refuses wrongly typed, oversized and nested bodies with 400 or 413 naming the field', async () => {
      const cases: Array<[unknown, string[]]> = [
        [{ nib: 9150000000001 }, ['nib']],
        [{ nib: ['9150000000001'] }, ['nib']],
        [{ nib: { $ne: null } }, ['nib']],
        [{ npwp: {} }, ['npwp']],
        [{ npwp: '0'.repeat(100_000) }, ['npwp']],
        [{}, ['nib']],
        [{ nib: '9150000000001', npwp: '012345678901000' }, ['nib']],
        [`{"nib": "9150000000001", "extra": ${nested(10_000)}}`, ['body']],
        [{ nib: "9150000000001'; DROP TABLE permit; --" }, ['nib']],
        [[], ['body']],
        ['"nib"', ['body']],
        [null, ['nib']],
      ];
      for (const [body, fields] of cases) {
        const r = await call('POST', '/rechecks', integration, typeof body === 'string' ? body : JSON.stringify(body));
        expectApiRefusal(r, 400, fields);
      }
      expectApiRefusal(await call('POST', '/rechecks', integration, JSON.stringify({ nib: 'x'.repeat(BODY_LIMIT) })), 413);
      expectApiRefusal(await call('POST', '/rechecks', integration, nested(100_000)), 400, ['body']);
      expectApiRefusal(await call('POST', '/rechecks', integration, '{"nib": '), 400);
      expectApiRefusal(await call('POST', '/rechecks', integration, JSON.stringify({ nib: '9150000000001' }), 'text/plain'), 415);
      expectApiRefusal(await call('POST', '/rechecks', null, { nib: '9150000000001' }), 401);
      expectApiRefusal(await call('POST', '/rechecks', 'patuh_bukan-kunci', { nib: '9150000000001' }), 401);
    });

    it('property: any JSON body is refused with field details or accepted, never 5xx', async () => {
      const body = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('nib', 'npwp', 'x'), fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.stringMatching(/^[0-9 .-]{10,20}$/))));
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const r = await call('POST', '/rechecks', integration, JSON.stringify(b));
          expect([200, 202, 400]).toContain(r.statusCode);
          expect(r.body).not.toMatch(LEAK);
          if (r.statusCode === 400) for (const d of r.json().details ?? [{ field: 'body' }]) expect(['nib', 'npwp', 'body', 'x']).toContain(d.field);
        }),
        runs(100),
      );
    });
  });

  describe('GET /findings and /findings/:id', () => {
    it('refuses malformed queries with 400 naming each parameter, including cursors beyond the columns', async () => {
      const cases: Array<[string, string[]]> = [
        ['limit=abc', ['limit']],
        ['limit=0', ['limit']],
        ['limit=1e309', ['limit']],
        ['limit=-1', ['limit']],
        ['limit=501', ['limit']],
        ['status=open&status=notified', ['status']],
        ['status=%00', ['status']],
        ['cursor=99999999999999999999:1', ['cursor']],
        ['cursor=1:99999999999999999999', ['cursor']],
        ['cursor=2147483648:1', ['cursor']],
        ['cursor=1:2:3', ['cursor']],
        [`branch=${encodeURIComponent("TUBAN'; DROP TABLE finding; --")}`, ['branch']],
        [`branch=${'A'.repeat(5000)}`, ['branch']],
        ['format=pdf', ['format']],
        ['category=unregistered&category=arrears', ['category']],
      ];
      for (const [query, fields] of cases) expectApiRefusal(await call('GET', `/findings?${query}`, admin), 400, fields);
      // An unknown parameter is refused, not ignored: a misspelt filter must not pass for one applied.
      expectApiRefusal(await call('GET', '/findings?foo[]=1&__proto__=x', admin), 400, ['query']);
    });

    it('refuses malformed ids with 400 and unknown ones with 404', async () => {
      for (const id of ['99999999999999999999', '-1', '0', 'abc', '%00', '1.5', '9007199254740993']) {
        expectApiRefusal(await call('GET', `/findings/${id}`, admin), 400, ['id']);
      }
      expectApiRefusal(await call('GET', '/findings/9007199254740991', admin), 404);
      expectApiRefusal(await call('GET', `/permits/${encodeURIComponent("9150000000001' OR '1'='1")}`, admin), 400, ['nib']);
    });

    it('property: any query string is answered 200, 400 or 403, never 5xx', async () => {
      const param = fc.tuple(
        fc.constantFrom('branch', 'status', 'category', 'limit', 'cursor', 'format', 'x'),
        fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^[0-9]{1,22}(:[0-9]{1,22})?$/), fc.constantFrom('TUBAN', 'JEMBER', 'open', 'csv', 'xlsx', 'json', 'unregistered')),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(param, { maxLength: 4 }), fc.boolean(), async (params, asOfficer) => {
          const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
          const r = await call('GET', `/findings?${query}`, asOfficer ? officer : admin);
          expect([200, 400, 403]).toContain(r.statusCode);
          if (r.statusCode !== 200) {
            expect(r.body).not.toMatch(LEAK);
            expect(r.json().error).toMatch(/\S/);
          }
        }),
        runs(150),
      );
    });
  });

  describe('POST /findings/:id/{acknowledge,resolve,dismiss} and /review/decisions', () => {
    it('refuses wrongly typed, oversized and unstorable notes with 400 naming the field, changing nothing', async () => {
      const before = await t.ctx.db.selectFrom('finding').select(['status']).where('id', '=', findingId).executeTakeFirstOrThrow();
      const cases: Array<[unknown, string[]]> = [
        [{ note: 123 }, ['note']],
        [{ note: { text: 'x' } }, ['note']],
        [{ note: ['a'] }, ['note']],
        [{ note: 'x'.repeat(2001) }, ['note']],
        [{ note: 'catatan\u0000rahasia' }, ['note']],
        [{ reason: 'alasan \uDC00' }, ['reason']],
        [{ note: 'ok', extra: 1 }, ['body']],
        [[], ['body']],
        ['"catatan"', ['body']],
      ];
      for (const action of ['acknowledge', 'resolve', 'dismiss']) {
        for (const [body, fields] of cases) {
          const r = await call('POST', `/findings/${findingId}/${action}`, officer, typeof body === 'string' ? body : JSON.stringify(body));
          expectApiRefusal(r, 400, fields);
        }
      }
      expectApiRefusal(await call('POST', `/findings/${findingId}/dismiss`, officer, JSON.stringify({ reason: 'y'.repeat(BODY_LIMIT) })), 413);
      expect(await t.ctx.db.selectFrom('finding').select(['status']).where('id', '=', findingId).executeTakeFirstOrThrow()).toEqual(before);
      expect(await t.ctx.db.selectFrom('finding_transition').select('note').where('finding_id', '=', findingId).where('actor', 'like', 'key:%').execute()).toEqual([]);
    });

    it('refuses malformed review decisions with 400 naming the field', async () => {
      const valid = { nib: TUBAN_NIB, npp: '12345678', verdict: 'same' };
      const cases: Array<[unknown, string[]]> = [
        [{ ...valid, nib: Number(TUBAN_NIB) }, ['nib']],
        [{ ...valid, npp: 'NPP-dengan-strip-terlalu-panjang' }, ['npp']],
        [{ ...valid, npp: "1'; DROP TABLE employer; --" }, ['npp']],
        [{ ...valid, verdict: 'SAME' }, ['verdict']],
        [{ ...valid, verdict: ['same'] }, ['verdict']],
        [{ ...valid, note: 'catatan\u0000' }, ['note']],
        [{ ...valid, note: 7 }, ['note']],
        [{ ...valid, judge: 'me' }, ['body']],
        [{}, ['nib', 'npp', 'verdict']],
      ];
      for (const [body, fields] of cases) expectApiRefusal(await call('POST', '/review/decisions', officer, JSON.stringify(body)), 400, fields);
      expect(await t.ctx.db.selectFrom('match_judgement').select('nib').execute()).toEqual([]);
    });

    it('property: any JSON body to a transition or a decision is refused or processed, never 5xx', async () => {
      const body = fc.oneof(
        fc.jsonValue(),
        fc.dictionary(fc.constantFrom('note', 'reason', 'nib', 'npp', 'verdict'), fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.string({ unit: 'binary', maxLength: 20 }))),
      );
      await fc.assert(
        fc.asyncProperty(body, fc.constantFrom(`/findings/${findingId}/acknowledge`, `/findings/${findingId}/dismiss`, '/review/decisions'), async (b, url) => {
          const r = await call('POST', url, officer, JSON.stringify(b));
          expect([200, 400, 404, 409]).toContain(r.statusCode);
          expect(r.body).not.toMatch(LEAK);
        }),
        runs(100),
      );
    });
  });

  it('keeps answering after all of it: health, a valid push, and the findings list', async () => {
    expect((await call('GET', '/health', null)).json()).toEqual({ status: 'ok' });
    expect((await call('GET', '/ready', null)).json()).toEqual({ status: 'ready' });
    const nib = '9150000000010';
    const r = await push({ dataNIB: ossRecord({ nib, name: 'PT Masih Hidup' }) }, token(nib));
    expect(r.json()).toEqual({ responreceiveNIB: { status: '1', keterangan: 'Data NIB berhasil diterima' } });
    const list = await call('GET', '/findings?branch=TUBAN', officer);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { nib: string }) => i.nib)).toContain(TUBAN_NIB);
  });
});
