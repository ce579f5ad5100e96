import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Verdict } from '../db/schema.js';
import { requestMatching } from './matchRequestRepository.js';

export interface ReviewCase {
  nib: string;
  branch: string;
  permit: { name: string; npwp: string | null; kab_kota: string | null; address: string | null; declared_workers: number };
  score: number;
  method: string;
  reasons: string[];
  candidates: Array<{ npp: string; name: string; kab_kota: string | null; npwp: string | null; score: number; evidence_for: string[]; evidence_against: string[] }>;
}

/**
 * Permits the matcher could not decide, with their candidates side by side; `branches`
 * limits them (an officer's scope) in the SQL.
 */
export async function listReviewCases(db: Db, branches?: string[]): Promise<ReviewCase[]> {
  const rows = await sql<{
    nib: string; branch: string; name: string; npwp: string | null; kab_kota: string | null; address: string | null; declared_workers: number;
    score: number; method: string; explanation: { against?: string[]; top?: ReviewCase['candidates']; runner_up?: { npp: string } | null };
  }>`
    SELECT * FROM (
      SELECT p.nib, coalesce(br.branch_code, (SELECT code FROM branch WHERE is_default)) AS branch,
             p.name, p.npwp, p.kab_kota, p.address, p.declared_workers, m.score, m.method, m.explanation
      FROM match m JOIN permit p ON p.nib = m.nib
      LEFT JOIN branch_region br ON br.kab_kota = p.kab_kota
      WHERE m.decision = 'review'
    ) cases
    WHERE ${branches ? sql`branch = ANY(${branches}::text[])` : sql`true`}
    ORDER BY declared_workers DESC, nib`.execute(db);
  return rows.rows
    .map((r) => ({
      nib: r.nib,
      branch: r.branch,
      permit: { name: r.name, npwp: r.npwp, kab_kota: r.kab_kota, address: r.address, declared_workers: r.declared_workers },
      score: r.score,
      method: r.method,
      reasons: r.explanation.against ?? [],
      candidates: r.explanation.top ?? [],
    }));
}

/**
 * Whether an officer of `branches` may judge this pair: the employer is one the matcher put
 * before them for this permit (its link, a candidate listed side by side, the runner-up), or
 * one enrolled in their own branches. A judgement "same" links the pair and shows the
 * employer's enrollment with the permit's findings, so any other employer is not theirs to
 * pick.
 */
export async function employerBeforeOfficer(db: Db, nib: string, npp: string, branches: string[]): Promise<boolean> {
  const row = await sql<{ allowed: boolean }>`
    SELECT EXISTS (
             SELECT 1 FROM match m
             WHERE m.nib = ${nib}
               AND (m.npp = ${npp}
                    OR m.explanation -> 'runner_up' ->> 'npp' = ${npp}
                    OR m.explanation -> 'top' @> jsonb_build_array(jsonb_build_object('npp', ${npp}::text)))
           )
        OR EXISTS (
             SELECT 1 FROM employer e
             LEFT JOIN branch_region br ON br.kab_kota = e.kab_kota
             WHERE e.npp = ${npp}
               AND coalesce(br.branch_code, (SELECT code FROM branch WHERE is_default)) = ANY(${branches}::text[])
           ) AS allowed`.execute(db);
  return row.rows[0]?.allowed === true;
}

export class JudgementError extends Error {}

/**
 * Stores an officer's judgement on a permit-employer pair and marks the permit for
 * matching again. "same" pins the link; "different" keeps the pair apart for good.
 */
export async function recordJudgement(
  db: Db,
  judgement: { nib: string; npp: string; verdict: Verdict; actor: string; note: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const permit = await trx.selectFrom('permit').select('nib').where('nib', '=', judgement.nib).forUpdate().executeTakeFirst();
    if (!permit) throw new JudgementError(`no permit with NIB ${judgement.nib}`);
    const employer = await trx.selectFrom('employer').select('npp').where('npp', '=', judgement.npp).executeTakeFirst();
    if (!employer) throw new JudgementError(`no enrolled employer with NPP ${judgement.npp}`);
    if (judgement.verdict === 'same') {
      const other = await trx
        .selectFrom('match_judgement')
        .select('npp')
        .where('nib', '=', judgement.nib)
        .where('verdict', '=', 'same')
        .where('npp', '!=', judgement.npp)
        .executeTakeFirst();
      if (other) throw new JudgementError(`NIB ${judgement.nib} is already judged the same company as NPP ${other.npp}; judge that pair "different" first`);
    }
    await trx
      .insertInto('match_judgement')
      .values(judgement)
      .onConflict((oc) => oc.columns(['nib', 'npp']).doUpdateSet({ verdict: judgement.verdict, actor: judgement.actor, note: judgement.note, decided_at: sql`now()` }))
      .execute();
    await requestMatching(trx, [judgement.nib]);
  });
}
