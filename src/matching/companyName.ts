/**
 * Company-name normalisation for matching. Pure: no I/O.
 *
 * Registries spell the same company many ways ("PT. MAJU JAYA", "Maju Jaya, PT",
 * "P.T. Maju Jaya Tbk"): legal forms are pulled out (they are compared separately),
 * punctuation and case are dropped, and common English/Indonesian spelling variants are
 * folded onto one form.
 */

import { boundedMemo } from '../shared/boundedMemo.js';

/**
 * The version of these rules. Raise it with any change that normalises some name
 * differently: `patuh db migrate` then re-normalises the stored employers and permits and
 * sends the permits it affects back to matching (nameRulesUpgrade.ts).
 * companyName.test.ts pins a sample of names to this version.
 */
export const NAME_RULES_VERSION = 11;

/** Legal forms, canonical code → spellings as token sequences (after punctuation folding). */
const LEGAL_FORMS: Record<string, string[]> = {
  // A PT's capital status (foreign or domestic investment) is sometimes written after it.
  PT: ['PT', 'PERSEROAN TERBATAS', 'PT PERORANGAN', 'PERSEROAN PERORANGAN', 'PERSEROAN', 'PT PMA', 'PT PMDN'],
  TBK: ['TBK', 'PERSEROAN TERBUKA', 'PERSEROAN PUBLIK'],
  // "Perusahaan Perseroan (Persero)" is a state enterprise's full style; a regional one is a Perseroda.
  PERSERO: ['PERSERO', 'PERUSAHAAN PERSEROAN', 'PERSERODA'],
  CV: ['CV', 'PERSEROAN KOMANDITER', 'PERSEKUTUAN KOMANDITER', 'COMMANDITAIRE VENNOOTSCHAP'],
  // A law firm is a firma however it writes so: "Firma Hukum X" is enrolled as "X Law Firm".
  FIRMA: ['FA', 'FIRMA', 'FIRMA HUKUM', 'FA HUKUM', 'LAW FIRM'],
  UD: ['UD', 'USAHA DAGANG'],
  KOPERASI: [
    'KOPERASI', 'KSP', 'KSU', 'KUD', 'KSPPS', 'KOPERASI SIMPAN PINJAM', 'KOPERASI SERBA USAHA',
    'KOPERASI UNIT DESA', 'KOPERASI KONSUMEN', 'KOPERASI PRODUSEN',
    // Sharia cooperatives: "KSPPS BMT Sidogiri" is "Koperasi Simpan Pinjam dan Pembiayaan Syariah BMT Sidogiri".
    'KOPERASI SIMPAN PINJAM DAN PEMBIAYAAN SYARIAH', 'KOPERASI SIMPAN PINJAM SYARIAH', 'KSPS', 'KOPERASI JASA KEUANGAN SYARIAH', 'KJKS',
    // Credit unions are savings-and-loan cooperatives: "Kopdit Sehati", "CU Sehati".
    'KOPDIT', 'KOPERASI KREDIT', 'CREDIT UNION', 'KOPERASI CREDIT UNION', 'KOPERASI SYARIAH', 'CU',
    // A primary cooperative, as the armed forces' and police's are styled ("Primkop Kartika").
    'PRIMKOP', 'PRIMER KOPERASI',
  ],
  // A foundation's field is part of how it is styled, and registries drop it: "Yayasan
  // Pendidikan Abi Ummi" is enrolled as "YAYASAN ABI UMMI".
  YAYASAN: [
    'YAYASAN', 'YAYASAN PENDIDIKAN', 'YAYASAN PENDIDIKAN ISLAM', 'YAYASAN KESEHATAN', 'YAYASAN SOSIAL', 'YAYASAN KEAGAMAAN',
    'YAYASAN ISLAM', 'YAYASAN PANTI ASUHAN',
    // An orphanage is a foundation's, and enrolled by its own name or the foundation's.
    'PANTI ASUHAN',
  ],
  PERUM: ['PERUM', 'PERUSAHAAN UMUM'],
  // "PD" is also a private trading firm's, written out as "Perusahaan Dagang": which one a
  // "PD" is no name says, so both spellings read as the one form.
  PERUMDA: ['PERUMDA', 'PERUSAHAAN UMUM DAERAH', 'PERUSAHAAN DAERAH', 'PERUSDA', 'PD', 'PERUSAHAAN DAGANG'],
  // Village enterprises, legal entities since PP 11/2021, and one shared by several villages.
  BUMDES: ['BUMDES', 'BUMDESA', 'BUM DES', 'BUM DESA', 'BADAN USAHA MILIK DESA'],
  BUMDESMA: ['BUMDESMA', 'BUM DESMA', 'BUM DESA BERSAMA', 'BUMDES BERSAMA', 'BADAN USAHA MILIK DESA BERSAMA'],
  PERSEKUTUAN: ['PERSEKUTUAN PERDATA'],
  // Contractors' joint operations, enrolled for their projects: "Waskita - Wika KSO", "KSO Waskita Wika".
  KSO: ['KSO', 'KERJA SAMA OPERASI', 'KERJASAMA OPERASI', 'JOINT OPERATION'],
  PERKUMPULAN: ['PERKUMPULAN'],
};

/**
 * Phrases written both spelled out and abbreviated, folded onto one spelling wherever they
 * stand: "Rumah Sakit Islam" is enrolled as "RS ISLAM", "Kopkar Sejahtera" as "Koperasi
 * Karyawan Sejahtera". Canonical spelling → the other spellings.
 */
