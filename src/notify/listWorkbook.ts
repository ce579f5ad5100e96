import ExcelJS from 'exceljs';
import { LIST_COLUMNS, type DigestItem } from './digestContent.js';

/**
 * The officers' list as an Excel workbook: one row per finding, filters and a frozen header.
 * Text cells are written as text, so a name starting with "=" is never a formula.
 */
export async function listWorkbook(title: string, items: DigestItem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Patuh';
  const sheet = workbook.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, '-') || 'Daftar');
  sheet.columns = LIST_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const item of items) {
    const row: Record<string, unknown> = {};
    for (const c of LIST_COLUMNS) {
      const value = c.value(item);
      row[c.key] = typeof value === 'string' ? { richText: [{ text: value }] } : value;
    }
    sheet.addRow(row);
  }
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LIST_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
