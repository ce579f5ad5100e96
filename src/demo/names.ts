/**
 * Word lists for the demo-data generator (src/demo/generate.ts).
 *
 * Company base names are sequences of words from disjoint classes: a word belongs to exactly
 * one class, so a name's class sequence (its template) can be read back from the name. The
 * generator relies on that to make names unique by construction (see generate.ts).
 */

/** The most common words of Indonesian company names ("Maju Jaya", "Sumber Makmur Abadi"). */
export const TOP_WORDS = [
  'Maju', 'Jaya', 'Sejahtera', 'Abadi', 'Mandiri', 'Indonesia', 'Karya', 'Sentosa', 'Makmur',
  'Utama', 'Nusantara', 'Sumber',
];

/** Other very common words. */
export const COMMON_WORDS = [
  'Rejeki', 'Berkah', 'Mulia', 'Sukses', 'Bersama', 'Agung',
  'Sakti', 'Baru', 'Sinar', 'Putra', 'Bintang', 'Prima', 'Lancar', 'Bumi', 'Raya', 'Harapan',
  'Alam', 'Indah', 'Tunggal', 'Anugerah', 'Sarana', 'Mega', 'Perdana', 'Kencana', 'Santosa',
  'Setia', 'Sejati', 'Unggul', 'Putri', 'Citra', 'Global',
];

/** Rarer, distinctive words: Javanese/Sanskrit-ish, nature, virtues, wayang figures. */
export const DISTINCT_WORDS = [
  'Wijaya', 'Samudra', 'Cahaya', 'Gemilang', 'Lestari', 'Barokah', 'Tirta', 'Surya', 'Mitra',
  'Mustika', 'Permata', 'Arta', 'Dharma', 'Bahari', 'Persada', 'Buana', 'Graha', 'Kartika',
  'Widya', 'Mahkota', 'Pelangi', 'Rajawali', 'Garuda', 'Candra', 'Dewata', 'Nirwana', 'Pratama',
  'Adi', 'Wisesa', 'Arjuna', 'Bima', 'Srikandi', 'Kresna', 'Lintas', 'Mahardika', 'Laksana',
  'Wibawa', 'Sempurna', 'Sinergi', 'Pusaka', 'Kirana', 'Anggrek', 'Melati', 'Cendana', 'Jati',
  'Beringin', 'Waringin', 'Kenanga', 'Teratai', 'Rinjani', 'Merapi', 'Semeru', 'Kawi', 'Lawu',
  'Arga', 'Giri', 'Segara', 'Tunas', 'Fajar', 'Mentari', 'Angkasa', 'Bayu', 'Pertiwi', 'Bhakti',
  'Satria', 'Wira', 'Yudha', 'Mandala', 'Nagara', 'Sentral', 'Puri', 'Kurnia', 'Rahayu',
  'Berlian', 'Intan', 'Mutiara', 'Emas', 'Hidayah', 'Amanah', 'Rahmat', 'Ikhlas', 'Insani',
  'Cakra', 'Wahana', 'Sapta', 'Panca', 'Catur', 'Dwipa', 'Kusuma', 'Pancaran', 'Lentera',
  'Pijar', 'Sekar', 'Ayu', 'Asri', 'Teguh', 'Tangguh', 'Santika', 'Bestari', 'Utari', 'Narada',
  'Anjani', 'Gading', 'Kemuning', 'Rimba', 'Dirgantara', 'Kalpataru', 'Purnama', 'Swadaya',
  'Mekar', 'Sinatria',
];

/** Place names: islands, rivers, kingdoms, towns. */
export const PLACE_WORDS = [
  'Tuban', 'Jember', 'Pekalongan', 'Solo', 'Palembang', 'Lumajang', 'Bondowoso', 'Batang',
  'Kudus', 'Kediri', 'Malang', 'Semarang', 'Bandung', 'Medan', 'Makassar', 'Bali', 'Jawa',
  'Sumatra', 'Borneo', 'Celebes', 'Andalas', 'Madura', 'Banyuwangi', 'Gresik', 'Bojonegoro',
  'Lamongan', 'Sragen', 'Klaten', 'Boyolali', 'Musi', 'Sriwijaya', 'Ampera', 'Bengawan',
  'Brantas', 'Majapahit', 'Mataram', 'Pajajaran', 'Kartasura', 'Jepara', 'Cirebon', 'Priangan',
  'Pasundan', 'Jogja', 'Kalimantan', 'Sulawesi', 'Papua', 'Maluku', 'Lampung', 'Riau', 'Siak',
  'Deli', 'Toba', 'Minang', 'Bromo', 'Kapuas', 'Mahakam', 'Tidar', 'Pantura', 'Ijen', 'Argopuro',
];

