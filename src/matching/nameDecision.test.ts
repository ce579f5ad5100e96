import { describe, expect, it } from 'vitest';
import { normaliseCompanyName } from './companyName.js';
import { decideByName, type NameCandidate, type NameThresholds } from './nameDecision.js';
import { scoreNamePair, type NameSide, type WordStats } from './nameScore.js';

const counts: Record<string, number> = {
  MAJU: 15000,
  JAYA: 20000,
  SEJAHTERA: 12000,
  ABADI: 8000,
  BINTANG: 3000,
  PERKASA: 2000,
  LOGISTIK: 400,
  RINJANI: 40,
  SYARIAH: 2,
};
const stats: WordStats = { total: 100000, frequency: (t) => counts[t] ?? 0 };
/** The configured defaults (schemas/config.ts). */
const T: NameThresholds = { match: 0.86, margin: 0.1, review: 0.7 };

function side(raw: string, extra: Partial<NameSide> = {}): NameSide {
  const n = normaliseCompanyName(raw);
  return { raw, tokens: n.tokens, legalForms: n.legalForms, kabKota: '3171', npwp: null, nib: null, address: null, ...extra };
}
const cand = (npp: string, raw: string, extra: Partial<NameSide> = {}, claim?: NameCandidate['claim']): NameCandidate => ({ npp, side: side(raw, extra), ...(claim !== undefined ? { claim } : {}) });
const scoreOf = (c: NameCandidate) => Number(scoreNamePair(permit, c.side, stats).score.toFixed(3));

const permit = side('PT Rinjani Bintang Sejahtera', { nib: '1234567890123' });

// Reference candidates and (checked below) where their scores fall against T.
const exact = cand('NPP-EXACT', 'PT RINJANI BINTANG SEJAHTERA'); // 1.000
const typo = cand('NPP-TYPO', 'PT RINJANI BINTNAG SEJAHTERA'); // ~0.99: within the margin of exact
const elsewhere = cand('NPP-ELSEWHERE', 'PT RINJANI BINTANG SEJAHTERA', { kabKota: '3273' }); // ~0.74: review zone
const otherWords = cand('NPP-PERKASA', 'PT RINJANI PERKASA'); // ~0.65: below review
const subsidiary = cand('NPP-SYARIAH', 'PT RINJANI BINTANG SEJAHTERA SYARIAH'); // ~0.57: below review
const commonOnly = cand('NPP-COMMON', 'PT MAJU JAYA ABADI'); // 0

