import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse/sync';

export type CsvRecord = { line: number; cells: string[] } | { line: number; error: string };

const MAX_CONTINUATION_LINES = 20;

function quoteCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) if (s.charCodeAt(i) === 34) n += 1;
  return n;
}

/** A line of the file and the line break that ended it ("" for the last line without one). */
interface Line {
  line: number;
  text: string;
  eol: string;
}

/**
 * The file's lines, split where readline splits them (CRLF, LF, lone CR), each with its own
 * line break: a quoted field that spans lines keeps the breaks it was written with.
 */
async function* readLines(path: string): AsyncGenerator<Line> {
  let buffer = '';
  let line = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8' }) as AsyncIterable<string>) {
    // What is left of the previous chunk holds no line break, except maybe a CR awaiting its LF.
    const from = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
    buffer += chunk;
    const breaks = /\r\n|\n|\r/g;
    breaks.lastIndex = from;
    let start = 0;
    for (let m = breaks.exec(buffer); m; m = breaks.exec(buffer)) {
      if (m[0] === '\r' && m.index === buffer.length - 1) break;
      line += 1;
      yield { line, text: buffer.slice(start, m.index), eol: m[0] };
      start = breaks.lastIndex;
    }
    buffer = buffer.slice(start);
  }
  if (buffer.endsWith('\r')) yield { line: line + 1, text: buffer.slice(0, -1), eol: '\r' };
  else if (buffer) yield { line: line + 1, text: buffer, eol: '' };
}

function parseRecord(text: string): string[] {
  if (!text.includes('"')) return text.split(',');
  const rows = parse(text, { relax_quotes: true, relax_column_count: true }) as string[][];
  if (rows.length !== 1) throw new Error('expected one record');
  return rows[0]!;
}

/**
 * Whether every quoted field in a multi-line record closes properly: a field opened by a
 * quote ends with a quote followed by a comma or a line end. "0,\"A,\n1,B\n2,\"C," closes its
 * quote count on line 3, but only because line 3 opens a quote of its own: a broken row.
 * Quotes inside unquoted fields (PT 5" PIPA) are text, as csv-parse's relax_quotes reads them.
 */
function closesCleanly(text: string): boolean {
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') continue;
      if (text[i + 1] === '"') i += 1;
      else if (i + 1 === text.length || ',\n\r'.includes(text[i + 1]!)) quoted = false;
      else return false;
    } else if (c === ',' || c === '\n' || c === '\r') fieldStart = true;
    else {
      if (c === '"' && fieldStart) quoted = true;
      fieldStart = false;
    }
  }
  return !quoted;
}

/**
 * Reads CSV records with their starting line numbers. A quoted field may span lines
 * (addresses); an unclosed quote is reported on its own line and the lines after it are
 * read again as records of their own, so one broken row never loses the rows after it.
 */
export async function* readCsvRecords(path: string): AsyncGenerator<CsvRecord> {
  const input = readLines(path);
  /** Lines taken back from an abandoned multi-line record, read again before the file goes on. */
  const replay: Line[] = [];
  const next = async (): Promise<Line | null> => {
    const again = replay.shift();
    if (again) return again;
    const read = await input.next();
    if (read.done) return null;
    return read.value.line === 1 ? { ...read.value, text: read.value.text.replace(/^\uFEFF/, '') } : read.value;
  };
  let pending: { lines: Line[]; quotes: number } | null = null;
  const emit = (line: number, text: string): CsvRecord => {
    try {
      return { line, cells: parseRecord(text) };
    } catch (error) {
      return { line, error: `not valid CSV (${(error as Error).message.split('\n')[0]})` };
    }
  };
  /** Reports the pending record's first line as broken and queues its other lines again. */
  const abandon = (open: { lines: Line[] }): CsvRecord => {
    replay.unshift(...open.lines.slice(1));
    return { line: open.lines[0]!.line, error: 'a quoted field is never closed' };
  };
  try {
    for (;;) {
      const current = await next();
      if (!current) {
        if (!pending) break;
        yield abandon(pending);
        pending = null;
        continue;
      }
      if (pending) {
        pending.lines.push(current);
        pending.quotes += quoteCount(current.text);
        if (pending.quotes % 2 === 0) {
          // The record's lines joined by the line breaks they were written with.
          const lines = pending.lines;
          const joined = lines.map((l, i) => (i ? `${lines[i - 1]!.eol}${l.text}` : l.text)).join('');
          yield closesCleanly(joined) ? emit(lines[0]!.line, joined) : abandon(pending);
          pending = null;
        } else if (pending.lines.length > MAX_CONTINUATION_LINES) {
          yield abandon(pending);
          pending = null;
        }
        continue;
      }
      if (current.text.trim() === '') continue;
      const quotes = quoteCount(current.text);
      if (quotes % 2 === 1) pending = { lines: [current], quotes };
      else yield emit(current.line, current.text);
    }
  } finally {
    // Closes the file when the reader stops early.
    await input.return(undefined);
  }
}
