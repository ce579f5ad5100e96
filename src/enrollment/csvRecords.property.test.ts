import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvRecord } from './csvRecords.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

let dir: string;
let fileNo = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patuh-csv-prop-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(text: string): Promise<CsvRecord[]> {
  fileNo += 1;
  const path = join(dir, `f${fileNo}.csv`);
  await writeFile(path, text);
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords(path)) out.push(r);
  return out;
}

/**
 * Cells of an extract: plain, or with commas, quotes, line breaks of any kind and any Unicode
 * but U+FFFD, which stands for bytes that are not UTF-8 and is refused (see the test below).
 */
const cell = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9 .]{0,12}$/) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 15 }).filter((s) => !s.includes('\uFFFD')) },
  { weight: 1, arbitrary: fc.constantFrom('Jl. A, No. 1', 'PT "KUTIP"', 'Baris\nDua', 'Baris\r\nDua', 'Baris\rDua', '"', '""', ',', 'a"b', '\n', '\r\n', ' x ', '=1+1') },
);
/** A row always starts with a key-like cell, so no row is a blank line. */
const row = fc.tuple(fc.stringMatching(/^[0-9A-Z]{1,8}$/), fc.array(cell, { minLength: 1, maxLength: 5 })).map(([key, rest]) => [key, ...rest]);

type Line = { kind: 'good'; cells: string[]; text: string } | { kind: 'broken'; text: string };

/** A good row written as CSV, or a one-line row whose field opens a quote it never closes. */
const line: fc.Arbitrary<Line> = fc.oneof(
  { weight: 5, arbitrary: row.map((cells) => ({ kind: 'good' as const, cells, text: stringify([cells], { record_delimiter: '\n', quoted_match: /\r/ }).replace(/\n$/, '') })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.stringMatching(/^[0-9]{1,8}$/), fc.stringMatching(/^[A-Za-z ]{1,10}$/), fc.stringMatching(/^[A-Za-z0-9 ]{0,10}$/))
      .map(([key, a, b]) => ({ kind: 'broken' as const, text: `${key},"${a},${b}` })),
  },
);

