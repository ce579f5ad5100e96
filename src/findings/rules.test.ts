import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MANDATORY_PROGRAMS,
  evaluateFindings,
  permitIsActive,
  type EmployerFacts,
  type MinimumWage,
  type PermitFacts,
  type RuleInput,
  type RuleThresholds,
} from './rules.js';
import { CATEGORY_TERMS, FINDING_CATEGORIES } from './categories.js';

const thresholds: RuleThresholds = {
  unregisteredMinDeclared: 1,
  underReportedMinGap: 1,
  wageRatio: 1,
  arrearsMinMonths: 1,
};

const permit = (over: Partial<PermitFacts> = {}): PermitFacts => ({
  declaredWorkers: 10,
  businessScale: '02',
  docType: 9,
  nibStatus: '01',
  kabKota: '3523',
  ...over,
});

/** A compliant employer for a small business with 10 declared workers. */
const employer = (over: Partial<EmployerFacts> = {}): EmployerFacts => ({
  npp: '12345678',
  status: 'AKTIF',
  programs: ['JKK', 'JKM', 'JHT'],
  activeWorkers: 10,
  totalWages: 10 * 3_000_000,
  arrearsMonths: 0,
  kabKota: '3523',
  ...over,
});

const umk: MinimumWage = { amount: 2_500_000, source: 'UMK', year: 2025, kabKota: '3523' };

const input = (over: Partial<RuleInput> = {}): RuleInput => ({
  permit: permit(),
  decision: 'matched',
  employer: employer(),
  minimumWage: umk,
  thresholds,
  ...over,
});

const categories = (i: RuleInput) => evaluateFindings(i).map((f) => f.category);
const find = (i: RuleInput, category: string) => evaluateFindings(i).find((f) => f.category === category);

describe('categories', () => {
  it('names every category with the branch officers’ term', () => {
    expect(CATEGORY_TERMS.unregistered).toBe('PWBD');
    expect(CATEGORY_TERMS.under_reported_workers).toBe('PDS TK');
    expect(CATEGORY_TERMS.under_reported_wages).toBe('PDS Upah');
    expect(CATEGORY_TERMS.missing_programs).toBe('PDS Program');
    expect(CATEGORY_TERMS.arrears).toBe('Tunggakan');
    expect(FINDING_CATEGORIES).toHaveLength(6);
  });
});

describe('permitIsActive', () => {
  it.each([
    [9, '01', true],
    [5, '01', true],
    [9, '02', true],
    [9, '03', true],
    [9, '04', true],
    [9, null, true],
    [3, '01', false],
    [4, '01', false],
    [9, '05', false],
    [9, '06', false],
    [5, '06', false],
  ])('docType %s, status_nib %s → %s', (docType, nibStatus, active) => {
    expect(permitIsActive({ docType, nibStatus })).toBe(active);
  });
});

describe('evaluateFindings: compliant employer', () => {
  it('gives no findings when everything matches', () => {
    expect(evaluateFindings(input())).toEqual([]);
  });
});

describe('evaluateFindings: unregistered (PWBD)', () => {
  it('flags an unmatched permit with declared workers, prioritised by them', () => {
    const findings = evaluateFindings(input({ decision: 'unmatched', employer: null, permit: permit({ declaredWorkers: 25 }) }));
    expect(findings).toEqual([{ category: 'unregistered', priority: 25, evidence: { declared_workers: 25 } }]);
  });

  it('respects the declared-workers threshold (inclusive)', () => {
    const t = { ...thresholds, unregisteredMinDeclared: 5 };
    expect(evaluateFindings(input({ decision: 'unmatched', employer: null, thresholds: t, permit: permit({ declaredWorkers: 4 }) }))).toEqual([]);
    expect(categories(input({ decision: 'unmatched', employer: null, thresholds: t, permit: permit({ declaredWorkers: 5 }) }))).toEqual(['unregistered']);
  });

  it('gives nothing for an unmatched permit that declares no workers', () => {
    expect(evaluateFindings(input({ decision: 'unmatched', employer: null, permit: permit({ declaredWorkers: 0 }) }))).toEqual([]);
  });

  it('only ever gives the unregistered finding for an unmatched permit, even if an employer is passed', () => {
    const findings = evaluateFindings(
      input({ decision: 'unmatched', employer: employer({ status: 'NA', arrearsMonths: 9, programs: [] }), permit: permit({ declaredWorkers: 3 }) }),
    );
    expect(findings.map((f) => f.category)).toEqual(['unregistered']);
  });

  it.each([
    ['revoked document', { docType: 3 }],
    ['cancelled document', { docType: 4 }],
    ['frozen NIB', { nibStatus: '05' }],
    ['revoked NIB', { nibStatus: '06' }],
  ])('gives nothing for a %s', (_label, over) => {
    expect(evaluateFindings(input({ decision: 'unmatched', employer: null, permit: permit({ declaredWorkers: 50, ...over }) }))).toEqual([]);
  });
});

