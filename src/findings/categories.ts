/** Finding categories with the terms branch officers use for them. */
export const CATEGORY_TERMS = {
  unregistered: 'PWBD',
  under_reported_workers: 'PDS TK',
  under_reported_wages: 'PDS Upah',
  missing_programs: 'PDS Program',
  arrears: 'Tunggakan',
  inactive_enrollment: 'Non-aktif',
} as const;

export type FindingCategory = keyof typeof CATEGORY_TERMS;
export const FINDING_CATEGORIES = Object.keys(CATEGORY_TERMS) as FindingCategory[];
