import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { importPermitFile } from '../src/oss/fileImport.js';
import { FeedClient } from '../src/oss/feedClient.js';
import { syncFeed } from '../src/oss/feedSync.js';
import { jakartaYmd, pushToken } from '../src/oss/pushToken.js';
import { runUntilIdle } from '../src/queues/runUntilIdle.js';
import { registry } from '../src/shared/metrics.js';
import { nibs, ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

const USER = 'bpjs-tk';
const PASS = 'rahasia';

describe('POST /oss/receiveNIB', () => {
  let t: TestEnv;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestEnv({ OSS_PUSH_USERNAME: USER, OSS_PUSH_PASSWORD: PASS });
    app = await buildServer(t.ctx);
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  const token = (nib: string, at = new Date()) => pushToken(USER, PASS, nib, jakartaYmd(at));
  const push = (body: unknown, tok?: string) =>
    app.inject({ method: 'POST', url: '/oss/receiveNIB', payload: body as object, headers: tok === undefined ? {} : { token: tok } });
  const refusedCount = async (reason: string) =>
    (await registry.getSingleMetric('patuh_push_refused_total')!.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
  const [n1, n2, n3, n4] = nibs(4, 500);

  it('refuses a wrong token in PIA shape, counts it and stores nothing', async () => {
    const before = await refusedCount('token');
    const r = await push({ dataNIB: ossRecord({ nib: n1! }) }, pushToken(USER, 'wrong', n1!, jakartaYmd(new Date())));
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({ responreceiveNIB: { status: '2', keterangan: expect.stringMatching(/Token tidak valid/) } });
    expect(await refusedCount('token')).toBe(before + 1);
    const missing = await push({ dataNIB: ossRecord({ nib: n1! }) });
    expect(missing.statusCode).toBe(401);
    expect(await t.ctx.db.selectFrom('permit').select('nib').execute()).toEqual([]);
  });

  it('refuses a body without a 13-digit NIB, naming the field', async () => {
    const r = await push({ dataNIB: { nib: '12' } }, token('12'));
    expect(r.statusCode).toBe(400);
    expect(r.json().responreceiveNIB).toEqual({ status: '2', keterangan: expect.stringMatching(/dataNIB\.nib/) });
  });

  it('stores an authenticated push and queues its matching before answering status 1', async () => {
    const waitingBefore = await t.ctx.queues.queue('match').getWaitingCount();
    const r = await push({ dataNIB: ossRecord({ nib: n1! }) }, token(n1!));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ responreceiveNIB: { status: '1', keterangan: 'Data NIB berhasil diterima' } });
    expect(await t.ctx.db.selectFrom('permit').select(['nib', 'source']).execute()).toEqual([{ nib: n1, source: 'push' }]);
    expect(await t.ctx.queues.queue('match').getWaitingCount()).toBe(waitingBefore + 1);
    // The same push again is accepted and changes nothing.
    const again = await push({ dataNIB: ossRecord({ nib: n1! }) }, token(n1!).toUpperCase());
    expect(again.json().responreceiveNIB.status).toBe('1');
    expect(await t.ctx.queues.queue('match').getWaitingCount()).toBe(waitingBefore + 1);
  });

  it('accepts a token signed yesterday (push just before midnight), not one from last week', async () => {
    const yesterday = new Date(Date.now() - 86_400_000);
    expect((await push({ dataNIB: ossRecord({ nib: n2! }) }, token(n2!, yesterday))).statusCode).toBe(200);
    const lastWeek = new Date(Date.now() - 7 * 86_400_000);
    expect((await push({ dataNIB: ossRecord({ nib: n2! }) }, token(n2!, lastWeek))).statusCode).toBe(401);
  });

  it('quarantines an authenticated but invalid record and answers status 2 with the reason', async () => {
    const record = ossRecord({ nib: n3!, workers: ['-3', '1'] });
    const r = await push({ dataNIB: record }, token(n3!));
    expect(r.statusCode).toBe(400);
    expect(r.json().responreceiveNIB).toEqual({ status: '2', keterangan: 'dataNIB.data_proyek.0.jumlah_tki_l: must not be negative' });
    const rejects = await t.ctx.db.selectFrom('permit_reject').select(['source', 'reason', 'raw']).execute();
    expect(rejects).toHaveLength(1);
    expect(rejects[0]!.source).toBe('push');
    expect(rejects[0]!.raw).not.toContain('3523011203850001');
  });

  it('resolves open findings when OSS pushes the revocation (tipe_dokumen 3)', async () => {
    await push({ dataNIB: ossRecord({ nib: n4!, workers: [12, 0], issued: '2025-02-01 10:00:00' }) }, token(n4!));
    await runUntilIdle(t.ctx, { pollMs: 100 });
    const open = await t.ctx.db.selectFrom('finding').select(['category', 'status']).where('nib', '=', n4!).execute();
    expect(open).toEqual([{ category: 'unregistered', status: 'notified' }]);
    const revoked = ossRecord({ nib: n4!, workers: [12, 0], tipe: 3, issued: '2025-02-01 10:00:00', changed: '2025-09-01 10:00:00' });
    expect((await push({ dataNIB: revoked }, token(n4!))).json().responreceiveNIB.status).toBe('1');
    await runUntilIdle(t.ctx, { pollMs: 100 });
    const after = await t.ctx.db.selectFrom('finding').select(['status', 'resolution']).where('nib', '=', n4!).execute();
    expect(after).toEqual([{ status: 'resolved', resolution: 'permit revoked or cancelled' }]);
  });
});

describe('one record, three channels', () => {
  let t: TestEnv;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestEnv({ OSS_PUSH_USERNAME: USER, OSS_PUSH_PASSWORD: PASS });
    app = await buildServer(t.ctx);
  });
  afterAll(async () => {
    await app.close();
    nock.cleanAll();
    await t.cleanup();
  });

  it('push, pull and file import store the same permit', async () => {
    const nib = nibs(1, 900)[0]!;
    const record = ossRecord({ nib, npwp: '01.234.567.8-901.000', noNpp: '12345678', workers: ['7', 2] });
    const snapshot = async () => {
      const row = await t.ctx.db.selectFrom('permit').selectAll().where('nib', '=', nib).executeTakeFirstOrThrow();
      const { source, source_ref, first_seen_at, updated_at, ...content } = row;
      await t.ctx.db.deleteFrom('permit').where('nib', '=', nib).execute();
      return { content, source };
    };

    await app.inject({ method: 'POST', url: '/oss/receiveNIB', payload: { dataNIB: record }, headers: { token: pushToken(USER, PASS, nib, jakartaYmd(new Date())) } });
    const viaPush = await snapshot();

    nock('http://feed.test').get('/permits').query(true).reply(200, { data: [record], next_cursor: 'x', has_more: false });
    await syncFeed(t.ctx.db, new FeedClient({ baseUrl: 'http://feed.test', timeoutMs: 1000 }), { feed: 'oss', pageSize: 10, onChanged: async () => undefined });
    const viaFeed = await snapshot();

    const file = join(t.dir, 'one.jsonl');
    await writeFile(file, `${JSON.stringify({ dataNIB: record })}\n`);
    await importPermitFile(t.ctx.db, file, async () => undefined);
    const viaFile = await snapshot();

    expect([viaPush.source, viaFeed.source, viaFile.source]).toEqual(['push', 'feed', 'file']);
    expect(viaFeed.content).toEqual(viaPush.content);
    expect(viaFile.content).toEqual(viaPush.content);
    expect(viaPush.content).toMatchObject({ npwp: '0012345678901000', no_npp: '12345678', declared_workers: 9, kab_kota: '3523' });
  });
});
