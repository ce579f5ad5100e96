import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseOssDate, dataNibSchema, LEGAL_FORM_CODES } from '../../schemas/oss.js';
import { parsePermitRecord, type ParsedPermit, type PermitParseResult } from './permitRecord.js';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/** Personal values planted in the fixture; none may survive into `permit.raw`. */
const PLANTED = {
  shareholderNik: '3523019901010001',
  shareholderName: 'Budi Pemegang Santoso',
  shareholderEmail: 'budi.saham@example.id',
  pjNik: '3523019902020002',
  pjName: 'Siti Penanggung Rahayu',
  pjPhone: '081234000111',
  pjHp: '081299988877',
  pjEmail: 'siti.pj@example.id',
  companyPhone: '0356-777111',
  companyEmail: 'kontak@majujaya.example.id',
  userNik: '3523019903030003',
  userName: 'Agus Operator',
  userEmail: 'agus.user@example.id',
  userHp: '085712340000',
  userBirthPlace: 'Kota Rahasia',
  userBirthDate: '1987-06-05',
  projectPjNik: '3523019904040004',
  projectPjName: 'Dewi Proyek',
  notaryName: 'Notaris Hartono SH',
  notaryPhone: '0356-999000',
  companionNik: '3523019905050005',
  companionHp: '081111222333',
  companionEmail: 'pendamping@example.id',
};

function dataNib(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nib: '9120001234567',
    tgl_pengajuan_nib: '2024-01-10',
    tgl_terbit_nib: '2024-01-15',
    tgl_perubahan_nib: '',
    oss_id: 'P-202401151234567',
    id_izin: '',
    kd_izin: '',
    jenis_pelaku_usaha: '01',
    no_npp: '',
    flag_perusahaan: 'Y',
    status_penanaman_modal: '02',
    npwp_perseroan: '01.234.567.8-901.000',
    nama_perseroan: 'PT. MAJU JAYA SEJAHTERA',
    nama_singkatan: 'MJS',
    jenis_perseroan: '01',
    status_perseroan: 'N',
    alamat_perseroan: 'Jl. Pahlawan No. 1',
    rt_rw_perseroan: '001/002',
    perseroan_daerah_id: '3523010001',
    kode_pos_perseroan: '62311',
    nomor_telpon_perseroan: PLANTED.companyPhone,
    email_perusahaan: PLANTED.companyEmail,
    skala_usaha: '02',
    pemegang_saham: [
      {
        jenis_pemegang_saham: '01',
        nama_pemegang_saham: PLANTED.shareholderName,
        jns_identitas_pemegang_saham: '01',
        no_identitas_pemegang_saham: PLANTED.shareholderNik,
        email_pemegang_saham: PLANTED.shareholderEmail,
      },
    ],
    penanggung_jwb: [
      {
        no_identitas_penanggung_jwb: PLANTED.pjNik,
        nama_penanggung_jwb: PLANTED.pjName,
        no_telp_penanggung_jwb: PLANTED.pjPhone,
        no_hp_penanggung_jwb: PLANTED.pjHp,
        email_penanggung_jwb: PLANTED.pjEmail,
      },
    ],
    legalitas: [{ jenis_legal: '01', nama_notaris: PLANTED.notaryName, telepon_notaris: PLANTED.notaryPhone }],
    data_rptka: {
      jenis_rptka: '',
      rptka_jabatan: [
        {
          jabatan: 'Manager',
          rptka_tki_pendamping: [{ nama: 'Pendamping', nik: PLANTED.companionNik, hp: PLANTED.companionHp, email: PLANTED.companionEmail }],
        },
      ],
    },
    data_proyek: [
      {
        id_proyek: 'PRJ-1',
        uraian_usaha: 'Perdagangan',
        jumlah_tki_l: '7',
        jumlah_tki_p: 5,
        jumlah_tka_l: '',
        jumlah_tka_p: '1',
        kbli: '46100',
        sektor: '',
        jenis_identitas_pj: '01',
        no_identitas_pj: PLANTED.projectPjNik,
        nama_pj: PLANTED.projectPjName,
        skala_usaha: '02',
        data_lokasi_proyek: [{ id_proyek_lokasi: 'L1', proyek_daerah_id: '3578010001', alamat_usaha: 'Jl. Lain' }],
      },
      {
        id_proyek: 'PRJ-2',
        jumlah_tki_l: 3,
        jumlah_tki_p: '0',
        jumlah_tka_l: '2',
        jumlah_tka_p: null,
        kbli: 47111,
        skala_usaha: '03',
        data_lokasi_proyek: [],
      },
    ],
    data_checklist: [{ id_izin: 'I-1', kd_izin: '123', jenis_izin: '01', kewenangan: '02' }],
    jenis_id_user_proses: '01',
    no_id_user_proses: PLANTED.userNik,
    nama_user_proses: PLANTED.userName,
    email_user_proses: PLANTED.userEmail,
    hp_user_proses: PLANTED.userHp,
    alamat_user_proses: 'Jl. Rumah Operator',
    tempat_lahir_user_proses: PLANTED.userBirthPlace,
    tgl_lahir_user_proses: PLANTED.userBirthDate,
    status_nib: '01',
    'tipe_dokumen ': '9',
    ...over,
  };
}

