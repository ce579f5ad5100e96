import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { NOT_UTF8, NOT_UTF8_REASON } from '../shared/utf8.js';

export type CsvRecord = { line: number; cells: string[] } | { line: number; error: string };

/** No address spans more lines; a field that does is an unclosed quote, or not one to load. */
const MAX_CONTINUATION_LINES = 20;

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
 * Where a record's text leaves off: inside a quoted field (the record goes on past the line
 * break), closed, or broken (a quoted field followed by more text, which no reading makes
 * sure of). A quote opens a field only at the field's start: quotes inside an unquoted
 * field (PT 5" PIPA) are text, as csv-parse's relax_quotes reads them, so a stray one never
 * joins the next row to this one.
 */
function quoteState(text: string): 'closed' | 'open' | 'broken' {
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') continue;
      if (text[i + 1] === '"') i += 1;
      else if (i + 1 === text.length || ',\n\r'.includes(text[i + 1]!)) quoted = false;
      else return 'broken';
    } else if (c === ',' || c === '\n' || c === '\r') fieldStart = true;
    else {
      if (c === '"' && fieldStart) quoted = true;
      fieldStart = false;
    }
  }
  return quoted ? 'open' : 'closed';
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
  let pending: { lines: Line[] } | null = null;
  const emit = (line: number, text: string): CsvRecord => {
    if (text.includes(NOT_UTF8)) return { line, error: NOT_UTF8_REASON };
    try {
      return { line, cells: parseRecord(text) };
    } catch (error) {
      return { line, error: `not valid CSV (${(error as Error).message.split('\n')[0]})` };
    }
  };
  /** Reports the pending record's first line as broken and queues its other lines again. */
  const abandon = (open: { lines: Line[] }, reason = 'a quoted field is never closed'): CsvRecord => {
    replay.unshift(...open.lines.slice(1));
    return { line: open.lines[0]!.line, error: reason };
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
        // The record's lines joined by the line breaks they were written with.
        const lines = pending.lines;
        const joined = lines.map((l, i) => (i ? `${lines[i - 1]!.eol}${l.text}` : l.text)).join('');
        const state = quoteState(joined);
        if (state === 'closed') yield emit(lines[0]!.line, joined);
        else if (state === 'broken') yield abandon(pending);
        else if (lines.length > MAX_CONTINUATION_LINES) yield abandon(pending, `a quoted field runs on past ${MAX_CONTINUATION_LINES} lines without closing`);
        else continue;
        pending = null;
        continue;
      }
      if (current.text.trim() === '') continue;
      if (current.text.includes('"') && quoteState(current.text) === 'open') pending = { lines: [current] };
      else yield emit(current.line, current.text);
    }
  } finally {
    // Closes the file when the reader stops early.
    await input.return(undefined);
  }
}