/** Personal-name-like words used as business names ("Budi Jaya", "Hartono Logistik"). */
export const PERSON_WORDS = [
  'Budi', 'Hartono', 'Susanto', 'Hendra', 'Slamet', 'Wahyu', 'Agus', 'Joko', 'Setiawan',
  'Gunawan', 'Kurniawan', 'Halim', 'Salim', 'Tanoto', 'Wijoyo', 'Sugeng', 'Bambang', 'Hadi',
  'Darmawan', 'Sutrisno', 'Purnomo', 'Harjo', 'Mulyono', 'Haryanto', 'Rudi', 'Yanto', 'Anton',
  'Dedi', 'Eko', 'Ahmad', 'Rahman', 'Hasan', 'Husein', 'Fatimah', 'Aisyah', 'Siti', 'Sri',
  'Dewi', 'Ratna', 'Lina', 'Yuni', 'Indra', 'Andi', 'Rizki', 'Fauzi', 'Iwan', 'Heru', 'Tono',
  'Liong', 'Kwee', 'Tjahjadi', 'Sudirman', 'Margono', 'Karto', 'Wongso', 'Ningsih', 'Lestiani',
];

/** Trailing words that decorate a name ("Surya Abadi Perkasa"). */
export const TRAILING_WORDS = ['Perkasa', 'Internasional', 'Group', 'Corpora'];

/** Words only ever used to turn a company's name into its subsidiary's ("… Syariah"). */
export const SUBSIDIARY_WORDS = [
  'Syariah', 'Ekspres', 'Investama', 'Kapital', 'Finance', 'Sekuritas', 'Ventura', 'Resources',
  'Holding',
];

/** Prefixes and suffixes of made-up compound words ("Indotama", "Kartamulya"). */
const COMPOUND_HEADS = [
  'Indo', 'Karta', 'Sinar', 'Tunas', 'Graha', 'Arta', 'Bina', 'Cipta', 'Dwi', 'Eka', 'Tri', 'Multi',
  'Mega', 'Panca', 'Sapta', 'Catur', 'Inti', 'Dian', 'Adhi', 'Mitra', 'Wahana', 'Sumber', 'Nusa',
  'Jaya', 'Putra', 'Surya', 'Prima', 'Duta', 'Anugrah', 'Bumi',
];
const COMPOUND_TAILS = [
  'tama', 'mas', 'jaya', 'indo', 'mulya', 'niaga', 'karya', 'persada', 'prima', 'nusa', 'sakti',
  'guna', 'daya', 'lestari', 'perkasa', 'raya', 'tirta', 'buana', 'sarana', 'makmur', 'lancar',
  'abadi',
];
/** Syllables for rare made-up trade names ("Kalindo", "Soremax"). */
const ONSETS = ['b', 'd', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'w', 'j', 'h', 'c'];
const VOWELS = ['a', 'i', 'u', 'e', 'o'];
const ENDINGS = ['ndo', 'nta', 'ra', 'ka', 'ya', 'ma', 'na', 'sa', 'x', 'tech', 'co', 'nesia'];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Made-up words, deterministic order, disjoint from every other class. */
export function buildMadeUpWords(exclude: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (w: string) => {
    const key = w.toUpperCase();
    if (seen.has(key) || exclude.has(key)) return;
    seen.add(key);
    out.push(w);
  };
  for (const h of COMPOUND_HEADS) for (const t of COMPOUND_TAILS) add(capitalise(h.toLowerCase() + t));
  const syllables: string[] = [];
  for (const o of ONSETS) for (const v of VOWELS) syllables.push(o + v);
  // Two syllables plus an ending: 75 × 75 × 12 combinations, thinned to every 5th (~8,400).
  let n = 0;
  for (const a of syllables) {
    for (const b of syllables) {
      if (a === b) continue;
      for (const e of ENDINGS) {
        n += 1;
        if (n % 5 === 0) add(capitalise(a + b + e));
      }
    }
  }
  return out;
}

