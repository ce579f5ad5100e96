import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { importPermitFile } from '../src/oss/fileImport.js';
import { jakartaYmd, pushToken } from '../src/oss/pushToken.js';
import { runUntilIdle } from '../src/queues/runUntilIdle.js';
import { importExtract } from './support/enrollmentExtract.js';
import { ossRecord } from './support/ossRecords.js';
import { createTestEnv, type TestEnv } from './support/testEnv.js';

const USER = 'bpjs-tk';
const PASS = 'rahasia';

/** Personal data OSS users write where it does not belong, or that sits under keys the rules once missed. */
const PLANTED = {
  mobileInAddress: '0812-3456-7890',
  emailInAddress: 'budi@mail.com',
  nikInNote: '3523014405900002',
  mobileInNote: '+62 857 1234 5678',
  trademarkHolder: 'Siti Pemegang Merek',
  patentHolder: 'Agus Pemegang Paten',
  productNpwp: '3523015506910003',
};

/** A permit as OSS pushes it, with the planted values in free text and in product data. */
function permitWithPlantedData(nib: string, spec: { name: string; npwp: string }): Record<string, unknown> {
  const record = ossRecord({ nib, ...spec });
  const [project] = record.data_proyek as Array<Record<string, unknown>>;
  return {
    ...record,
    alamat_perseroan: `Jl. Mawar 5, hub. ${PLANTED.mobileInAddress} / ${PLANTED.emailInAddress}`,
    data_rptka: { rptka_jabatan: [{ jabatan: 'Manager', keterangan: `pendamping NIK ${PLANTED.nikInNote}, WA ${PLANTED.mobileInNote}` }] },
    data_proyek: [
      {
        ...project,
        data_proyek_produk: [
          { id_produk: 'PR1', kbli: '46100', merk_dagang: 'Mawar', pemegang_haki: PLANTED.trademarkHolder, pemegang_paten: PLANTED.patentHolder, pi_npwp: PLANTED.productNpwp, pi_nomor: 'IDM000123456' },
        ],
      },
    ],
  };
}

/**
 * Through the real channels into PostgreSQL: what is stored of a permit holds no phone,
 * e-mail or NIK written into its free text, nor the holders of its patents and trade
 * marks, while the identifiers it is matched on are stored exactly and still match.
 */
describe('personal data in a stored permit (receiveNIB and file import, PostgreSQL, Redis)', () => {
  let t: TestEnv;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestEnv({ OSS_PUSH_USERNAME: USER, OSS_PUSH_PASSWORD: PASS });
    app = await buildServer(t.ctx);
    await importExtract(t, [
      '55700001,PT SINAR MAWAR ABADI,0123456789012000,,,35.23,AKTIF,JKK;JKM;JHT,8,30000000,0',
      // A sole proprietor: an individual's NPWP is their NIK.
      '55700002,BUDI SANTOSO,3523012345670123,,,35.23,AKTIF,JKK;JKM;JHT,8,30000000,0',
    ]);
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  const stored = (nib: string) => t.ctx.db.selectFrom('permit').select(['nib', 'npwp', 'name', 'address', 'raw']).where('nib', '=', nib).executeTakeFirstOrThrow();
  const matchOf = (nib: string) => t.ctx.db.selectFrom('match').select(['decision', 'npp', 'method']).where('nib', '=', nib).executeTakeFirstOrThrow();

  const expectNothingPlanted = (text: string) => {
    for (const value of Object.values(PLANTED)) expect(text).not.toContain(value);
    // Nor the bare digits of a phone written in groups.
    expect(text.replace(/[^0-9]/g, ' ')).not.toMatch(/81234567890|85712345678/);
  };

  it('stores a pushed permit without them, its company identifiers exact, and matches it on its NPWP', async () => {
    const nib = '9120000007001';
    const record = permitWithPlantedData(nib, { name: 'PT Sinar Mawar Abadi', npwp: '0123456789012000' });
    const pushed = await app.inject({ method: 'POST', url: '/oss/receiveNIB', payload: { dataNIB: record }, headers: { token: pushToken(USER, PASS, nib, jakartaYmd(new Date())) } });
    expect(pushed.json().responreceiveNIB.status).toBe('1');

    const permit = await stored(nib);
    expectNothingPlanted(JSON.stringify(permit));
    expect(permit).toMatchObject({ nib, npwp: '0123456789012000', name: 'PT Sinar Mawar Abadi', address: 'Jl. Mawar 5, hub. *** / ***' });
    const raw = permit.raw as Record<string, unknown>;
    expect(raw).toMatchObject({ nib, npwp_perseroan: '0123456789012000', nama_perseroan: 'PT Sinar Mawar Abadi' });
    expect(raw.data_rptka).toEqual({ rptka_jabatan: [{ jabatan: 'Manager', keterangan: 'pendamping NIK ***, WA ***' }] });
    const [project] = raw.data_proyek as Array<{ kbli: string; data_proyek_produk: unknown[] }>;
    expect(project!.kbli).toBe('46100');
    expect(project!.data_proyek_produk).toEqual([{ id_produk: 'PR1', kbli: '46100', merk_dagang: 'Mawar', pi_nomor: 'IDM000123456' }]);

    await runUntilIdle(t.ctx, { pollMs: 100 });
    expect(await matchOf(nib)).toEqual({ decision: 'matched', npp: '55700001', method: 'npwp' });
  });

  it('keeps a sole proprietor NPWP that is a NIK whole, as matching needs it, from a file import', async () => {
    const nib = '9120000007002';
    const file = join(t.dir, 'sole-proprietor.jsonl');
    await writeFile(file, `${JSON.stringify({ dataNIB: permitWithPlantedData(nib, { name: 'Toko Budi', npwp: '3523012345670123' }) })}\n`);
    await importPermitFile(t.ctx.db, file, async () => undefined);

    const permit = await stored(nib);
    expectNothingPlanted(JSON.stringify(permit));
    expect(permit).toMatchObject({ nib, npwp: '3523012345670123', name: 'Toko Budi' });
    expect((permit.raw as Record<string, unknown>).npwp_perseroan).toBe('3523012345670123');

    await runUntilIdle(t.ctx, { pollMs: 100 });
    expect(await matchOf(nib)).toEqual({ decision: 'matched', npp: '55700002', method: 'npwp' });
  });

  it('quarantines an invalid record without them', async () => {
    const nib = '9120000007003';
    const record = { ...permitWithPlantedData(nib, { name: 'PT Sinar Mawar Abadi', npwp: '0123456789012000' }), status_nib: '99' };
    const pushed = await app.inject({ method: 'POST', url: '/oss/receiveNIB', payload: { dataNIB: record }, headers: { token: pushToken(USER, PASS, nib, jakartaYmd(new Date())) } });
    expect(pushed.statusCode).toBe(400);
    const [reject] = await t.ctx.db.selectFrom('permit_reject').select('raw').execute();
    expectNothingPlanted(reject!.raw);
    expect(JSON.parse(reject!.raw)).toMatchObject({ dataNIB: { nib, npwp_perseroan: '0123456789012000', alamat_perseroan: 'Jl. Mawar 5, hub. *** / ***' } });
  });
});