const PHRASES: Record<string, string[]> = {
  // A hospital's kind is abbreviated whole ("RSUD", "RSI") or only its first two words ("RS Islam").
  // The armed forces and police write "Rumkit" ("Rumkit Bhayangkara").
  RS: ['RUMAH SAKIT', 'RUMKIT'],
  RSU: ['RUMAH SAKIT UMUM', 'RS UMUM'],
  RSUP: ['RUMAH SAKIT UMUM PUSAT', 'RS UMUM PUSAT', 'RSU PUSAT'],
  RSUD: ['RUMAH SAKIT UMUM DAERAH', 'RS UMUM DAERAH', 'RSU DAERAH'],
  RSD: ['RUMAH SAKIT DAERAH', 'RS DAERAH'],
  RSI: ['RUMAH SAKIT ISLAM', 'RS ISLAM'],
  RSIA: ['RUMAH SAKIT IBU DAN ANAK', 'RS IBU DAN ANAK'],
  RSAB: ['RUMAH SAKIT ANAK DAN BUNDA', 'RS ANAK DAN BUNDA'],
  RSB: ['RUMAH SAKIT BERSALIN', 'RS BERSALIN'],
  RSJ: ['RUMAH SAKIT JIWA', 'RS JIWA'],
  RSGM: ['RUMAH SAKIT GIGI DAN MULUT', 'RS GIGI DAN MULUT'],
  RSKIA: ['RUMAH SAKIT KHUSUS IBU DAN ANAK', 'RS KHUSUS IBU DAN ANAK'],
  RM: ['RUMAH MAKAN'],
  // UU 4/2023 (P2SK) renamed the Bank Perkreditan Rakyat "Bank Perekonomian Rakyat"; the
  // abbreviation stayed, so permits spell out the new name and the extract keeps "BPR".
  BPR: ['BANK PERKREDITAN RAKYAT', 'BANK PEREKONOMIAN RAKYAT'],
  BPRS: ['BANK PEMBIAYAAN RAKYAT SYARIAH', 'BANK PERKREDITAN RAKYAT SYARIAH', 'BANK PEREKONOMIAN RAKYAT SYARIAH', 'BPR SYARIAH'],
  // A regional development bank goes by "Bank" and its province ("Bank NTT", "Bank Jatim").
  BANK: ['BANK PEMBANGUNAN DAERAH', 'BPD'],
  // Village credit institutions (Bali's LPD) and microfinance institutions.
  LPD: ['LEMBAGA PERKREDITAN DESA'],
  LKM: ['LEMBAGA KEUANGAN MIKRO'],
  LKMS: ['LEMBAGA KEUANGAN MIKRO SYARIAH', 'LKM SYARIAH'],
  SPBU: ['STASIUN PENGISIAN BAHAN BAKAR UMUM'],
  // Regional water companies became Perumda ("Perumda Air Minum Tirta Kahuripan",
  // "Perumdam …") and are still enrolled as the PDAM they were.
  PDAM: ['PERUSAHAAN DAERAH AIR MINUM', 'PERUSAHAAN UMUM DAERAH AIR MINUM', 'PERUMDA AIR MINUM', 'PERUMDAM', 'PD AIR MINUM', 'PERUSDA AIR MINUM'],
  // Abbreviated legal forms are spelled out first, so "Kop. Serba Usaha" reads as the
  // legal form "Koperasi Serba Usaha".
  KOPERASI: ['KOP'],
  YAYASAN: ['YAY'],
  'KOPERASI KARYAWAN': ['KOPKAR'],
  'KOPERASI PEGAWAI REPUBLIK INDONESIA': ['KPRI'],
  'KOPERASI WANITA': ['KOPWAN'],
  'KOPERASI PASAR': ['KOPPAS'],
  'KOPERASI PEGAWAI NEGERI': ['KPN'],
  'KOPERASI PEGAWAI': ['KOPEG'],
  // The armed forces' primary cooperatives, by their branch: "Primkopad" is "Primer Koperasi Angkatan Darat".
  'PRIMKOP ANGKATAN DARAT': ['PRIMKOPAD'],
  'PRIMKOP ANGKATAN LAUT': ['PRIMKOPAL'],
  'PRIMKOP ANGKATAN UDARA': ['PRIMKOPAU'],
  // Local governments, in the names of their employees' cooperatives ("Kopeg Pemkab Jember").
  'PEMERINTAH KABUPATEN': ['PEMKAB'],
  'PEMERINTAH KOTA': ['PEMKOT'],
  'PEMERINTAH PROVINSI': ['PEMPROV'],
  PO: ['PERUSAHAAN OTOBUS'],
  // The state plantation companies are known by their initials, the PT inside them: "PTPN XII".
  'PT PERKEBUNAN NUSANTARA': ['PTPN'],
  // Islamic boarding schools and their cooperatives: "Ponpes Tebuireng", "Kopontren Al-Ittifaq".
  // A "pondok modern" is a pesantren of the modern kind, and enrolled as one ("Ponpes Darussalam Gontor").
  'PONDOK PESANTREN': ['PONPES', 'PONDOK MODERN'],
  'KOPERASI PONDOK PESANTREN': ['KOPONTREN'],
  'KOPERASI SYARIAH': ['KOPSYAH'],
  BMT: ['BAITUL MAAL WAT TAMWIL', 'BAITUL MAL WAT TAMWIL', 'BAITUL MAAL WA TAMWIL', 'BAITUL MAAL WATTAMWIL'],
  // Schools, madrasahs and colleges, which foundations run and enroll under the school's name.
  SMK: ['SEKOLAH MENENGAH KEJURUAN'],
  SMA: ['SEKOLAH MENENGAH ATAS'],
  SMP: ['SEKOLAH MENENGAH PERTAMA'],
  SD: ['SEKOLAH DASAR'],
  // State schools add "Negeri", which is abbreviated to its initial, joined or apart: "SMAN 1", "SMP N 5".
  'SMK NEGERI': ['SMKN', 'SMK N'],
  'SMA NEGERI': ['SMAN', 'SMA N'],
  'SMP NEGERI': ['SMPN', 'SMP N'],
  'SD NEGERI': ['SDN', 'SD N'],
  'MTS NEGERI': ['MTSN', 'MTS N'],
  'MA NEGERI': ['MAN'],
  'MI NEGERI': ['MIN'],
  // Catholic schools add a K the same way: "SMAK St. Louis" is "SMA Katolik Santo Louis".
  'SMA KATOLIK': ['SMAK'],
  'SMP KATOLIK': ['SMPK'],
  'SMK KATOLIK': ['SMKK'],
  // Integrated Islamic schools, and Aisyiyah's kindergartens.
  'TK ISLAM TERPADU': ['TKIT'],
  'SD ISLAM TERPADU': ['SDIT'],
  'SMP ISLAM TERPADU': ['SMPIT'],
  'SMA ISLAM TERPADU': ['SMAIT'],
  'TK AISYIYAH BUSTANUL ATHFAL': ['TK ABA'],
  'AKADEMI KEPERAWATAN': ['AKPER'],
  // A midwife's own practice ("PMB Siti Maryam"), and a public health centre run as a technical unit.
  'PRAKTIK MANDIRI BIDAN': ['PMB', 'PRAKTEK MANDIRI BIDAN'],
  NOTARIS: ['KANTOR NOTARIS'],
  PUSKESMAS: ['UPT PUSKESMAS', 'UPTD PUSKESMAS'],
  // Local government offices, enrolled for their contract staff: "Setda Kab. Jember", "Dinas PU Bina Marga".
  'SEKRETARIAT DAERAH': ['SETDA'],
  'DINAS PEKERJAAN UMUM': ['DINAS PU'],
  'KOPERASI PETERNAK SAPI PERAH': ['KPSP'],
  'AKADEMI KEBIDANAN': ['AKBID'],
  'AKADEMI FARMASI': ['AKFAR'],
  SLB: ['SEKOLAH LUAR BIASA'],
  TK: ['TAMAN KANAK KANAK'],
  PAUD: ['PENDIDIKAN ANAK USIA DINI'],
  MI: ['MADRASAH IBTIDAIYAH'],
  MTS: ['MADRASAH TSANAWIYAH'],
  MA: ['MADRASAH ALIYAH'],
  STIE: ['SEKOLAH TINGGI ILMU EKONOMI'],
  STIKES: ['SEKOLAH TINGGI ILMU KESEHATAN'],
  STAI: ['SEKOLAH TINGGI AGAMA ISLAM'],
  STMIK: ['SEKOLAH TINGGI MANAJEMEN INFORMATIKA DAN KOMPUTER'],
  // Provinces and Jakarta's cities in their everyday short forms ("Bank Jatim", "Pupuk
  // Kaltim", "BPD Sumut"), spelled out: the extract and OSS each use either.
  'JAWA TIMUR': ['JATIM'],
  'JAWA TENGAH': ['JATENG'],
  'JAWA BARAT': ['JABAR'],
  'KALIMANTAN TIMUR': ['KALTIM'],
  'KALIMANTAN BARAT': ['KALBAR'],
  'KALIMANTAN SELATAN': ['KALSEL'],
  'KALIMANTAN TENGAH': ['KALTENG'],
  'KALIMANTAN UTARA': ['KALTARA'],
  'SUMATERA UTARA': ['SUMUT'],
  'SUMATERA BARAT': ['SUMBAR'],
  'SUMATERA SELATAN': ['SUMSEL'],
  'SULAWESI SELATAN': ['SULSEL'],
  'SULAWESI UTARA': ['SULUT'],
  'SULAWESI TENGAH': ['SULTENG'],
  'SULAWESI TENGGARA': ['SULTRA'],
  'SULAWESI BARAT': ['SULBAR'],
  'SULAWESI SELATAN DAN SULAWESI BARAT': ['SULSELBAR'],
  'SUMATERA SELATAN DAN BANGKA BELITUNG': ['SUMSELBABEL'],
  'NUSA TENGGARA BARAT': ['NTB'],
  'NUSA TENGGARA TIMUR': ['NTT'],
  'KEPULAUAN RIAU': ['KEPRI'],
  'BANGKA BELITUNG': ['BABEL'],
  'MALUKU UTARA': ['MALUT'],
  'JAKARTA SELATAN': ['JAKSEL'],
  'JAKARTA TIMUR': ['JAKTIM'],
  'JAKARTA BARAT': ['JAKBAR'],
  'JAKARTA UTARA': ['JAKUT'],
  'JAKARTA PUSAT': ['JAKPUS'],
};

