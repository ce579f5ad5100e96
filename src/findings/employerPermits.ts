import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { permitIsActive, type PermitFacts } from './rules.js';

export interface EmployerPermits {
  /** The permit the employer's findings are listed under. */
  holder: string;
  /** The employer's active permits taken together: the largest workforce and the largest scale they declare. */
  facts: Pick<PermitFacts, 'declaredWorkers' | 'businessScale'>;
  nibs: string[];
}

/**
 * For each employer, its active permits linked to it: what its findings are judged on
 * (recomputeFindings) and what the officers' lines show (findingDetails). The holder is
 * the permit that already lists the employer's findings (so an officer's status and
 * history stay where they are), else the lowest NIB.
 */
export async function employerPermits(db: Db, npps: string[]): Promise<Map<string, EmployerPermits>> {
  if (!npps.length) return new Map();
  const rows = await sql<{ nib: string; npp: string; declared_workers: number; business_scale: string | null; doc_type: number; nib_status: string | null; holds: boolean }>`
    SELECT m.nib, m.npp, p.declared_workers, p.business_scale, p.doc_type, p.nib_status,
           EXISTS (SELECT 1 FROM finding f WHERE f.nib = m.nib AND f.npp = m.npp) AS holds
    FROM match m JOIN permit p ON p.nib = m.nib
    WHERE m.npp = ANY(${npps}::text[]) AND m.decision = 'matched'
    ORDER BY m.npp, m.nib`.execute(db);
  const groups = new Map<string, EmployerPermits & { held: boolean }>();
  for (const r of rows.rows) {
    if (!permitIsActive({ docType: r.doc_type, nibStatus: r.nib_status })) continue;
    const g = groups.get(r.npp);
    if (!g) {
      groups.set(r.npp, { holder: r.nib, held: r.holds, nibs: [r.nib], facts: { declaredWorkers: r.declared_workers, businessScale: r.business_scale } });
      continue;
    }
    g.nibs.push(r.nib);
    // The largest, not the sum: two NIBs of one company (a registration made again, the old
    // one never revoked) each declare its whole workforce, and adding them would flag a
    // shortfall the employer does not have.
    g.facts.declaredWorkers = Math.max(g.facts.declaredWorkers, r.declared_workers);
    // Scales are the PIA codes 01 (micro) to 04 (large): the larger obliges more programs.
    if (r.business_scale && (!g.facts.businessScale || r.business_scale > g.facts.businessScale)) g.facts.businessScale = r.business_scale;
    if (r.holds && !g.held) Object.assign(g, { holder: r.nib, held: true });
  }
  return groups;
}
