import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseCompanyName } from './companyName.js';

/** Every word that occurs in a legal-form spelling; generated names avoid them. */
const LEGAL_FORM_WORDS = new Set([
  'PT', 'PERSEROAN', 'TERBATAS', 'PERORANGAN', 'TBK', 'TERBUKA', 'PERSERO', 'CV', 'KOMANDITER',
  'COMMANDITAIRE', 'VENNOOTSCHAP', 'FA', 'FIRMA', 'UD', 'USAHA', 'DAGANG', 'KOPERASI', 'KSP', 'KSU',
  'KUD', 'KSPPS', 'SIMPAN', 'PINJAM', 'SERBA', 'UNIT', 'DESA', 'KONSUMEN', 'PRODUSEN', 'YAYASAN',
  'PERUM', 'PERUSAHAAN', 'UMUM', 'PERUMDA', 'DAERAH', 'PERUSDA', 'PD', 'PERSERODA', 'KOP', 'YAY', 'KOPKAR',
  'KPRI', 'KOPWAN', 'KOPPAS', 'PMA', 'PMDN', 'PUBLIK', 'BUMDES', 'BUMDESA', 'BUM', 'DES', 'BUMDESMA', 'DESMA', 'BADAN', 'MILIK',
  'BERSAMA', 'PERSEKUTUAN', 'PERDATA', 'PERKUMPULAN', 'KSPS', 'KJKS', 'SYARIAH', 'JASA', 'KEUANGAN', 'PEMBIAYAAN', 'DAN',
  'PENDIDIKAN', 'ISLAM', 'KESEHATAN', 'SOSIAL', 'KEAGAMAAN', 'PANTI', 'ASUHAN', 'KOPDIT', 'KREDIT', 'CREDIT', 'UNION', 'KPN',
  'KOPONTREN', 'KOPSYAH', 'CU', 'HUKUM', 'LAW', 'FIRM',
]);

const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.split(''));
const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split(''));

/** Ordinary name words: common Indonesian/English words plus random alphanumeric words. */
const word = fc.oneof(
  fc.constantFrom(
    'Maju', 'Jaya', 'Sejahtera', 'Abadi', 'Mandiri', 'Indonesia', 'Karya', 'Sentosa', 'Makmur', 'Utama',
    'Nusantara', 'International', 'Internasional', 'Industry', 'Industri', 'Technology', 'Logistics', 'Group',
    'Services', 'Pharma', 'Bank', 'Rakyat', 'Semen', 'Garuda', 'Sumber', 'Rejeki', 'Artha', '99', '2000',
  ),
  fc.tuple(letter, fc.string({ unit: alnum, minLength: 1, maxLength: 8 })).map(([a, b]) => a + b),
).filter((w) => !LEGAL_FORM_WORDS.has(w.toUpperCase()));

const name = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));

/** Spellings of one legal form, as a prefix and as a suffix. */
const FORMS: Record<string, { front: string[]; back: string[] }> = {
  PT: { front: ['PT ', 'PT. ', 'Pt. ', 'pt ', 'Perseroan Terbatas ', 'PT.'], back: [', PT', ' PT', ', PT.', ' pt', ', Perseroan Terbatas', ', P.T.'] },
  CV: { front: ['CV ', 'CV. ', 'Cv '], back: [', CV', ' CV.', ', C.V.'] },
  TBK: { front: ['Tbk ', 'TBK. '], back: [' Tbk', ' Tbk.', ', Tbk', ' TBK'] },
  YAYASAN: { front: ['Yayasan ', 'YAYASAN '], back: [', Yayasan', ' YAYASAN'] },
  KOPERASI: { front: ['Koperasi ', 'KSP ', 'Koperasi Simpan Pinjam '], back: [', Koperasi', ' KSU'] },
  UD: { front: ['UD ', 'U.D. ', 'Usaha Dagang '], back: [', UD', ' Usaha Dagang'] },
  FIRMA: { front: ['Fa. ', 'Firma '], back: [', Firma', ' FA'] },
  PERUM: { front: ['Perum ', 'Perusahaan Umum '], back: [', Perum'] },
};

