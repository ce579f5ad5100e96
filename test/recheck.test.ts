import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/api/apiKeys.js';
import { buildServer } from '../src/api/server.js';
import { requestRecheck } from '../src/oss/recheck.js';
import { startWorkers, type WorkerHost } from '../src/queues/workerHost.js';
import { runCli } from './support/cli.js';
import { ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

const OSS = 'http://oss-recheck.test';

describe('on-demand re-checks (nock for OSS inqueryNIB)', () => {
  let t: TestEnv;
  let app: FastifyInstance;
  let workers: WorkerHost;
  let key: string;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    t = await createTestEnv({ OSS_API_URL: OSS, OSS_USER_KEY: 'k', RECHECK_WAIT_MS: '15000' });
    workers = startWorkers(t.ctx, ['recheck', 'match', 'notify']);
    app = await buildServer(t.ctx);
    key = (await createApiKey(t.ctx.db, { name: 'oss-integration', role: 'integration', branches: [] })).key;
  });
  afterAll(async () => {
    await app.close();
    await workers.close();
    nock.cleanAll();
    nock.enableNetConnect();
    await t.cleanup();
  });

  const post = (payload: unknown) => app.inject({ method: 'POST', url: '/rechecks', headers: { authorization: `Bearer ${key}` }, payload: payload as object });

  it('fetches the company from OSS, matches it and returns its findings', async () => {
    nock(OSS, { reqheaders: { user_key: 'k' } })
      .post('/inqueryNIB', { INQUERYNIB: { nib: '9120000005001' } })
      .reply(200, { responinqueryNIB: { kode: 200, keterangan: '', dataNIB: ossRecord({ nib: '9120000005001', name: 'PT Cek Ulang', workers: [6, 2] }) } });
    const r = await post({ nib: '9120000005001' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.state).toBe('completed');
    expect(body.result).toMatchObject({ found: 1, permits: [{ nib: '9120000005001', decision: 'unmatched', findings: [{ category: 'unregistered', status: 'open', priority: 8 }] }] });
    const again = await app.inject({ method: 'GET', url: `/rechecks/${body.id}`, headers: { authorization: `Bearer ${key}` } });
    expect(again.json()).toMatchObject({ id: body.id, state: 'completed' });
  });

  it('re-matches a stored permit even when OSS no longer knows it', async () => {
    nock(OSS).post('/inqueryNIB').reply(200, { responinqueryNIB: { kode: 404, keterangan: 'tidak ditemukan' } });
    const r = await post({ nib: '9120000005001' });
    expect(r.json().result).toMatchObject({ found: 0, permits: [{ nib: '9120000005001', decision: 'unmatched' }] });
  });

  it('collapses repeated requests for the same company while one waits', async () => {
    await t.ctx.queues.queue('recheck').pause();
    const a = await requestRecheck(t.ctx, { nib: '9120000005002' });
    const b = await requestRecheck(t.ctx, { nib: '9120000005002' });
    expect(b).toBe(a);
    const counts = await t.ctx.queues.queue('recheck').getJobCounts('waiting', 'prioritized');
    expect((counts.waiting ?? 0) + (counts.prioritized ?? 0)).toBe(1);
    await t.ctx.queues.queue('recheck').obliterate({ force: true });
    await t.ctx.queues.queue('recheck').resume();
  });

  it('refuses bad input with field details, and keys without a role for it', async () => {
    const both = await post({ nib: '9120000005001', npwp: '012345678901000' });
    expect(both.statusCode).toBe(400);
    expect(both.json().details).toEqual([expect.objectContaining({ field: 'nib', message: 'give exactly one of nib or npwp' })]);
    expect((await app.inject({ method: 'POST', url: '/rechecks', payload: { nib: '9120000005001' } })).statusCode).toBe(401);
  });

  it('is available from the CLI too', async () => {
    const r = await runCli(['recheck', '--nib', '12'], t.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--nib 12: must be 13 digits/);
  });
});