/**
 * Legal-form words inside a name, not at either end, belong to another entity the name
 * mentions ("Koperasi Karyawan PT Semen Gresik"); they are dropped, not recorded, so the
 * rare word "PT" weighs nothing.
 */
const INNER_LEGAL_FORM_WORDS = new Set(['PT', 'TBK', 'PERSERO']);

/**
 * Number words folded onto digits, as registries write them either way ("Dua Kelinci", "2
 * Kelinci"). The old spelling wrote seven "toedjoe" as well as "toedjoeh" ("Bintang
 * Toedjoe"), which folds to "TUJU".
 */
const NUMBER_WORDS: Record<string, string> = {
  SATU: '1', DUA: '2', TIGA: '3', EMPAT: '4', LIMA: '5', ENAM: '6', TUJUH: '7', TUJU: '7', DELAPAN: '8', SEMBILAN: '9', SEPULUH: '10', SEBELAS: '11',
};

/**
 * Roman numerals of two letters or more up to 39 ("PTPN III", "Pelindo II"); a lone I, V
 * or X may be an initial or a cut-off word, and C, D, L and M spell words ("MIX", "XL").
 */
const ROMAN_NUMERAL = /^(?=[IVX]{2,}$)X{0,3}(IX|IV|V?I{0,3})$/;

function romanValue(token: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10 };
  let total = 0;
  for (let i = 0; i < token.length; i += 1) {
    const v = values[token[i]!]!;
    const next = i + 1 < token.length ? values[token[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return total;
}

/**
 * Balinese names start with an "I" that is no number ("Notaris I Made Bagus", "UD I Wayan
 * Sudarsana"): a lone I before one of them stays a word.
 */
const BALINESE_NAMES_AFTER_I = new Set(['WAYAN', 'MADE', 'NYOMAN', 'KETUT', 'GEDE', 'PUTU', 'KOMANG', 'KADEK', 'GUSTI', 'NENGAH', 'DEWA', 'GEDHE', 'KOMPIANG']);

/**
 * Numbers in one spelling: number words anywhere, Roman numerals after the first word (a
 * first word like "XX" or "IV" is more likely a brand than a number). A lone I after the
 * first word is one as well ("SMA Negeri I Malang", "PT Pelabuhan Indonesia I", "PT Angkasa
 * Pura I", enrolled as "… 1" or "… Satu"): initials are joined before this ("H I" → "HI"),
 * so what stands alone here is a numeral; a name cut at 30 characters just after an "I" is
 * read as cut by scoring (nameScore.ts), which takes "1" for the "I" it was.
 */
function foldNumber(token: string, index: number, tokens: string[]): string {
  const word = NUMBER_WORDS[token];
  if (word) return word;
  if (index > 0 && ROMAN_NUMERAL.test(token)) return String(romanValue(token));
  if (index > 0 && token === 'I' && !BALINESE_NAMES_AFTER_I.has(tokens[index + 1] ?? '')) return '1';
  return token;
}

/**
 * Numbers written in two or three words fold onto one number: "Tujuh Belas" (after its
 * words became "7 BELAS") is "17", "Dua Puluh Satu" is "21".
 */
function joinNumberWords(tokens: string[]): string[] {
  const digit = (t: string | undefined) => (t !== undefined && /^[1-9]$/.test(t) ? Number(t) : null);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const d = digit(tokens[i]);
    if (d !== null && tokens[i + 1] === 'BELAS') {
      out.push(String(10 + d));
      i += 1;
    } else if (d !== null && tokens[i + 1] === 'PULUH') {
      const units = digit(tokens[i + 2]);
      out.push(String(10 * d + (units ?? 0)));
      i += units === null ? 1 : 2;
    } else out.push(tokens[i]!);
  }
  return joinDigitRuns(out);
}

/**
 * Digits read one by one are one number: "Delapan Delapan" (after its words became "8 8")
 * is enrolled as "88", "Tiga Tiga Tiga" as "333". Only single digits: "SPBU 54 611" keeps
 * its groups apart, as another registry may write them apart too.
 */
function joinDigitRuns(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    let end = i;
    while (end < tokens.length && /^[0-9]$/.test(tokens[end]!)) end += 1;
    if (end - i >= 2) {
      out.push(tokens.slice(i, end).join(''));
      i = end;
    } else {
      out.push(tokens[i]!);
      i += 1;
    }
  }
  return out;
}

