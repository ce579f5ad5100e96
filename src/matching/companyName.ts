/**
 * Company-name normalisation for matching. Pure: no I/O.
 *
 * Registries spell the same company many ways ("PT. MAJU JAYA", "Maju Jaya, PT",
 * "P.T. Maju Jaya Tbk"): legal forms are pulled out (they are compared separately),
 * punctuation and case are dropped, and common English/Indonesian spelling variants are
 * folded onto one form.
 */

import { boundedMemo } from '../shared/boundedMemo.js';

/** Legal forms, canonical code → spellings as token sequences (after punctuation folding). */
const LEGAL_FORMS: Record<string, string[]> = {
  PT: ['PT', 'PERSEROAN TERBATAS', 'PT PERORANGAN', 'PERSEROAN PERORANGAN', 'PERSEROAN'],
  TBK: ['TBK', 'PERSEROAN TERBUKA'],
  PERSERO: ['PERSERO'],
  CV: ['CV', 'PERSEROAN KOMANDITER', 'COMMANDITAIRE VENNOOTSCHAP'],
  FIRMA: ['FA', 'FIRMA'],
  UD: ['UD', 'USAHA DAGANG'],
  KOPERASI: [
    'KOPERASI', 'KSP', 'KSU', 'KUD', 'KSPPS', 'KOPERASI SIMPAN PINJAM', 'KOPERASI SERBA USAHA',
    'KOPERASI UNIT DESA', 'KOPERASI KONSUMEN', 'KOPERASI PRODUSEN',
  ],
  // A foundation's field is part of how it is styled, and registries drop it: "Yayasan
  // Pendidikan Abi Ummi" is enrolled as "YAYASAN ABI UMMI".
  YAYASAN: ['YAYASAN', 'YAYASAN PENDIDIKAN', 'YAYASAN KESEHATAN', 'YAYASAN SOSIAL', 'YAYASAN KEAGAMAAN', 'YAYASAN ISLAM', 'YAYASAN PANTI ASUHAN'],
  PERUM: ['PERUM', 'PERUSAHAAN UMUM'],
  PERUMDA: ['PERUMDA', 'PERUSAHAAN UMUM DAERAH', 'PERUSDA', 'PD'],
};

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
  PHARMA: 'FARMASI',
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
};
const VARIANT_ENTRIES = Object.entries(VARIANTS);

const LEGAL_FORM_SEQUENCES: Array<{ code: string; tokens: string[] }> = Object.entries(LEGAL_FORMS)
  .flatMap(([code, spellings]) => spellings.map((s) => ({ code, tokens: s.split(' ') })))
  // longest first so "PERSEROAN TERBATAS" wins over "PERSEROAN"
  .sort((a, b) => b.tokens.length - a.tokens.length);

export interface NormalisedName {
  /** Tokens of the name without legal forms, folded; joined by one space. */
  key: string;
  tokens: string[];
  /** Canonical legal forms found (e.g. ["PT", "TBK"]). */
  legalForms: string[];
}

function foldText(raw: string): string {
  // Invisible format characters (zero-width, bidi marks, soft hyphen) are not separators:
  // "MA\u200BJU" reads as "MAJU".
  let s = raw.normalize('NFKD').replace(/[\p{M}\p{Cf}]+/gu, '').toUpperCase();
  // Dotted legal-form abbreviations ("P.T.", "P. T.", "C.V.", "K.S.P.") become one token
  // before other dots split words, so "P.T. H.M. Sampoerna" keeps "HM" apart from "PT".
  s = s.replace(/(?<![A-Z0-9])([PCUK])\s*\.\s*([TVDSU])(?:\.\s*([PDU])(?![A-Z0-9]))?\s*\.?(?![A-Z0-9])/g, (_m, a: string, b: string, c?: string) => ` ${a}${b}${c ?? ''} `);
  s = s.replace(/&/g, ' DAN ');
  // Apostrophes join ("MC'DONALD" → "MCDONALD"); any other non-alphanumeric splits.
  s = s.replace(/['’`]/g, '');
  s = s.replace(/[^A-Z0-9]+/g, ' ');
  return s.trim();
}

/**
 * Pre-1972 (van Ophuijsen / Soewandi) spellings still used in company names: "SOEMBER",
 * "DJAJA", "TJAHAJA" are "SUMBER", "JAYA", "CAHAYA". Applied to both sides of a comparison.
 */
export function foldOldSpelling(token: string): string {
  // Only words that show an old-spelling mark are folded: modern "MAJU", "BANJAR" stay.
  if (!/OE|DJ|TJ|SJ/.test(token)) return token;
  let t = token;
  // Until stable, so folding a folded word changes nothing ("DDJA" → "DJA" → "JA").
  for (let previous = ''; previous !== t && /OE|DJ|TJ|SJ/.test(t); ) {
    previous = t;
    t = t.replace(/OE/g, 'U').replace(/DJ/g, 'J').replace(/TJ/g, 'C').replace(/SJ/g, 'SY').replace(/NJ/g, 'NY');
    // Old "j" was today's "y" between vowels and at the end after a vowel ("DJAJA" → "JAYA").
    t = t.replace(/([AEIOU])J(?=[AEIOU]|$)/g, '$1Y');
  }
  return t;
}

function matchSequence(tokens: string[], at: number, seq: string[]): boolean {
  if (at < 0 || at + seq.length > tokens.length) return false;
  return seq.every((t, i) => tokens[at + i] === t);
}

/** Normalises a company name; never throws. */
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

export function normaliseCompanyName(raw: string): NormalisedName {
  // Spellings are folded before legal forms are taken out, so a word that folds into one
  // ("TJV" → "CV") is treated the same on every pass.
  let tokens = foldAndJoin(foldText(raw).split(' ').filter(Boolean)).map((t) => VARIANTS[t] ?? t);
  const legalForms: string[] = [];
  let changed = true;
  // Strip legal forms at either end, repeatedly ("PT ... TBK", "..., PT", "TBK TBK").
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
