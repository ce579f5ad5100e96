import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameAcronym } from '../src/matching/acronyms.js';
import { nameCandidates } from '../src/matching/nameCandidateRepository.js';
import { activeEmployerRow, importExtract } from './support/enrollmentExtract.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

/**
 * Employers found by the initials of their name (migration 0016): the SQL `name_initials`
 * gives what `nameAcronym` gives, and a permit's acronym finds them in its kab/kota.
 */
describe('employers by the initials of their name (real PostgreSQL)', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.cleanup());

  const initialsInSql = async (keys: string[]) =>
    (await sql<{ i: string | null }>`SELECT name_initials(k) AS i FROM unnest(${keys}::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n`.execute(t.ctx.db)).rows.map((r) => r.i);

  it('gives the same initials as the matcher for any stored key', async () => {
    const word = fc.oneof(
      fc.constantFrom('DAN', 'AND', 'OF', 'THE', 'PERUSAHAAN', 'LISTRIK', 'NEGARA', 'SUMBER', 'AGUNG', 'MAJU', 'JAYA', 'INDAH', 'KIAT', 'PULP', 'PAPER', '3', '88', 'X'),
      fc.stringMatching(/^[A-Z0-9]{1,6}$/),
    );
    const keys = fc.sample(fc.array(word, { minLength: 1, maxLength: 7 }).map((w) => w.join(' ')), { numRuns: 2000, seed: 16 });
    const expected = keys.map((k) => nameAcronym(k.split(' ')));
    expect(await initialsInSql(keys)).toEqual(expected);
    expect(expected.filter(Boolean).length).toBeGreaterThan(50);
  });

  it('reads PERUSAHAAN LISTRIK NEGARA as PLN and INDAH KIAT PULP DAN PAPER as IKPP, but not SUMBER AGUNG MAKMUR ABADI as SAMA', async () => {
    expect(await initialsInSql(['PERUSAHAAN LISTRIK NEGARA', 'INDAH KIAT PULP DAN PAPER', 'SUMBER AGUNG MAKMUR ABADI', 'MAJU JAYA'])).toEqual(['PLN', 'IKPP', null, null]);
  });

  it('finds, for a permit called by an acronym, the employers of its kab/kota whose name it abbreviates', async () => {
    await importExtract(t, [
      activeEmployerRow('76000001', 'PT PERUSAHAAN LISTRIK NEGARA (PERSERO)', '31.74'),
      activeEmployerRow('76000002', 'PT PERUSAHAAN LISTRIK NEGARA', '35.78'),
      activeEmployerRow('76000003', 'PT PLN BATAM', '31.74'),
    ]);
    const found = await nameCandidates(t.ctx.db, [{ nib: '9120000000016', kabKota: '3174', keys: [{ kind: 'initials', key: 'PLN', weight: 12, spelling: true }] }], {
      candidatesPerPermit: 10,
      spellingCandidatesPerPermit: 3,
    });
    expect(found.get('9120000000016')).toEqual(['76000001']);
    // The look-up can use the index (three rows are read faster without, so that plan is forbidden here).
    const plan = await t.ctx.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const rows = (await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT npp FROM employer WHERE name_initials(name_norm) = 'PLN' AND kab_kota = '3174'`.execute(trx)).rows;
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('employer_initials_idx');
  });
});
