import { describe, expect, it } from 'vitest';
import { NAME_RULES_VERSION, normaliseCompanyName } from './companyName.js';

describe('normaliseCompanyName', () => {
  it.each([
    ['PT. Maju Jaya Sejahtera', 'MAJU JAYA SEJAHTERA', ['PT']],
    ['P.T. MAJU JAYA SEJAHTERA', 'MAJU JAYA SEJAHTERA', ['PT']],
    ['Maju Jaya Sejahtera, PT', 'MAJU JAYA SEJAHTERA', ['PT']],
    ['Perseroan Terbatas Maju Jaya Sejahtera', 'MAJU JAYA SEJAHTERA', ['PT']],
    ['PT Semen Indonesia (Persero) Tbk', 'SEMEN INDONESIA', ['PT', 'TBK', 'PERSERO']],
    ['PT Bank Rakyat Indonesia Tbk Tbk', 'BANK RAKYAT INDONESIA', ['PT', 'TBK']],
    ['C.V. Sumber Rejeki', 'SUMBER REJEKI', ['CV']],
    ['ABI UMMI, YAYASAN', 'ABI UMMI', ['YAYASAN']],
    ['KSP Artha Makmur', 'ARTHA MAKMUR', ['KOPERASI']],
    ['Koperasi Unit Desa Tani Mulyo', 'TANI MULYO', ['KOPERASI']],
    ['PT Garuda Internasional & Industri', 'GARUDA INTERNASIONAL DAN INDUSTRI', ['PT']],
    ['PT Garuda International and Industry', 'GARUDA INTERNASIONAL DAN INDUSTRI', ['PT']],
    ['PT Perkebunan Nusantara III (Persero)', 'PERKEBUNAN NUSANTARA 3', ['PT', 'PERSERO']],
    ['PT PERKEBUNAN NUSANTARA 3', 'PERKEBUNAN NUSANTARA 3', ['PT']],
    ['PT Maju Jaya XIV', 'MAJU JAYA 14', ['PT']],
    ['PT Dua Kelinci', '2 KELINCI', ['PT']],
    ['PT Tujuh Belas Agustus', '17 AGUSTUS', ['PT']],
    ['PT Sebelas Maret', '11 MARET', ['PT']],
    ['CV Dua Puluh Satu', '21', ['CV']],
    ['PT Belas Kasih', 'BELAS KASIH', ['PT']],
    ['PT Maju [Persero]', 'MAJU', ['PT', 'PERSERO']],
    ['PT Sumber Alfaria Trijaya Tbk [Alfamart]', 'SUMBER ALFARIA TRIJAYA', ['PT', 'TBK']],
    ['Kop. Serba Usaha Maju', 'MAJU', ['KOPERASI']],
    ['Yay. Pendidikan Al-Azhar', 'ALAZHAR', ['YAYASAN']],
    ['Yayasan Pendidikan Islam Al Falah', 'ALFALAH', ['YAYASAN']],
    ['Yayasan An-Nur Sejahtera', 'ANNUR SEJAHTERA', ['YAYASAN']],
    ['CV AN Jaya', 'AN JAYA', ['CV']],
    ['PT Al Tbk', 'AL', ['PT', 'TBK']],
    ['Koperasi Simpan Pinjam dan Pembiayaan Syariah BMT Sidogiri', 'BMT SIDOGIRI', ['KOPERASI']],
    ['KSPPS BMT Sidogiri', 'BMT SIDOGIRI', ['KOPERASI']],
    ['Koperasi Jasa Keuangan Syariah Usaha Mulia', 'USAHA MULIA', ['KOPERASI']],
    ['PT Njonja Meneer', 'NYONYA MENEER', ['PT']],
    ['PT Pandjang Djaja', 'PANJANG JAYA', ['PT']],
    ['PT Banjar Panjang', 'BANJAR PANJANG', ['PT']],
    ['CV Madju Djaja', 'MAJU JAYA', ['CV']],
    ['PT Redjeki Sedjahtera', 'REJEKI SEJAHTERA', ['PT']],
    ['PT Kedjora Tirta', 'KEJORA TIRTA', ['PT']],
    ['PT Bintang Toedjoe', 'BINTANG 7', ['PT']],
    ['PT Tjahaja Padjadjaran', 'CAHAYA PAJAJARAN', ['PT']],
    ['PT Matahari Dept. Store', 'MATAHARI DEPARTMENT STORE', ['PT']],
    ['Kopkar Sinar Abadi', 'KARYAWAN SINAR ABADI', ['KOPERASI']],
    ['Koperasi Karyawan PT Sinar Abadi', 'KARYAWAN SINAR ABADI', ['KOPERASI']],
    ['Perusahaan Perseroan (Persero) PT Pelabuhan Indonesia II', 'PELABUHAN INDONESIA 2', ['PERSERO', 'PT']],
    ['PT Bank Pembangunan Daerah Jawa Timur Tbk', 'BANK JAWA TIMUR', ['PT', 'TBK']],
    ['Rumah Sakit Umum Bunda', 'RSU BUNDA', []],
    ['Perusahaan Daerah Air Minum Tirta Kencana', 'PDAM TIRTA KENCANA', []],
    ['Perumda Air Minum Tirta Kahuripan', 'PDAM TIRTA KAHURIPAN', []],
    ['PERUMDAM Tirta Kerta Raharja', 'PDAM TIRTA KERTA RAHARJA', []],
    ['PT PMA Sinar Jaya Abadi', 'SINAR JAYA ABADI', ['PT']],
    ['PT Bank Rakyat Indonesia (Persero) Tbk (BRI)', 'BANK RAKYAT INDONESIA', ['PT', 'PERSERO', 'TBK']],
    ['PT Indah Kiat Pulp & Paper (IKPP) Tbk', 'INDAH KIAT PULP DAN PAPER', ['PT', 'TBK']],
    ['PT Kereta Api Indonesia (K.A.I.)', 'KERETA API INDONESIA', ['PT']],
    ['PT Telekomunikasi Indonesia (Telkom)', 'TELEKOMUNIKASI INDONESIA', ['PT']],
    ['PT. Sumber Alfaria Trijaya, Tbk (Alfamart)', 'SUMBER ALFARIA TRIJAYA', ['PT', 'TBK']],
    ['PT Sinar (Abadi) Jaya', 'SINAR ABADI JAYA', ['PT']],
    ['Panca Tunggal (PT)', 'PANCA TUNGGAL', ['PT']],
    ['PT Sinar Lestari Cabang Surabaya', 'SINAR LESTARI', ['PT']],
    ['PT Maju Jaya Tbk Kantor Cabang Malang', 'MAJU JAYA', ['PT', 'TBK']],
    ['Cabang Surabaya', 'CABANG SURABAYA', []],
    ['PT Maju (MJ) Sentosa', 'MAJU MJ SENTOSA', ['PT']],
    ['Rumah Sakit Umum Daerah Dr. Moewardi', 'RSUD DR MUWARDI', []],
    ['RS Umum Daerah Sidoarjo', 'RSUD SIDOARJO', []],
    ['RS Umum Haji', 'RSU HAJI', []],
    ['Yayasan RS Islam Surabaya', 'RSI SURABAYA', ['YAYASAN']],
    ['Rumah Sakit Islam Sultan Agung', 'RSI SULTAN AGUNG', []],
    ['PT Bank Perekonomian Rakyat Nusamba', 'BPR NUSAMBA', ['PT']],
    ['PT BPR Syariah Bhakti Sumekar', 'BPRS BHAKTI SUMEKAR', ['PT']],
    ['PT Bank Pembiayaan Rakyat Syariah Bhakti Sumekar (Perseroda)', 'BPRS BHAKTI SUMEKAR', ['PT', 'PERSERO']],
    ['Lembaga Perkreditan Desa Desa Adat Kedonganan', 'LPD DESA ADAT KEDONGANAN', []],
    ['Taman Kanak-Kanak Permata Hati', 'TK PERMATA HATI', []],
    ['Madrasah Tsanawiyah Nurul Huda', 'MTS NURUL HUDA', []],
    ['Sekolah Tinggi Ilmu Kesehatan Muhammadiyah', 'STIKES MUHAMMADIYAH', []],
    ['Univ. Muhammadiyah Malang', 'UNIVERSITAS MUHAMMADIYAH MALANG', []],
    ['PT Pupuk Kaltim', 'PUPUK KALIMANTAN TIMUR', ['PT']],
    ['PT BPD Sumut', 'BANK SUMATERA UTARA', ['PT']],
    ['PT Bank NTT', 'BANK NUSA TENGGARA TIMUR', ['PT']],
    ['PT Bank Sulselbar', 'BANK SULAWESI SELATAN DAN SULAWESI BARAT', ['PT']],
    ['PT Bank Jabar dan Banten Tbk', 'BANK JAWA BARAT DAN BANTEN', ['PT', 'TBK']],
    ['Koperasi Pegawai Pemda NTB', 'PEGAWAI PEMDA NUSA TENGGARA BARAT', ['KOPERASI']],
    ['CV Jaksel Mandiri', 'JAKARTA SELATAN MANDIRI', ['CV']],
    ['PT Jogjakarta Plaza Hotel', 'YOGYAKARTA PLAZA HOTEL', ['PT']],
    ['Badan Usaha Milik Desa Sumber Makmur', 'SUMBER MAKMUR', ['BUMDES']],
    ['BUMDes Sumber Makmur', 'SUMBER MAKMUR', ['BUMDES']],
    ['BUM Desa Bersama Tirta Lestari', 'TIRTA LESTARI', ['BUMDESMA']],
    ['Persekutuan Perdata Konsultan Pajak Adil', 'KONSULTAN PAJAK ADIL', ['PERSEKUTUAN']],
    ['Persekutuan Komanditer Karya Utama Teknik', 'KARYA UTAMA TEKNIK', ['CV']],
    ['Koperasi Kredit Sehati', 'SEHATI', ['KOPERASI']],
    ['Kopdit Sehati', 'SEHATI', ['KOPERASI']],
    ['Credit Union Sehati', 'SEHATI', ['KOPERASI']],
    ['Kopsyah Benteng Mikro', 'BENTENG MIKRO', ['KOPERASI']],
    ['KPN Praja Mukti', 'PEGAWAI NEGERI PRAJA MUKTI', ['KOPERASI']],
    ['Koperasi Pegawai Negeri Praja Mukti', 'PEGAWAI NEGERI PRAJA MUKTI', ['KOPERASI']],
    ['Ponpes Tebuireng', 'PONDOK PESANTREN TEBUIRENG', []],
    ['Yayasan Pondok Pesantren Tebuireng', 'PONDOK PESANTREN TEBUIRENG', ['YAYASAN']],
    ['Kopontren Al-Ittifaq', 'PONDOK PESANTREN ALITTIFAQ', ['KOPERASI']],
    ['Baitul Maal wat Tamwil Beringharjo', 'BMT BERINGHARJO', []],
    ['Sekolah Menengah Kejuruan Muhammadiyah 3', 'SMK MUHAMMADIYAH 3', []],
    ['UD H. Abdul Rochim', 'HAJI ABDUL RAHIM', ['UD']],
    ['CV Hj. Siti Aminah', 'HAJAH SITI AMINAH', ['CV']],
    ['PT Moch. Jaya Tehnik', 'MUHAMMAD JAYA TEKNIK', ['PT']],
    ['PT Sumatra Prima System', 'SUMATERA PRIMA SISTEM', ['PT']],
    ['PT Indosat Ooredoo Hutchison Tbk (d/h PT Indosat Tbk)', 'INDOSAT OOREDOO HUTCHISON', ['PT', 'TBK']],
    ['PT Semen Indonesia (Persero) Tbk (d/h PT Semen Gresik (Persero) Tbk)', 'SEMEN INDONESIA', ['PT', 'PERSERO', 'TBK']],
    ['CV Maju D/H CV Maju Jaya', 'MAJU', ['CV']],
    ['PT Bank Mandiri (Persero) Tbk Kantor Pusat', 'BANK MANDIRI', ['PT', 'PERSERO', 'TBK']],
    ['PT Bank Jatim Tbk KCP Lawang', 'BANK JAWA TIMUR', ['PT', 'TBK']],
    ['PT Bank Jatim Kanwil Malang', 'BANK JAWA TIMUR', ['PT']],
    ['PT Kapal Api Cab. Surabaya', 'KAPAL API', ['PT']],
    ['Kantor Perwakilan Samsung', 'KANTOR PERWAKILAN SAMSUNG', []],
    ['PT Maju (Eks. CV Lama)', 'MAJU', ['PT']],
    ['PTPN XII', 'PERKEBUNAN NUSANTARA 12', ['PT']],
    ['PT Perkebunan Nusantara XII (Persero)', 'PERKEBUNAN NUSANTARA 12', ['PT', 'PERSERO']],
    ['Koperasi Karyawan PTPN XI', 'KARYAWAN PERKEBUNAN NUSANTARA 11', ['KOPERASI']],
    ['SMKN 2 Malang', 'SMK NEGERI 2 MALANG', []],
    ['SMK N 2 Malang', 'SMK NEGERI 2 MALANG', []],
    ['Sekolah Menengah Kejuruan Negeri 2 Malang', 'SMK NEGERI 2 MALANG', []],
    ['SDN 1 Kaliwates', 'SD NEGERI 1 KALIWATES', []],
    ['MTsN 1 Malang', 'MTS NEGERI 1 MALANG', []],
    ['Primer Koperasi Kartika', 'KARTIKA', ['KOPERASI']],
    ['Primkop Kartika', 'KARTIKA', ['KOPERASI']],
    ['Kopeg Pemkot Surabaya', 'PEGAWAI PEMERINTAH KOTA SURABAYA', ['KOPERASI']],
    ['Rumah Sakit Umum Pusat Dr. Sardjito', 'RSUP DR SARJITO', []],
    ['Yayasan St. Yusup', 'SANTO YUSUP', ['YAYASAN']],
    ['PT Karunia Alam Segar Unit Sidoarjo', 'KARUNIA ALAM SEGAR', ['PT']],
    ['PT Nindya Karya Proyek Tol Surabaya Mojokerto', 'NINDYA KARYA', ['PT']],
    ['PT Perkebunan Nusantara XII Kebun Sei Durian', 'PERKEBUNAN NUSANTARA 12', ['PT']],
    ['PT Bank Jatim Kantor Kas Pandaan', 'BANK JAWA TIMUR', ['PT']],
    // A unit word needs two words of name before it and one of unit after it; "Unit Desa" is the KUD's.
    ['PT Multi Area Sejahtera', 'MULTI AREA SEJAHTERA', ['PT']],
    ['PT Sumber Alam Kebun', 'SUMBER ALAM KEBUN', ['PT']],
    ['Pusat Koperasi Unit Desa Jatim', 'PUSAT KOPERASI UNIT DESA JAWA TIMUR', []],
    ['SDIT Al Hikmah', 'SD ISLAM TERPADU ALHIKMAH', []],
    ['Sekolah Dasar Islam Terpadu Al Hikmah', 'SD ISLAM TERPADU ALHIKMAH', []],
    ['TK ABA Kauman', 'TK AISYIYAH BUSTANUL ATHFAL KAUMAN', []],
    ['Akper Pemkab Jember', 'AKADEMI KEPERAWATAN PEMERINTAH KABUPATEN JEMBER', []],
    ['Primkopad Kodim 0824', 'ANGKATAN DARAT KODIM 0824', ['KOPERASI']],
    ['Primer Koperasi Angkatan Darat Kodim 0824', 'ANGKATAN DARAT KODIM 0824', ['KOPERASI']],
    ['RS Khusus Ibu dan Anak Bunda', 'RSKIA BUNDA', []],
    ['Perusahaan Otobus Harapan Jaya', 'PO HARAPAN JAYA', []],
    ['Waskita - Wika KSO', 'WASKITA WIKA', ['KSO']],
    ['KSO Waskita Wika', 'WASKITA WIKA', ['KSO']],
    ['Yayasan Asy-Syifa Medika', 'ASSYIFA MEDIKA', ['YAYASAN']],
    ['Ponpes Ath-Thohiriyah', 'PONDOK PESANTREN ATTHOHIRIYAH', []],
    ['PT Kalimas Pharma', 'KALIMAS FARMA', ['PT']],
    ['Baitul Maal Hidayatullah', 'BAITUL MAL HIDAYATULLAH', []],
    ['SPBU 54.611.23', 'SPBU 5461123', []],
    // After a name, "ST" is an engineer's degree, not a saint, and degrees are dropped.
    ['UD Budi Santoso ST', 'BUDI SANTOSO', ['UD']],
    ['Kantor Notaris Bambang Setiawan, S.H., M.Kn.', 'NOTARIS BAMBANG SETIAWAN', []],
    ['NOTARIS BAMBANG SETIAWAN SH MKN', 'NOTARIS BAMBANG SETIAWAN', []],
    ['Praktik Mandiri Bidan Siti Maryam, S.Tr.Keb.', 'PRAKTIK MANDIRI BIDAN SITI MARYAM', []],
    ['PMB SITI MARYAM', 'PRAKTIK MANDIRI BIDAN SITI MARYAM', []],
    ['ABI UMMI, YAYASAN PENDIDIKAN', 'ABI UMMI', ['YAYASAN']],
    ['PT Maju SE', 'MAJU SE', ['PT']],
    // Name rules v9: clerks' abbreviations, offices, units and institutions.
    ['KSP MITRA SEJHT BSM INDO', 'MITRA SEJAHTERA BERSAMA INDONESIA', ['KOPERASI']],
    ['SETDA KAB. JEMBER', 'SEKRETARIAT DAERAH KABUPATEN JEMBER', []],
    ['PT TASPEN (PERSERO) KCU JEMBER', 'TASPEN', ['PT', 'PERSERO']],
    ['PT MIDI UTAMA INDONESIA TBK BRANCH SURABAYA', 'MIDI UTAMA INDONESIA', ['PT', 'TBK']],
    ['SMAK SANTO LOUIS 1 SURABAYA', 'SMA KATOLIK SANTO LOUIS 1 SURABAYA', []],
    ['RUMKIT BHAYANGKARA NGANJUK', 'RS BHAYANGKARA NGANJUK', []],
    ['UPT Puskesmas Kaliwates', 'PUSKESMAS KALIWATES', []],
    ['KPSP SETIA KAWAN', 'PETERNAK SAPI PERAH SETIA KAWAN', ['KOPERASI']],
    // A lone title at the end is more likely a word cut off at 30 characters.
    ['PT Sinar Jaya Abadi Makmur H', 'SINAR JAYA ABADI MAKMUR H', ['PT']],
    ['Hj, PT', 'HJ', ['PT']],
  ])('%s → %s', (raw, key, forms) => {
    const result = normaliseCompanyName(raw);
    expect(result.key).toBe(key);
    expect([...result.legalForms].sort()).toEqual([...forms].sort());
  });

  it('keeps a name that is only a legal-form word', () => {
    expect(normaliseCompanyName('Yayasan').key).toBe('YAYASAN');
  });

  it('handles empty and symbol-only input', () => {
    expect(normaliseCompanyName('').key).toBe('');
    expect(normaliseCompanyName('"; DROP TABLE --').key).toBe('DROP TABLE');
  });

  it('reads a Roman numeral as a number only after the first word, and only when it could not be an initial', () => {
    expect(normaliseCompanyName('PT XL Axiata').key).toBe('XL AXIATA');
    expect(normaliseCompanyName('PT IX Media').key).toBe('IX MEDIA');
    expect(normaliseCompanyName('PT Media X').key).toBe('MEDIA X');
    expect(normaliseCompanyName('CV Mix').key).toBe('MIX');
  });

  it('reads a lone I after the first word as 1, except as a Balinese name starts', () => {
    expect(normaliseCompanyName('SMA Negeri I Malang').key).toBe('SMA NEGERI 1 MALANG');
    expect(normaliseCompanyName('PT Pelabuhan Indonesia I (Persero)').key).toBe('PELABUHAN INDONESIA 1');
    expect(normaliseCompanyName('PT Angkasa Pura Satu').key).toBe(normaliseCompanyName('PT Angkasa Pura I').key);
    expect(normaliseCompanyName('Kantor Notaris I Made Bagus, S.H.').key).toBe('NOTARIS I MADE BAGUS');
    expect(normaliseCompanyName('PT I Love Bali').key).toBe('I LOVE BALI');
    // Initials stay initials.
    expect(normaliseCompanyName('PT H.I. Santoso').key).toBe('HI SANTOSO');
  });

  it('reads digits spelled one by one as one number ("Delapan Delapan" is 88)', () => {
    expect(normaliseCompanyName('PT Delapan Delapan Jaya').key).toBe('88 JAYA');
    expect(normaliseCompanyName('PT Tiga Dua Satu').key).toBe('321');
    expect(normaliseCompanyName('CV Dua Puluh Satu').key).toBe('21');
    expect(normaliseCompanyName('PT Dua Kelinci').key).toBe('2 KELINCI');
    // Groups of several digits stay apart, as a code written in groups.
    expect(normaliseCompanyName('SPBU 54 611 23').key).toBe('SPBU 54 611 23');
  });

  it('folds the old "ch" for "h" in Arabic-derived names as "Rohim" is folded', () => {
    expect(normaliseCompanyName('CV Abdul Rochim').key).toBe(normaliseCompanyName('CV Abdul Rohim').key);
    expect(normaliseCompanyName('Yayasan Ar-Rochmah').key).toBe('ARRAHMAH');
    expect(normaliseCompanyName('UD Abdurrochman').key).toBe('ABDURRAHMAN');
  });

  it('keeps the party before "qq" (qualitate qua), only between two names', () => {
    expect(normaliseCompanyName('CV Sumber Rejeki qq Toko Sumber Rejeki').key).toBe('SUMBER REJEKI');
    expect(normaliseCompanyName('PT Djaja Makmur q.q. PT Sinar Abadi').key).toBe('JAYA MAKMUR');
    expect(normaliseCompanyName('CV QQ Jaya').key).toBe('QQ JAYA');
    expect(normaliseCompanyName('PT Sinar QQ').key).toBe('SINAR QQ');
  });

  it('cuts a state enterprise\'s unit written after its name', () => {
    expect(normaliseCompanyName('PT Kereta Api Indonesia (Persero) Daop 8 Surabaya').key).toBe('KERETA API INDONESIA');
    expect(normaliseCompanyName('Perum Perhutani KPH Malang').key).toBe('PERHUTANI');
    expect(normaliseCompanyName('PT PLN (Persero) UID Jawa Timur').key).toBe('PLN');
    expect(normaliseCompanyName('PT PLN (Persero) UP3 Malang').key).toBe('PLN');
    expect(normaliseCompanyName('PT Telkom Indonesia Witel Malang').key).toBe('TELKOM INDONESIA');
    // Not as the name's first word, nor as its last: a unit is named after the word.
    expect(normaliseCompanyName('CV KPH Jaya').key).toBe('KPH JAYA');
    expect(normaliseCompanyName('PT Sinar Witel').key).toBe('SINAR WITEL');
  });

  it('says a word once when a short form after it starts with it ("Bank BPD Bali" is "Bank Bali")', () => {
    expect(normaliseCompanyName('PT Bank BPD Bali').key).toBe('BANK BALI');
    expect(normaliseCompanyName('PT Bank Pembangunan Daerah Bali').key).toBe('BANK BALI');
    expect(normaliseCompanyName('PT BPD Bali').key).toBe('BANK BALI');
  });

  it('drops a legal form inside a name without taking it as the name\'s own', () => {
    const result = normaliseCompanyName('Koperasi Karyawan PT Semen Gresik (Persero) Tbk');
    expect(result.key).toBe('KARYAWAN SEMEN GRESIK');
    expect(result.legalForms).toContain('KOPERASI');
  });
});

