import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPersonalKey, keptExactly, maskPersonalPatterns, redactPersonalText, stripPersonalData } from './personalData.js';

describe('isPersonalKey', () => {
  it.each([
    'pemegang_saham',
    'penanggung_jwb',
    // contacts and identities under number-like keys
    'no_wa', 'nomor_whatsapp', 'no_ponsel', 'no_handphone', 'no_kontak', 'no_kk', 'nomor_induk_kependudukan', 'id_pemohon', 'nama_pemohon',
    'legalitas',
    'rptka_tki_pendamping',
    'nomor_telpon_perseroan',
    'email_perusahaan',
    'nik',
    'no_identitas',
    'no_identitas_pemegang_saham',
    'no_identitas_penanggung_jwb',
    'jns_identitas_pemegang_saham',
    'nama_pj',
    'no_identitas_pj',
    'email',
    'email_pemegang_saham',
    'email_user_proses',
    'telp',
    'no_telp_penanggung_jwb',
    'telepon_notaris',
    'hp',
    'no_hp',
    'no_hp_penanggung_jwb',
    'hp_user_proses',
    'fax_pemegang_saham',
    'no_fax_penanggung_jwb',
    'tgl_lahir_user_proses',
    'tempat_lahir_user_proses',
    'jns_kelamin_user_proses',
    'agama_user_proses',
    'status_perkawinan_user_proses',
    'pekerjaan_user_proses',
    'nama_user_proses',
    'no_id_user_proses',
    'alamat_user_proses',
    'daerah_id_user_proses',
    'nama_pemegang_saham',
    'alamat_penanggung_jwb',
    'npwp_penanggung_jwb',
    // holders of a patent or trade mark and the NPWP beside them (data_proyek_produk)
    'pemegang_paten',
    'pemegang_haki',
    'pi_npwp',
    'npwp_pemegang_saham',
    'total_modal_pemegang',
    // any NPWP but an entity's: an individual's NPWP is their NIK
    'npwp',
    'npwp_notaris',
    // notaries, the responsible person, the user, owners and officers, wherever they stand
    'nama_notaris',
    'alamat_notaris',
    'email_pj',
    'alamat_pj',
    'jenis_identitas_pj',
    'nama_user',
    'nik_user',
    'nama_pemilik',
    'nama_direktur',
    'nama_komisaris',
    'no_ktp',
    'no_paspor',
  ])('%s is personal', (key) => {
    expect(isPersonalKey(key)).toBe(true);
  });

  it.each([
    'nib',
    'npwp_perseroan',
    'nama_perseroan',
    'alamat_perseroan',
    'perseroan_daerah_id',
    'data_proyek',
    'jumlah_tki_l',
    'kbli',
    'data_checklist',
    'tipe_dokumen',
    'status_nib',
    'skala_usaha',
    'no_npp',
    // substrings of personal words that are not personal themselves
    'nikel',
    'kenikmatan',
    'shp',
    'emailed_at',
    'shp_number',
    'username',
    'pjk',
    // an entity's NPWP and names: matching compares on npwp_perseroan
    'npwp_cabang',
    'npwp_perseroan_merger',
    'nama_cabang',
    'nama_perseroan_merger',
    'merk_dagang',
    'pi_nomor',
    'pi_tanggal',
    'alamat_usaha',
  ])('%s is kept', (key) => {
    expect(isPersonalKey(key)).toBe(false);
  });
});

