/** Hand-made OSS dataNIB records for tests, in OSS's loose style. */
export interface RecordSpec {
  nib: string;
  name?: string;
  npwp?: string;
  noNpp?: string;
  region?: string;
  scale?: string;
  workers?: [string | number, string | number];
  tipe?: number | string;
  status?: string;
  issued?: string;
  changed?: string;
}

export function ossRecord(spec: RecordSpec): Record<string, unknown> {
  return {
    nib: spec.nib,
    oss_id: `OSS-${spec.nib}`,
    nama_perseroan: spec.name ?? `PT Contoh ${spec.nib.slice(-4)}`,
    npwp_perseroan: spec.npwp ?? '',
    no_npp: spec.noNpp ?? '',
    jenis_perseroan: '01',
    skala_usaha: spec.scale ?? '02',
    status_nib: spec.status ?? '01',
    perseroan_daerah_id: spec.region ?? '3523010001',
    alamat_perseroan: 'Jl. Contoh No. 1',
    tgl_terbit_nib: spec.issued ?? '2025-01-10 09:00:00',
    tgl_perubahan_nib: spec.changed ?? '',
    'tipe_dokumen ': String(spec.tipe ?? 9),
    pemegang_saham: [{ nama_pemegang_saham: 'Budi', no_identitas_pemegang_saham: '3523011203850001', email_pemegang_saham: 'budi@example.com' }],
    data_proyek: [
      {
        id_proyek: 'P1',
        kbli: '46100',
        jumlah_tki_l: String(spec.workers?.[0] ?? 5),
        jumlah_tki_p: String(spec.workers?.[1] ?? 3),
        jumlah_tka_l: '',
        jumlah_tka_p: '0',
        data_lokasi_proyek: [{ proyek_daerah_id: spec.region ?? '3523010001' }],
      },
    ],
  };
}

/** NIBs 9120000000001, 9120000000002, … */
export function nibs(count: number, start = 1): string[] {
  return Array.from({ length: count }, (_, i) => String(9120000000000 + start + i));
}
