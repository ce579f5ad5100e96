import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseCompanyName } from './companyName.js';
import {
  addressSimilarity,
  addressWords,
  editDistance,
  looksTruncated,
  scoreNamePair,
  wordWeight,
  type NameSide,
  type WordStats,
} from './nameScore.js';

/** Employers (of 100 000) whose name holds each word; anything not listed is unique (0). */
const counts: Record<string, number> = {
  MAJU: 15000,
  JAYA: 20000,
  SEJAHTERA: 12000,
  MANDIRI: 10000,
  ABADI: 8000,
  KARYA: 9000,
  SENTOSA: 7000,
  MAKMUR: 6000,
  INDONESIA: 11000,
  DAN: 6000,
  BINTANG: 3000,
  SINAR: 3000,
  MAS: 2000,
  SURYA: 2500,
  PERKASA: 2000,
  AGRO: 1500,
  INDUSTRI: 1200,
  INTERNASIONAL: 900,
  KONSTRUKSI: 700,
  LOGISTIK: 400,
  TEKNOLOGI: 300,
  GARUDA: 40,
  RESOURCES: 20,
  SYARIAH: 2,
  PERUSAHAAN: 900,
  LISTRIK: 60,
  NEGARA: 400,
  PLN: 30,
  MJS: 5,
  TIRTA: 300,
  KAHURIPAN: 3,
  PDAM: 250,
  BOGOR: 600,
  KAB: 900,
  XYLOFON: 1,
  QUANTARA: 0,
};
const stats: WordStats = { total: 100000, frequency: (t) => counts[t] ?? 0 };

const JAKPUS = '3171';
const JAKUT = '3172'; // same province (31)
const BANDUNG = '3273'; // another province (32)

function side(raw: string, extra: Partial<NameSide> = {}): NameSide {
  const n = normaliseCompanyName(raw);
  return { raw, tokens: n.tokens, legalForms: n.legalForms, kabKota: JAKPUS, npwp: null, nib: null, address: null, ...extra };
}

const score = (permit: NameSide, employer: NameSide) => scoreNamePair(permit, employer, stats).score;

describe('editDistance', () => {
  it('is 0 for equal words and counts single edits as 1', () => {
    expect(editDistance('SEJAHTERA', 'SEJAHTERA')).toBe(0);
    expect(editDistance('SEJAHTERA', 'SEJAHTRA')).toBe(1); // deletion
    expect(editDistance('MAJU', 'MAJUU')).toBe(1); // insertion
    expect(editDistance('MAJU', 'MAKU')).toBe(1); // substitution
    expect(editDistance('', 'AB')).toBe(2);
  });

  it('counts an adjacent transposition as one edit (Damerau)', () => {
    expect(editDistance('BINTANG', 'BINTNAG')).toBe(1);
    expect(editDistance('ABCD', 'BACD')).toBe(1);
    expect(editDistance('ABCD', 'ABDC')).toBe(1);
    // plain Levenshtein would say 2
    expect(editDistance('AB', 'BA')).toBe(1);
  });

  it('computes distances within the limit exactly', () => {
    expect(editDistance('KITTEN', 'SITTING', 3)).toBe(3);
    expect(editDistance('ABCDEFGH', 'ZYXWVUTS', 10)).toBe(8);
  });

  it('stops early and reports max + 1 when the words differ by more than max', () => {
    expect(editDistance('ABCDEFGH', 'ZYXWVUTS')).toBe(3);
    expect(editDistance('ABCDEFGH', 'ZYXWVUTS', 1)).toBe(2);
    // length difference alone exceeds the limit
    expect(editDistance('A', 'ABCDEF')).toBe(3);
    expect(editDistance('A', 'ABCDEF', 4)).toBe(5);
  });

  it('agrees with the limit: never reports ≤ max unless the true distance is ≤ max', () => {
    fc.assert(
      // non-empty words: the empty word is covered (and fails) below
      fc.property(fc.string({ unit: fc.constantFrom('A', 'B', 'C'), minLength: 1, maxLength: 7 }), fc.string({ unit: fc.constantFrom('A', 'B', 'C'), minLength: 1, maxLength: 7 }), fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const exact = editDistance(a, b, 100);
        const limited = editDistance(a, b, max);
        if (exact <= max) expect(limited).toBe(exact);
        else expect(limited).toBeGreaterThan(max);
        expect(editDistance(b, a, 100)).toBe(exact);
      }),
    );
  });

  it('measures the distance to the empty word from the empty side', () => {
    expect(editDistance('', 'ABC')).toBe(3);
    expect(editDistance('', 'ABC', 10)).toBe(3);
  });

  // Regression (fixed): with an empty second word the inner loop never runs, so rowMin stays Infinity and
  // the early cut-off fires: editDistance('A', '') === 3 (max + 1) and
  // editDistance('A', '', 100) === 101, although the distance is 1 (editDistance('', 'A') is 1).
  // Unreachable from scoreNamePair today (it only compares words of ≥ 4 letters).
  it('measures the distance from a word to the empty word as its length', () => {
    expect(editDistance('A', '')).toBe(1);
    expect(editDistance('ABC', '', 10)).toBe(3);
  });
});

