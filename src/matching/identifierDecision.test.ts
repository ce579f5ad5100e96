import { describe, expect, it } from 'vitest';
import { decideByIdentifiers, type Candidate, type CandidateEmployer, type IdentifierKind, type PermitIdentifiers } from './identifierDecision.js';

const NIB = '1234567890123';
const NPWP = '0123456789012000'; // taxpayer base 123456789, head office
const BRANCH = '0123456789012001'; // same taxpayer, another branch
const OTHER_TAXPAYER = '0987654321012000';

const permit: PermitIdentifiers = { nib: NIB, npwp: NPWP, noNpp: 'NPP-1', kabKota: '3171' };

const employer = (npp: string, extra: Partial<CandidateEmployer> = {}): CandidateEmployer => ({ npp, nib: null, npwp: null, kabKota: '3171', ...extra });
const via = (kind: IdentifierKind, e: CandidateEmployer): Candidate => ({ via: kind, employer: e });

describe('decideByIdentifiers', () => {
  it('leaves a permit without candidates unmatched (method none, score 0)', () => {
    const d = decideByIdentifiers(permit, []);
    expect(d).toMatchObject({ decision: 'unmatched', npp: null, score: 0, method: 'none' });
    expect(d.explanation).toEqual({ for: [], against: ['no enrolled employer shares an identifier'], runner_up: null, candidates: 0 });
  });

  it('matches on OSS no_npp = NPP with score 1', () => {
    const d = decideByIdentifiers(permit, [via('npp', employer('NPP-1', { nib: NIB, npwp: NPWP }))]);
    expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-1', score: 1, method: 'npp' });
    expect(d.explanation.for).toEqual(['OSS no_npp equals NPP NPP-1']);
    expect(d.explanation.against).toEqual([]);
    expect(d.explanation.runner_up).toBeNull();
    expect(d.explanation.candidates).toBe(1);
  });

  it('matches on the same NIB with score 1', () => {
    const d = decideByIdentifiers(permit, [via('nib', employer('NPP-2', { nib: NIB }))]);
    expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-2', score: 1, method: 'nib' });
    expect(d.explanation.for).toEqual(['same NIB as employer NPP-2']);
  });

  it('matches on the same 16-digit NPWP', () => {
    const d = decideByIdentifiers(permit, [via('npwp', employer('NPP-3', { npwp: NPWP, kabKota: '3273' }))]);
    expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-3', score: 0.98, method: 'npwp' });
    expect(d.explanation.for).toEqual(['same NPWP as employer NPP-3']);
  });

  it('reports every kind of evidence one employer holds and uses the strongest as the method', () => {
    const e = employer('NPP-1', { nib: NIB, npwp: NPWP });
    const d = decideByIdentifiers(permit, [via('npwp', e), via('nib', e), via('npp', e)]);
    expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-1', method: 'npp', score: 1 });
    expect(d.explanation.for).toEqual(['OSS no_npp equals NPP NPP-1', 'same NIB as employer NPP-1', 'same NPWP as employer NPP-1']);
    expect(d.explanation.candidates).toBe(1);
  });

  describe('the same taxpayer under another branch suffix (NPWP base)', () => {
    it('matches when the employer is in the permit’s kab/kota', () => {
      const d = decideByIdentifiers(permit, [via('npwp_base', employer('NPP-4', { npwp: BRANCH }))]);
      expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-4', score: 0.9, method: 'npwp_base' });
      expect(d.explanation.for[0]).toContain('another branch suffix');
    });

    it('goes to review when the enrolled branch is in another kab/kota', () => {
      const d = decideByIdentifiers(permit, [via('npwp_base', employer('NPP-4', { npwp: BRANCH, kabKota: '3578' }))]);
      expect(d.decision).toBe('review');
      expect(d.npp).toBeNull();
      expect(d.method).toBe('npwp_base');
      expect(d.score).toBeCloseTo(0.45, 10);
      expect(d.explanation.against).toContain("the taxpayer's enrolled branch is in kab/kota 3578, the permit in 3171");
    });

    it('matches when either kab/kota is unknown', () => {
      expect(decideByIdentifiers({ ...permit, kabKota: null }, [via('npwp_base', employer('NPP-4', { npwp: BRANCH, kabKota: '3578' }))]).decision).toBe('matched');
      expect(decideByIdentifiers(permit, [via('npwp_base', employer('NPP-4', { npwp: BRANCH, kabKota: null }))]).decision).toBe('matched');
    });
  });

  describe('contradictions go to review', () => {
    it('an NPP-matched employer holding another NIB', () => {
      const d = decideByIdentifiers(permit, [via('npp', employer('NPP-1', { nib: '9999999999999' }))]);
      expect(d.decision).toBe('review');
      expect(d.npp).toBeNull();
      expect(d.method).toBe('npp');
      expect(d.score).toBe(0.5);
      expect(d.explanation.against).toEqual([
        'employer NPP-1 has another NIB (9999999999999)',
        'the strongest identifier is contradicted by another',
      ]);
    });

    it('an NPP-matched employer with another taxpayer’s NPWP', () => {
      const d = decideByIdentifiers(permit, [via('npp', employer('NPP-1', { nib: NIB, npwp: OTHER_TAXPAYER }))]);
      expect(d.decision).toBe('review');
      expect(d.explanation.against[0]).toBe(`employer NPP-1 has another taxpayer NPWP (${OTHER_TAXPAYER})`);
    });

    it('an NIB-matched employer with another taxpayer’s NPWP', () => {
      const d = decideByIdentifiers(permit, [via('nib', employer('NPP-2', { nib: NIB, npwp: OTHER_TAXPAYER }))]);
      expect(d.decision).toBe('review');
      expect(d.method).toBe('nib');
    });

    it('but not another branch of the same taxpayer, nor a missing NPWP/NIB', () => {
      expect(decideByIdentifiers(permit, [via('npp', employer('NPP-1', { nib: NIB, npwp: BRANCH }))]).decision).toBe('matched');
      expect(decideByIdentifiers({ ...permit, npwp: null }, [via('npp', employer('NPP-1', { npwp: OTHER_TAXPAYER }))]).decision).toBe('matched');
    });

    it('prefers an uncontradicted employer of equal strength over a contradicted one', () => {
      const d = decideByIdentifiers(permit, [
        via('npwp', employer('NPP-A', { npwp: NPWP, nib: '9999999999999' })),
        via('npwp', employer('NPP-B', { npwp: NPWP })),
      ]);
      expect(d.decision).toBe('matched');
      expect(d.npp).toBe('NPP-B');
    });
  });

  it('goes to review when two employers hold the NPP and the NIB', () => {
    const d = decideByIdentifiers(permit, [via('npp', employer('NPP-1')), via('nib', employer('NPP-2', { nib: NIB }))]);
    expect(d.decision).toBe('review');
    expect(d.npp).toBeNull();
    expect(d.method).toBe('npp');
    expect(d.explanation.runner_up).toEqual({ npp: 'NPP-2', via: ['nib'] });
    expect(d.explanation.against).toContain('employer NPP-2 also shares nib');
  });

  it('goes to review when two employers hold the same NIB', () => {
    const d = decideByIdentifiers(permit, [via('nib', employer('NPP-2', { nib: NIB })), via('nib', employer('NPP-3', { nib: NIB, kabKota: '3578' }))]);
    expect(d.decision).toBe('review');
    expect(d.method).toBe('nib');
  });

  it('lets a stronger identifier win over weaker NPWP evidence for another employer', () => {
    const d = decideByIdentifiers(permit, [via('npwp', employer('NPP-3', { npwp: NPWP })), via('nib', employer('NPP-2', { nib: NIB }))]);
    expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-2', method: 'nib' });
    expect(d.explanation.runner_up).toEqual({ npp: 'NPP-3', via: ['npwp'] });
    const full = decideByIdentifiers(permit, [via('npwp_base', employer('NPP-4', { npwp: BRANCH })), via('npwp', employer('NPP-3', { npwp: NPWP, kabKota: '3578' }))]);
    expect(full).toMatchObject({ decision: 'matched', npp: 'NPP-3', method: 'npwp' });
  });

  describe('several equally strong candidates', () => {
    const branches = (...kabs: Array<string | null>) => kabs.map((k, i) => via('npwp_base', employer(`NPP-B${i}`, { npwp: `01234567890120${String(i + 1).padStart(2, '0')}`, kabKota: k })));

    it('picks the one in the permit’s kab/kota when exactly one is local', () => {
      const d = decideByIdentifiers(permit, branches('3578', '3171', '3273'));
      expect(d.decision).toBe('matched');
      expect(d.npp).toBe('NPP-B1');
      expect(d.method).toBe('npwp_base');
      expect(d.score).toBeCloseTo(0.9 * 0.95, 10);
      expect(d.explanation.for).toContain('only candidate in kab/kota 3171');
      expect(d.explanation.against).toEqual([]);
      expect(d.explanation.runner_up?.npp).not.toBe('NPP-B1');
      expect(d.explanation.candidates).toBe(3);
    });

    it('also resolves equal full-NPWP candidates by kab/kota', () => {
      const d = decideByIdentifiers(permit, [via('npwp', employer('NPP-X', { npwp: NPWP, kabKota: '3171' })), via('npwp', employer('NPP-A', { npwp: NPWP, kabKota: '3273' }))]);
      expect(d).toMatchObject({ decision: 'matched', npp: 'NPP-X', method: 'npwp' });
      expect(d.score).toBeCloseTo(0.98 * 0.95, 10);
      expect(d.explanation.runner_up).toEqual({ npp: 'NPP-A', via: ['npwp'] });
    });

    it('goes to review when none is local', () => {
      const d = decideByIdentifiers(permit, branches('3578', '3273'));
      expect(d.decision).toBe('review');
      expect(d.explanation.against).toContain('2 employers share the same npwp_base evidence');
    });

    it('goes to review when more than one is local', () => {
      const d = decideByIdentifiers(permit, branches('3171', '3171', '3273'));
      expect(d.decision).toBe('review');
      expect(d.explanation.against).toContain('3 employers share the same npwp_base evidence');
    });

    it('goes to review when the permit’s kab/kota is unknown', () => {
      const d = decideByIdentifiers({ ...permit, kabKota: null }, branches('3171', '3273'));
      expect(d.decision).toBe('review');
    });
  });

  it('does not depend on the order of the candidates', () => {
    const cands = [
      via('npwp_base', employer('NPP-4', { npwp: BRANCH, kabKota: '3578' })),
      via('npwp', employer('NPP-3', { npwp: NPWP })),
      via('npwp_base', employer('NPP-5', { npwp: BRANCH })),
    ];
    const forward = decideByIdentifiers(permit, cands);
    const backward = decideByIdentifiers(permit, [...cands].reverse());
    expect(forward).toEqual(backward);
    expect(forward).toMatchObject({ decision: 'matched', npp: 'NPP-3', method: 'npwp' });
  });
});
