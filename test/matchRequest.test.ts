import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearMatchRequests, requestMatching } from '../src/matching/matchRequestRepository.js';
import { ingestRecords } from '../src/oss/ingest.js';
import { nibs, ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

describe('match requests against a real PostgreSQL', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.cleanup());

  const requestOf = async (nib: string) =>
    (await sql<{ at: string }>`SELECT requested_at::text AS at FROM match_request WHERE nib = ${nib}`.execute(t.ctx.db)).rows[0]?.at ?? null;

  it('a request made again after a batch read the old one is never cleared by that batch', async () => {
    const [nib, other] = nibs(2, 700);
    await ingestRecords(t.ctx.db, [nib!, other!].map((n, i) => ({ source: 'file', ref: `t:${i}`, lineNo: i + 1, json: ossRecord({ nib: n }) })));
    // Storing a permit requests its matching in the same statement.
    const first = await requestOf(nib!);
    expect(first).not.toBeNull();
    // A batch read `first`; meanwhile the permit is requested again by a transaction whose
    // clock (its start) lies before `first`: the request must still move on.
    await sql`UPDATE match_request SET requested_at = requested_at + interval '1 hour' WHERE nib = ${nib}`.execute(t.ctx.db);
    const read = (await requestOf(nib!))!;
    await requestMatching(t.ctx.db, [nib!]);
    const again = (await requestOf(nib!))!;
    expect(new Date(again).getTime()).toBeGreaterThanOrEqual(new Date(read).getTime());
    expect(again).not.toBe(read);
    await clearMatchRequests(t.ctx.db, [{ nib: nib!, requestedAt: read }]);
    expect(await requestOf(nib!)).toBe(again);
    // The batch that read the latest request clears it.
    await clearMatchRequests(t.ctx.db, [{ nib: nib!, requestedAt: again }]);
    expect(await requestOf(nib!)).toBeNull();
    // A permit that is not stored cannot be requested; requesting it is no error.
    await requestMatching(t.ctx.db, ['9129999999999', other!]);
    expect(await requestOf('9129999999999')).toBeNull();
    expect(await requestOf(other!)).not.toBeNull();
  });
});
