import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli.js';
import type { TestEnv } from './testEnv.js';

const HEADER = 'npp,nama_perusahaan,npwp,nib,alamat,kode_wilayah,status,program,tk_aktif,total_upah,bulan_tunggakan';

/** One extract row of an active employer with the three core programs. */
export function activeEmployerRow(npp: string, name: string, kodeWilayah = '35.23'): string {
  return `${npp},${name},,,,${kodeWilayah},AKTIF,JKK;JKM;JHT,8,30000000,0`;
}

/** Imports these rows as a whole enrollment extract through the real CLI. */
export async function importExtract(t: TestEnv, rows: string[]): Promise<void> {
  const extract = join(t.dir, 'extract.csv');
  await writeFile(extract, [HEADER, ...rows].join('\n'));
  expect((await runCli(['enrollment', 'import', extract], t.env)).code).toBe(0);
}