describe('wordWeight', () => {
  it('is the inverse document frequency ln((N+1)/(f+1))', () => {
    expect(wordWeight(stats, 'QUANTARA')).toBeCloseTo(Math.log(100001), 10);
    expect(wordWeight(stats, 'GARUDA')).toBeCloseTo(Math.log(100001 / 41), 10);
  });

  it('makes rare words weigh more than common ones', () => {
    expect(wordWeight(stats, 'SYARIAH')).toBeGreaterThan(wordWeight(stats, 'LOGISTIK'));
    expect(wordWeight(stats, 'LOGISTIK')).toBeGreaterThan(wordWeight(stats, 'MAJU'));
    expect(wordWeight(stats, 'MAJU')).toBeGreaterThan(wordWeight(stats, 'JAYA'));
  });

  it('never falls below 0.3, even for a word in nearly every name', () => {
    const ubiquitous: WordStats = { total: 100, frequency: () => 100 };
    expect(wordWeight(ubiquitous, 'PT')).toBe(0.3);
    const overcounted: WordStats = { total: 100, frequency: () => 500 };
    expect(wordWeight(overcounted, 'X')).toBe(0.3);
  });
});

describe('looksTruncated', () => {
  it('flags 29-30 character names that stop mid-word', () => {
    const cut = 'SINAR MAS AGRO RESOURCES AND T';
    expect(cut).toHaveLength(30);
    expect(looksTruncated(cut)).toBe(true);
    expect(looksTruncated('SINAR MAS AGRO RESOURCES DANA ')).toBe(true); // 29 after trimming
    expect(looksTruncated('PT GARUDA INTERNATIONAL INDUS')).toBe(true); // 29
  });

  it('ignores other lengths', () => {
    expect(looksTruncated('SINAR MAS AGRO RESOURCES AN')).toBe(false); // 27
    expect(looksTruncated('SINAR MAS AGRO RESOURCES AND')).toBe(false); // 28
    expect(looksTruncated('SINAR MAS AGRO RESOURCES AND TE')).toBe(false); // 31
    expect(looksTruncated('PT Sinar Mas Agro Resources and Technology Tbk')).toBe(false);
  });

  it('does not flag 29-30 character names ending on a legal form or a closing parenthesis', () => {
    const endings = ['SINAR MAS AGRO RESOURCES A TBK', 'SINAR MAS AGRO RESOURCE, TBK.', 'MAJU JAYA SEJAHTERA ABADI, PT', 'SINAR MAS AGRO RESOURCESS, CV', 'SEMEN NUSANTARA RAYA (PERSERO)', 'ABI UMMI DARUL ILMIAH, YAYASAN'];
    for (const name of endings) {
      expect([29, 30]).toContain(name.trim().length);
      expect(looksTruncated(name), name).toBe(false);
    }
  });

  it('only treats a whole legal-form word as an ending ("…CEPAT" is still cut)', () => {
    const name = 'SINAR MAS AGRO RESOURCES CEPAT';
    expect(name).toHaveLength(30);
    expect(looksTruncated(name)).toBe(true);
  });

  it('trims surrounding spaces before measuring', () => {
    expect(looksTruncated('  SINAR MAS AGRO RESOURCES AND T  ')).toBe(true);
  });
});

describe('addressWords / addressSimilarity', () => {
  it('spells street words one way', () => {
    expect(addressWords('Jalan Raya Bogor Nomor 7')).toEqual(['JL', 'RAYA', 'BOGOR', 'NO', '7']);
    expect(addressWords('JL. RAYA BOGOR NO.7')).toEqual(['JL', 'RAYA', 'BOGOR', 'NO', '7']);
    expect(addressWords('Jln. Melati Gang Mawar, Desa Sukamaju, Kecamatan Cibinong')).toEqual(['JL', 'MELATI', 'GG', 'MAWAR', 'DS', 'SUKAMAJU', 'KEC', 'CIBINONG']);
    expect(addressWords('  ')).toEqual([]);
  });

  it('finds "Jalan Raya No. 7" and "JL. RAYA NO 7" identical', () => {
    expect(addressSimilarity('Jalan Raya No. 7', 'JL. RAYA NO 7')).toBe(1);
    expect(addressSimilarity('Jalan Raya Bogor Nomor 7', 'jl raya bogor no 7')).toBe(1);
  });

  it('is the Jaccard overlap of the word sets', () => {
    // {JL, MERDEKA, NO, 1} vs {JL, MERDEKA, NO, 2}: 3 shared of 5 distinct
    expect(addressSimilarity('Jalan Merdeka Nomor 1', 'Jl. Merdeka No. 2')).toBeCloseTo(3 / 5, 10);
    expect(addressSimilarity('Jalan Merdeka', 'Gang Mawar')).toBe(0);
  });

  it('is null when either address is missing or has no words', () => {
    expect(addressSimilarity(null, 'Jl. Merdeka')).toBeNull();
    expect(addressSimilarity('Jl. Merdeka', undefined)).toBeNull();
    expect(addressSimilarity('', 'Jl. Merdeka')).toBeNull();
    expect(addressSimilarity('---', 'Jl. Merdeka')).toBeNull();
  });
});