function ok(result: PermitParseResult): ParsedPermit {
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result.permit;
}

function reason(result: PermitParseResult): string {
  if (result.ok) throw new Error('expected a parse failure');
  return result.reason;
}

const minimal = (over: Record<string, unknown> = {}) => ({ nib: '1234567890123', nama_perseroan: 'CV Sumber Rejeki', ...over });

// ---------------------------------------------------------------------------------------------
// parseOssDate
// ---------------------------------------------------------------------------------------------

describe('parseOssDate', () => {
  it('reads a date without time as midnight Jakarta time (UTC+7)', () => {
    expect(parseOssDate('2024-01-15')?.toISOString()).toBe('2024-01-14T17:00:00.000Z');
  });

  it('reads date and time without a zone as Jakarta time', () => {
    expect(parseOssDate('2024-01-15 10:20:30')?.toISOString()).toBe('2024-01-15T03:20:30.000Z');
    expect(parseOssDate('2024-01-15T10:20:30')?.toISOString()).toBe('2024-01-15T03:20:30.000Z');
    expect(parseOssDate('2024-01-15 10:20')?.toISOString()).toBe('2024-01-15T03:20:00.000Z');
  });

  it('honours an explicit zone, with or without a colon', () => {
    expect(parseOssDate('2024-01-15T10:20:30Z')?.toISOString()).toBe('2024-01-15T10:20:30.000Z');
    expect(parseOssDate('2024-01-15T10:20:30+07:00')?.toISOString()).toBe('2024-01-15T03:20:30.000Z');
    expect(parseOssDate('2024-01-15T10:20:30+0700')?.toISOString()).toBe('2024-01-15T03:20:30.000Z');
    expect(parseOssDate('2024-01-15T10:20:30-0300')?.toISOString()).toBe('2024-01-15T13:20:30.000Z');
  });

  it('keeps milliseconds and truncates microseconds', () => {
    expect(parseOssDate('2024-01-15T10:20:30.5Z')?.toISOString()).toBe('2024-01-15T10:20:30.500Z');
    expect(parseOssDate('2024-01-15T10:20:30.123456Z')?.toISOString()).toBe('2024-01-15T10:20:30.123Z');
  });

  it('reads day-month-year with dashes or slashes', () => {
    expect(parseOssDate('15-01-2024')?.toISOString()).toBe('2024-01-14T17:00:00.000Z');
    expect(parseOssDate('15/01/2024')?.toISOString()).toBe('2024-01-14T17:00:00.000Z');
    expect(parseOssDate('15-01-2024 10:20:30')?.toISOString()).toBe('2024-01-15T03:20:30.000Z');
  });

  it.each([
    '',
    'kemarin',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-01-32',
    '2024-1-5',
    '01-15-2024',
    '2024/01/15',
    '2024-01-15 23:60',
    '2024-01-15T10:20:30+7',
    '20240115',
  ])('rejects %j', (s) => {
    expect(parseOssDate(s)).toBeNull();
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseOssDate('2024-02-29')?.toISOString()).toBe('2024-02-28T17:00:00.000Z');
  });

  // Regression (fixed): parseOssDate's comment says it rejects roll-overs such as 2024-02-31, but it only
  // checks 1 <= month <= 12 and 1 <= day <= 31; V8's Date accepts day 29-31 in any month and
  // rolls over, so 2024-02-31 becomes 2 March 2024, 2023-02-29 becomes 1 March, 2024-04-31
  // becomes 1 May (same for 31-02-2024).
  it.each(['2024-02-31', '2024-02-30', '2023-02-29', '2024-04-31', '31-02-2024'])('rejects the non-existent date %j', (s) => {
    expect(parseOssDate(s)).toBeNull();
  });

  it('property: never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const d = parseOssDate(s);
        expect(d === null || !Number.isNaN(d.getTime())).toBe(true);
      }),
    );
  });

  it('property: valid calendar dates round-trip in Jakarta time', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const wib = new Date(date.getTime() + 7 * 3600_000);
        const y = String(wib.getUTCFullYear());
        const mo = String(wib.getUTCMonth() + 1).padStart(2, '0');
        const d = String(wib.getUTCDate()).padStart(2, '0');
        const h = String(wib.getUTCHours()).padStart(2, '0');
        const mi = String(wib.getUTCMinutes()).padStart(2, '0');
        const se = String(wib.getUTCSeconds()).padStart(2, '0');
        const expected = Math.floor(date.getTime() / 1000) * 1000;
        expect(parseOssDate(`${y}-${mo}-${d} ${h}:${mi}:${se}`)?.getTime()).toBe(expected);
        expect(parseOssDate(`${d}-${mo}-${y} ${h}:${mi}:${se}`)?.getTime()).toBe(expected);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// parsePermitRecord
// ---------------------------------------------------------------------------------------------

describe('parsePermitRecord: a full OSS record', () => {
  const permit = ok(parsePermitRecord({ dataNIB: dataNib() }));

  it('reads identity fields', () => {
    expect(permit.nib).toBe('9120001234567');
    expect(permit.ossId).toBe('P-202401151234567');
    expect(permit.name).toBe('PT. MAJU JAYA SEJAHTERA');
    expect(permit.nameNorm).toBe('MAJU JAYA SEJAHTERA');
    expect(permit.nameShort).toBe('MJS');
    expect(permit.legalForm).toBe('01');
    expect(permit.npwp).toBe('0012345678901000');
    expect(permit.noNpp).toBeNull();
    expect(permit.address).toBe('Jl. Pahlawan No. 1');
  });

  it('reads codes and status', () => {
    expect(permit.businessScale).toBe('02');
    expect(permit.nibStatus).toBe('01');
    expect(permit.docType).toBe(9);
  });

  it('takes kab/kota from perseroan_daerah_id', () => {
    expect(permit.kabKota).toBe('3523');
  });

  it('sums declared workers over projects, mixing strings, numbers, "" and null', () => {
    expect(permit.declared).toEqual({ tki_l: 10, tki_p: 5, tka_l: 2, tka_p: 1 });
    expect(permit.declaredWorkers).toBe(18);
  });

  it('collects distinct KBLI codes, sorted, numbers read as strings', () => {
    expect(permit.kbli).toEqual(['46100', '47111']);
  });

  it('uses tgl_terbit_nib when tgl_perubahan_nib is blank', () => {
    expect(permit.versionAt.toISOString()).toBe('2024-01-14T17:00:00.000Z');
  });

  it('keeps a 64-hex-digit hash', () => {
    expect(permit.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps non-personal fields in raw, with the key "tipe_dokumen " trimmed', () => {
    expect(permit.raw.nib).toBe('9120001234567');
    expect(permit.raw.data_checklist).toEqual([{ id_izin: 'I-1', kd_izin: '123', jenis_izin: '01', kewenangan: '02' }]);
    expect(permit.raw.tipe_dokumen).toBe('9');
    expect(Object.keys(permit.raw)).not.toContain('tipe_dokumen ');
  });
});

describe('parsePermitRecord: personal data never reaches raw', () => {
  const permit = ok(parsePermitRecord({ dataNIB: dataNib() }));
  const rawJson = JSON.stringify(permit.raw);
  const permitJson = JSON.stringify(permit);

  it.each(Object.entries(PLANTED))('drops %s', (_label, value) => {
    expect(rawJson).not.toContain(value);
    expect(permitJson).not.toContain(value);
  });

  it.each([
    'pemegang_saham',
    'penanggung_jwb',
    'legalitas',
    'nomor_telpon_perseroan',
    'email_perusahaan',
    'no_id_user_proses',
    'nama_user_proses',
    'email_user_proses',
    'hp_user_proses',
    'alamat_user_proses',
    'tgl_lahir_user_proses',
    'jenis_id_user_proses',
  ])('drops the key %s', (key) => {
    expect(permit.raw).not.toHaveProperty(key);
  });

  it('drops project-level responsible-person data but keeps the project', () => {
    const projects = permit.raw.data_proyek as Array<Record<string, unknown>>;
    expect(projects).toHaveLength(2);
    expect(projects[0]).not.toHaveProperty('no_identitas_pj');
    expect(projects[0]).not.toHaveProperty('nama_pj');
    expect(projects[0]?.kbli).toBe('46100');
    expect(projects[0]?.uraian_usaha).toBe('Perdagangan');
  });

  it('drops RPTKA companions but keeps the job list', () => {
    const rptka = permit.raw.data_rptka as { rptka_jabatan: Array<Record<string, unknown>> };
    expect(rptka.rptka_jabatan[0]?.jabatan).toBe('Manager');
    expect(rptka.rptka_jabatan[0]).not.toHaveProperty('rptka_tki_pendamping');
  });

  it('does not leak personal data into a failure reason', () => {
    const result = parsePermitRecord({ dataNIB: dataNib({ nib: 'bad', data_proyek: [{ jumlah_tki_l: -1 }] }) });
    const r = reason(result);
    for (const value of Object.values(PLANTED)) expect(r).not.toContain(value);
  });

  it('does not mutate its input', () => {
    const input = { dataNIB: dataNib() };
    const before = JSON.stringify(input);
    parsePermitRecord(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('parsePermitRecord: receiveNIB body and bare dataNIB', () => {
  it('gives the same fields and hash for both shapes', () => {
    const wrapped = ok(parsePermitRecord({ dataNIB: dataNib() }));
    const bare = ok(parsePermitRecord(dataNib()));
    expect(bare).toEqual(wrapped);
    expect(bare.hash).toBe(wrapped.hash);
  });

  it('gives the same hash when loosely typed values are spelled differently', () => {
    const a = ok(parsePermitRecord(minimal({ skala_usaha: '01', status_nib: 1, tipe_dokumen: '5', data_proyek: [{ jumlah_tki_l: '4' }] })));
    const b = ok(parsePermitRecord(minimal({ skala_usaha: 1, status_nib: '01', 'tipe_dokumen ': 5, data_proyek: { jumlah_tki_l: 4 } })));
    expect(b.hash).toBe(a.hash);
  });

  it('gives a different hash when a parsed field changes', () => {
    const a = ok(parsePermitRecord(dataNib()));
    expect(ok(parsePermitRecord(dataNib({ status_nib: '05' }))).hash).not.toBe(a.hash);
    expect(ok(parsePermitRecord(dataNib({ nama_perseroan: 'PT MAJU JAYA SEJAHTERA ABADI' }))).hash).not.toBe(a.hash);
    expect(ok(parsePermitRecord(dataNib({ tgl_perubahan_nib: '2024-03-01' }))).hash).not.toBe(a.hash);
  });

  it('ignores personal and unused fields in the hash', () => {
    const a = ok(parsePermitRecord(dataNib()));
    const b = ok(parsePermitRecord(dataNib({ email_perusahaan: 'other@example.id', flag_ekspor: 'Y' })));
    expect(b.hash).toBe(a.hash);
  });

  it('names the path with the dataNIB prefix only for a receiveNIB body', () => {
    expect(reason(parsePermitRecord({ dataNIB: minimal({ nib: '123' }) }))).toBe('dataNIB.nib: must be 13 digits');
    expect(reason(parsePermitRecord(minimal({ nib: '123' })))).toBe('nib: must be 13 digits');
  });

  it.each([null, [], 'x', 3, true])('rejects dataNIB = %j', (inner) => {
    expect(reason(parsePermitRecord({ dataNIB: inner }))).toBe('dataNIB: must be a JSON object');
  });
});

describe('parsePermitRecord: non-object input', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', [minimal()]],
    ['an empty array', []],
    ['a string', JSON.stringify(minimal())],
    ['a number', 9120001234567],
    ['true', true],
    ['false', false],
    ['zero', 0],
  ])('rejects %s with a reason', (_label, value) => {
    const result = parsePermitRecord(value);
    expect(result.ok).toBe(false);
    expect(reason(result)).toMatch(/JSON object/);
  });

  it('rejects an empty object, naming the required fields', () => {
    const r = reason(parsePermitRecord({}));
    expect(r).toContain('nib: is required');
    expect(r).toContain('nama_perseroan: is required');
  });
});

describe('parsePermitRecord: NIB', () => {
  it('accepts 13 digits as a string or a number, trimmed', () => {
    expect(ok(parsePermitRecord(minimal({ nib: ' 1234567890123 ' }))).nib).toBe('1234567890123');
    expect(ok(parsePermitRecord(minimal({ nib: 1234567890123 }))).nib).toBe('1234567890123');
  });

  it.each([
    ['12 digits', '123456789012'],
    ['14 digits', '12345678901234'],
    ['letters', '12345678901AB'],
    ['punctuated', '1234.5678.90123'],
  ])('rejects %s', (_label, nib) => {
    expect(reason(parsePermitRecord(minimal({ nib })))).toBe('nib: must be 13 digits');
  });

  it.each([
    ['""', ''],
    ['blank', '   '],
    ['null', null],
  ])('treats %s as missing', (_label, nib) => {
    expect(reason(parsePermitRecord(minimal({ nib })))).toBe('nib: is required');
  });

  it('rejects a NIB given as an object', () => {
    expect(reason(parsePermitRecord(minimal({ nib: { value: '1234567890123' } })))).toMatch(/^nib: /);
  });
});

describe('parsePermitRecord: name', () => {
  it('requires a name; "" counts as missing', () => {
    expect(reason(parsePermitRecord(minimal({ nama_perseroan: '' })))).toBe('nama_perseroan: is required');
    expect(reason(parsePermitRecord({ nib: '1234567890123' }))).toBe('nama_perseroan: is required');
  });

  it('trims the name, reads numbers as text and limits length to 500', () => {
    expect(ok(parsePermitRecord(minimal({ nama_perseroan: '  PT Abadi  ' }))).name).toBe('PT Abadi');
    expect(ok(parsePermitRecord(minimal({ nama_perseroan: 7777 }))).name).toBe('7777');
    expect(ok(parsePermitRecord(minimal({ nama_perseroan: 'A'.repeat(500) }))).name).toHaveLength(500);
    expect(reason(parsePermitRecord(minimal({ nama_perseroan: 'A'.repeat(501) })))).toBe('nama_perseroan: must be at most 500 characters');
  });

  it('normalises the name for matching', () => {
    expect(ok(parsePermitRecord(minimal({ nama_perseroan: 'Maju Jaya, PT' }))).nameNorm).toBe('MAJU JAYA');
  });

  it('treats a blank short name as absent', () => {
    expect(ok(parsePermitRecord(minimal({ nama_singkatan: '  ' }))).nameShort).toBeNull();
  });
});

describe('parsePermitRecord: NPWP', () => {
  it.each([
    ['15 digits', '012345678901000', '0012345678901000'],
    ['punctuated 15 digits', '01.234.567.8-901.000', '0012345678901000'],
    ['16 digits', '0012345678901000', '0012345678901000'],
    ['15 digits as a number', 123456789012345, '0123456789012345'],
  ])('accepts %s', (_label, npwp, expected) => {
    expect(ok(parsePermitRecord(minimal({ npwp_perseroan: npwp }))).npwp).toBe(expected);
  });

  it.each(['', '  ', null])('treats %j as absent', (npwp) => {
    expect(ok(parsePermitRecord(minimal({ npwp_perseroan: npwp }))).npwp).toBeNull();
  });

  it.each(['12345', '01.234.567.8-901.00X', '12345678901234567'])('rejects %j', (npwp) => {
    expect(reason(parsePermitRecord(minimal({ npwp_perseroan: npwp })))).toBe('npwp_perseroan: must be 15 or 16 digits');
  });
});

describe('parsePermitRecord: NPP', () => {
  it('normalises a present no_npp and treats "" as absent', () => {
    expect(ok(parsePermitRecord(minimal({ no_npp: ' ab-123.45 ' }))).noNpp).toBe('AB12345');
    expect(ok(parsePermitRecord(minimal({ no_npp: 12345678 }))).noNpp).toBe('12345678');
    expect(ok(parsePermitRecord(minimal({ no_npp: '' }))).noNpp).toBeNull();
  });

  it('rejects an NPP longer than 20 characters', () => {
    expect(reason(parsePermitRecord(minimal({ no_npp: 'X'.repeat(21) })))).toBe('no_npp: must be 1-20 letters or digits');
  });
});

describe('parsePermitRecord: code lists', () => {
  it.each([
    ['01', '01'],
    ['04', '04'],
    [1, '01'],
    ['2', '02'],
    [' 03 ', '03'],
  ])('skala_usaha %j → %j', (value, expected) => {
    expect(ok(parsePermitRecord(minimal({ skala_usaha: value }))).businessScale).toBe(expected);
  });

  it.each(['05', '00', 'X', '1.0', 10])('rejects skala_usaha %j', (value) => {
    expect(reason(parsePermitRecord(minimal({ skala_usaha: value })))).toBe('skala_usaha: must be a skala_usaha code (01, 02, 03, 04)');
  });

  it.each([
    ['01', '01'],
    ['05', '05'],
    ['06', '06'],
    [6, '06'],
    ['3', '03'],
  ])('status_nib %j → %j', (value, expected) => {
    expect(ok(parsePermitRecord(minimal({ status_nib: value }))).nibStatus).toBe(expected);
  });

  it.each(['07', '00', 'aktif'])('rejects status_nib %j', (value) => {
    expect(reason(parsePermitRecord(minimal({ status_nib: value })))).toMatch(/^status_nib: must be a status_nib code \(01, 02, 03, 04, 05, 06\)$/);
  });

  it.each(LEGAL_FORM_CODES.map((c) => [c]))('accepts jenis_perseroan %s', (code) => {
    expect(ok(parsePermitRecord(minimal({ jenis_perseroan: code }))).legalForm).toBe(code);
  });

  it('pads a one-digit jenis_perseroan and rejects codes outside Lampiran 2', () => {
    expect(ok(parsePermitRecord(minimal({ jenis_perseroan: 2 }))).legalForm).toBe('02');
    expect(reason(parsePermitRecord(minimal({ jenis_perseroan: '03' })))).toMatch(/^jenis_perseroan: must be a jenis_perseroan code/);
    expect(reason(parsePermitRecord(minimal({ jenis_perseroan: '31' })))).toMatch(/^jenis_perseroan: must be a jenis_perseroan code/);
  });

  it.each([
    ['9', 9],
    ['5', 5],
    ['3', 3],
    ['4', 4],
    [3, 3],
    ['03', 3],
  ])('tipe_dokumen %j → %s', (value, expected) => {
    expect(ok(parsePermitRecord(minimal({ tipe_dokumen: value }))).docType).toBe(expected);
  });

  it('reads the template key "tipe_dokumen " with its trailing space', () => {
    expect(ok(parsePermitRecord(minimal({ 'tipe_dokumen ': '3' }))).docType).toBe(3);
    expect(ok(parsePermitRecord({ dataNIB: minimal({ 'tipe_dokumen ': 4 }) })).docType).toBe(4);
  });

  // Regression (fixed): stripPersonalData trims keys and the later key silently overwrites the earlier one, so
  // when a record carries both spellings ("tipe_dokumen" and the template's "tipe_dokumen "),
  // a blank one wipes out the set one: a revoked (3) record is read as an original (9), and a
  // revoked permit keeps producing findings. Either order loses the value.
  it('keeps a set tipe_dokumen when the other spelling is blank', () => {
    expect(ok(parsePermitRecord(minimal({ tipe_dokumen: '3', 'tipe_dokumen ': '' }))).docType).toBe(3);
    expect(ok(parsePermitRecord(minimal({ 'tipe_dokumen ': '3', tipe_dokumen: '' }))).docType).toBe(3);
  });

  it('defaults a missing or blank tipe_dokumen to 9 (original)', () => {
    expect(ok(parsePermitRecord(minimal())).docType).toBe(9);
    expect(ok(parsePermitRecord(minimal({ 'tipe_dokumen ': '' }))).docType).toBe(9);
  });

  it.each(['1', '7', 'X', '9.0'])('rejects tipe_dokumen %j', (value) => {
    expect(reason(parsePermitRecord(minimal({ 'tipe_dokumen ': value })))).toMatch(/^tipe_dokumen: must be one of 9/);
  });

  it('treats blank codes as absent', () => {
    const p = ok(parsePermitRecord(minimal({ skala_usaha: '', status_nib: ' ', jenis_perseroan: null })));
    expect(p.businessScale).toBeNull();
    expect(p.nibStatus).toBeNull();
    expect(p.legalForm).toBeNull();
  });
});

describe('parsePermitRecord: business scale falls back to projects', () => {
  it('uses the largest project scale when the company has none', () => {
    const p = ok(parsePermitRecord(minimal({ data_proyek: [{ skala_usaha: '02' }, { skala_usaha: 4 }, { skala_usaha: '01' }] })));
    expect(p.businessScale).toBe('04');
  });

  it('prefers the company scale', () => {
    const p = ok(parsePermitRecord(minimal({ skala_usaha: '01', data_proyek: [{ skala_usaha: '04' }] })));
    expect(p.businessScale).toBe('01');
  });

  it('validates project scales with the project path', () => {
    expect(reason(parsePermitRecord(minimal({ data_proyek: [{}, { skala_usaha: '09' }] })))).toMatch(/^data_proyek\.1\.skala_usaha: /);
  });
});

describe('parsePermitRecord: declared workers', () => {
  it('sums all four counts over all projects', () => {
    const p = ok(
      parsePermitRecord(
        minimal({
          data_proyek: [
            { jumlah_tki_l: '10', jumlah_tki_p: '20', jumlah_tka_l: '1', jumlah_tka_p: '2' },
            { jumlah_tki_l: 5, jumlah_tki_p: 6, jumlah_tka_l: 0, jumlah_tka_p: 1 },
            { jumlah_tki_l: '', jumlah_tki_p: null, jumlah_tka_l: '  ' },
          ],
        }),
      ),
    );
    expect(p.declared).toEqual({ tki_l: 15, tki_p: 26, tka_l: 1, tka_p: 3 });
    expect(p.declaredWorkers).toBe(45);
  });

  it('gives zero workers without projects, with "" or null projects', () => {
    expect(ok(parsePermitRecord(minimal())).declaredWorkers).toBe(0);
    expect(ok(parsePermitRecord(minimal({ data_proyek: '' }))).declaredWorkers).toBe(0);
    expect(ok(parsePermitRecord(minimal({ data_proyek: null }))).declaredWorkers).toBe(0);
    expect(ok(parsePermitRecord(minimal({ data_proyek: [] }))).declaredWorkers).toBe(0);
  });

  it('accepts a lone project object in place of an array', () => {
    expect(ok(parsePermitRecord(minimal({ data_proyek: { jumlah_tki_l: '3' } }))).declaredWorkers).toBe(3);
  });

  it('accepts whole numbers written with a zero fraction', () => {
    expect(ok(parsePermitRecord(minimal({ data_proyek: [{ jumlah_tki_l: '12.0' }, { jumlah_tki_p: 3.0 }] }))).declaredWorkers).toBe(15);
  });

  it.each([
    ['negative string', '-1'],
    ['negative number', -1],
    ['fraction string', '1.5'],
    ['fraction number', 2.5],
    ['non-numeric', 'sepuluh'],
    ['exponent', '1e3'],
    ['boolean', true],
    ['object', { n: 1 }],
  ])('rejects a %s, naming the field path', (_label, value) => {
    const r = reason(parsePermitRecord({ dataNIB: minimal({ data_proyek: [{ jumlah_tki_l: '1' }, { jumlah_tki_l: value }] }) }));
    expect(r).toMatch(/^dataNIB\.data_proyek\.1\.jumlah_tki_l: /);
  });

  it('names dataNIB.data_proyek.0.jumlah_tki_l for the first project', () => {
    const r = reason(parsePermitRecord({ dataNIB: minimal({ data_proyek: [{ jumlah_tki_l: '-3' }] }) }));
    expect(r).toContain('dataNIB.data_proyek.0.jumlah_tki_l');
  });

  it.each(['jumlah_tki_p', 'jumlah_tka_l', 'jumlah_tka_p'])('validates %s too', (field) => {
    expect(reason(parsePermitRecord(minimal({ data_proyek: [{ [field]: '-2' }] })))).toMatch(new RegExp(`^data_proyek\\.0\\.${field}: `));
  });

  it('rejects negative counts given as numbers with "must not be negative"', () => {
    expect(reason(parsePermitRecord(minimal({ data_proyek: [{ jumlah_tki_l: -1 }] })))).toMatch(/must (not be negative|be a whole number)/);
  });

  it('rejects implausibly large counts', () => {
    expect(reason(parsePermitRecord(minimal({ data_proyek: [{ jumlah_tki_l: '10000001' }] })))).toBe('data_proyek.0.jumlah_tki_l: is implausibly large');
    expect(ok(parsePermitRecord(minimal({ data_proyek: [{ jumlah_tki_l: '10000000' }] }))).declaredWorkers).toBe(10_000_000);
  });

  it('lists at most five problems and counts the rest', () => {
    const projects = Array.from({ length: 7 }, () => ({ jumlah_tki_l: '-1' }));
    const r = reason(parsePermitRecord(minimal({ data_proyek: projects })));
    expect(r.split('; ')).toHaveLength(6);
    expect(r).toMatch(/and 2 more$/);
  });

  it('rejects a data_proyek that is neither array, object nor blank', () => {
    expect(reason(parsePermitRecord(minimal({ data_proyek: 'banyak' })))).toMatch(/^data_proyek: /);
  });
});

describe('parsePermitRecord: kab/kota', () => {
  it('takes the first four digits of perseroan_daerah_id', () => {
    expect(ok(parsePermitRecord(minimal({ perseroan_daerah_id: '3523010001' }))).kabKota).toBe('3523');
    expect(ok(parsePermitRecord(minimal({ perseroan_daerah_id: 3523010001 }))).kabKota).toBe('3523');
    expect(ok(parsePermitRecord(minimal({ perseroan_daerah_id: '35.23.01.2001' }))).kabKota).toBe('3523');
  });

  it('falls back to the first project location when perseroan_daerah_id is blank', () => {
    const p = ok(
      parsePermitRecord(
        minimal({
          perseroan_daerah_id: '',
          data_proyek: [
            { data_lokasi_proyek: [] },
            { data_lokasi_proyek: [{ proyek_daerah_id: '' }, { proyek_daerah_id: '3578010001' }] },
            { data_lokasi_proyek: [{ proyek_daerah_id: '3173010001' }] },
          ],
        }),
      ),
    );
    expect(p.kabKota).toBe('3578');
  });

  it('accepts a lone location object in place of an array', () => {
    expect(ok(parsePermitRecord(minimal({ data_proyek: [{ data_lokasi_proyek: { proyek_daerah_id: '3201010001' } }] }))).kabKota).toBe('3201');
  });

  it('prefers perseroan_daerah_id over project locations', () => {
    const p = ok(parsePermitRecord(minimal({ perseroan_daerah_id: '3523', data_proyek: [{ data_lokasi_proyek: [{ proyek_daerah_id: '3578010001' }] }] })));
    expect(p.kabKota).toBe('3523');
  });

  it('is null when neither is present', () => {
    expect(ok(parsePermitRecord(minimal())).kabKota).toBeNull();
  });

  it('rejects a malformed area code with its path', () => {
    expect(reason(parsePermitRecord(minimal({ perseroan_daerah_id: '35' })))).toBe('perseroan_daerah_id: must be a Kemendagri area code of at least 4 digits');
    expect(reason(parsePermitRecord(minimal({ data_proyek: [{ data_lokasi_proyek: [{ proyek_daerah_id: 'Jember' }] }] })))).toBe(
      'data_proyek.0.data_lokasi_proyek.0.proyek_daerah_id: must be a Kemendagri area code of at least 4 digits',
    );
  });
});

describe('parsePermitRecord: version date', () => {
  it('prefers tgl_perubahan_nib', () => {
    const p = ok(parsePermitRecord(minimal({ tgl_terbit_nib: '2024-01-15', tgl_perubahan_nib: '2024-06-01 08:00:00' })));
    expect(p.versionAt.toISOString()).toBe('2024-06-01T01:00:00.000Z');
  });

  it('falls back to tgl_terbit_nib when tgl_perubahan_nib is absent or blank', () => {
    expect(ok(parsePermitRecord(minimal({ tgl_terbit_nib: '15-01-2024' }))).versionAt.toISOString()).toBe('2024-01-14T17:00:00.000Z');
    expect(ok(parsePermitRecord(minimal({ tgl_terbit_nib: '2024-01-15', tgl_perubahan_nib: '' }))).versionAt.toISOString()).toBe('2024-01-14T17:00:00.000Z');
  });

  it('falls back to the epoch without any date', () => {
    expect(ok(parsePermitRecord(minimal())).versionAt.getTime()).toBe(0);
  });

  it('refuses a version dated in the future, which would shadow every real change after it', () => {
    expect(reason(parsePermitRecord(minimal({ tgl_perubahan_nib: '2999-12-31 10:00:00' })))).toBe(
      'tgl_perubahan_nib: must not be in the future (2999-12-31 10:00:00): OSS dates a permit when it is issued or changed',
    );
    const inAnHour = new Date(Date.now() + 3600_000).toISOString();
    expect(ok(parsePermitRecord(minimal({ tgl_perubahan_nib: inAnHour }))).versionAt.getTime()).toBe(Date.parse(inAnHour));
  });

  it('says a name of the wrong type must be text, not that it is missing', () => {
    expect(reason(parsePermitRecord(minimal({ nama_perseroan: { x: 1 } })))).toBe('nama_perseroan: must be text');
    expect(reason(parsePermitRecord(minimal({ nama_perseroan: undefined })))).toBe('nama_perseroan: is required');
  });

  it('rejects an unreadable date with its field name', () => {
    expect(reason(parsePermitRecord(minimal({ tgl_terbit_nib: 'kemarin' })))).toBe(
      'tgl_terbit_nib: must be a date such as 2024-01-15 or 2024-01-15 10:20:30',
    );
  });
});

describe('parsePermitRecord: other fields', () => {
  it('validates KBLI as 2-5 digits', () => {
    expect(ok(parsePermitRecord(minimal({ data_proyek: [{ kbli: '46' }, { kbli: '46100' }, { kbli: '46' }] }))).kbli).toEqual(['46', '46100']);
    expect(reason(parsePermitRecord(minimal({ data_proyek: [{ kbli: '461000' }] })))).toBe('data_proyek.0.kbli: must be a KBLI code of 2-5 digits');
  });

  it('limits text lengths', () => {
    expect(reason(parsePermitRecord(minimal({ alamat_perseroan: 'x'.repeat(1001) })))).toBe('alamat_perseroan: must be at most 1000 characters');
    expect(reason(parsePermitRecord(minimal({ oss_id: 'x'.repeat(101) })))).toBe('oss_id: must be at most 100 characters');
  });

  it('keeps unknown extra keys in raw', () => {
    const p = ok(parsePermitRecord(minimal({ flag_umk: 'Y', kd_kawasan: '' })));
    expect(p.raw).toMatchObject({ flag_umk: 'Y', kd_kawasan: '' });
  });
});

describe('dataNibSchema', () => {
  it('is a loose object: unknown keys pass through', () => {
    const parsed = dataNibSchema.parse({ ...minimal(), something_new: 1 });
    expect(parsed.something_new).toBe(1);
    expect(parsed.data_proyek).toEqual([]);
  });
});

describe('parsePermitRecord: properties', () => {
  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parsePermitRecord(value);
        if (!result.ok) expect(typeof result.reason).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary receiveNIB bodies', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parsePermitRecord({ dataNIB: value });
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  const nibArb = fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 13, maxLength: 13 });
  const nameArb = fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() !== '');
  const reserved = new Set(['dataNIB', 'nib', 'nama_perseroan']);
  const extras = fc.dictionary(
    fc.string({ maxLength: 20 }).filter((k) => !reserved.has(k.trim())),
    fc.jsonValue({ maxDepth: 3 }),
    { maxKeys: 8 },
  );

  it('never throws on a valid nib and name plus random extra keys; a success keeps nib and name', () => {
    fc.assert(
      fc.property(nibArb, nameArb, extras, fc.boolean(), (nib, name, extra, wrap) => {
        const body = { ...extra, nib, nama_perseroan: name };
        const result = parsePermitRecord(wrap ? { dataNIB: body } : body);
        if (result.ok) {
          expect(result.permit.nib).toBe(nib);
          expect(result.permit.name).toBe(name.trim());
          expect(result.permit.declaredWorkers).toBeGreaterThanOrEqual(0);
          expect(result.permit.hash).toMatch(/^[0-9a-f]{64}$/);
        } else {
          expect(result.reason.length).toBeGreaterThan(0);
          if (wrap) expect(result.reason.startsWith('dataNIB.')).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('extra keys that the schema ignores never cause a failure', () => {
    const ignoredKey = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), minLength: 1, maxLength: 12 }).map((k) => `x_${k}`);
    fc.assert(
      fc.property(nibArb, nameArb, fc.dictionary(ignoredKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }), (nib, name, extra) => {
        const result = parsePermitRecord({ ...extra, nib, nama_perseroan: name });
        expect(result.ok).toBe(true);
      }),
    );
  });

  it('wrapping in {"dataNIB": …} never changes the result', () => {
    fc.assert(
      fc.property(nibArb, nameArb, extras, (nib, name, extra) => {
        const body = { ...extra, nib, nama_perseroan: name };
        const bare = parsePermitRecord(body);
        const wrapped = parsePermitRecord({ dataNIB: body });
        expect(wrapped.ok).toBe(bare.ok);
        if (bare.ok && wrapped.ok) expect(wrapped.permit.hash).toBe(bare.permit.hash);
        if (!bare.ok && !wrapped.ok) expect(wrapped.reason).toContain('dataNIB.');
      }),
      { numRuns: 300 },
    );
  });

  it('declared workers is the sum of the project counts', () => {
    const count = fc.nat(1000);
    const proj = fc.record({ jumlah_tki_l: count, jumlah_tki_p: count, jumlah_tka_l: count, jumlah_tka_p: count });
    fc.assert(
      fc.property(fc.array(proj, { maxLength: 6 }), fc.boolean(), (projects, asStrings) => {
        const data = projects.map((p) => (asStrings ? Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)])) : p));
        const permit = ok(parsePermitRecord(minimal({ data_proyek: data })));
        const expected = projects.reduce((n, p) => n + p.jumlah_tki_l + p.jumlah_tki_p + p.jumlah_tka_l + p.jumlah_tka_p, 0);
        expect(permit.declaredWorkers).toBe(expected);
      }),
    );
  });
});
