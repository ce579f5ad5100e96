import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildNameTokens } from '../src/enrollment/employerRepository.js';
import { NAME_RULES_VERSION } from '../src/matching/companyName.js';
import { jsonLines, runCli } from './support/cli.js';
import { activeEmployerRow, importExtract } from './support/enrollmentExtract.js';
import { ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

/**
 * A database whose keys were made with the first name rules (before Roman numerals, "Kop."
 * and inner legal forms were folded) is brought up to the code's rules by `patuh db
 * migrate`, and the permits that change are decided again.
 */
describe('stored name keys follow the name rules (real CLI, PostgreSQL, Redis)', () => {
  let t: TestEnv;
  const numeral = '9120000009001';
  const kopkar = '9120000009002';
  const plain = '9120000009003';
  const matches = async () => new Map(jsonLines((await runCli(['matches', 'export'], t.env)).stdout).map((m) => [m.nib as string, m]));
  const migrate = async () => {
    const run = await runCli(['db', 'migrate'], t.env);
    expect(run.code).toBe(0);
    return run.stdout;
  };

  beforeAll(async () => {
    t = await createTestEnv();
    await importExtract(t, [
      activeEmployerRow('55810001', 'PT PERKEBUNAN NUSANTARA 3'),
      activeEmployerRow('55810002', 'KOP. KARYAWAN SINAR ABADI TUBAN'),
      activeEmployerRow('55810003', 'PT KARYA MANDIRI SENTOSA'),
    ]);
    const path = join(t.dir, 'permits.jsonl');
    const records = [
      ossRecord({ nib: numeral, name: 'PT Perkebunan Nusantara III' }),
      ossRecord({ nib: kopkar, name: 'Koperasi Karyawan PT Sinar Abadi Tuban' }),
      ossRecord({ nib: plain, name: 'PT Karya Mandiri Sentosa' }),
    ];
    await writeFile(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    expect((await runCli(['permits', 'import', path], t.env)).code).toBe(0);
    // The keys the first rules made, as a database from before the upgrade holds them.
    const db = t.ctx.db;
    await sql`UPDATE employer SET name_norm = 'KOP KARYAWAN SINAR ABADI TUBAN', legal_forms = '{}' WHERE npp = '55810002'`.execute(db);
    await sql`UPDATE permit SET name_norm = 'PERKEBUNAN NUSANTARA III' WHERE nib = ${numeral}`.execute(db);
    await sql`UPDATE permit SET name_norm = 'KARYAWAN PT SINAR ABADI TUBAN' WHERE nib = ${kopkar}`.execute(db);
    await db.transaction().execute((trx) => rebuildNameTokens(trx, sql`(VALUES ('55810002'))`));
    await sql`UPDATE name_rules SET version = 1`.execute(db);
    expect((await runCli(['run', '--until-idle'], t.env)).code).toBe(0);
  });
  afterAll(async () => t.cleanup());

  it('under the first rules, the numeral and the abbreviated koperasi are not linked', async () => {
    const before = await matches();
    expect(before.get(numeral)?.npp).not.toBe('55810001');
    expect(before.get(kopkar)?.npp).not.toBe('55810002');
    expect(before.get(plain)).toMatchObject({ decision: 'matched', npp: '55810003' });
  });

  it('db migrate re-normalises the stored keys, name words and frequencies, and queues the permits affected', async () => {
    const out = await migrate();
    expect(out).toMatch(new RegExp(`company names re-normalised from rules v1 to v${NAME_RULES_VERSION}: 1 employers and 2 permits changed; [1-9]\\d* permits queued for matching`));
    const db = t.ctx.db;
    expect(await db.selectFrom('employer').select(['name_norm', 'legal_forms']).where('npp', '=', '55810002').executeTakeFirst()).toEqual({
      name_norm: 'KARYAWAN SINAR ABADI TUBAN',
      legal_forms: ['KOPERASI'],
    });
    const words = (await db.selectFrom('employer_token').select('token').where('npp', '=', '55810002').orderBy('token').execute()).map((r) => r.token);
    expect(words).toEqual(['ABADI', 'KARYAWAN', 'SINAR', 'TUBAN']);
    expect(await db.selectFrom('name_token').select('employers').where('token', '=', 'KOP').executeTakeFirst()).toBeUndefined();
    const permitKeys = await db.selectFrom('permit').select(['nib', 'name_norm']).where('nib', 'in', [numeral, kopkar]).orderBy('nib').execute();
    expect(permitKeys).toEqual([
      { nib: numeral, name_norm: 'PERKEBUNAN NUSANTARA 3' },
      { nib: kopkar, name_norm: 'KARYAWAN SINAR ABADI TUBAN' },
    ]);
    expect((await db.selectFrom('name_rules').select('version').executeTakeFirstOrThrow()).version).toBe(NAME_RULES_VERSION);
    const owed = (await db.selectFrom('match_request').select('nib').execute()).map((r) => r.nib);
    expect(owed).toEqual(expect.arrayContaining([numeral, kopkar]));
  });

  it('the permits are then linked, and the one that was right stays so', async () => {
    expect((await runCli(['run', '--until-idle'], t.env)).code).toBe(0);
    const after = await matches();
    expect(after.get(numeral)).toMatchObject({ decision: 'matched', npp: '55810001' });
    expect(after.get(kopkar)).toMatchObject({ decision: 'matched', npp: '55810002' });
    expect(after.get(plain)).toMatchObject({ decision: 'matched', npp: '55810003' });
  });

  it('a second db migrate finds the keys current and changes nothing', async () => {
    const before = await t.ctx.db.selectFrom('name_frequency_version').select('version').executeTakeFirstOrThrow();
    const out = await migrate();
    expect(out).not.toMatch(/re-normalised/);
    expect(await t.ctx.db.selectFrom('name_frequency_version').select('version').executeTakeFirstOrThrow()).toEqual(before);
    expect(await t.ctx.db.selectFrom('match_request').select('nib').execute()).toEqual([]);
  });
});
