import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppContext } from '../../src/app.js';
import { importEnrollmentFile } from '../../src/enrollment/enrollmentImport.js';
import { queueMatching } from '../../src/matching/matchQueue.js';
import { importPermitFile } from '../../src/oss/fileImport.js';
import { ossRecord } from './ossRecords.js';

/** One kab/kota per branch of config/branches.json (1101 is unrouted: PUSAT). */
export const BRANCH_REGIONS: Record<string, string> = {
  TUBAN: '3523', JEMBER: '3509', PEKALONGAN: '3375', SURAKARTA: '3372', PALEMBANG: '1671', PUSAT: '1101',
};

let counter = 0;

/** Stores unregistered permits in the given branches and queues their matching, as an import would. */
export async function importUnregistered(ctx: AppContext, dir: string, perBranch: Record<string, number>): Promise<string[]> {
  const lines: string[] = [];
  const nibs: string[] = [];
  for (const [branch, n] of Object.entries(perBranch)) {
    for (let i = 0; i < n; i += 1) {
      counter += 1;
      const nib = String(9130000000000 + counter + Math.floor(Math.random() * 1e6) * 1000);
      nibs.push(nib);
      lines.push(JSON.stringify(ossRecord({ nib, name: `PT Uji ${branch} ${counter}`, region: `${BRANCH_REGIONS[branch]}010001`, workers: [3 + (counter % 7), 1] })));
    }
  }
  const file = join(dir, `permits-${counter}.jsonl`);
  await writeFile(file, `${lines.join('\n')}\n`);
  await importPermitFile(ctx.db, file, async (changed) => void (await queueMatching(ctx.queues, changed, 'test', 1000)));
  return nibs;
}

/** Enrolls employers carrying these permits' NIBs, so their `unregistered` findings end. */
export async function enroll(ctx: AppContext, dir: string, nibs: string[]): Promise<void> {
  const header = 'npp,nama_perusahaan,npwp,nib,alamat,kode_wilayah,status,program,tk_aktif,total_upah,bulan_tunggakan';
  const rows = nibs.map((nib) => `${nib.slice(-8)},PT TERDAFTAR ${nib},,${nib},Jl. Baru,35.23,AKTIF,JKK;JKM;JHT;JP,20,90000000,0`);
  const file = join(dir, `extract-${nibs[0]}.csv`);
  await writeFile(file, `${[header, ...rows].join('\n')}\n`);
  const summary = await importEnrollmentFile(ctx.db, file);
  await queueMatching(ctx.queues, summary.permitsToRematch, 'test', 1000);
}