/** Spelling variants folded onto one token. */
const VARIANTS: Record<string, string> = {
  INTERNATIONAL: 'INTERNASIONAL',
  INTL: 'INTERNASIONAL',
  INDUSTRY: 'INDUSTRI',
  INDUSTRIES: 'INDUSTRI',
  INDUSTRIAL: 'INDUSTRI',
  TECHNOLOGY: 'TEKNOLOGI',
  TECHNOLOGIES: 'TEKNOLOGI',
  TEHNOLOGI: 'TEKNOLOGI',
  MANUFACTURING: 'MANUFAKTUR',
  TRADING: 'TRADING',
  AND: 'DAN',
  SYARIAH: 'SYARIAH',
  SHARIA: 'SYARIAH',
  SARANA: 'SARANA',
  INDONESIAN: 'INDONESIA',
  INDO: 'INDONESIA',
  LOGISTIC: 'LOGISTIK',
  LOGISTICS: 'LOGISTIK',
  ENERGY: 'ENERGI',
  GROUP: 'GRUP',
  SERVICES: 'SERVIS',
  SERVICE: 'SERVIS',
  TRANSPORTATION: 'TRANSPORTASI',
  FISHERY: 'PERIKANAN',
  FISHERIES: 'PERIKANAN',
  REZEKI: 'REJEKI',
  MAAL: 'MAL',
  REZKI: 'REJEKI',
  REJEKY: 'REJEKI',
  SAMUDERA: 'SAMUDRA',
  PUTERA: 'PUTRA',
  PUTERI: 'PUTRI',
  SENTAUSA: 'SENTOSA',
  MULYA: 'MULIA',
  CAHYA: 'CAHAYA',
  BAROKAH: 'BERKAH',
  BAROKAHH: 'BERKAH',
  FARMASI: 'FARMASI',
  // "Pharma" is the short name "Farma" in English spelling (Kalbe Farma, Kalimas Pharma).
  PHARMA: 'FARMA',
  PHARMACEUTICAL: 'FARMASI',
  PHARMACEUTICALS: 'FARMASI',
  CONSTRUCTION: 'KONSTRUKSI',
  KONSTRUKSINDO: 'KONSTRUKSINDO',
  ELECTRONIC: 'ELEKTRONIK',
  ELECTRONICS: 'ELEKTRONIK',
  CHEMICAL: 'KIMIA',
  CHEMICALS: 'KIMIA',
  MINING: 'TAMBANG',
  PERTAMBANGAN: 'TAMBANG',
  TEXTILE: 'TEKSTIL',
  TEXTILES: 'TEKSTIL',
  // Abbreviations clerks write for a whole word.
  SEJHT: 'SEJAHTERA',
  SEJAHT: 'SEJAHTERA',
  BSM: 'BERSAMA',
  SRN: 'SARANA',
  PEND: 'PENDIDIKAN',
  KAB: 'KABUPATEN',
  DEPT: 'DEPARTMENT',
  MFG: 'MANUFAKTUR',
  BROS: 'BROTHERS',
  CORP: 'CORPORATION',
  CAB: 'CABANG',
  TEHNIK: 'TEKNIK',
  TEKHNIK: 'TEKNIK',
  TECHNIC: 'TEKNIK',
  SYSTEM: 'SISTEM',
  SYSTEMS: 'SISTEM',
  SUMATRA: 'SUMATERA',
  HAJJAH: 'HAJAH',
  MOHAMMAD: 'MUHAMMAD',
  MOHAMAD: 'MUHAMMAD',
  MOCHAMMAD: 'MUHAMMAD',
  MOCHAMAD: 'MUHAMMAD',
  MUHAMAD: 'MUHAMMAD',
  // Arabic loanwords as Javanese writes them: "Ummah" is "Umat", "Rohmah" is "Rahmah".
  UMMAH: 'UMAT',
  UMMAT: 'UMAT',
  ROHMAH: 'RAHMAH',
  ROHMAN: 'RAHMAN',
  ROHIM: 'RAHIM',
  ARROHMAH: 'ARRAHMAH',
  ARROHMAN: 'ARRAHMAN',
  ARROHIM: 'ARRAHIM',
  ALROHMAH: 'ALRAHMAH',
  ALROHMAN: 'ALRAHMAN',
  ALROHIM: 'ALRAHIM',
  ALUMMAH: 'ALUMAT',
  ALUMMAT: 'ALUMAT',
  ABDURROHMAN: 'ABDURRAHMAN',
  ABDURROHIM: 'ABDURRAHIM',
  // The same words with the old "ch" for "h" ("Abdul Rochim", "Rochmah", "Abdurrochman"):
  // folded as "Rohim" is, or the two spellings end two letters apart.
  ROCHMAH: 'RAHMAH',
  ROCHMAN: 'RAHMAN',
  ROCHIM: 'RAHIM',
  ARROCHMAH: 'ARRAHMAH',
  ARROCHMAN: 'ARRAHMAN',
  ARROCHIM: 'ARRAHIM',
  ALROCHMAH: 'ALRAHMAH',
  ALROCHMAN: 'ALRAHMAN',
  ALROCHIM: 'ALRAHIM',
  ABDURROCHMAN: 'ABDURRAHMAN',
  ABDURROCHIM: 'ABDURRAHIM',
  UNIV: 'UNIVERSITAS',
  UNIVERSITY: 'UNIVERSITAS',
  JOGJAKARTA: 'YOGYAKARTA',
  JOGYAKARTA: 'YOGYAKARTA',
  JOGJA: 'YOGYA',
  JOGYA: 'YOGYA',
};

