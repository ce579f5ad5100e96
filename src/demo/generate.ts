/**
 * Deterministic, seeded generator of realistic demo and benchmark data: OSS `dataNIB` permits
 * (loose, as OSS sends them), the matching BPJS Ketenagakerjaan employer extract, and the
 * ground truth that links them.
 *
 * Design
 * - Random access: every company is a pure function of (options, index). Each generator call
 *   owns one small PRNG (sfc32) that is re-seeded from a hash of (seed, index) for every
 *   company, so company i never depends on companies before it. Nothing is kept in memory
 *   between companies: 1,000,000 companies stream in constant memory.
 * - Identifiers are bijections of the index mixed with the seed (a keyed Feistel network with
 *   cycle walking), so NIBs, NPPs and NPWPs are distinct without a Set.
 * - Names are unique by construction. Words come from disjoint classes (names.ts), so a name's
 *   class sequence (its template) can be read back from the name. Every name index
 *   (permit companies first, then extra employers) is mapped bijectively to a template and a
 *   combination of its counted words; free slots (sector word, trailing word, "&"/"dan") do
 *   not need to be counted. Base names are therefore globally distinct, except where a
 *   relation makes them equal on purpose:
 *     · pairs (2m, 2m+1) of the same population can be "namesake" (2m+1 copies 2m's name in
 *       another kab/kota) or "subsidiary" (2m+1 = 2m's name + a subsidiary word);
 *     · extra employers can be near-namesakes of a permit company from a plain pair, chosen
 *       injectively (same name in another kab/kota, or the name plus a subsidiary word).
 *   Together this keeps (base name, kab/kota) unique among all generated companies.
 */
import { faker as fakerIdId } from '@faker-js/faker/locale/id_ID';
import { kabKotaList, type KabKota } from '../reference/regions.js';
import { minimumWageTable } from '../reference/minimumWage.js';
import {
  COMMON_WORDS,
  DISTINCT_WORDS,
  OTHER_VARIANTS,
  PERSON_WORDS,
  PLACE_WORDS,
  PREFERRED_VARIANTS,
  REGION_SECTOR_BOOST,
  SECTORS,
  SUBSIDIARY_WORDS,
  TOP_WORDS,
  TRADE_PREFIX,
  TRAILING_WORDS,
  buildMadeUpWords,
  type SectorDef,
} from './names.js';

// ───────────────────────────── public API ─────────────────────────────

export interface GenerateOptions {
  seed: number;
  /** Number of companies that hold an OSS permit. */
  companies: number;
  /** kab/kota codes (4 digits) that get most permits; default: the demo branches' regions. */
  focusRegions?: string[];
  /** Default 0.85; the rest spread over all other kab/kota weighted by population. */
  focusShare?: number;
  /** Default 0.45: share of permit companies that are enrolled with BPJS. */
  enrolledShare?: number;
  /** Default round(companies*0.5): enrolled employers with no permit in the data. */
  extraEmployers?: number;
}

export interface EnrollmentRow {
  npp: string;
  nama_perusahaan: string;
  npwp: string;
  nib: string;
  alamat: string;
  kode_wilayah: string;
  status: string;
  program: string;
  tk_aktif: string;
  total_upah: string;
  bulan_tunggakan: string;
}

/** The compliance situation of a permit company (the "main kind" for evaluation). */
export type TruthKind =
  | 'registered' // enrolled and compliant
  | 'unregistered' // PWBD: no enrollment at all
  | 'pds_tk' // fewer workers reported than declared
  | 'pds_upah' // average wage under the local minimum wage
  | 'pds_program' // a mandatory program missing
  | 'arrears' // tunggakan iuran
  | 'inactive'; // enrollment NONAKTIF / TUTUP

/** How the BPJS name differs from the OSS name beyond case and legal-form spelling. */
export type NameVariant = 'exact' | 'typo' | 'truncated' | 'spelling';

export interface CompanyTruth {
  nib: string;
  /** The NPP of the company's real enrollment, or null when it is not enrolled. */
  npp: string | null;
  kind: TruthKind;
  /** Name variant in the enrollment extract; null when not enrolled. */
  nameVariant: NameVariant | null;
  /** The name without legal form, as generated (title case). */
  baseName: string;
  kabKota: string;
  scale: string;
  declaredWorkers: number;
  /** False for revoked documents (tipe 3) and revoked NIBs (status 06): no findings expected. */
  permitActive: boolean;
  /** True when the permit carries the NPP in `no_npp`. */
  nppInPermit: boolean;
  /** Set when this company's name was made from another permit company's name. */
  relation: 'namesake' | 'subsidiary' | null;
  relatedNib: string | null;
}

export interface GeneratedCompany {
  /** A dataNIB object (without the `{"dataNIB": …}` wrapper). */
  permit: Record<string, unknown>;
  employer: EnrollmentRow | null;
  truth: CompanyTruth;
}

export interface ExtraEmployer {
  row: EnrollmentRow;
  /** NIB of the permit company this employer was made to resemble (a hard non-match), if any. */
  nearNamesakeOf: string | null;
  nearKind: 'same_name_other_region' | 'extra_word' | null;
}

export const DEFAULT_FOCUS_REGIONS = ['3523', '3509', '3508', '3511', '3375', '3326', '3372', '1671'];

export const ENROLLMENT_HEADER =
  'npp,nama_perusahaan,npwp,nib,alamat,kode_wilayah,status,program,tk_aktif,total_upah,bulan_tunggakan';

const ENROLLMENT_KEYS = ENROLLMENT_HEADER.split(',') as (keyof EnrollmentRow)[];

/** One CSV line (RFC 4180 quoting), no trailing newline. */
export function enrollmentCsvLine(row: EnrollmentRow): string {
  let line = '';
  for (let k = 0; k < ENROLLMENT_KEYS.length; k += 1) {
    if (k > 0) line += ',';
    line += csvCell(row[ENROLLMENT_KEYS[k]!] ?? '');
  }
  return line;
}