describe('evaluateFindings: inactive permits end every finding', () => {
  const worstEmployer = employer({ status: 'NA', programs: [], activeWorkers: 1, totalWages: 1, arrearsMonths: 12 });
  it.each([
    ['docType 3', { docType: 3 }],
    ['docType 4', { docType: 4 }],
    ['status_nib 05', { nibStatus: '05' }],
    ['status_nib 06', { nibStatus: '06' }],
  ])('%s on a matched permit gives no findings', (_label, over) => {
    expect(evaluateFindings(input({ employer: worstEmployer, permit: permit({ declaredWorkers: 100, businessScale: '04', ...over }) }))).toEqual([]);
  });

  it('the same matched case on an active permit does give findings', () => {
    expect(categories(input({ employer: worstEmployer, permit: permit({ declaredWorkers: 100, businessScale: '04' }) }))).toEqual([
      'under_reported_workers',
      'under_reported_wages',
      'missing_programs',
      'arrears',
      'inactive_enrollment',
    ]);
  });
});

describe('evaluateFindings: review decisions', () => {
  it('gives nothing for a review decision, with or without an employer', () => {
    const bad = employer({ status: 'NA', programs: [], activeWorkers: 0, arrearsMonths: 12 });
    expect(evaluateFindings(input({ decision: 'review', employer: bad, permit: permit({ declaredWorkers: 99 }) }))).toEqual([]);
    expect(evaluateFindings(input({ decision: 'review', employer: null, permit: permit({ declaredWorkers: 99 }) }))).toEqual([]);
  });

  it('gives nothing for a matched decision without an employer', () => {
    expect(evaluateFindings(input({ decision: 'matched', employer: null, permit: permit({ declaredWorkers: 99 }) }))).toEqual([]);
  });
});

describe('evaluateFindings: under_reported_workers (PDS TK)', () => {
  it('flags fewer reported than declared workers, prioritised by the gap', () => {
    const f = find(input({ permit: permit({ declaredWorkers: 30 }), employer: employer({ activeWorkers: 12, totalWages: 12 * 3_000_000 }) }), 'under_reported_workers');
    expect(f).toEqual({
      category: 'under_reported_workers',
      priority: 18,
      evidence: { declared_workers: 30, reported_workers: 12, gap: 18 },
    });
  });

  it('respects the minimum gap (inclusive)', () => {
    const t = { ...thresholds, underReportedMinGap: 5 };
    const emp = employer({ activeWorkers: 10, totalWages: 10 * 3_000_000 });
    expect(find(input({ thresholds: t, employer: emp, permit: permit({ declaredWorkers: 14 }) }), 'under_reported_workers')).toBeUndefined();
    expect(find(input({ thresholds: t, employer: emp, permit: permit({ declaredWorkers: 15 }) }), 'under_reported_workers')?.priority).toBe(5);
  });

  it('does not flag more reported than declared workers', () => {
    expect(find(input({ permit: permit({ declaredWorkers: 5 }), employer: employer({ activeWorkers: 40, totalWages: 40 * 3_000_000 }) }), 'under_reported_workers')).toBeUndefined();
  });

  it('flags a matched employer with no active workers at all', () => {
    const f = find(input({ permit: permit({ declaredWorkers: 7 }), employer: employer({ activeWorkers: 0, totalWages: 0 }) }), 'under_reported_workers');
    expect(f?.priority).toBe(7);
  });
});