describe('letters of other scripts', () => {
  it('reads Cyrillic and Greek capitals that print as Latin ones as the Latin letters', () => {
    // "РТ МАЈU" in Cyrillic but for the U, and a Greek "Α" in "JΑYA".
    expect(normaliseCompanyName('\u0420\u0422 \u041c\u0410\u0408U J\u0391YA').key).toBe('MAJU JAYA');
    expect(normaliseCompanyName('PT M\u0430ju J\u0430y\u0430').key).toBe('MAJU JAYA');
  });

  it('keeps other letters as words, so a name written partly in another script never reads as its Latin part alone', () => {
    expect(normaliseCompanyName('PT \u03a3\u03a9 Sejahtera').key).toBe('\u03a3\u03a9 SEJAHTERA');
    expect(normaliseCompanyName('PT \u5927\u83ef Sejahtera').tokens).toEqual(['\u5927\u83ef', 'SEJAHTERA']);
    expect(normaliseCompanyName('CV Nur\u02bcaini').key).toBe('NURAINI');
  });
});

/**
 * Stored keys were made with the rules of their day; `patuh db migrate` re-normalises them
 * when NAME_RULES_VERSION moves. A change that alters any of these keys without raising the
 * version would leave stored keys that new permits' keys no longer meet.
 */
