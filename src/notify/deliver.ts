import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import axios from 'axios';
import { csvLine } from '../shared/csv.js';
import { DIGEST_CSV_COLUMNS, digestCsvRows, type DigestPayload } from './digestContent.js';

export class PermanentDeliveryError extends Error {}

/** Writes the digest as CSV into the branch's drop folder; rewriting the same digest is harmless. */
export async function writeDigestCsv(dir: string, payload: DigestPayload): Promise<string> {
  const branchDir = join(dir, payload.branch);
  await mkdir(branchDir, { recursive: true });
  const name = `${payload.generated_at.slice(0, 10)}_${payload.digest_id}.csv`;
  const target = join(branchDir, name);
  const tmp = `${target}.${process.pid}.tmp`;
  const body = [DIGEST_CSV_COLUMNS, ...digestCsvRows(payload)].map((row) => csvLine(row)).join('');
  // BOM so spreadsheet programs read the UTF-8 names correctly.
  await writeFile(tmp, `\uFEFF${body}`, 'utf8');
  await rename(tmp, target);
  return target;
}

/**
 * POSTs the digest as JSON. The digest id travels as `Idempotency-Key` so a receiver can
 * drop a repeat after a retry. 429 and 5xx are retryable; other 4xx are not.
 */
export async function postDigest(url: string, payload: DigestPayload, timeoutMs: number): Promise<void> {
  let status: number;
  try {
    const response = await axios.post(url, payload, {
      timeout: timeoutMs,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': payload.digest_id, 'User-Agent': 'patuh-notifier' },
      validateStatus: () => true,
      maxRedirects: 0,
    });
    status = response.status;
  } catch (error) {
    throw new Error(`webhook ${new URL(url).host} unreachable: ${(error as Error).message}`);
  }
  if (status >= 200 && status < 300) return;
  const message = `webhook ${new URL(url).host} answered HTTP ${status}`;
  if (status >= 400 && status < 500 && status !== 429 && status !== 408) throw new PermanentDeliveryError(message);
  throw new Error(message);
}