describe('evaluateFindings: under_reported_wages (PDS Upah)', () => {
  it('flags an average wage below the minimum wage, with the wage evidence', () => {
    const f = find(input({ employer: employer({ activeWorkers: 10, totalWages: 20_000_000 }) }), 'under_reported_wages');
    expect(f).toEqual({
      category: 'under_reported_wages',
      priority: 10,
      evidence: {
        reported_workers: 10,
        total_wages: 20_000_000,
        average_wage: 2_000_000,
        minimum_wage: 2_500_000,
        minimum_wage_kind: 'UMK',
        minimum_wage_year: 2025,
        kab_kota: '3523',
      },
    });
  });

  it('does not flag an average exactly at the floor', () => {
    expect(find(input({ employer: employer({ activeWorkers: 10, totalWages: 25_000_000 }) }), 'under_reported_wages')).toBeUndefined();
  });

  it('flags an average just below the floor', () => {
    expect(find(input({ employer: employer({ activeWorkers: 10, totalWages: 24_999_999 }) }), 'under_reported_wages')).toBeDefined();
  });

  it('scales the floor by wageRatio', () => {
    const emp = employer({ activeWorkers: 10, totalWages: 20_000_000 }); // average 2,000,000 = 0.8 × UMK
    expect(find(input({ employer: emp, thresholds: { ...thresholds, wageRatio: 0.8 } }), 'under_reported_wages')).toBeUndefined();
    expect(find(input({ employer: emp, thresholds: { ...thresholds, wageRatio: 0.81 } }), 'under_reported_wages')).toBeDefined();
    expect(find(input({ employer: emp, thresholds: { ...thresholds, wageRatio: 0 } }), 'under_reported_wages')).toBeUndefined();
    const high = employer({ activeWorkers: 10, totalWages: 30_000_000 }); // 1.2 × UMK
    expect(find(input({ employer: high, thresholds: { ...thresholds, wageRatio: 1.5 } }), 'under_reported_wages')).toBeDefined();
  });

  it('carries a UMP fallback in the evidence', () => {
    const ump: MinimumWage = { amount: 2_300_000, source: 'UMP', year: 2026, kabKota: '3523' };
    const f = find(input({ minimumWage: ump, employer: employer({ activeWorkers: 3, totalWages: 3_000_001 }) }), 'under_reported_wages');
    expect(f?.evidence).toMatchObject({ minimum_wage: 2_300_000, minimum_wage_kind: 'UMP', minimum_wage_year: 2026, average_wage: 1_000_000 });
  });

  it('rounds the average wage in the evidence', () => {
    const f = find(input({ employer: employer({ activeWorkers: 3, totalWages: 2_000_000 }) }), 'under_reported_wages');
    expect(f?.evidence.average_wage).toBe(666_667);
  });

  it('gives nothing without a known minimum wage', () => {
    expect(find(input({ minimumWage: null, employer: employer({ activeWorkers: 10, totalWages: 1 }) }), 'under_reported_wages')).toBeUndefined();
  });

  it('gives nothing when no workers are reported (no average to compare)', () => {
    expect(find(input({ employer: employer({ activeWorkers: 0, totalWages: 0 }) }), 'under_reported_wages')).toBeUndefined();
  });
});

describe('evaluateFindings: missing_programs (PDS Program)', () => {
  it('knows the mandatory programs per scale (Perpres 109/2013 art. 6)', () => {
    expect(MANDATORY_PROGRAMS['01']).toEqual(['JKK', 'JKM']);
    expect(MANDATORY_PROGRAMS['02']).toEqual(['JKK', 'JKM', 'JHT']);
    expect(MANDATORY_PROGRAMS['03']).toEqual(['JKK', 'JKM', 'JHT', 'JP']);
    expect(MANDATORY_PROGRAMS['04']).toEqual(['JKK', 'JKM', 'JHT', 'JP']);
  });

  it.each([
    ['01', ['JKK', 'JKM'], []],
    ['01', ['JKK'], ['JKM']],
    ['01', [], ['JKK', 'JKM']],
    ['02', ['JKK', 'JKM'], ['JHT']],
    ['02', ['JKK', 'JKM', 'JHT'], []],
    ['03', ['JKK', 'JKM', 'JHT'], ['JP']],
    ['03', ['JKK', 'JKM', 'JHT', 'JP'], []],
    ['04', ['JKK', 'JKM'], ['JHT', 'JP']],
    ['04', ['JKK', 'JKM', 'JHT', 'JP', 'JKP'], []],
    ['04', ['JHT', 'JP'], ['JKK', 'JKM']],
  ])('scale %s with %j misses %j', (scale, enrolled, missing) => {
    const f = find(input({ permit: permit({ businessScale: scale }), employer: employer({ programs: enrolled }) }), 'missing_programs');
    if (missing.length === 0) {
      expect(f).toBeUndefined();
    } else {
      expect(f?.evidence).toEqual({ business_scale: scale, mandatory: MANDATORY_PROGRAMS[scale], enrolled, missing });
    }
  });

  it('micro businesses are not required to enrol in JHT or JP', () => {
    expect(find(input({ permit: permit({ businessScale: '01' }), employer: employer({ programs: ['JKK', 'JKM'] }) }), 'missing_programs')).toBeUndefined();
  });

  it('prioritises by the larger of reported and declared workers', () => {
    const a = find(input({ permit: permit({ declaredWorkers: 10 }), employer: employer({ programs: ['JKK'], activeWorkers: 40, totalWages: 40 * 3_000_000 }) }), 'missing_programs');
    expect(a?.priority).toBe(40);
    const b = find(input({ permit: permit({ declaredWorkers: 60 }), employer: employer({ programs: ['JKK'], activeWorkers: 40, totalWages: 40 * 3_000_000 }) }), 'missing_programs');
    expect(b?.priority).toBe(60);
  });

  it.each([null, '05', '', 'XX'])('gives nothing for an unknown or absent scale (%j)', (scale) => {
    expect(find(input({ permit: permit({ businessScale: scale }), employer: employer({ programs: [] }) }), 'missing_programs')).toBeUndefined();
  });

  it('compares program names exactly (lower-case names do not count)', () => {
    const f = find(input({ permit: permit({ businessScale: '01' }), employer: employer({ programs: ['jkk', 'jkm'] }) }), 'missing_programs');
    expect(f?.evidence.missing).toEqual(['JKK', 'JKM']);
  });
});

