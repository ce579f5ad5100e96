import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { FindingStatus } from '../db/schema.js';

/** Where an officer may move a finding from each state. */
export const ALLOWED: Record<string, FindingStatus[]> = {
  acknowledged: ['open', 'notified'],
  resolved: ['open', 'notified', 'acknowledged'],
  dismissed: ['open', 'notified', 'acknowledged'],
};

export class TransitionError extends Error {}

export interface TransitionRequest {
  id: number;
  to: 'acknowledged' | 'resolved' | 'dismissed';
  actor: string;
  note: string | null;
  /** Limits the change to these branches (an officer's scope); all when absent. */
  branches?: string[];
}

/**
 * Moves a finding along its lifecycle (open → notified → acknowledged → resolved or
 * dismissed), with an audit row naming who, when, from, to and why. A dismissal needs a
 * reason. The change and its outbox event are one transaction.
 */
export async function transitionFinding(db: Db, request: TransitionRequest): Promise<{ from: string; to: string; branch: string }> {
  if (request.to === 'dismissed' && !request.note?.trim()) throw new TransitionError('a dismissal needs a reason');
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('finding').select(['id', 'status', 'branch']).where('id', '=', request.id);
    if (request.branches) query = query.where('branch', 'in', request.branches.length ? request.branches : ['']);
    const finding = await query.forUpdate().executeTakeFirst();
    if (!finding) throw new TransitionError(`no finding ${request.id}${request.branches ? ' in your branches' : ''}`);
    if (!ALLOWED[request.to]!.includes(finding.status)) {
      throw new TransitionError(`finding ${request.id} is ${finding.status}; it cannot become ${request.to}`);
    }
    await trx
      .updateTable('finding')
      .set({
        status: request.to,
        updated_at: sql`now()`,
        ...(request.to === 'resolved' || request.to === 'dismissed' ? { resolved_at: sql`now()`, resolution: `${request.to} by ${request.actor}${request.note ? `: ${request.note}` : ''}` } : {}),
      })
      .where('id', '=', request.id)
      .execute();
    await trx
      .insertInto('finding_transition')
      .values({ finding_id: request.id, from_status: finding.status, to_status: request.to, actor: request.actor, note: request.note })
      .execute();
    if (request.to === 'resolved') await trx.insertInto('finding_event').values({ finding_id: request.id, branch: finding.branch, kind: 'resolved' }).execute();
    return { from: finding.status, to: request.to, branch: finding.branch };
  });
}

export async function findingHistory(db: Db, id: number) {
  return db.selectFrom('finding_transition').select(['from_status', 'to_status', 'actor', 'note', 'at']).where('finding_id', '=', id).orderBy('id').execute();
}