function csvCell(value: string): string {
  const s = String(value);
  if (/[",\r\n]/.test(s) || /^\s|\s$/.test(s)) return `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** Lazily yields the permit companies one by one (constant memory). */
export function* generateCompanies(options: GenerateOptions): Generator<GeneratedCompany> {
  const ctx = makeContext(options);
  for (let i = 0; i < ctx.companies; i += 1) yield buildCompany(ctx, i);
}

/** Lazily yields the extra employers (enrolled, no permit) with what they were made to resemble. */
export function* generateExtraEmployerDetails(options: GenerateOptions): Generator<ExtraEmployer> {
  const ctx = makeContext(options);
  for (let e = 0; e < ctx.extras; e += 1) yield buildExtra(ctx, e);
}

/** Lazily yields the extra employers (enrolled, no permit). NPPs/NIBs distinct from generateCompanies'. */
export function* generateExtraEmployers(options: GenerateOptions): Generator<EnrollmentRow> {
  for (const extra of generateExtraEmployerDetails(options)) yield extra.row;
}

/** Convenience for small sizes: everything in arrays (enrollment sorted by NPP). */
export function generateDemoData(options: GenerateOptions): {
  permits: Record<string, unknown>[];
  enrollment: EnrollmentRow[];
  truth: CompanyTruth[];
} {
  const permits: Record<string, unknown>[] = [];
  const enrollment: EnrollmentRow[] = [];
  const truth: CompanyTruth[] = [];
  for (const c of generateCompanies(options)) {
    permits.push(c.permit);
    if (c.employer) enrollment.push(c.employer);
    truth.push(c.truth);
  }
  for (const row of generateExtraEmployers(options)) enrollment.push(row);
  enrollment.sort((a, b) => (a.npp < b.npp ? -1 : a.npp > b.npp ? 1 : 0));
  return { permits, enrollment, truth };
}

// ───────────────────────────── hashing and PRNG ─────────────────────────────

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

function hash4(a: number, b: number, c: number, d: number): number {
  let h = mix32(a ^ 0x9e3779b9);
  h = mix32(h ^ mix32(b + 0x85ebca6b));
  h = mix32(h ^ mix32(c + 0xc2b2ae35));
  return mix32(h ^ mix32(d + 0x27d4eb2f));
}

const TWO32 = 4294967296;

/** sfc32: small, fast, good statistical quality; re-seeded per company. */
class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 1;

  reseed(k: number, stream: number, index: number): void {
    this.a = hash4(k, stream, index, 1);
    this.b = hash4(k, stream, index, 2);
    this.c = hash4(k, stream, index, 3);
    this.d = 1;
    for (let n = 0; n < 8; n += 1) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  float(): number {
    return this.next() / TWO32;
  }

  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** n decimal digits. */
  digits(n: number): string {
    let s = '';
    while (s.length < n) s += String(this.next() % 1_000_000_000).padStart(9, '0');
    return s.slice(0, n);
  }
}

/** A keyed bijection on [0, size): 4-round Feistel network on the next even power of two, cycle walking. */
class Permutation {
  private readonly half: number;
  private readonly mask: number;
  private readonly keys: number[];

  constructor(
    readonly size: number,
    key: number,
    salt: number,
  ) {
    if (size < 1 || size > 2 ** 32) throw new RangeError(`permutation size out of range: ${size}`);
    let bits = 2;
    while (2 ** bits < size) bits += 1;
    if (bits % 2) bits += 1;
    this.half = bits / 2;
    this.mask = 2 ** this.half - 1;
    this.keys = [1, 2, 3, 4].map((r) => hash4(key, salt, r, 0xfe15));
  }

  apply(x: number): number {
    const { half, mask, keys, size } = this;
    const hi = 2 ** half;
    do {
      let l = Math.floor(x / hi);
      let r = x % hi;
      for (let round = 0; round < 4; round += 1) {
        const f = mix32((r ^ keys[round]!) >>> 0) & mask;
        const nl = r;
        r = (l ^ f) & mask;
        l = nl;
      }
      x = l * hi + r;
    } while (x >= size);
    return x;
  }
}

/** Cumulative weights for picking with a uniform number in [0,1). */
class Weighted<T> {
  readonly items: T[];
  private readonly cum: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    const kept = entries.filter(([, w]) => w > 0);
    if (kept.length === 0) throw new RangeError('no positive weights');
    this.items = kept.map(([item]) => item);
    this.cum = new Float64Array(kept.length);
    let sum = 0;
    kept.forEach(([, w], idx) => {
      sum += w;
      this.cum[idx] = sum;
    });
    this.total = sum;
  }

  pick(u: number): T {
    const target = u * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

// ───────────────────────────── static tables ─────────────────────────────

const S = {
  region: 1,
  form: 2,
  sector: 3,
  slot: 4,
  relation: 5,
  body: 6,
  extra: 7,
  near: 8,
  nib: 9,
  nearRegion: 10,
  namesakeRegion: 11,
  kpp: 12,
} as const;

/** A top common, C other common, D distinctive, L place, N person-like, X made-up. */
type WordClass = 'A' | 'C' | 'D' | 'L' | 'N' | 'X';
type SlotKind = WordClass | 'S' | 'T' | '&';

interface TemplateDef {
  slots: SlotKind[];
  weight: number;
}

/**
 * Name templates. Short all-common templates have few combinations: at large sizes they fill
 * up and the rest flows to longer, more distinctive templates — as in the real registry,
 * where PT names must be unique nationally.
 */
const TEMPLATE_DEFS: TemplateDef[] = [
  { slots: ['A', 'A'], weight: 5 },
  { slots: ['A', 'A', 'A'], weight: 3 },
  { slots: ['A', 'A', 'S'], weight: 4 },
  { slots: ['A', 'S'], weight: 1.5 },
  { slots: ['A', 'C'], weight: 3 },
  { slots: ['C', 'A'], weight: 3 },
  { slots: ['A', 'A', 'T'], weight: 1 },
  { slots: ['D', 'A'], weight: 7 },
  { slots: ['A', 'D'], weight: 4 },
  { slots: ['D', 'A', 'S'], weight: 5 },
  { slots: ['D', 'A', 'A'], weight: 4 },
  { slots: ['D', 'A', 'T'], weight: 1.5 },
  { slots: ['L', 'A'], weight: 2 },
  { slots: ['L', 'A', 'S'], weight: 1.5 },
  { slots: ['N', 'A'], weight: 2 },
  { slots: ['X', 'A'], weight: 3 },
  { slots: ['X', 'A', 'S'], weight: 3 },
  { slots: ['D', 'D', 'A'], weight: 2 },
  { slots: ['A', 'D', 'D'], weight: 1.5 },
  { slots: ['C', 'C'], weight: 2.5 },
  { slots: ['C', 'C', 'C'], weight: 1.5 },
  { slots: ['C', 'C', 'S'], weight: 2 },
  { slots: ['C', 'S'], weight: 1 },
  { slots: ['D', 'C'], weight: 4 },
  { slots: ['D', 'C', 'S'], weight: 3 },
  { slots: ['C', 'D'], weight: 3 },
  { slots: ['D', 'C', 'C'], weight: 1.5 },
  { slots: ['L', 'C'], weight: 1 },
  { slots: ['N', 'C'], weight: 1 },
  { slots: ['X', 'C'], weight: 2 },
  { slots: ['X', 'C', 'S'], weight: 2 },
  { slots: ['D', 'S'], weight: 4 },
  { slots: ['D', 'D'], weight: 6 },
  { slots: ['D', 'D', 'S'], weight: 4 },
  { slots: ['L', 'D', 'S'], weight: 2 },
  { slots: ['N', 'S'], weight: 2 },
  { slots: ['X'], weight: 3 },
  { slots: ['X', 'S'], weight: 4 },
  { slots: ['X', 'D'], weight: 3 },
  { slots: ['D', '&', 'D'], weight: 1.5 },
  { slots: ['X', 'T'], weight: 1.5 },
  { slots: ['X', 'D', 'S'], weight: 2 },
  // Overflow only (weight 0): absorbs whatever the others cannot hold.
  { slots: ['X', 'X', 'S'], weight: 0 },
];

interface Vocab {
  classes: Record<WordClass, readonly string[]>;
}

let vocabCache: Vocab | undefined;

function vocab(): Vocab {
  if (vocabCache) return vocabCache;
  const taken = new Set<string>();
  for (const list of [TOP_WORDS, COMMON_WORDS, DISTINCT_WORDS, PLACE_WORDS, PERSON_WORDS, TRAILING_WORDS, SUBSIDIARY_WORDS]) {
    for (const w of list) taken.add(w.toUpperCase());
  }
  for (const s of SECTORS) for (const w of s.words) for (const t of w.split(' ')) taken.add(t.toUpperCase());
  for (const t of ['DAN', 'PT', 'CV', 'UD', 'FA', 'PD', 'KSP', 'KSU', 'KUD', 'TBK', 'PERSERO', 'TOKO', 'YAYASAN', 'KOPERASI', 'PERUM', 'FIRMA']) {
    taken.add(t);
  }
  for (const v of [...Object.values(PREFERRED_VARIANTS), ...Object.values(OTHER_VARIANTS)]) taken.add(v);
  vocabCache = {
    classes: {
      A: TOP_WORDS,
      C: COMMON_WORDS,
      D: DISTINCT_WORDS,
      L: PLACE_WORDS,
      N: PERSON_WORDS,
      X: buildMadeUpWords(taken),
    },
  };
  return vocabCache;
}

/** Every word class, for tests: the classes must be pairwise disjoint. */
export function wordClassesForTest(): Record<string, readonly string[]> {
  const v = vocab();
  return {
    ...v.classes,
    T: TRAILING_WORDS,
    SUB: SUBSIDIARY_WORDS,
    S: SECTORS.flatMap((s) => s.words.flatMap((w) => w.split(' '))).filter((w) => w !== '&'),
  };
}

interface Template {
  def: TemplateDef;
  counted: WordClass[];
  radices: number[];
  capacity: number;
  start: number;
  allot: number;
  perm: Permutation | null;
  hasSector: boolean;
  /** Only common words: such names recur in many kab/kota. */
  commonOnly: boolean;
}

function buildTemplates(total: number, key: number): Template[] {
  const v = vocab();
  const templates: Template[] = TEMPLATE_DEFS.map((def) => {
    const counted = def.slots.filter((s): s is WordClass => s in v.classes);
    const seen: Record<string, number> = {};
    const radices = counted.map((c) => {
      const used = seen[c] ?? 0;
      seen[c] = used + 1;
      return v.classes[c].length - used;
    });
    return {
      def,
      counted,
      radices,
      capacity: radices.reduce((a, b) => a * b, 1),
      start: 0,
      allot: 0,
      perm: null,
      hasSector: def.slots.includes('S'),
      commonOnly: counted.every((c) => c === 'A' || c === 'C'),
    };
  });
  const weightSum = templates.reduce((a, t) => a + t.def.weight, 0);
  let assigned = 0;
  for (const t of templates) {
    t.allot = Math.min(t.capacity, Math.floor((t.def.weight / weightSum) * total));
    assigned += t.allot;
  }
  // Distribute the rest over templates with spare capacity, in proportion to weight (overflow: 1).
  let rest = total - assigned;
  while (rest > 0) {
    const open = templates.filter((t) => t.allot < t.capacity);
    if (open.length === 0) throw new RangeError(`too many names requested (${total})`);
    const openWeight = open.reduce((a, t) => a + (t.def.weight || 1), 0);
    let given = 0;
    for (const t of open) {
      if (rest - given <= 0) break;
      const share = Math.max(1, Math.floor((rest * (t.def.weight || 1)) / openWeight));
      const add = Math.min(share, t.capacity - t.allot, rest - given);
      t.allot += add;
      given += add;
    }
    rest -= given;
  }
  let start = 0;
  templates.forEach((t, idx) => {
    t.start = start;
    start += t.allot;
    t.perm = t.allot > 0 ? new Permutation(t.capacity, key, 1000 + idx) : null;
  });
  return templates.filter((t) => t.allot > 0);
}

const LEGAL_FORMS = new Weighted<string>([
  ['01', 46],
  ['02', 25],
  ['07', 5],
  ['10', 3],
  ['17', 15],
  ['26', 5],
  ['21', 0.3],
  ['05', 0.7],
]);

/** Business scale by legal form: micro, small, medium, large. */
const SCALE_BY_FORM: Record<string, Weighted<string>> = {
  '01': scaleTable(43, 29, 17, 11),
  '02': scaleTable(70, 25, 4.5, 0.5),
  '05': scaleTable(70, 26, 4, 0),
  '07': scaleTable(60, 30, 8, 2),
  '10': scaleTable(55, 30, 12, 3),
  '17': scaleTable(90, 10, 0, 0),
  '26': scaleTable(85, 15, 0, 0),
  '21': scaleTable(0, 0, 20, 80),
};

function scaleTable(micro: number, small: number, medium: number, large: number): Weighted<string> {
  return new Weighted([
    ['01', micro],
    ['02', small],
    ['03', medium],
    ['04', large],
  ]);
}

const MANDATORY: Record<string, string[]> = {
  '01': ['JKK', 'JKM'],
  '02': ['JKK', 'JKM', 'JHT'],
  '03': ['JKK', 'JKM', 'JHT', 'JP'],
  '04': ['JKK', 'JKM', 'JHT', 'JP'],
};
const PROGRAM_ORDER = ['JKK', 'JKM', 'JHT', 'JP', 'JKP'];

/** Enrollment probability by scale at enrolledShare 0.45 (scaled for other shares). */
const ENROLL_BY_SCALE: Record<string, number> = { '01': 0.445, '02': 0.48, '03': 0.45, '04': 0.42 };
/** Share of enrolled companies reporting fewer workers, by scale (≈25 % overall). */
const PDS_TK_BY_SCALE: Record<string, number> = { '01': 0.18, '02': 0.3, '03': 0.38, '04': 0.45 };
/** The other kinds among enrolled companies that are not pds_tk (overall 10/8/8/4 %). */
const OTHER_KINDS = new Weighted<TruthKind>([
  ['pds_upah', 10],
  ['pds_program', 8],
  ['arrears', 8],
  ['inactive', 4],
  ['registered', 45],
]);

const NIB_PREFIXES = ['9120', '0220', '1220', '8120', '1265', '0402', '2703', '9129', '1202', '0812'];
const START_MS = Date.UTC(2023, 0, 1, 0, 0, 0);
const END_MS = Date.UTC(2026, 9, 31, 23, 59, 59);

const FAKER_DEFS = fakerIdId.rawDefinitions;
const STREET_PREFIXES: readonly string[] = FAKER_DEFS.location?.street_prefix ?? ['Jln.'];
const CITY_NAMES: readonly string[] = FAKER_DEFS.location?.city_name ?? ['Surabaya'];
const FIRST_MALE: readonly string[] = FAKER_DEFS.person?.first_name?.male ?? ['Budi'];
const FIRST_FEMALE: readonly string[] = FAKER_DEFS.person?.first_name?.female ?? ['Siti'];
const LAST_MALE: readonly string[] = FAKER_DEFS.person?.last_name?.male ?? ['Santoso'];
const LAST_FEMALE: readonly string[] = FAKER_DEFS.person?.last_name?.female ?? ['Lestari'];
const KEL_HEADS = ['Suka', 'Karang', 'Sido', 'Tegal', 'Kali', 'Banjar', 'Sumber', 'Wono', 'Mulyo', 'Rejo', 'Jati', 'Gedong', 'Tanjung', 'Pasir'];
const KEL_TAILS = ['maju', 'rejo', 'mulyo', 'harjo', 'sari', 'asri', 'jaya', 'agung', 'makmur', 'wangi', 'kidul', 'lor', 'anyar', 'baru'];
const ROAD_NAMES = [...DISTINCT_WORDS.slice(0, 40), 'Sudirman', 'Diponegoro', 'Gatot Subroto', 'Ahmad Yani', 'Pahlawan', 'Merdeka', 'Veteran', 'Basuki Rahmat', 'Imam Bonjol', 'Kartini', 'Gajah Mada', 'Hayam Wuruk', 'Pemuda', 'Pattimura'];
const MOBILE_PREFIXES = ['0811', '0812', '0813', '0821', '0822', '0852', '0853', '0857', '0858', '0877', '0878', '0895', '0896', '0881', '0838'];
const AREA_CODES = ['021', '022', '024', '031', '0274', '0271', '0356', '0331', '0335', '0332', '0334', '0285', '0711', '0341', '0343', '0351', '0353', '061', '0411', '0361', '0251', '0254', '0370', '0380'];
const EMAIL_DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.co.id', 'yahoo.com', 'gmail.co.id'];

// ───────────────────────────── context ─────────────────────────────

interface Context {
  key: number;
  companies: number;
  extras: number;
  total: number;
  focusShare: number;
  focus: Weighted<KabKota> | null;
  other: Weighted<KabKota> | null;
  kabByCode: Map<string, KabKota>;
  provinceKabs: Map<string, KabKota[]>;
  wage: Map<string, number>;
  templates: Template[];
  namePerm: Permutation;
  nibPerm: Permutation;
  nppPerm: Permutation;
  npwpPerm: Permutation;
  npwpSize: number;
  sectorDefault: Weighted<SectorDef>;
  sectorByRegion: Map<string, Weighted<SectorDef>>;
  sectorYayasan: Weighted<SectorDef>;
  sectorKoperasi: Weighted<SectorDef>;
  enrollByScale: Record<string, number>;
  nearPairs: number;
  nearMul: number;
  nearAdd: number;
  rng: Rng;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function makeContext(options: GenerateOptions): Context {
  const { seed } = options;
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number');
  const companies = options.companies;
  if (!Number.isInteger(companies) || companies < 0) throw new RangeError('companies must be a whole number ≥ 0');
  const extras = options.extraEmployers ?? Math.round(companies * 0.5);
  if (!Number.isInteger(extras) || extras < 0) throw new RangeError('extraEmployers must be a whole number ≥ 0');
  const enrolledShare = options.enrolledShare ?? 0.45;
  if (!(enrolledShare >= 0 && enrolledShare <= 1)) throw new RangeError('enrolledShare must be between 0 and 1');
  let focusShare = options.focusShare ?? 0.85;
  if (!(focusShare >= 0 && focusShare <= 1)) throw new RangeError('focusShare must be between 0 and 1');

  const whole = Math.trunc(seed);
  const lo = whole >>> 0;
  const hi = Math.floor(whole / TWO32) >>> 0;
  const key = mix32(lo ^ mix32(hi + 0x51ed270b));

  const all = kabKotaList();
  const kabByCode = new Map(all.map((k) => [k.code, k]));
  const focusCodes = (options.focusRegions ?? DEFAULT_FOCUS_REGIONS).map((c) => c.replace(/\./g, '').trim());
  const focusList: KabKota[] = [...new Set(focusCodes)].map(
    (code) => kabByCode.get(code) ?? { code, name: code, provinceCode: code.slice(0, 2), population: 0 },
  );
  const focusSet = new Set(focusList.map((k) => k.code));
  const otherList = all.filter((k) => !focusSet.has(k.code));
  // Population weights, with a floor so that kab/kota without a figure still appear.
  const focus = focusList.length ? new Weighted(focusList.map((k) => [k, Math.max(k.population, 50_000)] as const)) : null;
  const other = otherList.length ? new Weighted(otherList.map((k) => [k, Math.max(k.population, 20_000)] as const)) : null;
  if (!focus) focusShare = 0;
  if (!other) focusShare = 1;
  if (!focus && !other) throw new RangeError('no regions to generate for');

  const provinceKabs = new Map<string, KabKota[]>();
  for (const k of [...all, ...focusList.filter((f) => !kabByCode.has(f.code))]) {
    const list = provinceKabs.get(k.provinceCode) ?? [];
    list.push(k);
    provinceKabs.set(k.provinceCode, list);
  }

  const table = minimumWageTable();
  const wage = new Map<string, number>();
  for (const k of [...all, ...focusList]) {
    wage.set(k.code, table.forKabKota(k.code, 2026)?.amount ?? table.forKabKota(k.code, 2025)?.amount ?? 3_000_000);
  }

  const general = SECTORS.filter((s) => !s.only);
  const sectorDefault = new Weighted(general.map((s) => [s, s.weight] as const));
  const sectorByRegion = new Map<string, Weighted<SectorDef>>();
  for (const [code, boost] of Object.entries(REGION_SECTOR_BOOST)) {
    sectorByRegion.set(code, new Weighted(general.map((s) => [s, s.weight * (boost[s.id] ?? 1)] as const)));
  }
  const sectorYayasan = new Weighted(SECTORS.filter((s) => s.only === 'yayasan').map((s) => [s, s.weight] as const));
  const byId = new Map(SECTORS.map((s) => [s.id, s]));
  const sectorKoperasi = new Weighted<SectorDef>(
    (
      [
        ['simpanpinjam', 12],
        ['dagang', 6],
        ['perkebunan', 4],
        ['perikanan', 3],
        ['peternakan', 2],
        ['tembakau', 1],
      ] as const
    ).map(([id, w]) => [byId.get(id)!, w] as const),
  );

  const total = companies + extras;
  const enrollByScale: Record<string, number> = {};
  for (const [scale, p] of Object.entries(ENROLL_BY_SCALE)) enrollByScale[scale] = Math.min(1, (p * enrolledShare) / 0.45);

  const nearPairs = Math.floor(companies / 2);
  let nearMul = 1;
  if (nearPairs > 1) {
    nearMul = (hash4(key, S.near, 0, 7) % nearPairs) | 1;
    while (gcd(nearMul, nearPairs) !== 1) nearMul = (nearMul + 2) % nearPairs || 1;
  }
  const npwpSize = Math.max(1, Math.min(9_000_000, total));

  return {
    key,
    companies,
    extras,
    total,
    focusShare,
    focus,
    other,
    kabByCode,
    provinceKabs,
    wage,
    templates: buildTemplates(Math.max(total, 1), key),
    namePerm: new Permutation(Math.max(total, 1), key, 11),
    nibPerm: new Permutation(1_000_000_000, key, 12),
    nppPerm: new Permutation(90_000_000, key, 13),
    npwpPerm: new Permutation(9_000_000, key, 14),
    npwpSize,
    sectorDefault,
    sectorByRegion,
    sectorYayasan,
    sectorKoperasi,
    enrollByScale,
    nearPairs,
    nearMul,
    nearAdd: nearPairs > 0 ? hash4(key, S.near, 0, 9) % nearPairs : 0,
    rng: new Rng(),
  };
}

// ───────────────────────────── identity (random access) ─────────────────────────────

function hf(ctx: Context, stream: number, g: number, sub = 0): number {
  return hash4(ctx.key, stream, g, sub) / TWO32;
}

function regionOf(ctx: Context, g: number, sub = 0): KabKota {
  const u = hf(ctx, S.region, g, sub);
  if (ctx.focus && (u < ctx.focusShare || !ctx.other)) return ctx.focus.pick(u / (ctx.focusShare || 1));
  return ctx.other!.pick((u - ctx.focusShare) / (1 - ctx.focusShare));
}

/** A kab/kota different from `avoid`, drawn like any other. */
function regionOtherThan(ctx: Context, g: number, avoid: string, stream: number): KabKota {
  for (let sub = 1; sub <= 12; sub += 1) {
    const r = regionOf(ctx, g + stream * 7919, sub);
    if (r.code !== avoid) return r;
  }
  const all = kabKotaList();
  const idx = all.findIndex((k) => k.code === avoid);
  return all[(idx + 1) % all.length]!;
}

type Relation = 'none' | 'namesake' | 'subsidiary';

function formOf(ctx: Context, g: number): string {
  return LEGAL_FORMS.pick(hf(ctx, S.form, g));
}

/** Relation of the pair (2m, 2m+1); both must be in the same population. */
function relationOf(ctx: Context, m: number): Relation {
  const a = 2 * m;
  const b = a + 1;
  if (b >= ctx.total) return 'none';
  if (a < ctx.companies !== b < ctx.companies) return 'none';
  const u = hf(ctx, S.relation, m);
  // Names of common words only are shared by unrelated companies in other kab/kota far more often.
  const namesake = u < 0.15 && templateOf(ctx, a).commonOnly ? 0.15 : 0.05;
  if (u < namesake) return 'namesake';
  if (u < namesake + 0.04) {
    const parentForm = formOf(ctx, a);
    return parentForm === '01' || parentForm === '26' || parentForm === '02' ? 'subsidiary' : 'none';
  }
  return 'none';
}

function sectorOf(ctx: Context, g: number, region: string, form: string): SectorDef {
  const u = hf(ctx, S.sector, g);
  if (form === '10') return ctx.sectorYayasan.pick(u);
  if (form === '07') return ctx.sectorKoperasi.pick(u);
  return (ctx.sectorByRegion.get(region) ?? ctx.sectorDefault).pick(u);
}

interface StructuralName {
  text: string;
  hasSector: boolean;
}

function templateAt(ctx: Context, p: number): Template {
  const ts = ctx.templates;
  let lo = 0;
  let hi = ts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ts[mid]!.start <= p) lo = mid;
    else hi = mid - 1;
  }
  return ts[lo]!;
}

function templateOf(ctx: Context, g: number): Template {
  return templateAt(ctx, ctx.namePerm.apply(g));
}

function structuralName(ctx: Context, g: number, sector: SectorDef): StructuralName {
  const p = ctx.namePerm.apply(g);
  const t = templateAt(ctx, p);
  let x = t.perm!.apply(p - t.start);
  const classes = vocab().classes;
  const chosen: number[] = [];
  const chosenClass: WordClass[] = [];
  const words: string[] = [];
  for (let s = 0; s < t.counted.length; s += 1) {
    const radix = t.radices[s]!;
    let digit = x % radix;
    x = Math.floor(x / radix);
    const cls = t.counted[s]!;
    // The digit-th word of the class not used yet by an earlier slot of the same class.
    const used = chosen.filter((_, k) => chosenClass[k] === cls).sort((a, b) => a - b);
    for (const u of used) if (digit >= u) digit += 1;
    chosen.push(digit);
    chosenClass.push(cls);
    words.push(classes[cls][digit]!);
  }
  const out: string[] = [];
  let w = 0;
  let free = 0;
  for (const slot of t.def.slots) {
    if (slot === 'S') {
      out.push(sector.words[Math.floor(hf(ctx, S.slot, g, free++) * sector.words.length)]!);
    } else if (slot === 'T') {
      out.push(TRAILING_WORDS[Math.floor(hf(ctx, S.slot, g, free++) * TRAILING_WORDS.length)]!);
    } else if (slot === '&') {
      out.push(hf(ctx, S.slot, g, free++) < 0.6 ? '&' : 'dan');
    } else {
      out.push(words[w++]!);
    }
  }
  return { text: out.join(' '), hasSector: t.hasSector };
}

interface Identity {
  region: KabKota;
  form: string;
  sector: SectorDef;
  base: string;
  relation: Relation;
  /** Global index of the company whose name this one derives from, or -1. */
  related: number;
}

/** Region, legal form, sector and name of global index g (permit companies, then extras). */
function identityOf(ctx: Context, g: number): Identity {
  const m = Math.floor(g / 2);
  const relation = g % 2 === 1 ? relationOf(ctx, m) : 'none';
  let form = formOf(ctx, g);
  if (relation === 'none') {
    const region = regionOf(ctx, g);
    const sector = sectorOf(ctx, g, region.code, form);
    return { region, form, sector, base: structuralName(ctx, g, sector).text, relation, related: -1 };
  }
  const parent = g - 1;
  const parentRegion = regionOf(ctx, parent);
  const parentForm = formOf(ctx, parent);
  const parentSector = sectorOf(ctx, parent, parentRegion.code, parentForm);
  const parentName = structuralName(ctx, parent, parentSector);
  if (relation === 'namesake') {
    const region = regionOtherThan(ctx, g, parentRegion.code, S.namesakeRegion);
    // Foundations and cooperatives keep their family; a namesake of one is one too.
    if (parentForm === '10' || parentForm === '07' || form === '10' || form === '07' || form === '21') form = parentForm;
    const sector = parentName.hasSector ? parentSector : sectorOf(ctx, g, region.code, form);
    return { region, form, sector, base: parentName.text, relation, related: parent };
  }
  // Subsidiary: same group, often the same kab/kota.
  const region = hf(ctx, S.region, g, 99) < 0.5 ? parentRegion : regionOf(ctx, g);
  form = form === '02' || form === '01' ? form : '01';
  const sector = parentName.hasSector ? parentSector : sectorOf(ctx, g, region.code, form);
  const word = SUBSIDIARY_WORDS[Math.floor(hf(ctx, S.slot, g, 50) * SUBSIDIARY_WORDS.length)]!;
  return { region, form, sector, base: `${parentName.text} ${word}`, relation, related: parent };
}

// ───────────────────────────── identifiers ─────────────────────────────

function nibOf(ctx: Context, g: number): string {
  const prefix = NIB_PREFIXES[Math.floor(hf(ctx, S.nib, g) * NIB_PREFIXES.length)]!;
  return prefix + String(ctx.nibPerm.apply(g)).padStart(9, '0');
}

function nppOf(ctx: Context, g: number): string {
  return String(10_000_000 + ctx.nppPerm.apply(g));
}

function luhnDigit(digits: string): number {
  let sum = 0;
  for (let k = 0; k < digits.length; k += 1) {
    let d = digits.charCodeAt(digits.length - 1 - k) - 48;
    if (k % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The 15-digit NPWP of global index g (distinct for up to 9 million companies). */
function npwpOf(ctx: Context, g: number): string {
  const x = ctx.npwpPerm.apply(g % ctx.npwpSize);
  const head = `0${1 + Math.floor(x / 1_000_000)}${String(x % 1_000_000).padStart(6, '0')}`;
  const kpp = String(1 + (hash4(ctx.key, S.kpp, g, 0) % 999)).padStart(3, '0');
  return `${head}${luhnDigit(head)}${kpp}000`;
}

function formatNpwp(d15: string, style: number): string {
  if (style === 0) return `${d15.slice(0, 2)}.${d15.slice(2, 5)}.${d15.slice(5, 8)}.${d15.slice(8, 9)}-${d15.slice(9, 12)}.${d15.slice(12, 15)}`;
  if (style === 1) return d15;
  return `0${d15}`;
}

// ───────────────────────────── text helpers ─────────────────────────────

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s.,(&-])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "YYYY-MM-DD HH:mm:ss" of a UTC millisecond count (civil-from-days; faster than Date#toISOString). */
function ossDate(ms: number): string {
  const secs = Math.floor(ms / 1000);
  const days = Math.floor(secs / 86_400);
  let rest = secs - days * 86_400;
  const hh = Math.floor(rest / 3600);
  rest -= hh * 3600;
  const mi = Math.floor(rest / 60);
  const ss = rest - mi * 60;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)} ${pad2(hh)}:${pad2(mi)}:${pad2(ss)}`;
}

function kelurahan(rng: Rng): string {
  return rng.pick(KEL_HEADS) + rng.pick(KEL_TAILS);
}

function streetAddress(rng: Rng): string {
  const u = rng.float();
  if (u < 0.45) {
    // faker id_ID style: "Jln. Handoko no 12"
    const name = rng.chance(0.5) ? rng.pick(rng.chance(0.5) ? FIRST_MALE : FIRST_FEMALE) : rng.pick(rng.chance(0.5) ? LAST_MALE : LAST_FEMALE);
    return `${rng.pick(STREET_PREFIXES)} ${name} no ${rng.int(1, 99)}`;
  }
  const road = rng.chance(0.3) ? `Raya ${rng.pick(PLACE_WORDS)}` : rng.pick(ROAD_NAMES);
  const no = rng.chance(0.85) ? ` No. ${rng.int(1, 250)}${rng.chance(0.1) ? String.fromCharCode(65 + rng.int(0, 3)) : ''}` : '';
  const prefix = rng.chance(0.8) ? 'Jl.' : 'Jalan';
  return `${prefix} ${road}${no}`;
}

function villageCode(rng: Rng, kab: string): string {
  return `${kab}${pad2(rng.int(1, 24))}${rng.chance(0.3) ? '1' : '2'}${String(rng.int(1, 20)).padStart(3, '0')}`;
}

interface Person {
  name: string;
  female: boolean;
  email: string;
  nik: string;
  hp: string;
  birth: string;
}

function person(rng: Rng, kab: string): Person {
  const female = rng.chance(0.4);
  const first = rng.pick(female ? FIRST_FEMALE : FIRST_MALE);
  const last = rng.chance(0.75) ? rng.pick(female ? LAST_FEMALE : LAST_MALE) : '';
  const name = last ? `${first} ${last}` : first;
  const year = rng.int(1960, 2003);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const nik = `${kab}${pad2(rng.int(1, 24))}${pad2(day + (female ? 40 : 0))}${pad2(month)}${pad2(year % 100)}${rng.digits(4)}`;
  const email = `${slug(first)}${last ? `.${slug(last)}` : ''}${rng.chance(0.6) ? rng.int(1, 99) : ''}@${rng.pick(EMAIL_DOMAINS)}`;
  const hp = rng.pick(MOBILE_PREFIXES) + rng.digits(rng.int(7, 8));
  return { name, female, email, nik, hp, birth: `${year}-${pad2(month)}-${pad2(day)}` };
}

function companyPhone(rng: Rng): string {
  if (rng.chance(0.45)) return rng.pick(MOBILE_PREFIXES) + rng.digits(rng.int(7, 8));
  const area = rng.pick(AREA_CODES);
  return rng.chance(0.5) ? `(${area}) ${rng.digits(rng.int(6, 7))}` : `${area}-${rng.digits(rng.int(6, 7))}`;
}

/** Loose count: mostly a string, sometimes a number, zero often "". */
function looseCount(rng: Rng, n: number): string | number {
  const u = rng.float();
  if (n === 0) return u < 0.55 ? '' : u < 0.9 ? '0' : 0;
  return u < 0.87 ? String(n) : n;
}

// ───────────────────────────── names as registries write them ─────────────────────────────

interface LegalStyle {
  /** OSS spelling of the name. */
  oss: string;
  /** Prefix or suffix family for the BPJS rendering. */
  family: 'PT' | 'CV' | 'FA' | 'KOP' | 'YAY' | 'UD' | 'TRADE' | 'BARE' | 'PERUM';
  /** The actual prefix for koperasi / trade names ("KSP", "Toko", …). */
  word: string;
}

function ossName(rng: Rng, form: string, base: string, tbk: boolean, sector: SectorDef): LegalStyle {
  const u = rng.float();
  let oss: string;
  let family: LegalStyle['family'] = 'PT';
  let word = '';
  switch (form) {
    case '01':
    case '26':
      if (tbk) {
        oss = u < 0.4 ? `PT ${base} Tbk` : u < 0.65 ? `PT. ${base}, Tbk.` : u < 0.85 ? `${base} Tbk, PT` : `PT ${base} (Persero) Tbk`;
      } else if (form === '26' && u < 0.2) {
        oss = `PT Perorangan ${base}`;
      } else {
        oss = u < 0.36 ? `PT. ${base}` : u < 0.72 ? `PT ${base}` : u < 0.84 ? `${base}, PT` : u < 0.93 ? `P.T. ${base}` : u < 0.97 ? `PT.${base}` : `Perseroan Terbatas ${base}`;
      }
      break;
    case '02':
      family = 'CV';
      oss = u < 0.4 ? `CV. ${base}` : u < 0.75 ? `CV ${base}` : u < 0.87 ? `${base}, CV` : u < 0.97 ? `C.V. ${base}` : `Perseroan Komanditer ${base}`;
      break;
    case '05':
      family = 'FA';
      oss = u < 0.5 ? `Fa. ${base}` : u < 0.8 ? `Firma ${base}` : `${base}, Fa`;
      break;
    case '07': {
      family = 'KOP';
      const words =
        sector.id === 'simpanpinjam'
          ? ['KSP', 'Koperasi Simpan Pinjam', 'Koperasi', 'KSPPS']
          : sector.id === 'perkebunan' || sector.id === 'peternakan' || sector.id === 'tembakau'
            ? ['KUD', 'Koperasi Unit Desa', 'Koperasi Produsen', 'Koperasi']
            : ['Koperasi', 'KSU', 'Koperasi Serba Usaha', 'Koperasi Konsumen'];
      word = rng.pick(words);
      oss = `${word} ${base}`;
      break;
    }
    case '10': {
      family = 'YAY';
      const kind = sector.id === 'pendidikan' ? 'Yayasan Pendidikan' : sector.id === 'kesehatan' ? 'Yayasan Kesehatan' : 'Yayasan Sosial';
      word = u < 0.35 ? kind : 'Yayasan';
      oss = u < 0.88 ? `${word} ${base}` : `${base}, Yayasan`;
      break;
    }
    case '17': {
      if (u < 0.42) {
        family = 'UD';
        oss = `UD ${base}`;
      } else if (u < 0.55) {
        family = 'UD';
        oss = `UD. ${base}`;
      } else if (u < 0.75) {
        family = 'TRADE';
        word = rng.pick(TRADE_PREFIX[sector.id] ?? ['Toko']);
        oss = `${word} ${base}`;
      } else {
        family = 'BARE';
        oss = base;
      }
      break;
    }
    case '21':
      family = 'PERUM';
      oss = u < 0.7 ? `Perum ${base}` : `Perusahaan Umum ${base}`;
      break;
    default:
      oss = `PT ${base}`;
  }
  if (rng.chance(0.5)) oss = oss.toUpperCase();
  return { oss, family, word };
}

function bpjsLegal(rng: Rng, style: LegalStyle, name: string, tbk: boolean): string {
  const u = rng.float();
  switch (style.family) {
    case 'PT':
      if (tbk) return u < 0.4 ? `${name} TBK, PT` : u < 0.85 ? `PT ${name} TBK` : `PT ${name} TBK TBK`;
      return u < 0.45 ? `PT ${name}` : u < 0.65 ? `PT. ${name}` : u < 0.9 ? `${name}, PT` : u < 0.95 ? `${name} PT` : `PT.${name}`;
    case 'CV':
      return u < 0.5 ? `CV ${name}` : u < 0.7 ? `CV. ${name}` : u < 0.95 ? `${name}, CV` : `${name} CV`;
    case 'FA':
      return u < 0.5 ? `FA ${name}` : u < 0.8 ? `FIRMA ${name}` : `${name}, FA`;
    case 'KOP':
      return `${u < 0.7 ? style.word.toUpperCase() : 'KOPERASI'} ${name}`;
    case 'YAY':
      return u < 0.75 ? `YAYASAN ${name}` : `${name}, YAYASAN`;
    case 'UD':
      return u < 0.8 ? `UD ${name}` : u < 0.9 ? `UD. ${name}` : `${name}, UD`;
    case 'TRADE':
      return u < 0.8 ? `${style.word.toUpperCase()} ${name}` : `UD ${name}`;
    case 'BARE':
      return u < 0.6 ? name : `UD ${name}`;
    case 'PERUM':
      return `PERUM ${name}`;
  }
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  A: 'SQ', B: 'VN', C: 'XV', D: 'SF', E: 'WR', F: 'DG', G: 'FH', H: 'GJ', I: 'UO', J: 'HK', K: 'JL',
  L: 'K', M: 'N', N: 'BM', O: 'IP', P: 'O', Q: 'W', R: 'ET', S: 'AD', T: 'RY', U: 'YI', V: 'CB',
  W: 'QE', X: 'ZC', Y: 'TU', Z: 'X',
};

function typo(rng: Rng, name: string): string {
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const pos = rng.int(0, name.length - 1);
    const ch = name[pos]!;
    if (ch < 'A' || ch > 'Z') continue;
    const op = rng.int(0, 3);
    let out: string;
    if (op === 0) out = name.slice(0, pos) + rng.pick([...(KEYBOARD_NEIGHBOURS[ch] ?? 'E')]) + name.slice(pos + 1);
    else if (op === 1 && name.length > 4) out = name.slice(0, pos) + name.slice(pos + 1);
    else if (op === 2) out = name.slice(0, pos) + ch + name.slice(pos);
    else {
      const next = name[pos + 1];
      if (!next || next < 'A' || next > 'Z' || next === ch) continue;
      out = name.slice(0, pos) + next + ch + name.slice(pos + 2);
    }
    if (out !== name && !out.includes('  ')) return out;
  }
  return `${name.slice(0, -1)}${name.endsWith('A') ? 'E' : 'A'}`;
}

/** Replaces one word by a spelling variant; null when none applies. */
function spellingVariant(rng: Rng, name: string): string | null {
  const tokens = name.split(' ');
  const preferred: number[] = [];
  const others: number[] = [];
  tokens.forEach((t, k) => {
    if (PREFERRED_VARIANTS[t] || t === '&' || t === 'DAN') preferred.push(k);
    else if (OTHER_VARIANTS[t]) others.push(k);
  });
  const pool = preferred.length && (rng.chance(0.85) || !others.length) ? preferred : others;
  if (!pool.length) return null;
  const k = rng.pick(pool);
  const t = tokens[k]!;
  tokens[k] = t === '&' ? 'DAN' : t === 'DAN' ? '&' : (PREFERRED_VARIANTS[t] ?? OTHER_VARIANTS[t]!);
  return tokens.join(' ');
}

interface BpjsName {
  name: string;
  variant: NameVariant;
}

/**
 * The name as a BPJS extract writes it. Long names are mostly cut at 30 characters (the
 * extract's column width); the others get a one-letter typo (~3 %) or a spelling variant
 * (~5 %: International/Internasional, Industry/Industri, & / dan, old spellings).
 */
function bpjsName(rng: Rng, base: string, style: LegalStyle, tbk: boolean): BpjsName {
  const upper = base.toUpperCase();
  const plain = bpjsLegal(rng, style, upper, tbk);
  const u = rng.float();
  let full = plain;
  let variant: NameVariant = 'exact';
  if (plain.length > 30 && rng.chance(0.9)) {
    full = plain.slice(0, 30).trimEnd();
    variant = 'truncated';
  } else if (u < 0.03) {
    full = plain.replace(upper, typo(rng, upper));
    variant = 'typo';
  } else if (u < 0.17) {
    const v = spellingVariant(rng, upper);
    if (v) {
      full = plain.replace(upper, v);
      variant = 'spelling';
    }
  }
  if (rng.chance(0.07)) full = titleCase(full);
  return { name: full, variant };
}

// ───────────────────────────── workforce, wages, programs ─────────────────────────────

function workersFor(rng: Rng, scale: string): number {
  const u = rng.float();
  switch (scale) {
    case '01':
      return u < 0.38 ? 1 : u < 0.68 ? 2 : u < 0.87 ? 3 : 4;
    case '02':
      return 5 + Math.floor(15 * u ** 1.6);
    case '03':
      return 20 + Math.floor(80 * u ** 1.8);
    default:
      return Math.min(1500, Math.round(100 * 15 ** (u ** 3)));
  }
}

function programsFor(rng: Rng, scale: string, dropMandatory: boolean): string {
  const set = new Set(MANDATORY[scale] ?? MANDATORY['01']!);
  if (scale === '01' && rng.chance(0.2)) set.add('JHT');
  if (set.has('JP') && rng.chance(0.3)) set.add('JKP');
  else if (set.has('JHT') && rng.chance(0.08)) set.add('JKP');
  if (dropMandatory) {
    const u = rng.float();
    if (scale === '01') set.delete(u < 0.6 ? 'JKM' : 'JKK');
    else if (scale === '02') set.delete(u < 0.7 ? 'JHT' : 'JKM');
    else set.delete(u < 0.7 ? 'JP' : 'JHT');
    if (!set.has('JP') || !set.has('JHT')) set.delete('JKP');
  }
  const list = PROGRAM_ORDER.filter((p) => set.has(p));
  return list.join(rng.chance(0.04) ? '; ' : ';');
}

function kodeWilayah(rng: Rng, code: string): string {
  return rng.chance(0.5) ? `${code.slice(0, 2)}.${code.slice(2, 4)}` : code;
}

function neighbourKab(ctx: Context, rng: Rng, kab: KabKota): KabKota {
  const list = ctx.provinceKabs.get(kab.provinceCode) ?? [kab];
  return list.length > 1 ? rng.pick(list.filter((k) => k.code !== kab.code)) : kab;
}

function arrearsMonths(rng: Rng): number {
  const u = rng.float();
  return u < 0.35 ? 1 : u < 0.55 ? 2 : u < 0.7 ? 3 : rng.int(4, 12);
}

// ───────────────────────────── permit companies ─────────────────────────────

function buildCompany(ctx: Context, i: number): GeneratedCompany {
  const id = identityOf(ctx, i);
  const rng = ctx.rng;
  rng.reseed(ctx.key, S.body, i);
  const kab = id.region.code;
  const sector = id.sector;

  const scale = (SCALE_BY_FORM[id.form] ?? SCALE_BY_FORM['01']!).pick(rng.float());
  const tbk = id.form === '01' && (scale === '04' ? rng.chance(0.06) : scale === '03' ? rng.chance(0.005) : false);
  const style = ossName(rng, id.form, id.base, tbk, sector);

  // Declared workforce over 1–3 projects.
  const indonesian = workersFor(rng, scale);
  const projectCount =
    scale === '01' ? (rng.chance(0.88) ? 1 : 2) : scale === '02' ? (rng.chance(0.7) ? 1 : rng.chance(0.8) ? 2 : 3) : rng.chance(0.5) ? 1 : rng.chance(0.7) ? 2 : 3;
  const foreign = (scale === '03' || scale === '04') && id.form === '01' && rng.chance(scale === '04' ? 0.2 : 0.08) ? rng.int(1, scale === '04' ? 15 : 3) : 0;
  const declared = indonesian + foreign;

  const nib = nibOf(ctx, i);
  const issued = START_MS + Math.floor(rng.float() * (END_MS - START_MS));
  const issuedText = ossDate(issued);
  const submitted = ossDate(issued - rng.int(60, 3 * 86_400) * 1000);
  const tu = rng.float();
  const docType = tu < 0.01 ? 3 : tu < 0.11 ? 5 : 9;
  const changed = docType === 9 ? '' : ossDate(issued + 3_600_000 + Math.floor(rng.float() * Math.max(0, END_MS - issued - 3_600_000)));
  const su = rng.float();
  const nibStatus = docType === 3 ? (rng.chance(0.7) ? '06' : '01') : su < 0.9 ? '01' : su < 0.955 ? '03' : su < 0.995 ? '04' : '06';
  const stamp = issuedText.replace(/[^0-9]/g, '');
  const ossId = `I-${stamp}${nib.slice(4)}`;

  const npwp15 = npwpOf(ctx, i);
  const nu = rng.float();
  const permitNpwp = nu < 0.55 ? formatNpwp(npwp15, 0) : nu < 0.75 ? formatNpwp(npwp15, 1) : nu < 0.9 ? formatNpwp(npwp15, 2) : '';

  const maleShare = sector.maleShare;
  const projects: Record<string, unknown>[] = [];
  let remaining = indonesian;
  for (let p = 0; p < projectCount; p += 1) {
    const part = p === projectCount - 1 ? remaining : Math.floor(remaining * (0.45 + 0.4 * rng.float()));
    remaining -= part;
    const men = Math.min(part, Math.max(0, Math.round(part * Math.min(1, maleShare * (0.8 + 0.4 * rng.float())))));
    const tkaL = p === 0 ? Math.ceil(foreign * 0.8) : 0;
    const tkaP = p === 0 ? foreign - tkaL : 0;
    const projectScale = p === 0 || rng.chance(0.8) ? scale : `0${Math.max(1, Number(scale) - 1)}`;
    const kbli = p === 0 ? sector.kbli[0 + (rng.chance(0.6) ? 0 : rng.int(0, sector.kbli.length - 1))]! : rng.pick(sector.kbli);
    const inKab = rng.chance(0.92) ? id.region : neighbourKab(ctx, rng, id.region);
    const idProyek = `R-${stamp}${nib.slice(6)}${p}`;
    projects.push({
      id_proyek: idProyek,
      nomor_proyek: '',
      uraian_usaha: sector.activity,
      jumlah_tki_l: looseCount(rng, men),
      jumlah_tki_p: looseCount(rng, part - men),
      jumlah_tka_l: looseCount(rng, tkaL),
      jumlah_tka_p: looseCount(rng, tkaP),
      kbli,
      sektor: sector.sektor,
      memiliki_menguasai: '',
      jenis_lokasi: '01',
      status_tanah: '',
      luas_tanah: '',
      satuan_luas_tanah: '',
      jumlah_investasi: String(rng.int(5, 900) * (scale === '04' ? 100_000_000 : scale === '03' ? 10_000_000 : 1_000_000)),
      flag_cabang: p === 0 ? 'N' : rng.chance(0.5) ? 'Y' : 'N',
      skala_usaha: rng.chance(0.97) ? projectScale : Number(projectScale),
      skala_resiko: rng.pick(['R', 'MR', 'MT', 'T']),
      data_lokasi_proyek: [
        {
          id_proyek_lokasi: `${idProyek}L1`,
          proyek_daerah_id: villageCode(rng, inKab.code),
          alamat_usaha: streetAddress(rng),
          jenis_lokasi: '01',
        },
      ],
    });
  }

  // Enrollment and its compliance kind.
  const enrolled = rng.chance(ctx.enrollByScale[scale] ?? 0.45);
  let kind: TruthKind = 'unregistered';
  if (enrolled) kind = rng.chance(PDS_TK_BY_SCALE[scale] ?? 0.25) ? 'pds_tk' : OTHER_KINDS.pick(rng.float());
  const npp = enrolled ? nppOf(ctx, i) : null;
  const nppInPermit = enrolled && rng.chance(0.4);

  // Personal data and contact fields.
  const owners = id.form === '01' || id.form === '26' || id.form === '21' ? rng.int(1, 3) : id.form === '02' || id.form === '05' ? 2 : 1;
  const shareholders: Record<string, unknown>[] = [];
  const people: Person[] = [];
  for (let k = 0; k < owners; k += 1) {
    const who = person(rng, kab);
    people.push(who);
    shareholders.push({
      jenis_pemegang_saham: '01',
      flag_asing: 'N',
      total_modal_pemegang: String(rng.int(1, 500) * 1_000_000),
      jabatan_pemegang_saham: k === 0 ? 'DIREKTUR' : 'KOMISARIS',
      nama_pemegang_saham: who.name,
      jns_identitas_pemegang_saham: '01',
      no_identitas_pemegang_saham: who.nik,
      valid_identitas_pemegang_saham: 'Y',
      negara_asal_pemegang_saham: 'ID',
      pengendali_pemegang_saham: k === 0 ? 'Y' : 'N',
      npwp_pemegang_saham: rng.chance(0.7) ? formatNpwp(`${rng.digits(9)}${rng.digits(3)}000`, 0) : '',
      alamat_pemegang_saham: streetAddress(rng),
      fax_pemegang_saham: '',
      email_pemegang_saham: who.email,
      flag_pajak_pemegang_saham: 'Y',
      ket_pajak_pemegang_saham: '',
    });
  }
  const pj = people[0]!;
  const responsible = [
    {
      flag_asing: 'N',
      jns_identitas_penanggung_jwb: '01',
      no_identitas_penanggung_jwb: pj.nik,
      nama_penanggung_jwb: pj.name,
      jabatan_penanggung_jwb: id.form === '17' ? 'PEMILIK' : 'DIREKTUR',
      kebangsaan_penanggung_jwb: 'WNI',
      negara_asal_penanggung_jwb: 'ID',
      npwp_penanggung_jwb: '',
      alamat_penanggung_jwb: streetAddress(rng),
      rt_rw_penanggung_jwb: `${String(rng.int(1, 15)).padStart(3, '0')}/${String(rng.int(1, 10)).padStart(3, '0')}`,
      kelurahan_penanggung_jwb: kelurahan(rng),
      daerah_id_penanggung_jwb: villageCode(rng, kab),
      no_telp_penanggung_jwb: '',
      no_hp_penanggung_jwb: pj.hp,
      email_penanggung_jwb: pj.email,
    },
  ];
  const address = streetAddress(rng);
  const companyEmail = rng.chance(0.6) ? `${slug(id.base).slice(0, 20)}${rng.chance(0.4) ? rng.int(1, 99) : ''}@${rng.pick(EMAIL_DOMAINS)}` : `info@${slug(id.base).slice(0, 20)}.co.id`;
  const legal =
    id.form === '17' || id.form === '26'
      ? []
      : [{ jenis_legal: '01', no_legal: String(rng.int(1, 250)), tgl_legal: issuedText.slice(0, 10), alamat_notaris: '', nama_notaris: `${person(rng, kab).name}, S.H., M.Kn.`, telepon_notaris: companyPhone(rng) }];
  const modal = String(rng.int(5, 95) * (scale === '01' ? 10_000_000 : scale === '02' ? 100_000_000 : scale === '03' ? 500_000_000 : 5_000_000_000));
  const pma = foreign > 0 && rng.chance(0.6);

  const permit: Record<string, unknown> = {
    nib,
    tgl_pengajuan_nib: submitted,
    tgl_terbit_nib: issuedText,
    tgl_perubahan_nib: changed,
    oss_id: ossId,
    id_izin: '',
    kd_izin: '',
    kd_daerah: '',
    kewenangan: '',
    jenis_pelaku_usaha: id.form === '17' ? '02' : '01',
    no_npp: nppInPermit ? (rng.chance(0.03) ? ` ${npp} ` : npp) : '',
    no_va: '',
    no_wlkp: '',
    flag_perusahaan: rng.chance(0.8) ? 'Y' : 'N',
    flag_ekspor: rng.chance(0.05) ? 'Y' : 'N',
    flag_impor: rng.chance(0.05) ? 'Y' : 'N',
    jenis_api: '',
    gabung_negara: '',
    negara_pma_dominan: pma ? rng.pick(['SGP', 'CHN', 'JPN', 'KOR', 'MYS']) : '',
    total_pma: '',
    nilai_pma_dominan: '',
    nilai_pmdn: '',
    persen_pma: pma ? String(rng.int(10, 95)) : '',
    persen_pmdn: '',
    kd_kawasan: '',
    jenis_kawasan: '',
    versi_pia: '4.3',
    jangka_waktu: '',
    status_badan_hukum: id.form === '17' ? '' : '01',
    status_penanaman_modal: pma ? '01' : '02',
    npwp_perseroan: permitNpwp,
    nama_perseroan: style.oss,
    nama_singkatan: rng.chance(0.1) ? id.base.split(' ').map((w) => w.charAt(0)).join('').toUpperCase() : '',
    jenis_perseroan: rng.chance(0.97) ? id.form : Number(id.form),
    status_perseroan: tbk ? 'Y' : rng.chance(0.5) ? 'N' : '',
    alamat_perseroan: address,
    rt_rw_perseroan: rng.chance(0.7) ? `${String(rng.int(1, 15)).padStart(3, '0')}/${String(rng.int(1, 10)).padStart(3, '0')}` : '',
    kelurahan_perseroan: kelurahan(rng),
    perseroan_daerah_id: villageCode(rng, kab),
    kode_pos_perseroan: String(rng.int(10000, 99999)),
    nomor_telpon_perseroan: companyPhone(rng),
    email_perusahaan: companyEmail,
    dalam_bentuk_uang: '',
    dalam_bentuk_lain: '',
    total_modal_dasar: modal,
    total_modal_ditempatkan: modal,
    flag_umk: scale === '01' || scale === '02' ? 'Y' : 'N',
    flag_perubahan_data_teknis: '',
    skala_usaha: rng.chance(0.95) ? scale : rng.chance(0.5) ? '' : String(Number(scale)),
    jenis_perubahan_terakhir: '',
    pemegang_saham: shareholders,
    penanggung_jwb: responsible,
    no_pengesahan: '',
    tgl_pengesahan: '',
    legalitas: legal,
    data_proyek: projects,
    data_dni: [],
    data_checklist: [
      {
        id_proyek: projects.length ? (projects[0] as { id_proyek: string }).id_proyek : '',
        id_izin: `I-${stamp}${rng.digits(4)}`,
        jenis_izin: '01',
        kd_izin: rng.pick(['059000000001', '032000000001', '099000000005']),
        kd_daerah: kab,
        nama_izin: 'Sertifikat Standar',
        instansi: '',
        kewenangan: '02',
        flag_checklist: 'Y',
      },
    ],
    jenis_id_user_proses: '01',
    no_id_user_proses: pj.nik,
    nama_user_proses: pj.name,
    email_user_proses: pj.email,
    hp_user_proses: pj.hp,
    alamat_user_proses: streetAddress(rng),
    jns_kelamin_user_proses: pj.female ? '2' : '1',
    tempat_lahir_user_proses: rng.pick(CITY_NAMES),
    tgl_lahir_user_proses: pj.birth,
    daerah_id_user_proses: villageCode(rng, kab),
    rt_rw_user_proses: '',
    agama_user_proses: rng.pick(['1', '1', '1', '2', '3', '4', '5']),
    status_perkawinan_user_proses: rng.chance(0.7) ? '2' : '1',
    pekerjaan_user_proses: rng.pick(['WIRASWASTA', 'KARYAWAN SWASTA', 'PEDAGANG']),
    status_nib: nibStatus,
  };
  if (foreign > 0) {
    permit.data_rptka = { jenis_rptka: '01', no_rptka: '', rptka_awal: '', rptka_akhir: '', jumlah_tka_rptka: String(foreign) };
  }
  const docValue = rng.chance(0.85) ? String(docType) : docType;
  if (rng.chance(0.5)) permit['tipe_dokumen '] = docValue;
  else permit.tipe_dokumen = docValue;

  // The employer as the BPJS extract shows it.
  let employer: EnrollmentRow | null = null;
  let nameVariant: NameVariant | null = null;
  if (enrolled && npp) {
    const name = bpjsName(rng, id.base, style, tbk);
    nameVariant = name.variant;
    const elsewhere = rng.chance(0.06) ? neighbourKab(ctx, rng, id.region) : id.region;
    // Whichever kab/kota a check uses (the permit's or the extract's), compliant wages are at or
    // above its minimum wage and under-reported ones below it.
    const wageHere = ctx.wage.get(kab) ?? 3_000_000;
    const wageThere = ctx.wage.get(elsewhere.code) ?? 3_000_000;
    const umk = kind === 'pds_upah' ? Math.min(wageHere, wageThere) : Math.max(wageHere, wageThere);
    let tk = declared;
    if (kind === 'pds_tk') {
      tk = declared <= 1 ? 0 : Math.max(1, Math.min(declared - 1, Math.floor(declared * (0.3 + 0.5 * rng.float()))));
    } else if (rng.chance(0.12)) {
      tk = declared + rng.int(1, Math.max(1, Math.ceil(declared * 0.1)));
    }
    const avg = kind === 'pds_upah' ? umk * (0.5 + 0.35 * rng.float()) : umk * (1 + 0.6 * rng.float() ** 1.5);
    const wages = kind === 'pds_upah' ? Math.floor((avg * tk) / 1000) * 1000 : Math.ceil((avg * tk) / 1000) * 1000;
    const nu2 = rng.float();
    employer = {
      npp,
      nama_perusahaan: name.name,
      npwp: nu2 < 0.45 ? formatNpwp(npwp15, 0) : nu2 < 0.68 ? formatNpwp(npwp15, 1) : nu2 < 0.8 ? formatNpwp(npwp15, 2) : '',
      nib: rng.chance(0.5) ? nib : '',
      alamat: (rng.chance(0.75) ? address : streetAddress(rng)).toUpperCase(),
      kode_wilayah: kodeWilayah(rng, elsewhere.code),
      status: kind === 'inactive' ? (rng.chance(0.65) ? 'NONAKTIF' : 'TUTUP') : 'AKTIF',
      program: programsFor(rng, scale, kind === 'pds_program'),
      tk_aktif: String(tk),
      total_upah: String(wages),
      bulan_tunggakan: String(kind === 'arrears' ? arrearsMonths(rng) : 0),
    };
  }

  return {
    permit,
    employer,
    truth: {
      nib,
      npp,
      kind,
      nameVariant,
      baseName: id.base,
      kabKota: kab,
      scale,
      declaredWorkers: declared,
      permitActive: docType !== 3 && nibStatus !== '06',
      nppInPermit,
      relation: id.relation === 'none' ? null : id.relation,
      relatedNib: id.related >= 0 ? nibOf(ctx, id.related) : null,
    },
  };
}

// ───────────────────────────── extra employers ─────────────────────────────

function buildExtra(ctx: Context, e: number): ExtraEmployer {
  const g = ctx.companies + e;
  let id = identityOf(ctx, g);
  let nearNamesakeOf: string | null = null;
  let nearKind: ExtraEmployer['nearKind'] = null;
  // Near-namesakes of permit companies from plain pairs, chosen injectively (e < pairs).
  if (
    id.relation === 'none' &&
    relationOf(ctx, Math.floor(g / 2)) === 'none' &&
    e < ctx.nearPairs &&
    hf(ctx, S.near, e) < 0.15
  ) {
    const j = 2 * ((e * ctx.nearMul + ctx.nearAdd) % ctx.nearPairs);
    if (relationOf(ctx, j / 2) === 'none') {
      const target = identityOf(ctx, j);
      if (hf(ctx, S.near, e, 1) < 0.6) {
        const region = regionOtherThan(ctx, g, target.region.code, S.nearRegion);
        id = { ...id, region, base: target.base, sector: target.sector };
        nearKind = 'same_name_other_region';
      } else {
        const word = SUBSIDIARY_WORDS[Math.floor(hf(ctx, S.near, e, 2) * SUBSIDIARY_WORDS.length)]!;
        id = { ...id, base: `${target.base} ${word}`, sector: target.sector, form: id.form === '02' ? '02' : '01' };
        nearKind = 'extra_word';
      }
      nearNamesakeOf = nibOf(ctx, j);
    }
  }

  const rng = ctx.rng;
  rng.reseed(ctx.key, S.extra, e);
  const scale = (SCALE_BY_FORM[id.form] ?? SCALE_BY_FORM['01']!).pick(rng.float());
  const tbk = id.form === '01' && scale === '04' && rng.chance(0.06);
  const style = ossName(rng, id.form, id.base, tbk, id.sector);
  const name = bpjsName(rng, id.base, style, tbk);
  const kab = id.region.code;
  const su = rng.float();
  const status = su < 0.93 ? 'AKTIF' : su < 0.98 ? 'NONAKTIF' : 'TUTUP';
  const tk = workersFor(rng, scale);
  const umk = ctx.wage.get(kab) ?? 3_000_000;
  const low = rng.chance(0.08);
  const avg = low ? umk * (0.5 + 0.35 * rng.float()) : umk * (1 + 0.6 * rng.float() ** 1.5);
  const npwp15 = npwpOf(ctx, g);
  const nu = rng.float();
  const row: EnrollmentRow = {
    npp: nppOf(ctx, g),
    nama_perusahaan: name.name,
    npwp: nu < 0.45 ? formatNpwp(npwp15, 0) : nu < 0.68 ? formatNpwp(npwp15, 1) : nu < 0.8 ? formatNpwp(npwp15, 2) : '',
    nib: rng.chance(0.5) ? nibOf(ctx, g) : '',
    alamat: streetAddress(rng).toUpperCase(),
    kode_wilayah: kodeWilayah(rng, kab),
    status,
    program: programsFor(rng, scale, rng.chance(0.08)),
    tk_aktif: String(tk),
    total_upah: String(Math.round((avg * tk) / 1000) * 1000),
    bulan_tunggakan: String(rng.chance(0.08) ? arrearsMonths(rng) : 0),
  };
  return { row, nearNamesakeOf, nearKind };
}