describe('NAME_RULES_VERSION', () => {
  const PINNED: { version: number; keys: Record<string, string> } = {
    version: 11,
    keys: {
      'PT. Maju Jaya Sejahtera': 'MAJU JAYA SEJAHTERA',
      'PT Semen Indonesia (Persero) Tbk': 'SEMEN INDONESIA',
      'Soember Djaja, CV': 'SUMBER JAYA',
      'PT Garuda International and Industry': 'GARUDA INTERNASIONAL DAN INDUSTRI',
      'P.T. H.M. Sampoerna Tbk.': 'HM SAMPURNA',
      'Koperasi Unit Desa Tani Mulyo': 'TANI MULYO',
      'PT Perkebunan Nusantara III': 'PERKEBUNAN NUSANTARA 3',
      'Kop. Karyawan PT Sinar': 'KARYAWAN SINAR',
      'Rumah Sakit Siloam': 'RS SILOAM',
      'PT Tiga Serangkai': '3 SERANGKAI',
      'Badan Usaha Milik Desa Sumber Makmur': 'SUMBER MAKMUR',
      'PT Perusahaan Gas Negara (PGN) Tbk': 'PERUSAHAAN GAS NEGARA',
      'PT Maju Jaya Tbk Kantor Cabang Malang': 'MAJU JAYA',
      'PT Sumber Alfaria Trijaya Tbk (Alfamart)': 'SUMBER ALFARIA TRIJAYA',
      'Perumda Air Minum Tirta Kahuripan': 'PDAM TIRTA KAHURIPAN',
      'Yayasan Pendidikan Islam Al-Falah': 'ALFALAH',
      'KSPPS BMT Sidogiri': 'BMT SIDOGIRI',
      'PT Njonja Meneer': 'NYONYA MENEER',
      'PT Matahari Dept. Store': 'MATAHARI DEPARTMENT STORE',
      'Ponpes Tebuireng': 'PONDOK PESANTREN TEBUIRENG',
      'UD H. Abdul Rochim': 'HAJI ABDUL RAHIM',
      'Kopdit Sehati': 'SEHATI',
      'PT Indosat Ooredoo Hutchison Tbk (d/h PT Indosat Tbk)': 'INDOSAT OOREDOO HUTCHISON',
      'PT Bank Jatim Tbk KCP Lawang': 'BANK JAWA TIMUR',
      'PT Sumatra Prima System': 'SUMATERA PRIMA SISTEM',
      'PT Tujuh Belas Agustus': '17 AGUSTUS',
      'PT Sumber Alfaria Trijaya Tbk [Alfamart]': 'SUMBER ALFARIA TRIJAYA',
      'Yayasan RS Islam Surabaya': 'RSI SURABAYA',
      'PT Bank Perekonomian Rakyat Nusamba': 'BPR NUSAMBA',
      'PT BPR Syariah Bhakti Sumekar': 'BPRS BHAKTI SUMEKAR',
      'Taman Kanak-Kanak Permata Hati': 'TK PERMATA HATI',
      'Univ. Muhammadiyah Malang': 'UNIVERSITAS MUHAMMADIYAH MALANG',
      'PT Pupuk Kaltim': 'PUPUK KALIMANTAN TIMUR',
      'CV Madju Redjeki': 'MAJU REJEKI',
      'PTPN XII': 'PERKEBUNAN NUSANTARA 12',
      'SMAN 1 Jember': 'SMA NEGERI 1 JEMBER',
      'Primkop Kartika': 'KARTIKA',
      'Yayasan St. Yusup': 'SANTO YUSUP',
      'RSUP Dr. Sardjito': 'RSUP DR SARJITO',
      'Kopeg Pemkot Surabaya': 'PEGAWAI PEMERINTAH KOTA SURABAYA',
      'PT Karunia Alam Segar Unit Sidoarjo': 'KARUNIA ALAM SEGAR',
      'SDIT Al Hikmah': 'SD ISLAM TERPADU ALHIKMAH',
      'Waskita - Wika KSO': 'WASKITA WIKA',
      'Yayasan Asy-Syifa Medika': 'ASSYIFA MEDIKA',
      'PT Kalimas Pharma': 'KALIMAS FARMA',
      'SPBU 54.611.23': 'SPBU 5461123',
      'Kantor Notaris Budi, S.H., M.Kn.': 'NOTARIS BUDI',
      'KSP Mitra Sejht Bsm': 'MITRA SEJAHTERA BERSAMA',
      'PT Taspen KCU Jember': 'TASPEN',
      'Setda Kab. Jember': 'SEKRETARIAT DAERAH KABUPATEN JEMBER',
      'PT M\u0430ju J\u0430y\u0430': 'MAJU JAYA',
      'PT \u03a3\u03a9 Sejahtera': '\u03a3\u03a9 SEJAHTERA',
      'Perusahaan Dagang Sumber Rejeki': 'SUMBER REJEKI',
      'Yayasan Ar Rohmah': 'ARRAHMAH',
      'KSU Amanah Ummah': 'AMANAH UMAT',
      'Yayasan Al Rohmah': 'ALRAHMAH',
      'Pondok Modern Darussalam Gontor': 'PONDOK PESANTREN DARUSSALAM GONTOR',
      'Hotman Paris & Partners Law Firm': 'HOTMAN PARIS DAN PARTNERS',
      'Kantor Notaris Ir. Bambang Setiawan, S.H., M.Kn.': 'NOTARIS BAMBANG SETIAWAN',
      'RS Bhayangkara Tk. III Nganjuk': 'RS BHAYANGKARA NGANJUK',
      'Panti Asuhan Muhammadiyah Jember': 'MUHAMMADIYAH JEMBER',
      'PT Bank Pembangunan Daerah Nusa Tenggara Timur': 'BANK NUSA TENGGARA TIMUR',
      'CU Lantang Tipo': 'LANTANG TIPO',
      'TK Permata Hati Tk. 2': 'TK PERMATA HATI TK 2',
      'PT Angkasa Pura I': 'ANGKASA PURA 1',
      'PT Delapan Delapan Jaya': '88 JAYA',
      'PT Bank BPD Bali': 'BANK BALI',
      'CV Sumber Rejeki qq Toko Sumber Rejeki': 'SUMBER REJEKI',
      'Perum Perhutani KPH Malang': 'PERHUTANI',
    },
  };

  it('is raised whenever the rules normalise a name differently', () => {
    const keys = Object.fromEntries(Object.keys(PINNED.keys).map((raw) => [raw, normaliseCompanyName(raw).key]));
    // When this fails: raise NAME_RULES_VERSION, then pin the new keys and version here.
    expect({ version: NAME_RULES_VERSION, keys }).toEqual(PINNED);
  });
});
