import type { Db } from '../db/database.js';
import { streamFindingIds, type FindingFilter } from '../findings/findingRepository.js';
import { findingDetails } from './findingDetails.js';
import { listWorkbook } from './listWorkbook.js';

/**
 * `patuh findings export --format xlsx`: the officers' list, ranked, with the same columns
 * as the digests. The caller writes it (to the --out it opened before any work).
 */
export async function findingsWorkbook(db: Db, filter: FindingFilter, wageYear: number): Promise<{ count: number; workbook: Buffer }> {
  const ids = await streamFindingIds(db, filter);
  const items = [];
  for (let i = 0; i < ids.length; i += 5000) items.push(...(await findingDetails(db, ids.slice(i, i + 5000), () => 'open', wageYear)));
  items.sort((a, b) => b.priority - a.priority || a.nib.localeCompare(b.nib));
  return { count: items.length, workbook: await listWorkbook(filter.branch ?? 'Patuh', items) };
}
