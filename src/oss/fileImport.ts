import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Db } from '../db/database.js';
import { NOT_UTF8, NOT_UTF8_REASON } from '../shared/utf8.js';
import { prepareRecords, recordFromText, storePrepared, type IncomingRecord, type PreparedRecords } from './ingest.js';

export interface FileImportSummary {
  lines: number;
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ lineNo: number | null; reason: string }>;
}

const BATCH = 1000;
const MAX_LINE_CHARS = 5 * 1024 * 1024;

/**
 * Imports a JSONL file of OSS records (receiveNIB bodies or bare dataNIB objects).
 * Bad lines are quarantined with their line number; they never stop the good ones.
 * `onChanged` receives the NIBs of each stored batch so matching can start.
 */
export async function importPermitFile(
  db: Db,
  path: string,
  onChanged: (nibs: string[]) => Promise<void>,
): Promise<FileImportSummary> {
  const summary: FileImportSummary = { lines: 0, accepted: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [] };
  const name = basename(path);
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let batch: IncomingRecord[] = [];
  // One batch is stored while the next is read and validated, so this process and
  // PostgreSQL work at the same time; batches are stored one after the other, in order.
  let storing: Promise<void> = Promise.resolve();

  const store = async (prepared: PreparedRecords) => {
    const outcome = await storePrepared(db, prepared);
    summary.accepted += outcome.accepted;
    summary.inserted += outcome.inserted.length;
    summary.updated += outcome.updated.length;
    summary.unchanged += outcome.unchanged;
    summary.rejected.push(...outcome.rejected.map((r) => ({ lineNo: r.lineNo, reason: r.reason })));
    if (outcome.changed.length) await onChanged(outcome.changed);
  };
  const flush = async () => {
    if (!batch.length) return;
    const prepared = prepareRecords(batch);
    batch = [];
    const previous = storing;
    // Caught here so a failure is not unhandled while the next batch is read; it is rethrown
    // by the next flush or the final wait.
    storing = previous.then(() => store(prepared));
    storing.catch(() => undefined);
    await previous;
  };

  let lineNo = 0;
  for await (const rawLine of lines) {
    lineNo += 1;
    // A byte-order mark starts a file, or each of the files concatenated into this one.
    const line = rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine;
    if (!line.trim()) continue;
    summary.lines += 1;
    const ref = `${name}:${lineNo}`;
    batch.push(
      line.length > MAX_LINE_CHARS
        ? { source: 'file', ref, lineNo, text: line.slice(0, 1024), parseError: `line is longer than ${MAX_LINE_CHARS} characters` }
        : line.includes(NOT_UTF8)
          ? { source: 'file', ref, lineNo, text: line.slice(0, 1024), parseError: NOT_UTF8_REASON }
          : recordFromText(line, 'file', ref, lineNo),
    );
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await storing;
  return summary;
}
