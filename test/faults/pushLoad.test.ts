import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.js';
import { jakartaYmd, pushToken } from '../../src/oss/pushToken.js';
import { prng } from '../support/feedRecords.js';
import { nibs, ossRecord } from '../support/ossRecords.js';
import { createTestEnv, type TestEnv } from '../support/testEnv.js';
import { faultSeeds } from './support/pipeline.js';
import { reportFigures } from './support/verdict.js';

const NIBS = 200;
const CONNECTIONS = 200;
const VERSIONS = ['2025-01-01 08:00:00', '2025-03-01 08:00:00', '2025-06-01 08:00:00'];

describe.each(faultSeeds())('receiveNIB under concurrent load, real HTTP on a local port (seed %i)', (seed) => {
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
    const random = prng(seed);
    const companies = nibs(NIBS, 7000 + (seed % 1000) * NIBS);
    // Each NIB: an original and two updates, each sent twice, all racing in a seeded random order.
    const pushes = companies.flatMap((nib) =>
      VERSIONS.flatMap((v, i) => {
        const record = ossRecord({ nib, name: `PT Versi ${i} ${nib}`, tipe: i ? 5 : 9, issued: VERSIONS[0], changed: i ? v : '', workers: [i + 1, 0] });
        return [record, record];
      }),
    );
    for (let i = pushes.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [pushes[i], pushes[j]] = [pushes[j]!, pushes[i]!];
    }
    const answers: Array<{ status: number; body: { responreceiveNIB: { status: string } } }> = [];
    const queue = [...pushes];
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
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
    const stored = await t.ctx.db.selectFrom('permit').select(['nib', 'name', 'doc_type', 'declared_workers']).execute();
    const rejects = await t.ctx.db.selectFrom('permit_reject').select('id').execute();
    const latestWins = stored.filter((p) => p.name === `PT Versi 2 ${p.nib}` && p.doc_type === 5 && p.declared_workers === 3).length;
    await reportFigures({ scenario: 'push-load', seed, pushes: pushes.length, connections: CONNECTIONS, stored: stored.length, latestWins, lost: NIBS - stored.length, duplicates: stored.length - new Set(stored.map((p) => p.nib)).size, rejected: rejects.length });
    expect(answers).toHaveLength(NIBS * VERSIONS.length * 2);
    expect(answers.every((a) => a.status === 200 && a.body.responreceiveNIB.status === '1')).toBe(true);
    expect(stored).toHaveLength(NIBS);
    expect(latestWins).toBe(NIBS);
    expect(rejects).toEqual([]);
  }, 120_000);
});
