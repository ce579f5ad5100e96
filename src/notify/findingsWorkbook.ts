import { writeFile } from 'node:fs/promises';
import type { Db } from '../db/database.js';
import { streamFindingIds, type FindingFilter } from '../findings/findingRepository.js';
import { findingDetails } from './findingDetails.js';
import { listWorkbook } from './listWorkbook.js';

/** `patuh findings export --format xlsx`: the officers' list, ranked, with the same columns as the digests. */
export async function exportFindingsWorkbook(db: Db, filter: FindingFilter, path: string, wageYear: number): Promise<number> {
  const ids = await streamFindingIds(db, filter);
  const items = [];
  for (let i = 0; i < ids.length; i += 5000) items.push(...(await findingDetails(db, ids.slice(i, i + 5000), () => 'open', wageYear)));
  items.sort((a, b) => b.priority - a.priority || a.nib.localeCompare(b.nib));
  await writeFile(path, await listWorkbook(filter.branch ?? 'Patuh', items));
  return items.length;
}
