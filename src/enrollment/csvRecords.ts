import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse/sync';

export type CsvRecord = { line: number; cells: string[] } | { line: number; error: string };

const MAX_CONTINUATION_LINES = 20;

function quoteCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) if (s.charCodeAt(i) === 34) n += 1;
  return n;
}

function parseRecord(text: string): string[] {
  if (!text.includes('"')) return text.split(',');
  const rows = parse(text, { relax_quotes: true, relax_column_count: true }) as string[][];
  if (rows.length !== 1) throw new Error('expected one record');
  return rows[0]!;
}

/**
 * Reads CSV records with their starting line numbers. A quoted field may span lines
 * (addresses); an unclosed quote is reported on its own line instead of swallowing the
 * rest of the file, so one broken row never loses the rows after it.
 */
export async function* readCsvRecords(path: string): AsyncGenerator<CsvRecord> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let pending: { line: number; parts: string[]; quotes: number } | null = null;
  let lineNo = 0;
  const emit = (line: number, text: string): CsvRecord => {
    try {
      return { line, cells: parseRecord(text) };
    } catch (error) {
      return { line, error: `not valid CSV (${(error as Error).message.split('\n')[0]})` };
    }
  };
  for await (const raw of lines) {
    lineNo += 1;
    const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (pending) {
      pending.parts.push(text);
      pending.quotes += quoteCount(text);
      if (pending.quotes % 2 === 0) {
        yield emit(pending.line, pending.parts.join('\n'));
        pending = null;
      } else if (pending.parts.length > MAX_CONTINUATION_LINES) {
        yield { line: pending.line, error: 'a quoted field is never closed' };
        // Re-read the swallowed lines as records of their own.
        const rest = pending.parts.slice(1);
        const startLine = pending.line + 1;
        pending = null;
        for (let i = 0; i < rest.length; i += 1) {
          if (rest[i]!.trim() === '') continue;
          if (quoteCount(rest[i]!) % 2 === 1) yield { line: startLine + i, error: 'a quoted field is never closed' };
          else yield emit(startLine + i, rest[i]!);
        }
      }
      continue;
    }
    if (text.trim() === '') continue;
    const quotes = quoteCount(text);
    if (quotes % 2 === 1) pending = { line: lineNo, parts: [text], quotes };
    else yield emit(lineNo, text);
  }
  if (pending) {
    yield { line: pending.line, error: 'a quoted field is never closed' };
    const rest = pending.parts.slice(1);
    for (let i = 0; i < rest.length; i += 1) {
      if (rest[i]!.trim() === '' || quoteCount(rest[i]!) % 2 === 1) continue;
      yield emit(pending.line + 1 + i, rest[i]!);
    }
  }
}
