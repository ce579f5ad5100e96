import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** Reference tables shipped in data/reference (licences beside them). */
const REFERENCE_DIR = fileURLToPath(new URL('../../data/reference/', import.meta.url));

export function readReferenceCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(REFERENCE_DIR + file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}