const formCode = fc.constantFrom(...Object.keys(FORMS));

describe('normaliseCompanyName: properties', () => {
  it('never throws on arbitrary strings, including full Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        const result = normaliseCompanyName(raw);
        expect(typeof result.key).toBe('string');
        expect(result.key).toBe(result.tokens.join(' '));
        // Latin capitals and digits, and letters of other scripts (kept as words of their own).
        expect(result.key).toMatch(/^([A-Z0-9\p{L}]+( [A-Z0-9\p{L}]+)*)?$/u);
        expect(result.key).not.toMatch(/[a-z]/);
      }),
      { numRuns: 1000 },
    );
  });

  it('normalising the key again gives the same key', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 100 }), name, fc.tuple(formCode, name).map(([c, n]) => `${FORMS[c]!.front[0]}${n}`)), (raw) => {
        const { key } = normaliseCompanyName(raw);
        expect(normaliseCompanyName(key).key).toBe(key);
      }),
      { numRuns: 1000 },
    );
  });

  it('is insensitive to case, extra spaces and punctuation between words', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), fc.constantFrom(' ', '  ', ' - ', ', ', ' / ', '\t'), (words, sep) => {
        const plain = normaliseCompanyName(words.join(' ')).key;
        expect(normaliseCompanyName(words.join(sep).toLowerCase()).key).toBe(plain);
        expect(normaliseCompanyName(`  ${words.join(sep).toUpperCase()}  `).key).toBe(plain);
      }),
    );
  });

  it('a legal form at the front or at the back gives the same key as the bare name', () => {
    fc.assert(
      fc.property(name, formCode, fc.nat(), fc.nat(), (n, code, i, j) => {
        const { front, back } = FORMS[code]!;
        const bare = normaliseCompanyName(n);
        const atFront = normaliseCompanyName(`${front[i % front.length]}${n}`);
        const atBack = normaliseCompanyName(`${n}${back[j % back.length]}`);
        expect(atFront.key).toBe(bare.key);
        expect(atBack.key).toBe(bare.key);
        expect(atFront.legalForms).toEqual([code]);
        expect(atBack.legalForms).toEqual([code]);
      }),
      { numRuns: 500 },
    );
  });

  it('PT … Tbk in any arrangement gives the same key and the same forms', () => {
    fc.assert(
      fc.property(name, (n) => {
        const variants = [`PT ${n} Tbk`, `${n}, PT Tbk`, `PT. ${n}, Tbk.`, `${n} Tbk, PT`, `Perseroan Terbatas ${n} Tbk Tbk`];
        const results = variants.map(normaliseCompanyName);
        for (const r of results) {
          expect(r.key).toBe(normaliseCompanyName(n).key);
          expect([...r.legalForms].sort()).toEqual(['PT', 'TBK']);
        }
      }),
    );
  });

  // Regression (fixed): foldText joins dotted single letters ("P.T." → "PT") with a regex that also swallows
  // a following one-letter word or initial: "P.T. H.M. Sampoerna" becomes "PTHM SAMPOERNA"
  // and "P.T. A Karya" becomes "PTA KARYA", so the legal form is not recognised and the key
  // differs from "PT HM Sampoerna" → "HM SAMPOERNA" (same for "C.V. A. B. Jaya" → "CVAB JAYA").
  it('a dotted legal form followed by initials gives the same key as the undotted one', () => {
    expect(normaliseCompanyName('P.T. H.M. Sampoerna Tbk').key).toBe(normaliseCompanyName('PT HM Sampoerna Tbk').key);
    expect(normaliseCompanyName('P.T. A Karya').key).toBe(normaliseCompanyName('PT A Karya').key);
    expect(normaliseCompanyName('C.V. A. B. Jaya').key).toBe(normaliseCompanyName('CV AB Jaya').key);
  });

  it('property form of the same defect: "P.T. " before a one-letter word', () => {
    // Kept as a passing regression guard for names whose first word has two or more letters.
    fc.assert(
      fc.property(name, (n) => {
        fc.pre(!/^[A-Za-z0-9]\b/.test(n));
        expect(normaliseCompanyName(`P.T. ${n}`).key).toBe(normaliseCompanyName(`PT ${n}`).key);
      }),
    );
  });
});

