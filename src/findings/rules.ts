import type { Program } from '../../schemas/enrollment.js';
import type { FindingCategory } from './categories.js';

/**
 * Compliance rules: from a permit, its match decision and the matched employer, which
 * findings hold and on what evidence. Pure: every input is passed in.
 */

export interface PermitFacts {
  declaredWorkers: number;
  businessScale: string | null;
  docType: number;
  nibStatus: string | null;
  kabKota: string | null;
}

export interface EmployerFacts {
  npp: string;
  status: string;
  programs: string[];
  activeWorkers: number;
  totalWages: number;
  arrearsMonths: number;
  kabKota: string | null;
}

export interface RuleThresholds {
  unregisteredMinDeclared: number;
  underReportedMinGap: number;
  /** Average reported wage below ratio × minimum wage counts as under-reported. */
  wageRatio: number;
  arrearsMinMonths: number;
}

export interface MinimumWage {
  amount: number;
  source: 'UMK' | 'UMP';
  year: number;
  kabKota: string;
}

export interface RuleInput {
  permit: PermitFacts;
  decision: 'matched' | 'unmatched' | 'review';
  employer: EmployerFacts | null;
  minimumWage: MinimumWage | null;
  thresholds: RuleThresholds;
}

export interface FindingDraft {
  category: FindingCategory;
  /** Workers the finding leaves uncovered or affected; ranks the officers' list. */
  priority: number;
  evidence: Record<string, unknown>;
}

/** Mandatory programs by business scale (Perpres 109/2013 art. 6). */
export const MANDATORY_PROGRAMS: Record<string, Program[]> = {
  '01': ['JKK', 'JKM'],
  '02': ['JKK', 'JKM', 'JHT'],
  '03': ['JKK', 'JKM', 'JHT', 'JP'],
  '04': ['JKK', 'JKM', 'JHT', 'JP'],
};

/** Revoked (3) or cancelled (4) documents and frozen (05) or revoked (06) NIBs end all findings. */
export function permitIsActive(p: Pick<PermitFacts, 'docType' | 'nibStatus'>): boolean {
  return p.docType !== 3 && p.docType !== 4 && p.nibStatus !== '05' && p.nibStatus !== '06';
}

export function evaluateFindings(input: RuleInput): FindingDraft[] {
  const { permit, decision, employer, minimumWage, thresholds } = input;
  if (!permitIsActive(permit)) return [];
  const declared = permit.declaredWorkers;

  if (decision === 'unmatched') {
    if (declared < thresholds.unregisteredMinDeclared) return [];
    return [{ category: 'unregistered', priority: declared, evidence: { declared_workers: declared } }];
  }
  // A review case is undecided: flagging it either way could be wrong.
  if (decision !== 'matched' || !employer) return [];

  const findings: FindingDraft[] = [];
  const reported = employer.activeWorkers;

  if (declared - reported >= thresholds.underReportedMinGap) {
    findings.push({
      category: 'under_reported_workers',
      priority: declared - reported,
      evidence: { declared_workers: declared, reported_workers: reported, gap: declared - reported },
    });
  }

  if (reported > 0 && minimumWage) {
    const averageWage = employer.totalWages / reported;
    const floor = minimumWage.amount * thresholds.wageRatio;
    if (averageWage < floor) {
      findings.push({
        category: 'under_reported_wages',
        priority: reported,
        evidence: {
          reported_workers: reported,
          total_wages: employer.totalWages,
          average_wage: Math.round(averageWage),
          minimum_wage: minimumWage.amount,
          minimum_wage_kind: minimumWage.source,
          minimum_wage_year: minimumWage.year,
          kab_kota: minimumWage.kabKota,
        },
      });
    }
  }

  const mandatory = permit.businessScale ? MANDATORY_PROGRAMS[permit.businessScale] : undefined;
  if (mandatory) {
    const missing = mandatory.filter((p) => !employer.programs.includes(p));
    if (missing.length) {
      findings.push({
        category: 'missing_programs',
        priority: Math.max(reported, declared),
        evidence: { business_scale: permit.businessScale, mandatory, enrolled: employer.programs, missing },
      });
    }
  }

  if (employer.arrearsMonths >= thresholds.arrearsMinMonths) {
    findings.push({
      category: 'arrears',
      priority: reported,
      evidence: { arrears_months: employer.arrearsMonths, reported_workers: reported },
    });
  }

  if (employer.status !== 'AKTIF') {
    findings.push({
      category: 'inactive_enrollment',
      priority: declared,
      evidence: { enrollment_status: employer.status, declared_workers: declared },
    });
  }
  return findings;
}
