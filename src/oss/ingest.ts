import type { Db } from '../db/database.js';
import { redactPersonalText, stripPersonalData } from './personalData.js';
import { parsePermitRecord, type ParsedPermit } from './permitRecord.js';
import { storePermits, type PermitSource } from './permitRepository.js';
import { storeRejects, type RejectedRecord } from './rejectRepository.js';

/** One record as it arrived, before validation. */
export interface IncomingRecord {
  source: string;
  ref: string;
  lineNo: number | null;
  /** The raw text of a record that is not JSON (a JSONL line); kept for rejects. */
  text?: string;
  /** The JSON value, or undefined with parseError (the whole reason) set when the text is not JSON. */
  json?: unknown;
  parseError?: string;
}

export interface IngestOutcome {
  accepted: number;
  inserted: string[];
  updated: string[];
  unchanged: number;
  rejected: Array<{ ref: string; lineNo: number | null; reason: string }>;
  /** NIBs whose stored version changed and must be matched. */
  changed: string[];
}

function rejectText(record: IncomingRecord): string {
  // Store the parsed value without personal data. Unparseable text that looks like a
  // record (a cut-off or garbled object) is kept for an operator to repair, less what
  // looks personal; other text (a stray line of names and numbers) is not kept at all:
  // nothing in it can be told from personal data, and the source line is named.
  if (record.json !== undefined) return JSON.stringify(stripPersonalData(record.json)) ?? 'null';
  const text = record.text ?? '';
  return /^\s*[{[]/.test(text) ? redactPersonalText(text) : `(not kept: ${text.length} characters that are not a JSON record)`;
}

/** A batch validated but not yet stored. */
export interface PreparedRecords {
  valid: Array<{ permit: ParsedPermit; source: PermitSource }>;
  rejects: RejectedRecord[];
}

/** Validates a batch of records (pure CPU work, no I/O). */
export function prepareRecords(records: IncomingRecord[]): PreparedRecords {
  const valid: PreparedRecords['valid'] = [];
  const rejects: RejectedRecord[] = [];
  for (const record of records) {
    const result =
      record.parseError !== undefined
        ? ({ ok: false, reason: record.parseError } as const)
        : parsePermitRecord(record.json);
    if (result.ok) valid.push({ permit: result.permit, source: { source: record.source, ref: record.ref } });
    else rejects.push({ source: record.source, ref: record.ref, lineNo: record.lineNo, reason: result.reason, raw: rejectText(record) });
  }
  return { valid, rejects };
}

/** Stores a validated batch: valid records become permit versions, invalid ones are quarantined with their reason. */
export async function storePrepared(db: Db, { valid, rejects }: PreparedRecords): Promise<IngestOutcome> {
  const stored = await storePermits(db, valid);
  await storeRejects(db, rejects);
  return {
    accepted: valid.length,
    inserted: stored.inserted,
    updated: stored.updated,
    unchanged: stored.unchanged,
    rejected: rejects.map((r) => ({ ref: r.ref, lineNo: r.lineNo, reason: r.reason })),
    changed: [...stored.inserted, ...stored.updated],
  };
}

/**
 * Validates and stores a batch of records from any channel (file, feed page, push).
 * Pass a transaction to make this part of a larger unit (the feed cursor).
 */
export async function ingestRecords(db: Db, records: IncomingRecord[]): Promise<IngestOutcome> {
  return storePrepared(db, prepareRecords(records));
}

/** Parses one line of text as JSON into an IncomingRecord. */
export function recordFromText(text: string, source: string, ref: string, lineNo: number | null): IncomingRecord {
  try {
    return { source, ref, lineNo, text, json: JSON.parse(text) as unknown };
  } catch (error) {
    return { source, ref, lineNo, text, parseError: `not valid JSON: ${jsonErrorReason(error)}` };
  }
}

/**
 * Why JSON.parse refused a text, without the part of the text it quotes in some messages
 * (`Unexpected token 'Z', "Zulkarnaen"... is not valid JSON`, `…, ..."3578046"... is not
 * valid JSON`): that part may be personal data.
 */
export function jsonErrorReason(error: unknown): string {
  return (error as Error).message.replace(/, (?:\.\.\.)?"[\s\S]*$/, '');
}