describe('readCsvRecords: properties', () => {
  it('reads every well-formed row, multi-line ones included, with its starting line number', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line.filter((l) => l.kind === 'good'), { minLength: 1, maxLength: 15 }), fc.boolean(), fc.constantFrom('\n', '\r\n'), async (lines, bom, eol) => {
        const text = `${bom ? '\uFEFF' : ''}${lines.map((l) => l.text).join(eol)}${eol}`;
        const records = await read(text);
        let lineNo = 1;
        const expected = lines.map((l) => {
          const r = { line: lineNo, cells: (l as { cells: string[] }).cells };
          lineNo += l.text.split(/\r\n|\n|\r/).length;
          return r;
        });
        expect(records).toEqual(expected);
      }),
      runs(200),
    );
  });

  // A quote left open just before a multi-line row is ambiguous CSV (the open quote may as
  // well end inside that row), so here the valid rows around broken ones are one line each;
  // so is one before rows with quoted fields (`0,"A,` then `A,", ",` is also the one row
  // `0` | `A,⏎A,` | ` "`), so the valid rows after a broken one have no quotes.
  it('a row with an unclosed quote is reported on its line and never takes valid one-line rows with it', async () => {
    const oneLine = line.filter((l) => l.kind === 'broken' || !/[\r\n]/.test(l.text));
    const unambiguous = (lines: Line[]) => lines.every((l, i) => l.kind === 'broken' || !l.text.includes('"') || !lines.slice(0, i).some((b) => b.kind === 'broken'));
    await fc.assert(
      fc.asyncProperty(fc.array(oneLine, { minLength: 1, maxLength: 30 }).filter(unambiguous), async (lines) => {
        const text = `${lines.map((l) => l.text).join('\n')}\n`;
        const records = await read(text);
        let lineNo = 1;
        const good: Array<{ line: number; cells: string[] }> = [];
        const broken: number[] = [];
        for (const l of lines) {
          if (l.kind === 'good') good.push({ line: lineNo, cells: l.cells });
          else broken.push(lineNo);
          lineNo += l.text.split(/\r\n|\n|\r/).length;
        }
        expect(records.filter((r) => 'cells' in r)).toEqual(good);
        const errors = records.filter((r): r is { line: number; error: string } => 'error' in r);
        expect(errors.map((e) => e.line)).toEqual(broken);
        for (const e of errors) expect(e.error).toMatch(/quoted field is never closed|not valid CSV/);
      }),
      runs(300),
    );
  });

  it('reads a quote inside an unquoted field (PT PIPA 5" JAYA) as text, never joining the rows after it', async () => {
    expect(await read('1,PT PIPA 5" JAYA,x\n2,PT BAUT 2" MAKMUR,y\n3,PT AMAN,z\n')).toEqual([
      { line: 1, cells: ['1', 'PT PIPA 5" JAYA', 'x'] },
      { line: 2, cells: ['2', 'PT BAUT 2" MAKMUR', 'y'] },
      { line: 3, cells: ['3', 'PT AMAN', 'z'] },
    ]);
    const stray = fc
      .tuple(fc.stringMatching(/^[0-9]{1,8}$/), fc.stringMatching(/^[A-Za-z0-9 ]{1,8}$/), fc.stringMatching(/^[A-Za-z0-9 ]{0,8}$/))
      .map(([key, a, b]) => ({ kind: 'good' as const, cells: [key, `PT ${a}" ${b}`], text: `${key},PT ${a}" ${b}` }));
    const oneLine = fc.oneof(stray, line.filter((l) => l.kind === 'good' && !/[\r\n]/.test(l.text)));
    await fc.assert(
      fc.asyncProperty(fc.array(oneLine, { minLength: 1, maxLength: 20 }), async (lines) => {
        const records = await read(`${lines.map((l) => l.text).join('\n')}\n`);
        expect(records).toEqual(lines.map((l, i) => ({ line: i + 1, cells: (l as { cells: string[] }).cells })));
      }),
      runs(200),
    );
  });

  it('refuses a row that is not UTF-8 on its line, and reads the rows around it', async () => {
    fileNo += 1;
    const path = join(dir, `latin1-${fileNo}.csv`);
    await writeFile(path, Buffer.concat([Buffer.from('1,PT AMAN,x\n2,PT CAF', 'utf8'), Buffer.from([0xc9]), Buffer.from(' LATIN,y\n3,PT AMAN JUGA,z\n', 'utf8')]));
    const records: CsvRecord[] = [];
    for await (const r of readCsvRecords(path)) records.push(r);
    expect(records).toEqual([
      { line: 1, cells: ['1', 'PT AMAN', 'x'] },
      { line: 2, error: 'not valid UTF-8 text (a Latin-1 or Windows-1252 file?): save the file as UTF-8' },
      { line: 3, cells: ['3', 'PT AMAN JUGA', 'z'] },
    ]);
  });

  it('a CRLF split between two read chunks is one line break, inside and outside quotes', async () => {
    // The stream reads 64 KiB at a time: put the CR last in the first chunk.
    const first = `1,${'x'.repeat(65_536 - 3)}`;
    const quoted = `2,"${'y'.repeat(65_536 - 4)}`;
    expect(await read(`${first}\r\nb,c\r\n`)).toEqual([{ line: 1, cells: ['1', 'x'.repeat(65_533)] }, { line: 2, cells: ['b', 'c'] }]);
    expect(await read(`${quoted}\r\nz",w\r\nb,c\r\n`)).toEqual([{ line: 1, cells: ['2', `${'y'.repeat(65_532)}\r\nz`, 'w'] }, { line: 3, cells: ['b', 'c'] }]);
  });

  it('reads a quoted field of up to 20 lines, and refuses a longer one saying so, reading the lines after it again', async () => {
    const field = (lines: number) => `"${Array.from({ length: lines }, (_, i) => `baris ${i}`).join('\n')}"`;
    expect(await read(`1,${field(20)}\n2,b\n`)).toEqual([{ line: 1, cells: ['1', field(20).slice(1, -1)] }, { line: 21, cells: ['2', 'b'] }]);
    const long = await read(`1,${field(22)}\n2,b\n`);
    expect(long[0]).toEqual({ line: 1, error: 'a quoted field runs on past 20 lines without closing' });
    expect(long.at(-1)).toEqual({ line: 23, cells: ['2', 'b'] });
  });

  it('never throws on arbitrary bytes; every record has a line number within the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        fileNo += 1;
        const path = join(dir, `b${fileNo}.csv`);
        await writeFile(path, bytes);
        const lines = Buffer.from(bytes).toString('utf8').split(/\r\n|\n|\r/).length;
        for await (const r of readCsvRecords(path)) {
          expect(r.line).toBeGreaterThanOrEqual(1);
          expect(r.line).toBeLessThanOrEqual(lines);
        }
      }),
      runs(200),
    );
  });
});