/**
 * A proprietor's title and first name abbreviated before the rest of the name ("UD H.
 * Abdul Rochim" is "UD HAJI ABDUL RAHIM"; "H.M." was joined into "HM" before this).
 * Only before another word: at the end, a lone "H" or "MOH" is more likely a name cut off
 * at 30 characters ("… H" of "HOLDING"), which scoring reads as the start of a word.
 */
const ABBREVIATED_BEFORE_A_NAME: Record<string, string> = {
  H: 'HAJI', HJ: 'HAJAH', MOH: 'MUHAMMAD', MOCH: 'MUHAMMAD', MUH: 'MUHAMMAD',
  // A saint a Catholic foundation or school is named after ("Yayasan St. Yusup"); after a
  // name, "ST" is more likely an engineer's degree.
  ST: 'SANTO', STA: 'SANTA',
};

function spellOutBeforeAName(token: string, index: number, tokens: string[]): string {
  return (index < tokens.length - 1 ? ABBREVIATED_BEFORE_A_NAME[token] : undefined) ?? token;
}
const VARIANT_ENTRIES = Object.entries(VARIANTS);

const LEGAL_FORM_SEQUENCES: Array<{ code: string; tokens: string[] }> = Object.entries(LEGAL_FORMS)
  .flatMap(([code, spellings]) => spellings.map((s) => ({ code, tokens: s.split(' ') })))
  // longest first so "PERSEROAN TERBATAS" wins over "PERSEROAN"
  .sort((a, b) => b.tokens.length - a.tokens.length);

const PHRASE_SEQUENCES: Array<{ canonical: string[]; tokens: string[] }> = Object.entries(PHRASES)
  .flatMap(([canonical, spellings]) => spellings.map((s) => ({ canonical: canonical.split(' '), tokens: s.split(' ') })))
  .sort((a, b) => b.tokens.length - a.tokens.length);

/** Folds every spelled-out or abbreviated phrase onto its canonical spelling, left to right. */
function foldPhrases(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const phrase = PHRASE_SEQUENCES.find(({ tokens: seq }) => matchSequence(tokens, i, seq));
    if (phrase) {
      // A short form after the word it starts with says that word once: "Bank BPD Bali" is
      // "Bank Pembangunan Daerah Bali", enrolled as "BANK BALI", not "BANK BANK BALI".
      const doubled = phrase.canonical[0] === out[out.length - 1] && phrase.tokens[0] !== out[out.length - 1];
      out.push(...(doubled ? phrase.canonical.slice(1) : phrase.canonical));
      i += phrase.tokens.length;
    } else {
      out.push(tokens[i]!);
      i += 1;
    }
  }
  return out;
}

export interface NormalisedName {
  /** Tokens of the name without legal forms, folded; joined by one space. */
  key: string;
  tokens: string[];
  /** Canonical legal forms found (e.g. ["PT", "TBK"]). */
  legalForms: string[];
}

/**
 * Whether a name holds nothing but legal-form words ("PT", "Koperasi", "PT Tbk", which
 * normalise to themselves for want of anything else): such a name says nothing about which
 * company it is, and two of them are no evidence of one company.
 */
export function isOnlyLegalForm(tokens: string[]): boolean {
  return tokens.length > 0 && tokens.every((t) => SINGLE_WORD_LEGAL_FORMS.has(t) || t in LEGAL_FORMS);
}

/** Words an acronym skips ("Indah Kiat Pulp & Paper (IKPP)"). */
export const ACRONYM_SKIPS = new Set(['DAN', 'AND', 'OF', 'THE']);
const SINGLE_WORD_LEGAL_FORMS = new Set(Object.values(LEGAL_FORMS).flat().filter((s) => !s.includes(' ')));
/** Every word of every legal form's spellings ("PERSEROAN", "TERBATAS", "SIMPAN", ...). */
const LEGAL_FORM_SPELLING_WORDS = new Set(Object.values(LEGAL_FORMS).flat().flatMap((s) => s.split(' ')));

/**
 * Drops what a name gives in parentheses besides itself: an acronym of the words before it
 * (legal forms and "dan" aside: "Bank Rakyat Indonesia (Persero) Tbk (BRI)" is enrolled as
 * "BANK RAKYAT INDONESIA"), or, at the end of the name, a brand or trade name ("Sumber
 * Alfaria Trijaya Tbk (Alfamart)", "Telekomunikasi Indonesia (Telkom)"). Either would count
 * as an extra distinctive word. Legal forms in parentheses ("(Persero)", "(PT)") stay.
 */
function dropAliases(upper: string): string {
  return upper.replace(/\(([^()]{1,60})\)/g, (group, inner: string, offset: number) => {
    const innerWords = inner.split(/[^A-Z0-9]+/).filter(Boolean);
    if (!innerWords.length || innerWords.some((w) => SINGLE_WORD_LEGAL_FORMS.has(w))) return group;
    const after = upper.slice(offset + group.length).split(/[^A-Z0-9]+/).filter(Boolean);
    const words = upper.slice(0, offset).split(/[^A-Z0-9]+/).filter((w) => w && !ACRONYM_SKIPS.has(w) && !SINGLE_WORD_LEGAL_FORMS.has(w));
    if (!words.length) return group;
    if (after.every((w) => SINGLE_WORD_LEGAL_FORMS.has(w))) return ' ';
    const acronym = inner.replace(/[^A-Z]/g, '');
    const ofName = /^[A-Z.\s]+$/.test(inner) && acronym.length >= 2 && words.length >= acronym.length;
    return ofName && words.slice(-acronym.length).map((w) => w[0]).join('') === acronym ? ' ' : group;
  });
}

/**
 * A former name given after the name ("PT Indosat Ooredoo Hutchison Tbk (d/h PT Indosat
 * Tbk)", "… D/H CV Maju") is not part of it: the name is cut there, when a name stands
 * before it.
 */