describe('stripPersonalData', () => {
  it('drops personal keys at the top level and keeps the rest', () => {
    expect(stripPersonalData({ nib: '1234567890123', email: 'a@b.id', nik: '3523', nama_perseroan: 'PT A' })).toEqual({
      nib: '1234567890123',
      nama_perseroan: 'PT A',
    });
  });

  it('drops personal keys deep inside objects and arrays', () => {
    const input = {
      data_proyek: [
        {
          kbli: '46100',
          no_identitas_pj: '3523019904040004',
          data_lokasi_proyek: [{ proyek_daerah_id: '3523010001', detail: { nested: { hp: '0812', keep: 1 } } }],
        },
      ],
      data_rptka: { rptka_jabatan: [{ jabatan: 'Manager', rptka_tki_pendamping: [{ nik: '1' }] }] },
    };
    expect(stripPersonalData(input)).toEqual({
      data_proyek: [{ kbli: '46100', data_lokasi_proyek: [{ proyek_daerah_id: '3523010001', detail: { nested: { keep: 1 } } }] }],
      data_rptka: { rptka_jabatan: [{ jabatan: 'Manager' }] },
    });
  });

  it('drops whole personal sub-trees (shareholders, responsible persons, notaries)', () => {
    const out = stripPersonalData({
      pemegang_saham: [{ jabatan_pemegang_saham: 'Direktur', total_modal_pemegang: '100' }],
      penanggung_jwb: [{ jabatan_penanggung_jwb: 'Direktur' }],
      legalitas: [{ jenis_legal: '01', no_legal: '12' }],
      nib: '1',
    });
    expect(out).toEqual({ nib: '1' });
  });

  it('walks arrays of arrays and a top-level array', () => {
    expect(stripPersonalData([[{ email: 'x', a: 1 }], [{ b: [{ nik: 'y', c: 2 }] }]])).toEqual([[{ a: 1 }], [{ b: [{ c: 2 }] }]]);
  });

  it('trims object keys, and matches personal keys after trimming', () => {
    expect(stripPersonalData({ 'tipe_dokumen ': '9', ' nib ': '1', ' email ': 'x@y.id', 'nik\t': '2', inner: { ' no_hp': '0812', ' keep ': true } })).toEqual({
      tipe_dokumen: '9',
      nib: '1',
      inner: { keep: true },
    });
  });

  it('leaves primitives unchanged', () => {
    for (const v of ['text', '', 0, 12.5, true, false, null, undefined]) expect(stripPersonalData(v)).toBe(v);
  });

  it('does not mutate the input and returns a deep copy', () => {
    const input = { a: { b: [1, { email: 'x' }] }, email: 'y' };
    const snapshot = JSON.stringify(input);
    const out = stripPersonalData(input) as { a: { b: unknown[] } };
    expect(JSON.stringify(input)).toBe(snapshot);
    expect(out.a).not.toBe(input.a);
    expect(out.a.b).not.toBe(input.a.b);
    out.a.b.push(2);
    expect(input.a.b).toHaveLength(2);
  });

  it('cuts off structures nested deeper than 32 levels', () => {
    // depth 0 is the outer object; the value at depth 33 becomes null.
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    let out = stripPersonalData(deep);
    let depth = 0;
    while (out && typeof out === 'object') {
      out = (out as { d: unknown }).d;
      depth++;
    }
    expect(out).toBeNull();
    expect(depth).toBe(33);
  });

  it('keeps structures at exactly the depth limit', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 32; i++) deep = { d: deep };
    let out = stripPersonalData(deep);
    for (let i = 0; i < 32; i++) out = (out as { d: unknown }).d;
    expect(out).toBe('bottom');
  });

  it('counts array nesting towards the depth limit', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = [deep];
    let out = stripPersonalData(deep);
    let depth = 0;
    while (Array.isArray(out)) {
      out = out[0];
      depth++;
    }
    expect(out).toBeNull();
    expect(depth).toBe(33);
  });

  it('survives very deep input without a stack overflow', () => {
    let deep: unknown = { email: 'x' };
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    expect(() => stripPersonalData(deep)).not.toThrow();
  });

  // Regression (fixed): stripPersonalData copies with `out[key] = …`, so an own "__proto__" key (which
  // JSON.parse creates) sets the copy's prototype instead of becoming a key. The copy then
  // silently loses that key, and schemas reading the copy (zod reads `input[key]`) see the
  // inherited values as if they were fields: a permit can parse successfully on a `nib` that
  // `permit.raw` does not contain.
  it('treats a JSON "__proto__" key as data, not as the prototype of the copy', () => {
    const out = stripPersonalData(JSON.parse('{"__proto__":{"nib":"1234567890123"},"a":1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect('nib' in out).toBe(false);
  });

  const personalKey = fc.constantFrom('email', 'nik', 'no_hp', 'hp_user_proses', 'no_identitas_pemegang_saham', 'pemegang_saham', 'tgl_lahir_user_proses');
  const SECRET = 'PLANTED-SECRET-9f3a';

  it('property: a value under a personal key never survives, at any depth or padding', () => {
    const tree: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.jsonValue({ maxDepth: 1 }),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 8 }), tie('node'), { maxKeys: 3 }),
        fc.tuple(personalKey, fc.constantFrom('', ' ', '  '), tie('node')).map(([k, pad, rest]) => ({ [`${pad}${k}${pad}`]: SECRET, rest })),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        fc.pre(!JSON.stringify(value ?? null).includes('__proto__'));
        const out = JSON.stringify(stripPersonalData(value) ?? null);
        expect(out).not.toContain(SECRET);
      }),
    );
  });

  it('property: never throws, never keeps a personal or untrimmed key, and is idempotent', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = stripPersonalData(value);
        const keys: string[] = [];
        const walk = (v: unknown) => {
          if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object') {
            for (const [k, c] of Object.entries(v)) {
              keys.push(k);
              walk(c);
            }
          }
        };
        walk(once);
        for (const k of keys) {
          expect(isPersonalKey(k)).toBe(false);
          expect(k).toBe(k.trim());
        }
        expect(stripPersonalData(once)).toEqual(once);
      }),
    );
  });
});