export interface SectorDef {
  id: string;
  /** Words that can appear in a name of a company of this sector. */
  words: string[];
  /** KBLI 2020 five-digit codes. */
  kbli: string[];
  /** Description written into data_proyek[].uraian_usaha. */
  activity: string;
  /** Share of men among declared workers. */
  maleShare: number;
  /** Relative frequency among new permits outside the boosted regions. */
  weight: number;
  /** Only for this legal form family, if set. */
  only?: 'yayasan' | 'koperasi';
  /** OSS sektor code-ish label. */
  sektor: string;
}

export const SECTORS: SectorDef[] = [
  { id: 'dagang', words: ['Niaga', 'Trading', 'Distribusi', 'Mart'], kbli: ['47111', '46100', '47191', '46900', '46311'], activity: 'Perdagangan', maleShare: 0.55, weight: 24, sektor: 'PERDAGANGAN' },
  { id: 'kuliner', words: ['Kuliner', 'Pangan', 'Food', 'Boga'], kbli: ['56101', '56102', '10792', '10710'], activity: 'Penyediaan makanan dan minuman', maleShare: 0.4, weight: 14, sektor: 'PARIWISATA' },
  { id: 'konstruksi', words: ['Konstruksi', 'Kontraktor', 'Bangun', 'Teknik'], kbli: ['41011', '41012', '42101', '43211'], activity: 'Konstruksi', maleShare: 0.93, weight: 9, sektor: 'PUPR' },
  { id: 'logistik', words: ['Logistik', 'Transportasi', 'Ekspedisi', 'Trans'], kbli: ['49431', '52101', '53201', '49421'], activity: 'Angkutan dan pergudangan', maleShare: 0.86, weight: 7, sektor: 'PERHUBUNGAN' },
  { id: 'tekstil', words: ['Tekstil', 'Garmen', 'Konveksi'], kbli: ['13111', '14111', '13121'], activity: 'Industri tekstil dan pakaian jadi', maleShare: 0.3, weight: 3, sektor: 'PERINDUSTRIAN' },
  { id: 'batik', words: ['Batik'], kbli: ['13134', '14111'], activity: 'Industri batik', maleShare: 0.35, weight: 0.8, sektor: 'PERINDUSTRIAN' },
  { id: 'semen', words: ['Semen', 'Beton', 'Material'], kbli: ['23941', '23951', '08101'], activity: 'Industri semen dan bahan bangunan', maleShare: 0.9, weight: 0.8, sektor: 'PERINDUSTRIAN' },
  { id: 'tembakau', words: ['Tembakau', 'Cerutu'], kbli: ['01150', '12011', '12013'], activity: 'Pertanian dan pengolahan tembakau', maleShare: 0.45, weight: 0.5, sektor: 'PERINDUSTRIAN' },
  { id: 'perkebunan', words: ['Perkebunan', 'Agro', 'Tani'], kbli: ['01262', '01270', '01140'], activity: 'Perkebunan', maleShare: 0.65, weight: 4, sektor: 'PERTANIAN' },
  { id: 'perikanan', words: ['Perikanan', 'Mina', 'Marine'], kbli: ['03111', '03221', '10213'], activity: 'Perikanan', maleShare: 0.75, weight: 3, sektor: 'KELAUTAN DAN PERIKANAN' },
  { id: 'peternakan', words: ['Ternak', 'Farm', 'Unggas'], kbli: ['01461', '01411'], activity: 'Peternakan', maleShare: 0.7, weight: 2, sektor: 'PERTANIAN' },
  { id: 'properti', words: ['Properti', 'Realty', 'Land', 'Residence'], kbli: ['68111', '68200'], activity: 'Real estat', maleShare: 0.6, weight: 3, sektor: 'PUPR' },
  { id: 'teknologi', words: ['Teknologi', 'Digital', 'Solusi', 'Informatika'], kbli: ['62019', '62090', '63111'], activity: 'Teknologi informasi', maleShare: 0.7, weight: 3, sektor: 'KOMINFO' },
  { id: 'farmasi', words: ['Farmasi', 'Medika', 'Husada'], kbli: ['21012', '47722', '86103'], activity: 'Farmasi dan kesehatan', maleShare: 0.35, weight: 2, sektor: 'KESEHATAN' },
  { id: 'elektronik', words: ['Elektronik', 'Elektrik', 'Listrik'], kbli: ['27510', '95210', '47591'], activity: 'Elektronik', maleShare: 0.6, weight: 2, sektor: 'PERINDUSTRIAN' },
  { id: 'industri', words: ['Industri', 'Plastik', 'Mebel', 'Furniture', 'Manufaktur'], kbli: ['22220', '25119', '16101', '31001'], activity: 'Industri pengolahan', maleShare: 0.7, weight: 5, sektor: 'PERINDUSTRIAN' },
  { id: 'jasa', words: ['Jasa', 'Servis', 'Outsourcing', 'Security'], kbli: ['81210', '80100', '78200', '45201'], activity: 'Jasa', maleShare: 0.7, weight: 6, sektor: 'KETENAGAKERJAAN' },
  { id: 'wisata', words: ['Tour & Travel', 'Wisata', 'Hotel'], kbli: ['79120', '55110', '55130'], activity: 'Pariwisata dan akomodasi', maleShare: 0.5, weight: 2, sektor: 'PARIWISATA' },
  { id: 'pendidikan', words: ['Edukasi', 'Cendekia', 'Ilmu'], kbli: ['85111', '85220', '85130'], activity: 'Pendidikan', maleShare: 0.35, weight: 5, only: 'yayasan', sektor: 'PENDIDIKAN' },
  { id: 'kesehatan', words: ['Sehat', 'Waras', 'Klinik'], kbli: ['86103', '86901'], activity: 'Kesehatan', maleShare: 0.3, weight: 2, only: 'yayasan', sektor: 'KESEHATAN' },
  { id: 'sosial', words: ['Peduli', 'Kasih', 'Amal'], kbli: ['88101', '94990'], activity: 'Kegiatan sosial', maleShare: 0.45, weight: 2, only: 'yayasan', sektor: 'SOSIAL' },
  { id: 'simpanpinjam', words: ['Dana', 'Artha', 'Kredit'], kbli: ['64141', '64142'], activity: 'Simpan pinjam koperasi', maleShare: 0.5, weight: 6, only: 'koperasi', sektor: 'KOPERASI' },
];