const FORMER_NAME = /\(\s*(?:(?:D\s*\/\s*H|DH|DAHULU|FORMERLY)(?![A-Z0-9])|(?:EKS|EX)[\s.])|(?<![A-Z0-9])D\s*\/\s*H(?![A-Z0-9])/;

function dropFormerName(upper: string): string {
  const at = upper.search(FORMER_NAME);
  return at > 0 && /[A-Z0-9]/.test(upper.slice(0, at)) ? upper.slice(0, at) : upper;
}

/**
 * "qq" (qualitate qua) names who the party acts as or for: "CV Sumber Rejeki qq Toko
 * Sumber Rejeki", "PT Djaja Makmur qq PT Sinar Abadi". The party is the name before it,
 * as a registry without the "qq" enrolls it.
 */
const QUALITATE_QUA = /(?<![A-Z0-9])Q\s*\.?\s*Q(?![A-Z0-9])/;

function dropQualitateQua(upper: string): string {
  const at = upper.search(QUALITATE_QUA);
  if (at <= 0) return upper;
  // Only between a name and another: "CV QQ Jaya" and "PT Sinar QQ" are named QQ.
  // A legal form written out ("Maju QQ, Perseroan Terbatas") names no other party either.
  const before = upper.slice(0, at).split(/[^A-Z0-9]+/).filter(Boolean);
  const after = upper.slice(at).replace(QUALITATE_QUA, ' ').split(/[^A-Z0-9]+/).filter(Boolean);
  return before.some((w) => !LEGAL_FORM_SPELLING_WORDS.has(w)) && after.some((w) => !LEGAL_FORM_SPELLING_WORDS.has(w)) ? upper.slice(0, at) : upper;
}

/**
 * Academic and professional degrees, as a notary's office, a clinic or a midwife's
 * practice is named after its holder ("Kantor Notaris Bambang Setiawan, S.H., M.Kn."), in
 * one spelling without dots or spaces. One registry writes them, another leaves them out.
 */
const DEGREES = new Set(
  `SH SE ST SKOM SPD SPDI SAG SSOS SIP SPSI SKM SKED SFARM SKEP SGZ STRKEB STRKEP SSIT SHI SSI SPT SP SS SSN SHUT SPI
  MM MH MKN MT MSI MPD MKES MKOM MAK MBA MSC MHUM MKEB MKEP BSC LLM PHD AMD AMDKEB AMDKEP AMKEB AMKEP AMF AMK APT
  SPA SPB SPOG SPPD SPM SPTHT SPJP SPKK SPS SPRAD SPAN SPP SPKJ SPU SPBS SPOT SPKFR SPGK CPA AK CA`.split(/\s+/),
);
/** A degree's letters: "S.Tr.Keb." → STRKEB, "Sp. M" → SPM. */
const degreeLetters = (segment: string) => segment.replace(/[.\s]+/g, '');

/** Drops the degrees written after a comma at the end of a name, one by one. */
function dropDegreesAfterComma(upper: string): string {
  let s = upper;
  for (;;) {
    const comma = s.lastIndexOf(',');
    if (comma <= 0 || !DEGREES.has(degreeLetters(s.slice(comma + 1)))) return s;
    s = s.slice(0, comma);
  }
}

/** Degrees written at the end of a name without commas ("NOTARIS BAMBANG SETIAWAN SH MKN"), after two words of name. */
function dropTrailingDegrees(tokens: string[]): string[] {
  let end = tokens.length;
  while (end > 2 && DEGREES.has(tokens[end - 1]!)) end -= 1;
  return end === tokens.length ? tokens : tokens.slice(0, end);
}

/**
 * Capitals of Cyrillic and Greek that print as Latin ones: "PT MАJU" written with a Cyrillic
 * "А" is read by anyone as "PT MAJU", and must be matched as it reads.
 */
const LATIN_OF_LOOKALIKE: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X',
  І: 'I', Ј: 'J', Ѕ: 'S', Ԛ: 'Q', Ԝ: 'W', Һ: 'H',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  // The capital sharp s, which upper case leaves as it is, where "ß" becomes "SS".
  ẞ: 'SS',
};
const LATIN_LOOKALIKE = new RegExp(`[${Object.keys(LATIN_OF_LOOKALIKE).join('')}]`, 'g');