describe('keptExactly', () => {
  it.each([
    // what the permit parser reads exactly
    'nib', 'oss_id', 'npwp_perseroan', 'no_npp', 'jenis_perseroan', 'skala_usaha', 'status_nib', 'tipe_dokumen',
    'perseroan_daerah_id', 'tgl_terbit_nib', 'tgl_perubahan_nib', 'kbli', 'jumlah_tki_l', 'jumlah_tka_p', 'proyek_daerah_id',
    'npwp_cabang', 'NIB', 'Npwp_Perseroan',
  ])('%s is kept exactly', (key) => {
    expect(keptExactly(key)).toBe('always');
  });

  it.each(['pi_tanggal', 'masa_berlaku_sni', 'tanggal_kurs', 'total_modal_dasar', 'nilai_pmdn', 'modal_kerja', 'rptka_gaji', 'lat_lng'])(
    '%s is kept exactly when it holds figures (a date, an amount)',
    (key) => {
      expect(keptExactly(key)).toBe('figures');
    },
  );

  it.each([
    'nama_perseroan', 'nama_singkatan', 'alamat_perseroan', 'kelurahan_perseroan', 'alamat_usaha', 'uraian_usaha', 'deskripsi_kegiatan',
    'nama_kegiatan', 'keterangan', 'jabatan', 'merk_dagang', 'nm_dokumen', 'uraian_jenis_produk', 'catatan', 'x',
    // codes and numbers Patuh does not read: a key of that kind may hold a contact
    'no_va', 'nomor_proyek', 'id_izin', 'kd_izin', 'id_proyek', 'status_keterangan', 'jenis_layanan',
  ])('%s is masked as text', (key) => {
    expect(keptExactly(key)).toBe('never');
  });

  it('masks contacts under number-like keys, and under figure keys when the value is not figures', () => {
    const out = stripPersonalData({
      no_va: 'bayar ke 081234567890', id_pemohon: '3201010101010001', no_wa: '081234567890', nomor_whatsapp: '081234567890',
      no_ponsel: '081234567890', no_kk: '3201010101010001', nomor_induk_kependudukan: '3201010101010001', no_kontak: '081234567890',
      jenis_layanan: 'email budi@x.com', status_keterangan: 'hubungi 081234567890', nilai_catatan: 'budi@x.com',
      nilai_investasi: '62.850.000.000', tgl_izin: '2023-10-08', nib: '8120000000001', npwp_perseroan: '3201010101010001',
    });
    expect(out).toEqual({
      no_va: 'bayar ke ***', jenis_layanan: 'email ***', status_keterangan: 'hubungi ***', nilai_catatan: '***',
      nilai_investasi: '62.850.000.000', tgl_izin: '2023-10-08', nib: '8120000000001', npwp_perseroan: '3201010101010001',
    });
  });
});