/** Sectors favoured by region: Batik in Pekalongan, Semen in Tuban, Tembakau in Jember, … */
export const REGION_SECTOR_BOOST: Record<string, Record<string, number>> = {
  '3523': { semen: 12, perikanan: 2, perkebunan: 1.5 },
  '3509': { tembakau: 20, perkebunan: 3 },
  '3508': { perkebunan: 3, tembakau: 4, semen: 2 },
  '3511': { tembakau: 10, perkebunan: 3 },
  '3375': { batik: 30, tekstil: 4, perikanan: 2 },
  '3326': { batik: 25, tekstil: 4 },
  '3372': { batik: 12, tekstil: 5, kuliner: 1.3 },
  '1671': { perikanan: 2, perkebunan: 2.5, properti: 1.5, logistik: 1.3 },
};

/** Perseorangan trade-name prefixes by sector (else "Toko"). */
export const TRADE_PREFIX: Record<string, string[]> = {
  kuliner: ['Warung', 'Rumah Makan', 'Depot'],
  jasa: ['Bengkel'],
  elektronik: ['Toko', 'Bengkel'],
  dagang: ['Toko'],
  farmasi: ['Apotek'],
};

/** Spelling variants written by BPJS extracts, UPPER CASE, whole words (" & " handled apart). */
export const PREFERRED_VARIANTS: Record<string, string> = {
  INTERNASIONAL: 'INTERNATIONAL',
  INDUSTRI: 'INDUSTRY',
};
export const OTHER_VARIANTS: Record<string, string> = {
  TEKNOLOGI: 'TEHNOLOGI',
  LOGISTIK: 'LOGISTICS',
  KONSTRUKSI: 'CONSTRUCTION',
  ELEKTRONIK: 'ELECTRONICS',
  FARMASI: 'PHARMA',
  TEKSTIL: 'TEXTILE',
  JAYA: 'DJAJA',
  SUMBER: 'SOEMBER',
  REJEKI: 'REZEKI',
  PUTRA: 'PUTERA',
  MAKMUR: 'MAKMOER',
  SENTOSA: 'SENTAUSA',
  UTAMA: 'OETAMA',
  CAHAYA: 'CAHYA',
  SAMUDRA: 'SAMUDERA',
  MULIA: 'MULYA',
  SURYA: 'SOERYA',
  BERKAH: 'BAROKAH',
  SEJAHTERA: 'SEJAHTRA',
  NUSANTARA: 'NUSANTRA',
  TRANSPORTASI: 'TRANSPORTATION',
  PERIKANAN: 'FISHERY',
  GROUP: 'GRUP',
};
