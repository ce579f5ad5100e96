import { stringify } from 'csv-stringify/sync';

/**
 * Neutralises spreadsheet formulas: a text cell starting with =, +, -, @, tab or CR is
 * prefixed with an apostrophe so Excel and LibreOffice show it as text (OWASP CSV injection).
 */
export function safeCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return stringify([cells.map(safeCell)]);
}