describe('stripPersonalData masks personal data written into free text', () => {
  const CONTACT = 'Jl. Mawar 5, hub. 0812-3456-7890 / budi@mail.com, NIK 3523011203850001';
  const MASKED = 'Jl. Mawar 5, hub. *** / ***, NIK ***';

  it('masks phones, e-mail addresses and NIKs in free-text values at any depth', () => {
    const out = stripPersonalData({
      alamat_perseroan: CONTACT,
      data_proyek: [{ uraian_usaha: CONTACT, data_lokasi_proyek: [{ alamat_usaha: CONTACT }] }],
      data_rptka: { rptka_jabatan: [{ keterangan: [CONTACT, { catatan: CONTACT }] }] },
    });
    expect(out).toEqual({
      alamat_perseroan: MASKED,
      data_proyek: [{ uraian_usaha: MASKED, data_lokasi_proyek: [{ alamat_usaha: MASKED }] }],
      data_rptka: { rptka_jabatan: [{ keterangan: [MASKED, { catatan: MASKED }] }] },
    });
  });

  it('keeps identifiers exact even where their digits look like a phone or a NIK', () => {
    const identifiers = {
      nib: '0812345678901',
      // an individual's NPWP is their NIK, and matching needs it whole
      npwp_perseroan: '3523012345670123',
      npwp_cabang: '01.234.567.8-901.001',
      oss_id: '0812345678',
      no_npp: '62812345678',
      kode_pos_perseroan: '62181',
      tgl_terbit_nib: '08-10-2023 10:00:00',
      total_modal_dasar: '62850000000',
      data_proyek: [{ id_proyek: 'R-202310081234', kbli: ['46100', '08123'], jumlah_investasi: '081234567890', data_lokasi_proyek: [{ proyek_daerah_id: '3523010001' }] }],
    };
    expect(stripPersonalData(identifiers)).toEqual(identifiers);
  });

  it('leaves free text without personal data as it is: dates, postal codes, amounts, house numbers', () => {
    const text = 'Jl. Raya No. 12 RT 001/002, Kec. Tuban 62311, sejak 08-10-2023 10:00, modal Rp 62.850.000.000, 081 2345';
    expect(stripPersonalData({ alamat_perseroan: text })).toEqual({ alamat_perseroan: text });
  });

  it('masks a free-text value that is only a phone number', () => {
    expect(stripPersonalData({ keterangan: '+62 812 3456 7890' })).toEqual({ keterangan: '***' });
  });
});

describe('maskPersonalPatterns', () => {
  it.each([
    '081234567890',
    '0812-3456-7890',
    '0812 3456 7890',
    '0812.3456.7890',
    '0812-345-6789',
    '0857-1234-56789',
    '0812-34567890',
    '6281234567890',
    '+6281234567890',
    '+62 812 3456 7890',
    '+62-812-3456-7890',
    '081234567',
  ])('masks the mobile number %s', (phone) => {
    expect(maskPersonalPatterns(`hub. ${phone}.`)).toBe('hub. ***.');
  });

  it.each([
    '08-10-2023',
    '08-10-2023 10:00',
    '0812',
    '12345678901234567',
    '0123456789012345',
    '01.234.567.8-901.000',
    '9120000000101',
  ])('keeps %s', (text) => {
    expect(maskPersonalPatterns(text)).toBe(text);
  });
});

describe('redactPersonalText on text that is not JSON', () => {
  it('nulls personal values under keys quoted with single quotes or not at all', () => {
    const python = "{'nib': '9130000000101', 'pemegang_saham': [{'no_identitas_pemegang_saham': '3523019988776655', 'nama_pemegang_saham': 'Zulkarnaen Wibisono'}]}";
    const redacted = redactPersonalText(python);
    expect(redacted).toContain("'nib': '9130000000101'");
    expect(redacted).not.toMatch(/3523019988776655|Zulkarnaen/);
    const bare = '{nib: "9130000000101", penanggung_jwb: [{no_hp_penanggung_jwb: "081299887766", email_penanggung_jwb: "zulk@secret.id", nama_penanggung_jwb: Ratna Kusuma}]}';
    expect(redactPersonalText(bare)).not.toMatch(/081299887766|zulk@secret|Ratna/);
  });

  it('masks e-mail addresses, mobile numbers and NIKs wherever they stand, and keeps NIBs and entity NPWPs', () => {
    expect(redactPersonalText('{"nib": "9130000000101", "npwp_perseroan": "0123456789012345", "catatan": "hubungi zulk.wibi@secret-mail.id / +6281299887766, NIK 3523019988776655"'))
      .toBe('{"nib": "9130000000101", "npwp_perseroan": "0123456789012345", "catatan": "hubungi *** / ***, NIK ***"');
  });
});
