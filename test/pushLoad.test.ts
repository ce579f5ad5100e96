import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { jakartaYmd, pushToken } from '../src/oss/pushToken.js';
import { nibs, ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

describe('receiveNIB under concurrent load (real HTTP on a local port)', () => {
  let t: TestEnv;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    t = await createTestEnv({ OSS_PUSH_USERNAME: 'oss', OSS_PUSH_PASSWORD: 'rahasia' });
    app = await buildServer(t.ctx);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  it('stores every answered push once, and the latest version wins whatever the arrival order', async () => {
    const companies = nibs(100, 7000);
    const versions = ['2025-01-01 08:00:00', '2025-03-01 08:00:00', '2025-06-01 08:00:00'];
    // Each NIB: an original and two updates, each sent twice, all racing in random order.
    const pushes = companies.flatMap((nib) =>
      versions.flatMap((v, i) => {
        const record = ossRecord({ nib, name: `PT Versi ${i} ${nib}`, tipe: i ? 5 : 9, issued: versions[0], changed: i ? v : '', workers: [i + 1, 0] });
        return [record, record];
      }),
    );
    for (let i = pushes.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [pushes[i], pushes[j]] = [pushes[j]!, pushes[i]!];
    }
    const answers: Array<{ status: number; body: { responreceiveNIB: { status: string } } }> = [];
    const queue = [...pushes];
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        for (let record = queue.pop(); record; record = queue.pop()) {
          const nib = record.nib as string;
          const response = await fetch(`${base}/oss/receiveNIB`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', token: pushToken('oss', 'rahasia', nib, jakartaYmd(new Date())) },
            body: JSON.stringify({ dataNIB: record }),
          });
          answers.push({ status: response.status, body: (await response.json()) as { responreceiveNIB: { status: string } } });
        }
      }),
    );
    expect(answers).toHaveLength(600);
    expect(answers.every((a) => a.status === 200 && a.body.responreceiveNIB.status === '1')).toBe(true);
    const stored = await t.ctx.db.selectFrom('permit').select(['nib', 'name', 'doc_type', 'declared_workers']).execute();
    expect(stored).toHaveLength(100);
    for (const p of stored) expect(p).toMatchObject({ name: `PT Versi 2 ${p.nib}`, doc_type: 5, declared_workers: 3 });
    expect(await t.ctx.db.selectFrom('permit_reject').select('id').execute()).toEqual([]);
  }, 120_000);
});