function foldText(raw: string): string {
  // Invisible format characters (zero-width, bidi marks, soft hyphen) are not separators:
  // "MA\u200BJU" reads as "MAJU".
  // Upper case is folded again: a few letters' capitals decompose ("ǰ" → "J̌").
  let s = raw.normalize('NFKD').toUpperCase().normalize('NFKD').replace(/[\p{M}\p{Cf}]+/gu, '');
  s = dropDegreesAfterComma(s.replace(LATIN_LOOKALIKE, (c) => LATIN_OF_LOOKALIKE[c]!).trimEnd());
  // Dotted legal-form abbreviations ("P.T.", "P. T.", "C.V.", "K.S.P.") become one token
  // before other dots split words, so "P.T. H.M. Sampoerna" keeps "HM" apart from "PT".
  s = s.replace(/(?<![A-Z0-9])([PCUK])\s*\.\s*([TVDSU])(?:\.\s*([PDU])(?![A-Z0-9]))?\s*\.?(?![A-Z0-9])/g, (_m, a: string, b: string, c?: string) => ` ${a}${b}${c ?? ''} `);
  // Square brackets and braces set an aside apart as parentheses do ("PT Maju [Persero]").
  s = s.replace(/[[{]/g, '(').replace(/[\]}]/g, ')');
  s = dropAliases(dropQualitateQua(dropFormerName(s)).replace(/&/g, ' DAN '));
  // Dots between digits group a number or a code ("SPBU 54.611.23" is enrolled as "SPBU 5461123").
  s = s.replace(/(?<=[0-9])\.(?=[0-9])/g, '');
  // Apostrophes join ("MC'DONALD" → "MCDONALD"), as do modifier letters written for them
  // ("ʼ"); any other non-alphanumeric splits. Letters of other scripts stay, as words no
  // Latin name has: dropped, "PT ΣΩ Sejahtera" would read as "PT Sejahtera".
  s = s.replace(/['’`\p{Lm}]/gu, '');
  s = s.replace(/[^A-Z0-9\p{L}]+/gu, ' ');
  return s.trim();
}

const OLD_SPELLING_MARK = /OE|DJ|TJ|SJ|^NJ/;

/**
 * Pre-1972 (van Ophuijsen / Soewandi) spellings still used in company names: "SOEMBER",
 * "DJAJA", "TJAHAJA" are "SUMBER", "JAYA", "CAHAYA". Applied to both sides of a comparison.
 */
function foldOldSpelling(token: string): string {
  // Only words that show an old-spelling mark are folded: modern "MAJU", "BANJAR" stay. No
  // modern word starts with "NJ", so there it marks the old spelling of "NY" ("NJONJA").
  if (!OLD_SPELLING_MARK.test(token)) return token;
  // Old "j" was today's "y" between vowels and at the end after a vowel ("DJAJA" → "DJAYA"),
  // read on the word as written: the "j" that folding "dj" leaves is today's ("MADJU" is
  // "MAJU", "REDJEKI" is "REJEKI", not "MAYU", "REYEKI").
  let t = token.replace(/([AEIOU])J(?=[AEIOU]|$)/g, '$1Y');
  // Until stable, so folding a folded word changes nothing ("DDJA" → "DJA" → "JA").
  for (let previous = ''; previous !== t && OLD_SPELLING_MARK.test(t); ) {
    previous = t;
    // "NJ" first: the "NJ" that folding "NDJ" leaves is today's ("PANDJANG" → "PANJANG").
    t = t.replace(/NJ/g, 'NY').replace(/OE/g, 'U').replace(/DJ/g, 'J').replace(/TJ/g, 'C').replace(/SJ/g, 'SY');
  }
  return t;
}

function matchSequence(tokens: string[], at: number, seq: string[]): boolean {
  if (at < 0 || at + seq.length > tokens.length) return false;
  return seq.every((t, i) => tokens[at + i] === t);
}

/**
 * Joins runs of single letters: "P T" (from "P.T."), "C V", "H M" (initials) become
 * "PT", "CV", "HM", as registries that drop the dots write them.
 */
function joinInitials(tokens: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const t of tokens) {
    if (t.length === 1 && /[A-Z]/.test(t)) {
      run += t;
      continue;
    }
    if (run) out.push(run);
    run = '';
    out.push(t);
  }
  if (run) out.push(run);
  return out;
}

/**
 * Folds old spellings and joins initials until neither changes anything, so the key is
 * stable: folding can leave a single letter ("OE E" → "U E") and joining can make a word
 * that folds ("D J" → "DJ" → "J"); one pass of each would give a key that normalises
 * differently again.
 */
function foldAndJoin(tokens: string[]): string[] {
  let current = tokens;
  for (;;) {
    const next = joinInitials(current.map(foldOldSpelling));
    if (next.length === current.length && next.every((t, i) => t === current[i])) return next;
    current = next;
  }
}

/**
 * An Arabic article is written apart or joined ("Al-Falah", "AL FALAH", "ALFALAH"; "An Nur",
 * "ANNUR"): it is joined to its word. Only "AL", and an assimilated article whose consonant
 * starts the next word ("AR RAHMAN", "AS SALAM"), so initials like "AN JAYA" stay apart.
 */
function joinArticles(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const joinable = next && /^[A-Z]{3,}$/.test(next) && !NOT_ARTICLE_WORDS.has(next);
    if (joinable && (t === 'AL' || (/^A[DNRSTZ]$/.test(t) && next[0] === t[1]))) {
      out.push(t + next);
      i += 1;
    } else if (joinable && /^A(SY|SH|TH|TS|DZ|DH)$/.test(t) && next.startsWith(t.slice(1))) {
      // Written with the consonant's two letters ("Asy-Syifa", "Ath-Thohiriyah"), it is the
      // article of "As-Syifa", "Assyifa": joined the same way.
      out.push(`A${t[1]}${next}`);
      i += 1;
    } else out.push(t);
  }
  return out;
}

/** Strips legal forms at either end, repeatedly ("PT ... TBK", "..., PT", "TBK TBK"), recording each. */
function stripLegalForms(tokens: string[], legalForms: string[]): string[] {
  let changed = true;
  while (changed && tokens.length > 1) {
    changed = false;
    for (const { code, tokens: seq } of LEGAL_FORM_SEQUENCES) {
      if (seq.length >= tokens.length) continue;
      if (matchSequence(tokens, 0, seq)) {
        tokens = tokens.slice(seq.length);
      } else if (matchSequence(tokens, tokens.length - seq.length, seq)) {
        tokens = tokens.slice(0, tokens.length - seq.length);
      } else continue;
      if (!legalForms.includes(code)) legalForms.push(code);
      changed = true;
      break;
    }
  }
  return tokens;
}

/**
 * State enterprises' own units, enrolled as the enterprise: the railway's operating areas
 * and regional divisions ("PT KAI Daop 8 Surabaya", "Divre"), Perhutani's forest districts
 * ("Perum Perhutani KPH Malang"), PLN's distribution units ("PT PLN UID Jatim", "UP3
 * Malang", "ULP Kepanjen"), Telkom's area offices ("Witel Malang"). A unit is always named
 * after the word, so at a name's end the word is the name's own.
 */
const ENTERPRISE_UNIT_WORDS = new Set(['DAOP', 'DIVRE', 'KPH', 'UID', 'UP3', 'ULP', 'WITEL']);
/** Words that start where an office of the company is named: "… Cabang Surabaya", "… KCP Gubeng", "… Kanwil Jatim", "… KCU Jember" (main branch), "… SBU Surabaya" (business unit), and the units above. */
const OFFICE_WORDS = new Set(['CABANG', 'KC', 'KCP', 'KCU', 'KANWIL', 'PERWAKILAN', 'BRANCH', 'SBU', ...ENTERPRISE_UNIT_WORDS]);
/** "Kantor …" that names an office: branch, head office, regional office, representative, a BPR's cash office. */
const OFFICES_AFTER_KANTOR = new Set(['CABANG', 'PUSAT', 'WILAYAH', 'PERWAKILAN', 'KAS']);
/**
 * Words that start a unit of a company written after its name, as BPJS enrolls a
 * plantation, mine, factory or project on its own: "… Unit Sidoarjo", "… Kebun Sei
 * Durian", "… Site Satui", "… Proyek Tol …", a finance company's outlet "… Pos Kalisat". Unlike an office word, each is also an
 * ordinary word, so the cut needs two words of name before it and one of unit after it
 * ("PT Multi Area Sejahtera", "PT Green Plant Indonesia" stay whole), and "Unit Desa" is
 * the village cooperative's legal form.
 */
const UNIT_WORDS = new Set(['UNIT', 'PABRIK', 'SITE', 'PLANT', 'KEBUN', 'PROYEK', 'DEPO', 'DIVISI', 'REGIONAL', 'AREA', 'WILAYAH', 'POS']);

/**
 * Words an article is never joined to: the start of a legal form, of an abbreviated phrase,
 * or of an office after a name ("PT AL TBK", "AL USAHA DAGANG", "AL CABANG …").
 */
