import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { safeCell } from '../shared/csv.js';
import { LIST_COLUMNS, type DigestItem } from './digestContent.js';

/**
 * Text as an XLSX string (OOXML ST_Xstring): characters XML cannot carry (control
 * characters, U+FFFE, U+FFFF) and DEL, which ExcelJS would drop or write raw and so
 * corrupt the file, become `_xHHHH_`, and so does CR, which XML readers turn into LF (as
 * Excel writes it); a literal `_xHHHH_` gets its underscore escaped so Excel does not
 * decode it. Excel and ExcelJS read the original text back.
 */
function xlsxText(text: string): string {
  return text.replace(/_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B-\u001F\u007F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * A text cell: a plain string (what a reader's `cell.value` gives back), or, when the text
 * holds what XML cannot carry, rich text, the one form ExcelJS writes `_xHHHH_` into raw.
 */
function textCell(text: string): string | { richText: Array<{ text: string }> } {
  const escaped = xlsxText(text);
  return escaped === text ? text : { richText: [{ text: escaped }] };
}

/**
 * The officers' list as an Excel workbook: one row per finding, filters and a frozen header.
 * Text cells are written as text and neutralised like the CSV lists (a leading =, +, -, @
 * gets an apostrophe), so a name is never a formula, not even after the cell is edited or
 * the sheet saved as CSV.
 *
 * Rows are streamed into the zip as they are made (ExcelJS's streaming writer), so memory
 * holds the compressed file, not a model of every cell: a branch's first list at national
 * scale has hundreds of thousands of rows, and the in-memory workbook took gigabytes.
 */
export async function listWorkbook(title: string, items: Iterable<DigestItem>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Patuh';
  const sheet = workbook.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, '-') || 'Daftar', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = LIST_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LIST_COLUMNS.length } };
  for (const item of items) {
    const row: Record<string, unknown> = {};
    for (const c of LIST_COLUMNS) {
      const value = c.value(item);
      row[c.key] = typeof value === 'string' ? textCell(safeCell(value) as string) : value;
    }
    sheet.addRow(row).commit();
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
