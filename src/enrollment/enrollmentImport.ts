import { basename } from 'node:path';
import { ENROLLMENT_COLUMNS, enrollmentRowSchema } from '../../schemas/enrollment.js';
import type { Db } from '../db/database.js';
import type { NewEmployer } from '../db/schema.js';
import { normaliseCompanyName } from '../matching/companyName.js';
import { describeIssues } from '../shared/zodIssues.js';
import { readCsvRecords } from './csvRecords.js';
import { finishImport, oneImportAtATime, hadUnfinishedImports, employersChangedBy, markPermitsAffectedBy, refreshNameTokens, startImport, upsertEmployers, vacuumMatchingTables } from './employerRepository.js';

export interface EnrollmentImportSummary {
  importId: number;
  rows: number;
  loaded: number;
  inserted: number;
  changed: number;
  unchanged: number;
  rejected: Array<{ line: number; reason: string }>;
  /** Later rows that replaced an earlier row with the same NPP in this file. */
  duplicates: Array<{ line: number; npp: string; earlierLine: number }>;
  /** Permits marked for re-matching because of this import. */
  permitsToRematch: string[];
}

export class EnrollmentFileError extends Error {}

const BATCH = 2000;

export interface EnrollmentImportOptions {
  /** Called when another import is running and this one waits for it to finish. */
  onWait?: () => void;
}

/** Loads or refreshes a BPJS TK employer extract (CSV), upserting by NPP; one import runs at a time. */
export async function importEnrollmentFile(db: Db, path: string, options: EnrollmentImportOptions = {}): Promise<EnrollmentImportSummary> {
  return oneImportAtATime(db, (conn) => importOnConnection(conn, path), options.onWait ?? (() => undefined));
}

async function importOnConnection(db: Db, path: string): Promise<EnrollmentImportSummary> {
  const records = readCsvRecords(path);
  const first = await records.next();
  if (first.done) throw new EnrollmentFileError(`${path}: the file is empty; expected a header row: ${ENROLLMENT_COLUMNS.join(',')}`);
  if ('error' in first.value) throw new EnrollmentFileError(`${path}: line ${first.value.line}: header ${first.value.error}`);
  const header = first.value.cells.map((c) => c.trim().toLowerCase());
  const missing = ENROLLMENT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new EnrollmentFileError(`${path}: header is missing column(s) ${missing.join(', ')}; expected ${ENROLLMENT_COLUMNS.join(',')}`);
  }
  const twice = ENROLLMENT_COLUMNS.filter((c) => header.indexOf(c) !== header.lastIndexOf(c));
  if (twice.length) {
    // Which of the two holds the value no one can tell; taking either would load some rows wrongly.
    throw new EnrollmentFileError(`${path}: header names column(s) ${twice.join(', ')} more than once; expected ${ENROLLMENT_COLUMNS.join(',')}`);
  }
  const index = Object.fromEntries(ENROLLMENT_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof ENROLLMENT_COLUMNS)[number], number>;

  const importId = await startImport(db, basename(path));
  const summary: EnrollmentImportSummary = {
    importId, rows: 0, loaded: 0, inserted: 0, changed: 0, unchanged: 0, rejected: [], duplicates: [], permitsToRematch: [],
  };
  const lineOfNpp = new Map<string, number>();
  let batch = new Map<string, NewEmployer>();

  const flush = async () => {
    if (!batch.size) return;
    const outcome = await upsertEmployers(db, [...batch.values()]);
    summary.inserted += outcome.inserted;
    summary.changed += outcome.changed;
    batch = new Map();
  };

  for await (const record of records) {
    summary.rows += 1;
    if ('error' in record) {
      summary.rejected.push({ line: record.line, reason: record.error });
      continue;
    }
    if (record.cells.length !== header.length) {
      summary.rejected.push({ line: record.line, reason: `has ${record.cells.length} columns; the header has ${header.length}` });
      continue;
    }
    const cells = Object.fromEntries(ENROLLMENT_COLUMNS.map((c) => [c, record.cells[index[c]]]));
    const parsed = enrollmentRowSchema.safeParse(cells);
    if (!parsed.success) {
      summary.rejected.push({ line: record.line, reason: describeIssues(parsed.error) });
      continue;
    }
    const row = parsed.data;
    const npp = row.npp!;
    const earlier = lineOfNpp.get(npp);
    if (earlier !== undefined) summary.duplicates.push({ line: record.line, npp, earlierLine: earlier });
    lineOfNpp.set(npp, record.line);
    summary.loaded += 1;
    const normalised = normaliseCompanyName(row.nama_perusahaan);
    batch.set(npp, {
      npp,
      name: row.nama_perusahaan,
      name_norm: normalised.key,
      legal_forms: normalised.legalForms,
      npwp: row.npwp,
      nib: row.nib,
      address: row.alamat,
      kab_kota: row.kode_wilayah,
      status: row.status,
      programs: row.program,
      active_workers: row.tk_aktif,
      total_wages: row.total_upah,
      arrears_months: row.bulan_tunggakan,
      import_id: importId,
    });
    if (batch.size >= BATCH) await flush();
  }
  await flush();
  summary.unchanged = summary.loaded - summary.duplicates.length - summary.inserted - summary.changed;
  if (summary.unchanged < 0) summary.unchanged = 0;
  // An earlier import killed mid-file may have left rows without their follow-up work.
  const unfinished = await hadUnfinishedImports(db, importId);
  if (summary.inserted + summary.changed > 0 || unfinished) {
    await refreshNameTokens(db, importId);
    await vacuumMatchingTables(db);
  }
  summary.permitsToRematch = await markPermitsAffectedBy(db, employersChangedBy(importId), summary.inserted > 0 || unfinished);
  await finishImport(db, importId, {
    total: summary.rows,
    loaded: summary.loaded,
    changed: summary.inserted + summary.changed,
    rejected: summary.rejected.length,
  });
  return summary;
}