const NOT_ARTICLE_WORDS = new Set([
  ...[...Object.values(LEGAL_FORMS), ...Object.values(PHRASES)].flat().map((s) => s.split(' ')[0]!),
  ...OFFICE_WORDS,
  ...UNIT_WORDS,
  'KANTOR',
]);

/**
 * An office is written after the company's name ("PT Maju Jaya Cabang Surabaya", "…
 * Kantor Cabang Malang", "… Kantor Pusat"): the company is the name before it, and where
 * the office is is the kab/kota's to say. Cut there, when a name stands before it.
 */
function cutBranchOffice(tokens: string[]): string[] {
  for (let i = 1; i < tokens.length; i += 1) {
    let start = -1;
    if (tokens[i] === 'KANTOR' && OFFICES_AFTER_KANTOR.has(tokens[i + 1] ?? '')) start = i;
    else if (OFFICE_WORDS.has(tokens[i]!) && !(ENTERPRISE_UNIT_WORDS.has(tokens[i]!) && i === tokens.length - 1)) start = tokens[i - 1] === 'KANTOR' ? i - 1 : i;
    else if (UNIT_WORDS.has(tokens[i]!) && i >= 2 && i < tokens.length - 1 && !(tokens[i] === 'UNIT' && tokens[i + 1] === 'DESA')) start = i;
    // "Kantor Perwakilan Samsung" is the office's own name.
    if (start >= 1) return tokens.slice(0, start);
  }
  return tokens;
}

/**
 * One pass of every folding step. Each step's output is a fixed point of the steps before
 * it (folded words fold no further, stripping ends leaves no form at either end) except
 * after a branch office is cut off or an inner legal form dropped: that can leave a legal
 * form at the end ("… Tbk Cabang X"), bring two initials together ("U PT U") or complete a
 * phrase ("RUMAH PT SAKIT"), so the caller passes again only then.
 */
function normalisingPass(tokens: string[], legalForms: string[]): { tokens: string[]; shortened: boolean } {
  // Spellings are folded before legal forms are taken out, so a word that folds into one
  // ("TJV" → "CV") is treated the same on every pass.
  const stripped = stripLegalForms(foldPhrases(joinArticles(foldAndJoin(tokens)).map((t) => VARIANTS[t] ?? t)), legalForms);
  const company = cutBranchOffice(stripped);
  // Legal forms the cut leaves at the end ("… (Persero) Tbk Kantor Pusat") are the name's
  // own, for the next pass to take: inner words are dropped only from a name not cut.
  const cut = company.length < stripped.length;
  const kept = company.length > 2 && !cut ? company.filter((t, i) => i === 0 || i === company.length - 1 || !INNER_LEGAL_FORM_WORDS.has(t)) : company;
  // Titles are read once legal forms are out, so "Hj, PT" keeps the word "HJ" as "Hj" does.
  return { tokens: joinNumberWords(kept.map(spellOutBeforeAName).map(foldNumber)), shortened: kept.length < stripped.length };
}

/** Kinds of hospital a military or police hospital's name starts with ("RS Bhayangkara", "Rumkit"). */
const HOSPITAL_WORDS = new Set(['RS', 'RSU', 'RSUD', 'RSD', 'RSAD', 'RSAU', 'RSAL']);

/**
 * Drops the rank of a military or police hospital ("RS Bhayangkara Tk. III Nganjuk",
 * "Rumkit Tk. II Udayana"), which registries keep or drop: "TK" or "TINGKAT" and its number.
 * Only after the hospital's kind: "TK" first is a kindergarten.
 */
function dropHospitalRank(tokens: string[]): string[] {
  if (!HOSPITAL_WORDS.has(tokens[0] ?? '')) return tokens;
  const at = tokens.findIndex((t, i) => i > 0 && (t === 'TK' || t === 'TINGKAT') && /^([0-9]|I|II|III|IV)$/.test(tokens[i + 1] ?? ''));
  // A name of the rank alone ("RS TK 2") keeps it: it is all the name there is.
  return at < 0 || tokens.length - 2 < 2 ? tokens : [...tokens.slice(0, at), ...tokens.slice(at + 2)];
}

/** Offices named after their holder ("Notaris Ir. Bambang Setiawan"). */
const OFFICES_OF_A_PERSON = new Set(['NOTARIS', 'PPAT']);
/** Academic titles written before a name, which registries keep or drop. */
const TITLES_BEFORE_A_NAME = new Set(['IR', 'DR', 'DRS', 'DRA', 'PROF']);

/** Drops titles between an office and its holder's name: "NOTARIS IR BAMBANG" is "NOTARIS BAMBANG". */
function dropTitlesAfterOffice(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    // A title is dropped only with a name after it: "NOTARIS DR" keeps its last word.
    if (i > 0 && i + 1 < tokens.length && TITLES_BEFORE_A_NAME.has(tokens[i]!) && OFFICES_OF_A_PERSON.has(out[out.length - 1]!)) continue;
    out.push(tokens[i]!);
  }
  return out;
}

/** Passes at most: a pass runs again only after one shortened the name, and a cap keeps a pathological name from looping. */
const MAX_PASSES = 8;

/** Normalises a company name; never throws. Its key normalises to itself. */
export function normaliseCompanyName(raw: string): NormalisedName {
  let tokens = foldText(raw).split(' ').filter(Boolean);
  const legalForms: string[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const next = normalisingPass(tokens, legalForms);
    // Degrees are counted off once legal forms are out, so that two words of name stay,
    // not "PT" and one; what they leave at the end ("… CV") the next pass takes.
    tokens = dropTrailingDegrees(dropTitlesAfterOffice(dropHospitalRank(next.tokens)));
    if (!next.shortened && tokens.length === next.tokens.length) break;
  }
  return { key: tokens.join(' '), tokens, legalForms };
}

/**
 * The folded words a cut-off word could have been: "INTERNATI" (an extract's 30-character
 * cut of "INTERNATIONAL") could be "INTERNASIONAL". Includes the fragment itself.
 * Remembered per fragment (truncated last words recur across a batch's candidate pairs);
 * callers only read the list.
 */
export const completionsOf = boundedMemo((fragment: string): string[] => {
  const out = new Set([fragment]);
  for (const [spelling, folded] of VARIANT_ENTRIES) if (spelling.startsWith(fragment)) out.add(folded);
  return [...out];
}, 50_000);