describe('evaluateFindings: arrears (Tunggakan)', () => {
  it('flags arrears at or above the threshold, prioritised by reported workers', () => {
    const t = { ...thresholds, arrearsMinMonths: 3 };
    expect(find(input({ thresholds: t, employer: employer({ arrearsMonths: 2 }) }), 'arrears')).toBeUndefined();
    expect(find(input({ thresholds: t, employer: employer({ arrearsMonths: 3 }) }), 'arrears')).toEqual({
      category: 'arrears',
      priority: 10,
      evidence: { arrears_months: 3, reported_workers: 10 },
    });
  });

  it('does not flag an employer without arrears', () => {
    expect(find(input({ employer: employer({ arrearsMonths: 0 }) }), 'arrears')).toBeUndefined();
  });
});

describe('evaluateFindings: inactive_enrollment', () => {
  it.each(['NA', 'NON AKTIF', 'TUTUP', 'aktif', ''])('flags enrollment status %j, prioritised by declared workers', (status) => {
    expect(find(input({ permit: permit({ declaredWorkers: 17 }), employer: employer({ status, activeWorkers: 17, totalWages: 17 * 3_000_000 }) }), 'inactive_enrollment')).toEqual({
      category: 'inactive_enrollment',
      priority: 17,
      evidence: { enrollment_status: status, declared_workers: 17 },
    });
  });

  it('does not flag an AKTIF enrollment', () => {
    expect(find(input(), 'inactive_enrollment')).toBeUndefined();
  });
});

describe('evaluateFindings: properties', () => {
  const scale = fc.constantFrom(null, '01', '02', '03', '04', '09');
  const programs = fc.subarray(['JKK', 'JKM', 'JHT', 'JP', 'JKP']);
  const arbitraryInput: fc.Arbitrary<RuleInput> = fc.record({
    permit: fc.record({
      declaredWorkers: fc.nat(10_000),
      businessScale: scale,
      docType: fc.constantFrom(9, 5, 3, 4),
      nibStatus: fc.constantFrom(null, '01', '02', '03', '04', '05', '06'),
      kabKota: fc.constant('3523'),
    }),
    decision: fc.constantFrom('matched' as const, 'unmatched' as const, 'review' as const),
    employer: fc.option(
      fc.record({
        npp: fc.constant('12345678'),
        status: fc.constantFrom('AKTIF', 'NA'),
        programs,
        activeWorkers: fc.nat(10_000),
        totalWages: fc.nat(1_000_000_000),
        arrearsMonths: fc.nat(24),
        kabKota: fc.constant('3523'),
      }),
    ),
    minimumWage: fc.option(fc.record({ amount: fc.integer({ min: 1, max: 10_000_000 }), source: fc.constantFrom('UMK' as const, 'UMP' as const), year: fc.constant(2025), kabKota: fc.constant('3523') })),
    thresholds: fc.record({
      unregisteredMinDeclared: fc.integer({ min: 1, max: 50 }),
      underReportedMinGap: fc.integer({ min: 1, max: 50 }),
      wageRatio: fc.double({ min: 0, max: 2, noNaN: true }),
      arrearsMinMonths: fc.integer({ min: 1, max: 12 }),
    }),
  });

  it('inactive permits and review decisions never give findings', () => {
    fc.assert(
      fc.property(arbitraryInput, (i) => {
        if (!permitIsActive(i.permit) || i.decision === 'review') expect(evaluateFindings(i)).toEqual([]);
      }),
    );
  });

  it('each category appears at most once, priorities are non-negative whole numbers', () => {
    fc.assert(
      fc.property(arbitraryInput, (i) => {
        const findings = evaluateFindings(i);
        const cats = findings.map((f) => f.category);
        expect(new Set(cats).size).toBe(cats.length);
        for (const f of findings) {
          expect(FINDING_CATEGORIES).toContain(f.category);
          expect(Number.isInteger(f.priority)).toBe(true);
          expect(f.priority).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('unregistered appears only for unmatched permits, and then alone', () => {
    fc.assert(
      fc.property(arbitraryInput, (i) => {
        const cats = evaluateFindings(i).map((f) => f.category);
        if (cats.includes('unregistered')) {
          expect(i.decision).toBe('unmatched');
          expect(cats).toEqual(['unregistered']);
        }
        if (i.decision === 'unmatched') expect(cats.every((c) => c === 'unregistered')).toBe(true);
      }),
    );
  });
});
