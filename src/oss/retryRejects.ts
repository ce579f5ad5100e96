import type { Db } from '../db/database.js';
import { jsonErrorReason } from './ingest.js';
import { parsePermitRecord, type ParsedPermit } from './permitRecord.js';
import { storePermits, type PermitSource } from './permitRepository.js';
import { listOpenRejects, markRejectsResolved, recordRetryFailures } from './rejectRepository.js';

export interface RetryOutcome {
  retried: number;
  accepted: number;
  stillRejected: number;
  /** NIBs stored or changed, to be matched. */
  changed: string[];
}

/** Reject ids asked for that are not in quarantine (unknown, or retried successfully before). */
export class RejectsNotInQuarantine extends Error {
  constructor(readonly ids: number[]) {
    super(`no such reject in quarantine: ${ids.join(' ')}`);
    this.name = 'RejectsNotInQuarantine';
  }
}

/**
 * Re-processes quarantined records (after a parser fix, or after an operator corrected the
 * stored raw record): those valid now become permits and leave the quarantine; the rest
 * keep their (refreshed) reason.
 */
export async function retryRejects(db: Db, ids?: number[]): Promise<RetryOutcome> {
  const open = await listOpenRejects(db, ids);
  // Retrying nothing must not pass for retrying the rejects asked for: nothing is retried then.
  const missing = ids?.filter((id) => !open.some((r) => r.id === id)) ?? [];
  if (missing.length) throw new RejectsNotInQuarantine(missing);
  const valid: Array<{ id: number; permit: ParsedPermit; source: PermitSource }> = [];
  const failures: Array<{ id: number; reason: string }> = [];
  for (const r of open) {
    let json: unknown;
    try {
      json = JSON.parse(r.raw);
    } catch (error) {
      failures.push({ id: r.id, reason: `not valid JSON: ${jsonErrorReason(error)}` });
      continue;
    }
    const parsed = parsePermitRecord(json);
    if (parsed.ok) valid.push({ id: r.id, permit: parsed.permit, source: { source: r.source, ref: `${r.ref} (retried)` } });
    else failures.push({ id: r.id, reason: parsed.reason });
  }
  const stored = await storePermits(db, valid);
  await markRejectsResolved(db, valid.map((v) => v.id));
  await recordRetryFailures(db, failures);
  return { retried: open.length, accepted: valid.length, stillRejected: failures.length, changed: [...stored.inserted, ...stored.updated] };
}