describe('scoreNamePair', () => {
  it('finds no evidence in a name that is only a legal form, on either side', () => {
    for (const [permit, employer] of [['PT.', 'PT'], ['Koperasi', 'KOPERASI'], ['PT Tbk', 'PT MAJU JAYA TBK'], ['CV Maju Jaya', 'CV']]) {
      const s = scoreNamePair(side(permit!), side(employer!), stats);
      expect(s.score).toBe(0);
      expect(s.against).toEqual(['a name that is only a legal form names no company']);
    }
  });

  it('scores identical names in the same kab/kota ~1 and says why', () => {
    const s = scoreNamePair(side('PT Maju Jaya Sejahtera'), side('MAJU JAYA SEJAHTERA, PT'), stats);
    expect(s.score).toBeCloseTo(1, 5);
    expect(s.nameSimilarity).toBeCloseTo(1, 10);
    expect(s.against).toEqual([]);
    expect(s.for.join(' ')).toContain('same kab/kota 3171');
  });

  it('keeps a one-letter typo in a word of ≥4 letters high', () => {
    const permit = side('PT Garuda Bintang Sejahtera');
    for (const typo of ['PT GARUDA BINTANG SEJAHTRA', 'PT GARUDA BINTNAG SEJAHTERA', 'PT GARUDA BINTANG SEJAHTERRA', 'PT GARUDS BINTANG SEJAHTERA']) {
      const s = scoreNamePair(permit, side(typo), stats);
      expect(s.score, typo).toBeGreaterThanOrEqual(0.9);
      expect(s.for.join(' '), typo).toContain('close:');
    }
  });

  it('does not forgive a typo in a short word (< 4 letters)', () => {
    const exact = score(side('PT Mas Garuda'), side('PT MAS GARUDA'));
    const typo = score(side('PT Mas Garuda'), side('PT MAX GARUDA'));
    expect(typo).toBeLessThan(exact - 0.2);
  });

  it('scores a name truncated at 30 characters high', () => {
    const permit = side('PT Sinar Mas Agro Resources and Technology Tbk');
    const employer = side('SINAR MAS AGRO RESOURCES AND T');
    const s = scoreNamePair(permit, employer, stats);
    expect(s.score).toBeGreaterThanOrEqual(0.95);
    expect(s.against).toEqual([]);
    // either side may be the cut one
    expect(score(employer, permit)).toBeGreaterThanOrEqual(0.95);
  });

  it('scores a cut inside a word high when the partial word starts the next word', () => {
    const full = 'PT Garuda International Industries';
    const cut = full.toUpperCase().slice(0, 30); // "PT GARUDA INTERNATIONAL INDUST"
    expect(score(side(full), side(cut))).toBeGreaterThanOrEqual(0.95);
  });

  it('does not excuse a 30-character name whose partial last word is not the next word', () => {
    const permit = side('PT Sinar Mas Agro Resources and Technology Tbk');
    const truncatedSame = score(permit, side('SINAR MAS AGRO RESOURCES AND T'));
    const different = score(permit, side('SINAR MAS AGRO RESOURCES AND X'));
    expect(different).toBeLessThan(truncatedSame - 0.3);
  });

  // Regression (fixed): the truncation check compares the cut-off partial word with the other side's
  // *normalised* word, but normalisation folds English spellings onto Indonesian ones
  // (INTERNATIONAL → INTERNASIONAL, CONSTRUCTION → KONSTRUKSI, TECHNOLOGIES → TEKNOLOGI).
  // A registry cut "INTERNATI" is then neither a prefix of "INTERNASIONAL" nor within edit
  // distance 2, so the literal 30-character prefix of the permit's own name scores 0.431
  // (below the 0.7 review threshold) with "distinctive word(s) on one side only: INTERNATI".
  it('scores a 30-character cut inside an English word that normalisation folds (INTERNATIONAL → INTERNASIONAL) high', () => {
    const cases = ['PT Garuda Industries International', 'PT Garuda Sinar Mas Construction', 'PT GARUDA MAS AGRO TECHNOLOGIES'];
    for (const full of cases) {
      const cut = full.toUpperCase().slice(0, 30);
      expect(looksTruncated(cut)).toBe(true);
      expect(score(side(full), side(cut)), `${full} vs ${cut}`).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('lowers the score for an extra distinctive word on one side ("SURYA LOGISTIK" vs "… SYARIAH")', () => {
    const permit = side('PT Surya Logistik');
    const same = scoreNamePair(permit, side('PT SURYA LOGISTIK'), stats);
    const extra = scoreNamePair(permit, side('PT SURYA LOGISTIK SYARIAH'), stats);
    expect(same.score).toBeGreaterThan(0.95);
    expect(extra.score).toBeLessThan(0.7);
    expect(extra.against.join(' ')).toContain('SYARIAH');
  });

  it('keeps a parent from linking to its subsidiary even when the marker word is common nationally', () => {
    // In a national extract "SYARIAH" is in thousands of names: not rare, still a different company.
    const national: WordStats = { total: 1_000_000, frequency: (t) => ({ BANK: 9000, CENTRAL: 300, ASIA: 4000, SYARIAH: 3000, LOGISTIK: 5500 })[t] ?? 0 };
    const permit = side('PT Bank Central Asia Syariah');
    const parent = scoreNamePair(permit, side('PT BANK CENTRAL ASIA'), national);
    expect(parent.score).toBeLessThan(0.7);
    expect(parent.against.join(' ')).toContain('SYARIAH');
    expect(scoreNamePair(permit, side('PT BANK CENTRAL ASIA SYARIAH'), national).score).toBeGreaterThan(0.95);
    expect(scoreNamePair(side('PT Surya Nusa'), side('PT SURYA NUSA LOGISTIK'), national).score).toBeLessThan(0.7);
    // A state enterprise's trading and infrastructure arms: "Multi Bintang Indonesia Niaga" linked at 0.866.
    const group: WordStats = { total: 1_000_000, frequency: (t) => ({ MULTI: 9000, BINTANG: 9000, INDONESIA: 110000, NIAGA: 6000, HUTAMA: 40, KARYA: 90000, INFRASTRUKTUR: 900 })[t] ?? 0 };
    expect(scoreNamePair(side('PT Multi Bintang Indonesia Tbk'), side('PT MULTI BINTANG INDONESIA NIAGA'), group).score).toBeLessThan(0.7);
    expect(scoreNamePair(side('PT Hutama Karya (Persero)'), side('PT HUTAMA KARYA INFRASTRUKTUR'), group).score).toBeLessThan(0.7);
    expect(scoreNamePair(side('PT Multi Bintang Indonesia Niaga'), side('PT MULTI BINTANG INDONESIA NIAGA'), group).score).toBeGreaterThan(0.95);
  });

  it('aligns a word with two adjacent words written apart on the other side, in either direction', () => {
    expect(score(side('PT Sumberjaya Abadi'), side('PT SUMBER JAYA ABADI'))).toBeGreaterThan(0.95);
    expect(score(side('PT Sari Roti Quantara'), side('PT SARIROTI QUANTARA'))).toBeGreaterThan(0.95);
    // Joined common words are no rarer than the two words: no stronger evidence than "MAJU JAYA".
    const joined = scoreNamePair(side('PT Majujaya'), side('PT MAJU JAYA', { kabKota: BANDUNG }), stats);
    const apart = scoreNamePair(side('PT Maju Jaya'), side('PT MAJU JAYA', { kabKota: BANDUNG }), stats);
    expect(joined.score).toBeCloseTo(apart.score, 10);
    // Words that are not adjacent are not joined.
    expect(score(side('PT Mas Agro Jaya'), side('PT MASJAYA AGRO'))).toBeLessThan(0.7);
  });

  it('reads an acronym as the words it stands for, on either side, as a close word rather than an equal one', () => {
    const spelled = side('PT Perusahaan Listrik Negara (Persero)');
    const acronym = side('PT PLN (Persero)');
    const forward = scoreNamePair(spelled, acronym, stats);
    expect(forward.score).toBeGreaterThan(0.86);
    expect(forward.score).toBeLessThan(score(acronym, side('PLN, PT')));
    expect(forward.for).toContain('acronym PLN = PERUSAHAAN LISTRIK NEGARA');
    expect(scoreNamePair(acronym, spelled, stats).score).toBeCloseTo(forward.score, 10);
    // Within a longer name, for the words it stands for only.
    expect(score(side('PT PLN Batam'), side('PT Perusahaan Listrik Negara Batam'))).toBeGreaterThan(0.86);
    expect(score(side('PT PLN Batam'), side('PT Perusahaan Listrik Negara Bintan'))).toBeLessThan(0.7);
  });

  it('joins an Arabic word written apart where its apostrophe was ("MA HAD" is "Ma\'had")', () => {
    expect(score(side("Pondok Pesantren Ma'had Al Zaytun"), side('PONPES MA HAD AL ZAYTUN'))).toBeGreaterThan(0.95);
    expect(score(side("Yayasan Ta'mir Masjid Xylofon"), side('YAYASAN TA MIR MASJID XYLOFON'))).toBeGreaterThan(0.95);
  });

  it('reads "Bank BCA" as "Bank Central Asia", saying "Bank" once, and only for a bank', () => {
    // Before: "BANK" on both sides kept the acronym from being read, and the pair scored 0.1.
    const bca = scoreNamePair(side('PT Bank BCA Syariah'), side('PT BANK CENTRAL ASIA SYARIAH'), stats);
    expect(bca.score).toBeGreaterThan(0.86);
    expect(bca.for).toContain('acronym BCA = BANK CENTRAL ASIA');
    expect(score(side('PT BANK BNI (PERSERO) TBK'), side('PT Bank Negara Indonesia (Persero) Tbk'))).toBeGreaterThan(0.86);
    // The subsidiary stays apart from its parent, and the kind of shop is no initial.
    expect(score(side('PT Bank BCA Syariah'), side('PT BANK CENTRAL ASIA TBK'))).toBeLessThan(0.7);
    expect(score(side('Toko TBS'), side('TOKO BANGUNAN SEJAHTERA'))).toBeLessThan(0.7);
    expect(score(side('Klinik KSH'), side('KLINIK SEHAT HARAPAN'))).toBeLessThan(0.7);
  });

  it('counts a shared word that says the kind of business (BPR, Toko) as common, however few names hold it', () => {
    // A branch's extract with few BPRs: "BPR" shared outweighed "MANDIRI" on one side, and
    // two BPRs of common words one word apart linked at 0.891.
    const branch: WordStats = { total: 4000, frequency: (t) => ({ BPR: 8, TOKO: 20, ARTHA: 60, JAYA: 600, MANDIRI: 200, SUMBER: 300, BARU: 150 })[t] ?? 0 };
    expect(scoreNamePair(side('PT BPR Artha Jaya Mandiri'), side('PT BPR ARTHA JAYA'), branch).score).toBeLessThan(0.86);
    expect(scoreNamePair(side('Toko Sumber Baru Mandiri'), side('TOKO SUMBER BARU'), branch).score).toBeLessThan(0.86);
    // The same name is still the same company.
    expect(scoreNamePair(side('PT BPR Artha Jaya'), side('PT BPR ARTHA JAYA'), branch).score).toBeGreaterThan(0.95);
    expect(scoreNamePair(side('PT Bank Perkreditan Rakyat Artha Jaya Mandiri'), side('PT BPR ARTHA JAYA MANDIRI'), branch).score).toBeGreaterThan(0.95);
  });

  it('reads a Chinese-Indonesian syllable ending in "i" or "y" as one spelling ("Hok Lay" / "Hok Lai")', () => {
    // Before: words under four letters were never close, and the pair scored 0.2.
    expect(score(side('PT Hok Lay Xylofon'), side('PT HOK LAI XYLOFON'))).toBeGreaterThan(0.86);
    expect(score(side('Toko Hok Lay'), side('TOKO HOK LAI'))).toBeGreaterThan(0.86);
    // Only that letter at the end: another consonant or vowel is another syllable.
    expect(score(side('Toko Hok Lay'), side('TOKO HOK LAM'))).toBeLessThan(0.7);
    expect(score(side('Toko Hok Lai'), side('TOKO HOK LAU'))).toBeLessThan(0.7);
  });

  it('takes a lone "I" that normalisation read as 1 for a cut-off word in a 30-character name', () => {
    const cut = 'PT SINAR XYLOFON ABADI JAYA I';
    expect(looksTruncated(cut)).toBe(true);
    expect(normaliseCompanyName(cut).tokens.at(-1)).toBe('1');
    expect(score(side(cut), side('PT Sinar Xylofon Abadi Jaya Indah'))).toBeGreaterThan(0.86);
    expect(score(side(cut), side('PT Sinar Xylofon Abadi Jaya Utama'))).toBeLessThan(score(side(cut), side('PT Sinar Xylofon Abadi Jaya Indah')) - 0.2);
  });

  it('does not read a common word as the initials of common words ("MAJU" is not "MAKMUR ABADI JAYA UTAMA")', () => {
    expect(score(side('CV Maju Sentosa'), side('CV Makmur Abadi Jaya Utama Sentosa'))).toBeLessThan(0.7);
    // …while initials found in few names are read so: as a link when they stand for a
    // distinctive word, for review when they stand for common words only (many names spell them).
    expect(score(side('PT GMF'), side('PT Garuda Maintenance Facility'))).toBeGreaterThan(0.86);
    const common = scoreNamePair(side('CV MJS'), side('CV Maju Jaya Sentosa'), stats);
    expect(common.score).toBeGreaterThan(0.7);
    expect(common.score).toBeLessThan(0.86);
    expect(common.against).toContain('only initials in common, and they stand for common words');
  });

  it('does not take one word for another one letter away when both are words (PUTRA, PUTRI), however few names hold them', () => {
    for (const [permit, employer] of [['PT Dewi Sri Sejahtera', 'PT Dewa Sri Sejahtera'], ['UD Hadi Santoso', 'UD Hari Santoso'], ['CV Putri Jaya Mandiri', 'CV Putra Jaya Mandiri']]) {
      expect(score(side(permit!), side(employer!))).toBeLessThan(0.86);
    }
    // A slip of the pen, and a word spelt two ways, are still the same word.
    expect(score(side('PT Tembakau Jember Makmur'), side('PT Tembakau Jember Makmru'))).toBeGreaterThan(0.86);
    expect(score(side('CV Rizky Jaya Abadi'), side('CV Rizki Jaya Abadi'))).toBeGreaterThan(0.86);
  });

  it('sends a name of common words that may be cut at 30 characters on a word\'s end to review, not a link', () => {
    const cut = scoreNamePair(side('PT Karya Bangun Sejahtera Mandiri Perkasa'), side('KARYA BANGUN SEJAHTERA MANDIRI'), stats);
    expect(cut.score).toBeGreaterThan(0.7);
    expect(cut.score).toBeLessThan(0.86);
    // A distinctive one is still linked.
    expect(score(side('PT Garuda Maintenance Facility Aero Asia Tbk'), side('PT GARUDA MAINTENANCE FACILITY'))).toBeGreaterThan(0.86);
  });

  it('reads two initials as two words only beside a distinctive word both names share', () => {
    const full = side('PT Hanjaya Mandala Garuda Tbk');
    const initials = scoreNamePair(side('PT H.M. Garuda Tbk'), full, stats);
    expect(initials.score).toBeGreaterThan(0.86);
    expect(initials.for).toContain('acronym HM = HANJAYA MANDALA');
    // Without one, "SM" is not "Sinar Mas": two letters spell too many names.
    expect(score(side('PT SM Jaya'), side('PT Sinar Mas Jaya'))).toBeLessThan(0.7);
    // Vowels are not initials read so.
    expect(scoreNamePair(side('PT AI Garuda'), side('PT Agro Indonesia Garuda'), stats).for.join(' ')).not.toContain('acronym');
  });

  it('ignores the kab/kota a name ends with when it is where the record is, and the other name leaves it out', () => {
    const bogor = '3201';
    const withRegion = side('PDAM Tirta Kahuripan Kab. Bogor', { kabKota: bogor });
    const without = side('Perumda Air Minum Tirta Kahuripan', { kabKota: bogor });
    expect(score(without, withRegion)).toBeGreaterThan(0.95);
    // Another kab/kota's name is a word like any other.
    expect(score(side('PDAM Tirta Kahuripan Kota Malang', { kabKota: bogor }), without)).toBeLessThan(score(without, withRegion));
    // A name that is its region after one word keeps it ("RSUD Kota Malang" is named by it).
    expect(scoreNamePair(side('PDAM Kab. Bogor', { kabKota: bogor }), side('PDAM', { kabKota: bogor }), stats).nameSimilarity).toBeLessThan(1);
  });

  it('links a water company named by its kab/kota alone to its own name there, and nowhere else', () => {
    // Before: the company's own name ("TUGU TIRTA") counted against, and the pair scored 0.457.
    const malang = '3573';
    const byCity = side('PDAM KOTA MALANG', { kabKota: malang });
    expect(score(side('Perumda Air Minum Tugu Tirta Kota Malang', { kabKota: malang }), byCity)).toBeGreaterThan(0.86);
    expect(score(byCity, side('Perumda Air Minum Tugu Tirta Kota Malang', { kabKota: malang }))).toBeGreaterThan(0.86);
    // Another kab/kota's, or a name that does not say the kab/kota, is not it.
    expect(score(side('Perumda Air Minum Tirta Kanjuruhan', { kabKota: '3507' }), side('PDAM KOTA MALANG', { kabKota: malang }))).toBeLessThan(0.7);
    expect(score(side('PDAM Tirta Kahuripan', { kabKota: malang }), byCity)).toBeLessThan(0.7);
    expect(score(side('Perumda Air Minum Tirta Pakuan Kota Bogor', { kabKota: '3271' }), side('PDAM KABUPATEN BOGOR', { kabKota: '3201' }))).toBeLessThan(0.7);
    // Only a water company: a kab/kota may have several hospitals.
    expect(score(side('RSUD Dr. Iskak Xylofon Kabupaten Tulungagung', { kabKota: '3504' }), side('RSUD KABUPATEN TULUNGAGUNG', { kabKota: '3504' }))).toBeLessThan(0.7);
  });

  it('lets a name that is its region after one word leave out only the designator, both records being there', () => {
    // Before: "KABUPATEN" counted as a distinctive word on one side, and the pair scored 0.62.
    const sidoarjo = '3515';
    const permit = side('RSUD Kabupaten Sidoarjo', { kabKota: sidoarjo });
    expect(score(permit, side('RSUD SIDOARJO', { kabKota: sidoarjo }))).toBeGreaterThan(0.95);
    expect(score(side('RSUD SIDOARJO', { kabKota: sidoarjo }), permit)).toBeGreaterThan(0.95);
    // Enrolled elsewhere, the designator may be what tells the kota's hospital from the kabupaten's.
    expect(score(permit, side('RSUD SIDOARJO', { kabKota: '3578' }))).toBeLessThan(0.7);
    expect(score(side('RSUD Kota Malang', { kabKota: '3573' }), side('RSUD MALANG', { kabKota: '3507' }))).toBeLessThan(0.7);
    expect(score(side('RSUD Kota Malang', { kabKota: '3573' }), side('RSUD KABUPATEN MALANG', { kabKota: '3573' }))).toBeLessThan(0.7);
  });

  it('knows the kab/kota a name ends with in the words of a normalised name ("Lima Puluh Kota" is "50 KOTA")', () => {
    const limaPuluhKota = '1307';
    const withRegion = side('Perumda Air Minum Tirta Kahuripan Kab. Lima Puluh Kota', { kabKota: limaPuluhKota });
    const without = side('PDAM Tirta Kahuripan', { kabKota: limaPuluhKota });
    expect(scoreNamePair(without, withRegion, stats).nameSimilarity).toBe(1);
  });

  it('lowers the score much less for an extra common word than for an extra rare one', () => {
    const permit = side('PT Garuda Bintang');
    const extraCommon = score(permit, side('PT GARUDA BINTANG JAYA'));
    const extraRare = score(permit, side('PT GARUDA BINTANG SYARIAH'));
    expect(extraCommon).toBeGreaterThan(extraRare + 0.2);
  });

  it('scores reordered words lower than the same order', () => {
    const permit = side('PT Maju Mandiri');
    const sameOrder = scoreNamePair(permit, side('PT MAJU MANDIRI'), stats);
    const reordered = scoreNamePair(permit, side('PT MANDIRI MAJU'), stats);
    expect(reordered.nameSimilarity).toBeCloseTo(sameOrder.nameSimilarity, 10);
    expect(reordered.score).toBeLessThan(sameOrder.score - 0.2);
    expect(reordered.against).toContain('words in another order');
  });

  it('scores a common-word name in another kab/kota much lower than in the same kab/kota', () => {
    const permit = side('PT Maju Jaya Abadi');
    const here = score(permit, side('PT MAJU JAYA ABADI'));
    const sameProvince = scoreNamePair(permit, side('PT MAJU JAYA ABADI', { kabKota: JAKUT }), stats);
    const elsewhere = score(permit, side('PT MAJU JAYA ABADI', { kabKota: BANDUNG }));
    expect(here).toBeGreaterThan(0.95);
    expect(sameProvince.score).toBeLessThan(here - 0.35);
    expect(sameProvince.against.join(' ')).toContain('other kab/kota (3172 vs 3171, same province)');
    // another province costs a little more again
    expect(elsewhere).toBeLessThan(sameProvince.score);
  });

  it('costs a rare-word name in another kab/kota much less than a common-word one', () => {
    const commonLoss = score(side('PT Maju Jaya Abadi'), side('PT MAJU JAYA ABADI')) - score(side('PT Maju Jaya Abadi'), side('PT MAJU JAYA ABADI', { kabKota: BANDUNG }));
    const rareHere = score(side('PT Xylofon Quantara'), side('PT XYLOFON QUANTARA'));
    const rareThere = score(side('PT Xylofon Quantara'), side('PT XYLOFON QUANTARA', { kabKota: BANDUNG }));
    const rareLoss = rareHere - rareThere;
    expect(rareThere).toBeGreaterThanOrEqual(0.85);
    expect(rareLoss).toBeLessThan(commonLoss / 3);
    expect(rareLoss).toBeGreaterThan(0); // but it is still some evidence against
  });

  it('links a name no other employer has across provinces, even in a small registry, and costs a common one more there', () => {
    // 4,000 employers: the enrolled "FREEPORT" is the only one with that word.
    const small: WordStats = { total: 4000, frequency: (t) => ({ FREEPORT: 1, INDONESIA: 440, MAJU: 600, JAYA: 800, ABADI: 320 })[t] ?? 0 };
    const headOffice = scoreNamePair(side('PT Freeport Indonesia', { kabKota: '9404' }), side('PT FREEPORT INDONESIA'), small);
    expect(headOffice.score).toBeGreaterThanOrEqual(0.86);
    expect(headOffice.against.join(' ')).toContain('other kab/kota (3171 vs 9404)');
    const common = side('PT Maju Jaya Abadi');
    const provinceCost = (permit: NameSide, employer: string) =>
      scoreNamePair(permit, side(employer, { kabKota: JAKUT }), small).score - scoreNamePair(permit, side(employer, { kabKota: BANDUNG }), small).score;
    expect(provinceCost(common, 'PT MAJU JAYA ABADI')).toBeGreaterThan(provinceCost(side('PT Freeport Indonesia'), 'PT FREEPORT INDONESIA') + 0.03);
  });

  it('penalises a different NPWP taxpayer base (digits 2..10) strongly', () => {
    const npwp = '0123456789012000';
    const permit = side('PT Xylofon Quantara', { npwp });
    const otherTaxpayer = scoreNamePair(permit, side('PT XYLOFON QUANTARA', { npwp: '0987654321012000' }), stats);
    expect(otherTaxpayer.score).toBeLessThanOrEqual(0.45);
    expect(otherTaxpayer.against.join(' ')).toContain('another taxpayer NPWP (0987654321012000)');
  });

  it('does not penalise the same taxpayer base with another branch/office suffix, nor an individual\'s NPWP against an entity\'s', () => {
    const permit = side('PT Xylofon Quantara', { npwp: '0123456789012000' });
    expect(score(permit, side('PT XYLOFON QUANTARA', { npwp: '0123456789013001' }))).toBeGreaterThan(0.95);
    expect(score(permit, side('PT XYLOFON QUANTARA', { npwp: '9123456789999999' }))).toBeGreaterThan(0.95);
    // a change at digit 10 (last digit of the base) is another taxpayer
    expect(score(permit, side('PT XYLOFON QUANTARA', { npwp: '0123456780012000' }))).toBeLessThanOrEqual(0.45);
    // Two individuals' NPWPs (NIKs) sharing digits 2 to 10 are two people.
    expect(score(side('UD Xylofon Quantara', { npwp: '3523012345670555' }), side('UD XYLOFON QUANTARA', { npwp: '3523012345670123' }))).toBeLessThanOrEqual(0.45);
  });

  it('ignores the NPWP when either side lacks one', () => {
    expect(score(side('PT Xylofon Quantara', { npwp: '0123456789012000' }), side('PT XYLOFON QUANTARA'))).toBeGreaterThan(0.95);
    expect(score(side('PT Xylofon Quantara'), side('PT XYLOFON QUANTARA', { npwp: '0123456789012000' }))).toBeGreaterThan(0.95);
  });

  it('penalises an employer holding another NIB strongly', () => {
    const s = scoreNamePair(side('PT Xylofon Quantara', { nib: '1234567890123' }), side('PT XYLOFON QUANTARA', { nib: '9999999999999' }), stats);
    expect(s.score).toBeLessThanOrEqual(0.45);
    expect(s.against.join(' ')).toContain('another NIB (9999999999999)');
    expect(score(side('PT Xylofon Quantara', { nib: '1234567890123' }), side('PT XYLOFON QUANTARA', { nib: '1234567890123' }))).toBeGreaterThan(0.95);
    expect(score(side('PT Xylofon Quantara', { nib: '1234567890123' }), side('PT XYLOFON QUANTARA'))).toBeGreaterThan(0.95);
  });

  it('lowers the score for another entity legal form (PT vs CV), more so for a common name', () => {
    const rareSame = score(side('PT Xylofon Quantara'), side('PT XYLOFON QUANTARA'));
    const rareCv = scoreNamePair(side('PT Xylofon Quantara'), side('CV XYLOFON QUANTARA'), stats);
    expect(rareCv.score).toBeLessThan(rareSame);
    expect(rareCv.against).toContain('legal form CV vs PT');
    const commonSame = score(side('PT Maju Jaya Abadi'), side('PT MAJU JAYA ABADI'));
    const commonCv = score(side('PT Maju Jaya Abadi'), side('CV MAJU JAYA ABADI'));
    expect(commonCv).toBeLessThan(commonSame - 0.2);
    expect(commonSame - commonCv).toBeGreaterThan(rareSame - rareCv.score);
  });

  it('does not treat TBK or a missing legal form as another entity form', () => {
    expect(score(side('PT Xylofon Quantara Tbk'), side('PT XYLOFON QUANTARA'))).toBeGreaterThan(0.95);
    expect(score(side('PT Maju Jaya Abadi'), side('MAJU JAYA ABADI'))).toBeGreaterThan(0.95);
  });

  it('raises the score for the same street address', () => {
    const permit = side('PT Garuda Bintang Perkasa', { address: 'Jalan Raya Bogor Nomor 7' });
    const noAddress = score(permit, side('PT GARUDA BINTANG'));
    const withAddress = scoreNamePair(permit, side('PT GARUDA BINTANG', { address: 'JL. RAYA BOGOR NO 7' }), stats);
    expect(withAddress.score).toBeGreaterThan(noAddress);
    expect(withAddress.for).toContain('same address');
    const otherAddress = score(permit, side('PT GARUDA BINTANG', { address: 'Jl. Sudirman Kav. 52' }));
    expect(otherAddress).toBeCloseTo(noAddress, 10);
  });

  it('removes the other-kab/kota penalty when the street address is the same', () => {
    const permit = side('PT Maju Jaya Abadi', { address: 'Jalan Raya Bogor Nomor 7' });
    const elsewhere = scoreNamePair(permit, side('PT MAJU JAYA ABADI', { kabKota: BANDUNG, address: 'JL. RAYA BOGOR NO 7' }), stats);
    expect(elsewhere.score).toBeGreaterThan(0.95);
    expect(elsewhere.against.join(' ')).not.toContain('other kab/kota');
    const elsewhereNoAddress = score(permit, side('PT MAJU JAYA ABADI', { kabKota: BANDUNG }));
    expect(elsewhereNoAddress).toBeLessThan(0.6);
  });

  it('does not let a shared address rescue a dissimilar name', () => {
    const permit = side('PT Garuda Bintang', { address: 'Jalan Raya Bogor Nomor 7' });
    const s = scoreNamePair(permit, side('PT XYLOFON QUANTARA', { address: 'JL RAYA BOGOR NO 7' }), stats);
    expect(s.for).not.toContain('same address');
    expect(s.score).toBeLessThan(0.1);
  });

  it('scores names with no word in common 0 (apart from the region bonus)', () => {
    const s = scoreNamePair(side('PT Garuda Bintang'), side('PT XYLOFON QUANTARA'), stats);
    expect(s.nameSimilarity).toBe(0);
    expect(s.score).toBeLessThanOrEqual(0.03);
    expect(s.rarity).toBe(0);
    expect(s.distinctiveness).toBe(0);
  });

  it('counts a common word on one side only against a name of common words, and not against a distinctive one', () => {
    const namesake = scoreNamePair(side('PT Sinar Makmur Abadi'), side('PT SINAR MAKMUR ABADI SENTOSA'), stats);
    expect(namesake.against.join(' ')).toContain('in a name of common words: SENTOSA');
    // Under the link threshold: two registered names, however common the extra word.
    expect(namesake.score).toBeLessThan(0.86);
    const distinctive = scoreNamePair(side('PT Xylofon Quantara'), side('PT XYLOFON QUANTARA SENTOSA'), stats);
    expect(distinctive.against.join(' ')).not.toContain('common words');
    // "DAN" is no word of the name's own.
    expect(scoreNamePair(side('PT Sinar dan Makmur Abadi'), side('PT SINAR MAKMUR ABADI'), stats).against.join(' ')).not.toContain('common words');
  });

  it('measures rarity and distinctiveness by the shared words', () => {
    const rare = scoreNamePair(side('PT Xylofon Quantara'), side('PT XYLOFON QUANTARA'), stats);
    const common = scoreNamePair(side('PT Maju Jaya'), side('PT MAJU JAYA'), stats);
    expect(rare.rarity).toBeGreaterThan(0.9);
    expect(rare.rarity).toBeLessThanOrEqual(1);
    expect(common.rarity).toBeLessThan(0.25);
    expect(rare.distinctiveness).toBeGreaterThan(common.distinctiveness);
  });

  describe('properties', () => {
    const word = fc.oneof(
      fc.constantFrom(...Object.keys(counts)),
      fc.string({ unit: fc.constantFrom('A', 'B', 'E', 'K', 'R', 'S', 'T'), minLength: 1, maxLength: 10 }),
    );
    const nameSide = fc.record({
      tokens: fc.array(word, { maxLength: 6 }),
      legalForms: fc.subarray(['PT', 'CV', 'TBK', 'KOPERASI', 'YAYASAN', 'UD']),
      kabKota: fc.option(fc.constantFrom('3171', '3172', '3273', '3578'), { nil: null }),
      npwp: fc.option(fc.constantFrom('0123456789012000', '0123456789013000', '0987654321012000'), { nil: null }),
      nib: fc.option(fc.constantFrom('1111111111111', '2222222222222'), { nil: null }),
      address: fc.option(fc.constantFrom('Jalan Raya Bogor Nomor 7', 'JL RAYA BOGOR NO 7', 'Jl. Sudirman 1', ''), { nil: null }),
      // sometimes cut at 30 characters like the registries do
      cut: fc.boolean(),
    }).map(({ cut, ...s }): NameSide => {
      const full = ['PT', ...s.tokens].join(' ');
      return { ...s, raw: cut ? full.padEnd(40, 'X').slice(0, 30) : full };
    });
    const wordStats = fc.record({ total: fc.integer({ min: 0, max: 1_000_000 }), f: fc.integer({ min: 0, max: 2_000_000 }) }).map(
      ({ total, f }): WordStats => ({ total, frequency: (t) => (counts[t] === undefined ? (t.length * f) % (total + 2) : Math.min(counts[t]!, f)) }),
    );

    it('always scores within [0, 1] with finite components', () => {
      fc.assert(
        fc.property(nameSide, nameSide, wordStats, (a, b, st) => {
          const s = scoreNamePair(a, b, st);
          expect(Number.isFinite(s.score)).toBe(true);
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(1);
          expect(s.nameSimilarity).toBeGreaterThanOrEqual(0);
          expect(s.nameSimilarity).toBeLessThanOrEqual(1 + 1e-12);
        }),
        { numRuns: 500 },
      );
    });

    it('scores a name against itself (same kab/kota, no conflicting identifiers) 1', () => {
      fc.assert(
        fc.property(nameSide, (a) => {
          fc.pre(a.tokens.length > 0);
          const self: NameSide = { ...a, kabKota: a.kabKota ?? '3171' };
          expect(scoreNamePair(self, { ...self }, stats).score).toBeCloseTo(1, 10);
        }),
      );
    });

    it('never lets a pair with conflicting NIBs score above 0.5', () => {
      fc.assert(
        fc.property(nameSide, nameSide, (a, b) => {
          const s = scoreNamePair({ ...a, nib: '1111111111111' }, { ...b, nib: '2222222222222' }, stats);
          expect(s.score).toBeLessThanOrEqual(0.5);
          expect(s.score).toBeLessThanOrEqual(scoreNamePair({ ...a, nib: null }, { ...b, nib: null }, stats).score);
        }),
      );
    });
  });
});