/** FAULT_SEED=<n> re-runs the hostile-input properties with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const seeded = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

/** Invisible format characters (Unicode Cf): zero-width, bidi marks and overrides, soft hyphen, BOM. */
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u00ad', '\ufeff', '\u2060'];

describe('normaliseCompanyName: hostile input', () => {
  it('invisible format characters anywhere in a name change neither the key nor the legal forms', () => {
    fc.assert(
      fc.property(fc.tuple(formCode, name).map(([c, n]) => `${FORMS[c]!.front[0]}${n}`), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE)), { minLength: 1, maxLength: 4 }), (raw, inserts) => {
        let marked = raw;
        for (const [at, mark] of inserts) {
          const i = at % (marked.length + 1);
          marked = `${marked.slice(0, i)}${mark}${marked.slice(i)}`;
        }
        const plain = normaliseCompanyName(raw);
        const result = normaliseCompanyName(marked);
        expect(result.key).toBe(plain.key);
        expect(result.legalForms).toEqual(plain.legalForms);
      }),
      seeded(300),
    );
  });

  it('emoji, control characters, quotes, SQL and backslashes between words act as separators only', () => {
    const separator = fc.constantFrom(' 🚀 ', ' \u0007 ', " '; DROP TABLE permit; -- ", ' \\ ', ' " ', ' \u001b ', ' 👨‍👩‍👧 ', '\n', ' \t ');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), separator, (words, sep) => {
        // An Arabic article joins the word after it, which the SQL separator brings ("AL DROP").
        fc.pre(!/DROP/.test(sep) || !words.some((w) => /^(AL|A[DNRSTZ]|A(SY|SH|TH|TS|DZ|DH))$/i.test(w)));
        const plainKey = normaliseCompanyName(words.join(' ')).key;
        const hostile = normaliseCompanyName(words.join(sep)).key;
        // The SQL separator brings its own words (DROP TABLE PERMIT); all others add nothing.
        if (/DROP/.test(sep)) expect(hostile.replace(/ ?DROP TABLE PERMIT ?/g, ' ').trim().replace(/ +/g, ' ')).toBe(plainKey);
        else expect(hostile).toBe(plainKey);
      }),
      seeded(300),
    );
  });

  it('full-width letters and digits fold to the same key as ASCII ones', () => {
    fc.assert(
      fc.property(name, (n) => {
        const fullWidth = [...n].map((c) => (c === ' ' ? '\u3000' : String.fromCodePoint(c.codePointAt(0)! + 0xfee0))).join('');
        expect(normaliseCompanyName(fullWidth).key).toBe(normaliseCompanyName(n).key);
      }),
      seeded(200),
    );
  });

  it('the key stays idempotent when old spellings fold into single letters next to initials', () => {
    const token = fc.constantFrom('OE', 'DJ', 'TJ', 'SJ', 'OEO', 'DJA', 'E', 'J', 'V', 'U', 'A', 'C', 'PT', 'CV', 'Maju', 'TJV', 'D', 'OE.');
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 6 }), fc.constantFrom(' ', '.', '\u200b '), (tokens, sep) => {
        const { key } = normaliseCompanyName(tokens.join(sep));
        expect(normaliseCompanyName(key).key).toBe(key);
      }),
      seeded(300),
    );
    expect(normaliseCompanyName('OE E').key).toBe(normaliseCompanyName(normaliseCompanyName('OE E').key).key);
  });

  it('never throws on very long names of any Unicode, and the key stays idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(...INVISIBLE, '🚀', '\u0000', '\u202e', 'é', 'ﷺ', '&', '.', ' '), fc.string({ unit: 'binary', maxLength: 1 })), minLength: 1000, maxLength: 5000 }), (raw) => {
        const { key, tokens } = normaliseCompanyName(raw);
        expect(key).toBe(tokens.join(' '));
        expect(normaliseCompanyName(key).key).toBe(key);
      }),
      seeded(40),
    );
  });
});
