import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type RunningFeedServer } from '../src/demo/feedServer.js';
import { jakartaYmd, pushToken } from '../src/oss/pushToken.js';
import { runCli } from './support/cli.js';
import { ossRecord } from './support/ossRecords.js';
import { startWorker, waitFor, type WorkerProcess } from './support/processes.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the whole flow through HTTP alone: `patuh serve` plus the workers', () => {
  let t: TestEnv;
  let oss: RunningFeedServer;
  let api: ChildProcess;
  let workers: WorkerProcess;
  let base: string;
  const nib = '9120000004001';

  beforeAll(async () => {
    oss = await startFeedServer({ records: [ossRecord({ nib, name: 'PT Lewat HTTP', workers: [9, 3] })], userKey: 'k' });
    const port = await freePort();
    t = await createTestEnv({ OSS_API_URL: oss.url, OSS_USER_KEY: 'k', OSS_PUSH_USERNAME: 'oss', OSS_PUSH_PASSWORD: 'rahasia', PORT: String(port) });
    base = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, ['bin/patuh.mjs', 'serve'], { cwd: ROOT, env: t.env, stdio: 'ignore' });
    workers = startWorker('all', t.env);
    await waitFor('the API', async () => (await fetch(`${base}/ready`).catch(() => null))?.ok, 30_000);
  }, 60_000);
  afterAll(async () => {
    api.kill('SIGTERM');
    await once(api, 'exit');
    await workers.stop('SIGTERM');
    await oss.close();
    await t.cleanup();
  });

  it('push a NIB, see the finding, acknowledge it, re-check it', async () => {
    const officer = (await runCli(['keys', 'create', '--role', 'officer', '--branch', 'TUBAN', '--name', 'petugas'], t.env)).stdout.trim().split('\n').pop()!;
    const auth = { authorization: `Bearer ${officer}`, 'content-type': 'application/json' };

    const push = await fetch(`${base}/oss/receiveNIB`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', token: pushToken('oss', 'rahasia', nib, jakartaYmd(new Date())) },
      body: JSON.stringify({ dataNIB: ossRecord({ nib, name: 'PT Lewat HTTP', workers: [9, 3] }) }),
    });
    expect(await push.json()).toEqual({ responreceiveNIB: { status: '1', keterangan: 'Data NIB berhasil diterima' } });

    const finding = await waitFor('the finding', async () => {
      const list = (await (await fetch(`${base}/findings`, { headers: auth })).json()) as { items: Array<{ finding_id: number; nib: string; bpjs_term: string; priority: number }> };
      return list.items.find((i) => i.nib === nib);
    }, 30_000);
    expect(finding).toMatchObject({ bpjs_term: 'PWBD', priority: 12 });

    const ack = await fetch(`${base}/findings/${finding.finding_id}/acknowledge`, { method: 'POST', headers: auth, body: JSON.stringify({ note: 'sudah dikunjungi' }) });
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as { to: string }).to).toBe('acknowledged');

    const recheck = await fetch(`${base}/rechecks`, { method: 'POST', headers: auth, body: JSON.stringify({ nib }) });
    const result = (await recheck.json()) as { id: string; state: string; result: { found: number; permits: Array<{ findings: Array<{ status: string }> }> } };
    expect(recheck.status).toBe(200);
    expect(result.state).toBe('completed');
    expect(result.result.found).toBe(1);
    expect(result.result.permits[0]!.findings).toEqual([expect.objectContaining({ status: 'acknowledged' })]);
    const polled = await fetch(`${base}/rechecks/${encodeURIComponent(result.id)}`, { headers: auth });
    expect(((await polled.json()) as { state: string }).state).toBe('completed');
  }, 90_000);
});