describe('decideByName', () => {
  it('uses candidates whose scores sit where the tests expect', () => {
    expect(scoreOf(exact)).toBeGreaterThanOrEqual(0.99);
    expect(scoreOf(typo)).toBeGreaterThanOrEqual(T.match);
    expect(scoreOf(exact) - scoreOf(typo)).toBeLessThan(T.margin);
    expect(scoreOf(elsewhere)).toBeGreaterThanOrEqual(T.review);
    expect(scoreOf(elsewhere)).toBeLessThan(T.match);
    expect(scoreOf(otherWords)).toBeLessThan(T.review);
    expect(scoreOf(subsidiary)).toBeLessThan(scoreOf(otherWords));
    expect(scoreOf(commonOnly)).toBeLessThan(0.1);
  });

  it('matches the best candidate at or above the match threshold when it leads by the margin', () => {
    const d = decideByName(permit, [otherWords, exact, elsewhere], stats, T);
    expect(d.decision).toBe('matched');
    expect(d.npp).toBe('NPP-EXACT');
    expect(d.method).toBe('name');
    expect(d.score).toBe(scoreOf(exact));
    expect(d.displaces).toBeUndefined();
    expect(d.explanation.runner_up).toEqual({ npp: 'NPP-ELSEWHERE', score: scoreOf(elsewhere) });
    expect(d.explanation.candidates).toBe(3);
    expect(d.explanation.for.join(' ')).toContain('name similarity');
  });

  it('matches a lone strong candidate (no runner-up)', () => {
    const d = decideByName(permit, [exact], stats, T);
    expect(d.decision).toBe('matched');
    expect(d.npp).toBe('NPP-EXACT');
    expect(d.explanation.runner_up).toBeNull();
  });

  it('sends a strong best candidate to review when the runner-up is within the margin', () => {
    const d = decideByName(permit, [exact, typo], stats, T);
    expect(d.decision).toBe('review');
    expect(d.npp).toBeNull();
    expect(d.method).toBe('name');
    expect(d.score).toBe(scoreOf(exact));
    expect(d.explanation.runner_up).toEqual({ npp: 'NPP-TYPO', score: scoreOf(typo) });
    expect(d.explanation.against).toContain(`runner-up NPP-TYPO is within ${T.margin}`);
  });

  it('requires the margin, not just the match threshold', () => {
    const strictMargin = decideByName(permit, [exact, elsewhere], stats, { ...T, margin: 0.5 });
    expect(strictMargin.decision).toBe('review');
    const lenient = decideByName(permit, [exact, typo], stats, { ...T, margin: 0 });
    expect(lenient.decision).toBe('matched');
    expect(lenient.npp).toBe('NPP-EXACT');
  });

  it('sends a best candidate between the review and match thresholds to review', () => {
    const d = decideByName(permit, [elsewhere, otherWords], stats, T);
    expect(d.decision).toBe('review');
    expect(d.npp).toBeNull();
    expect(d.score).toBe(scoreOf(elsewhere));
    expect(d.explanation.runner_up?.npp).toBe('NPP-PERKASA');
    expect(d.explanation.against.join(' ')).toContain('other kab/kota');
    expect(d.explanation.against.join(' ')).not.toContain('runner-up');
  });

  it('leaves the permit unmatched below the review threshold, naming the closest candidate and why', () => {
    const d = decideByName(permit, [subsidiary, commonOnly, otherWords], stats, T);
    expect(d.decision).toBe('unmatched');
    expect(d.npp).toBeNull();
    expect(d.method).toBe('none');
    expect(d.score).toBe(scoreOf(otherWords));
    expect(d.explanation.runner_up).toEqual({ npp: 'NPP-PERKASA', score: scoreOf(otherWords) });
    expect(d.explanation.against[0]).toBe(`closest name candidate NPP-PERKASA scores ${scoreOf(otherWords).toFixed(2)}, below ${T.review}`);
    expect(d.explanation.candidates).toBe(3);
    expect(d.explanation.top).toBeUndefined();
  });

  it('leaves the permit unmatched with score 0 when there are no candidates', () => {
    const d = decideByName(permit, [], stats, T);
    expect(d).toMatchObject({ decision: 'unmatched', npp: null, score: 0, method: 'none' });
    expect(d.explanation.runner_up).toBeNull();
    expect(d.explanation.candidates).toBe(0);
    expect(d.explanation.against).toEqual(['no enrolled employer shares an identifier or a name word']);
  });

  it('breaks score ties by NPP', () => {
    const a = cand('NPP-B', 'PT RINJANI BINTANG SEJAHTERA', { kabKota: '3273' });
    const b = cand('NPP-A', 'PT RINJANI BINTANG SEJAHTERA', { kabKota: '3273' });
    const d = decideByName(permit, [a, b], stats, T);
    expect(d.decision).toBe('review');
    expect(d.explanation.top?.map((t) => t.npp)).toEqual(['NPP-A', 'NPP-B']);
  });

  describe('employers already linked to another permit', () => {
    it('never chooses an employer linked to another permit by an identifier', () => {
      for (const method of ['npp', 'nib', 'npwp', 'npwp_base', 'judgement']) {
        const claimed = { ...exact, claim: { nib: '9999999999999', score: 0.5, method } };
        const d = decideByName(permit, [claimed, elsewhere], stats, T);
        expect(d.npp, method).not.toBe('NPP-EXACT');
        expect(d.decision, method).toBe('review'); // falls back to the 0.74 candidate
        expect(d.explanation.runner_up, method).toBeNull();
        expect(d.explanation.candidates, method).toBe(1);
        expect(d.explanation.against, method).toContain(`similar employers belong to other permits: NPP-EXACT (already linked to NIB 9999999999999 by ${method})`);
        expect(d.explanation.top?.map((t) => t.npp), method).toEqual(['NPP-ELSEWHERE']);
      }
    });

    it('never chooses an employer linked by a name match at least as good', () => {
      const s = scoreOf(exact);
      for (const claimScore of [s, 1, 2]) {
        const claimed = { ...exact, claim: { nib: '9999999999999', score: claimScore, method: 'name' } };
        const d = decideByName(permit, [claimed], stats, T);
        expect(d.decision).toBe('unmatched');
        expect(d.npp).toBeNull();
        expect(d.score).toBe(0);
        expect(d.explanation.against).toContain('similar employers belong to other permits: NPP-EXACT (already linked to NIB 9999999999999 by name)');
      }
    });

    it('takes an employer over from a weaker name link and reports the permit it displaces', () => {
      const claimed = { ...exact, claim: { nib: '9999999999999', score: 0.87, method: 'name' } };
      const d = decideByName(permit, [claimed, otherWords], stats, T);
      expect(d.decision).toBe('matched');
      expect(d.npp).toBe('NPP-EXACT');
      expect(d.displaces).toBe('9999999999999');
    });

    it('does not report a displacement when the weakly claimed employer only goes to review', () => {
      const claimed = { ...exact, claim: { nib: '9999999999999', score: 0.5, method: 'name' } };
      const d = decideByName(permit, [claimed, typo], stats, T);
      expect(d.decision).toBe('review');
      expect(d.explanation.top?.[0]?.npp).toBe('NPP-EXACT');
      expect(d.displaces).toBeUndefined();
    });

    it('does not mention claimed employers that would have scored below review anyway', () => {
      const claimed = { ...commonOnly, claim: { nib: '9999999999999', score: 1, method: 'nib' } };
      const d = decideByName(permit, [exact, claimed], stats, T);
      expect(d.decision).toBe('matched');
      expect(d.explanation.against.join(' ')).not.toContain('belong to other permits');
      expect(d.explanation.candidates).toBe(1);
    });

    it('treats a null claim as unclaimed', () => {
      const d = decideByName(permit, [{ ...exact, claim: null }], stats, T);
      expect(d.decision).toBe('matched');
      expect(d.displaces).toBeUndefined();
    });
  });

  describe('explanation.top', () => {
    it('lists the best three candidates with scores and evidence, best first', () => {
      const d = decideByName(permit, [commonOnly, otherWords, typo, subsidiary, exact, elsewhere], stats, T);
      expect(d.explanation.candidates).toBe(6);
      const top = d.explanation.top!;
      expect(top).toHaveLength(3);
      expect(top.map((t) => t.npp)).toEqual(['NPP-EXACT', 'NPP-TYPO', 'NPP-ELSEWHERE']);
      expect(top.map((t) => t.score)).toEqual([scoreOf(exact), scoreOf(typo), scoreOf(elsewhere)]);
      expect(top[2]).toMatchObject({ name: 'PT RINJANI BINTANG SEJAHTERA', kab_kota: '3273', npwp: null });
      expect(top[2]!.evidence_against.join(' ')).toContain('other kab/kota');
      expect(top[0]!.evidence_for.join(' ')).toContain('name similarity');
    });

    it('lists fewer when there are fewer candidates', () => {
      const d = decideByName(permit, [exact, otherWords], stats, T);
      expect(d.explanation.top?.map((t) => t.npp)).toEqual(['NPP-EXACT', 'NPP-PERKASA']);
    });
  });

  it('never links a name written partly in another script by its Latin part alone, and reads look-alike capitals as Latin', () => {
    const rinjani = side('PT RINJANI BINTANG SEJAHTERA');
    const greek = decideByName(side('PT \u03a3\u03a9 Rinjani Bintang Sejahtera'), [cand('NPP-EXACT', rinjani.raw)], stats, T);
    expect(greek.decision).not.toBe('matched');
    const cyrillic = decideByName(side('PT Rinj\u0430ni Bint\u0430ng Sej\u0430hter\u0430'), [cand('NPP-EXACT', rinjani.raw)], stats, T);
    expect(cyrillic).toMatchObject({ decision: 'matched', npp: 'NPP-EXACT' });
  });
});
