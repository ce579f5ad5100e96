import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedClient } from '../../src/oss/feedClient.js';
import { InqueryClient } from '../../src/oss/inqueryClient.js';
import { syncFeed } from '../../src/oss/feedSync.js';
import { importPermitFile } from '../../src/oss/fileImport.js';
import { PermanentHttpError, RetryableHttpError } from '../../src/shared/httpErrors.js';
import { jsonLines, runCli } from '../support/cli.js';
import { ossRecord } from '../support/ossRecords.js';
import { createTestEnv, type TestEnv } from '../support/testEnv.js';

/** FAULT_SEED=<n> re-runs every property with that seed; otherwise fast-check picks one. */
const FAULT_SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined;
const runs = (numRuns: number) => ({ numRuns, ...(FAULT_SEED === undefined ? {} : { seed: FAULT_SEED }) });

/** Personal data planted in records; no part of it may reach storage or output. */
const PII = {
  nik: '3578046607880005',
  name: 'Siti Rahasia Wulandari',
  email: 'siti.rahasia@contoh.example',
  phone: '081398765432',
};
/** Heads and tails long enough that nothing else in a record contains them. */
const PII_FRAGMENTS = Object.values(PII).flatMap((v) => [v.slice(0, 7), v.slice(-7)]);

/** An OSS record carrying personal data in every place OSS puts it. */
function recordWithPii(nib: string, name = `PT Contoh ${nib.slice(-4)}`): Record<string, unknown> {
  return {
    ...ossRecord({ nib, name }),
    pemegang_saham: [{ nama_pemegang_saham: PII.name, no_identitas_pemegang_saham: PII.nik, email_pemegang_saham: PII.email }],
    penanggung_jwb: [{ nama_penanggung_jwb: PII.name, no_identitas_penanggung_jwb: PII.nik, no_hp_penanggung_jwb: PII.phone }],
    nik_user_proses: PII.nik,
    email_user_proses: PII.email,
    nomor_telpon_perseroan: PII.phone,
  };
}

/** The text in UTF-8, with a Latin-1 "É" (one byte UTF-8 cannot read) wherever it says §LATIN1§. */
function withLatin1Byte(text: string): Buffer {
  return Buffer.concat(text.split('§LATIN1§').flatMap((part, i) => [...(i ? [Buffer.from([0xc9])] : []), Buffer.from(part, 'utf8')]));
}

function expectNoPii(text: string): void {
  for (const fragment of PII_FRAGMENTS) expect(text).not.toContain(fragment);
}

describe('hostile permit files (patuh permits import, real PostgreSQL)', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.cleanup());

  it('quarantines every hostile line with its line number and field, and stores every valid line beside them', async () => {
    const nib = (i: number) => String(9140000000000 + i);
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const lines: Array<{ text: string; valid?: string; reason?: RegExp; eol?: string }> = [
      { text: JSON.stringify({ dataNIB: recordWithPii(nib(1), "PT A'; DROP TABLE permit; --") }), valid: nib(1) },
      { text: JSON.stringify({ dataNIB: { ...ossRecord({ nib: nib(2) }), nama_perseroan: 'PT Nul\u0000Byte' } }), reason: /^dataNIB\.nama_perseroan: .*NUL/ },
      { text: JSON.stringify({ ...ossRecord({ nib: nib(3) }), nama_perseroan: 'PT Setengah \uD800' }), reason: /^nama_perseroan: .*surrogate/ },
      // A raw NUL byte inside a string is not JSON at all.
      { text: `{"nib":"${nib(4)}","nama_perseroan":"PT \u0000 Mentah"}`, reason: /^not valid JSON/ },
      { text: JSON.stringify(recordWithPii(nib(5), 'PT Sah Lima')), valid: nib(5), eol: '\r\n' },
      // Deep nesting in a field Patuh does not read is cut off, not a stack overflow.
      { text: JSON.stringify({ ...ossRecord({ nib: nib(6) }), lampiran: 'x' }).replace('"x"', deep), valid: nib(6) },
      { text: '[1,2,3]', reason: /must be a JSON object/ },
      { text: `{"__proto__":{"nib":"${nib(8)}"},"constructor":{"prototype":{"polluted":true}}}`, reason: /^nib: is required/ },
      { text: JSON.stringify({ ...ossRecord({ nib: nib(9) }), data_proyek: 'banyak sekali' }), reason: /^data_proyek: / },
      { text: JSON.stringify({ ...ossRecord({ nib: nib(10) }), nib: { $gt: '' } }), reason: /^nib: / },
      { text: JSON.stringify({ ...ossRecord({ nib: nib(11) }), nama_perseroan: ['PT', 'Larik'] }), reason: /^nama_perseroan: / },
      { text: JSON.stringify({ ...ossRecord({ nib: nib(12) }), nama_perseroan: 'P'.repeat(501) }), reason: /^nama_perseroan: must be at most 500 characters/ },
      // Cut off in the middle of the shareholders, as a truncated export would be.
      { text: JSON.stringify(recordWithPii(nib(13))).replace(/(no_identitas_pemegang_saham":"\d{9}).*$/, '$1'), reason: /^not valid JSON/ },
      // Garbled right after the identity number: JSON.parse quotes the text around the error.
      { text: `{"nib":"${nib(14)}","pemegang_saham":["${PII.name}","${PII.nik}",x]}`, reason: /^not valid JSON: Unexpected token 'x'$/ },
      // Over the line limit: only its start is kept, without personal data.
      { text: JSON.stringify({ ...recordWithPii(nib(15)), padding: 'y'.repeat(5 * 1024 * 1024) }), reason: /longer than/ },
      { text: JSON.stringify({ ...ossRecord({ nib: nib(16), name: 'PT Angka' }), nib: Number(nib(16)) }), valid: nib(16) },
      { text: '   ' },
      { text: JSON.stringify({ ...ossRecord({ nib: nib(17) }), tgl_terbit_nib: '0001-01-01' }), reason: /^tgl_terbit_nib: / },
      { text: JSON.stringify({ dataNIB: ossRecord({ nib: nib(18), name: 'PT Terakhir 🚀' }) }), valid: nib(18) },
      // A stray line of names and numbers: JSON.parse quotes its start, which is no part of the reason, and the line is not kept.
      { text: `${PII.name};${PII.nik};${PII.email};${PII.phone}`, reason: /^not valid JSON: Unexpected token 'S'$/ },
      // Records written with single quotes or bare keys, as printed by other tools.
      { text: `{'nib': '${nib(19)}', 'pemegang_saham': [{'no_identitas_pemegang_saham': '${PII.nik}', 'nama_pemegang_saham': '${PII.name}'}]}`, reason: /^not valid JSON/ },
      { text: `{nib: "${nib(20)}", penanggung_jwb: [{no_hp_penanggung_jwb: "${PII.phone}", email_penanggung_jwb: "${PII.email}", nama_penanggung_jwb: ${PII.name}}]}`, reason: /^not valid JSON/ },
      // A file concatenated onto this one starts with its own byte-order mark.
      { text: `\uFEFF${JSON.stringify(ossRecord({ nib: nib(21), name: 'PT Sambungan' }))}`, valid: nib(21) },
      // A Latin-1 byte (written below in place of the mark) is refused, not stored as "�".
      { text: JSON.stringify(ossRecord({ nib: nib(22), name: 'PT CAF§LATIN1§ LATIN' })), reason: /^not valid UTF-8 text/ },
    ];
    const file = join(t.dir, 'hostile.jsonl');
    await writeFile(file, withLatin1Byte(`\uFEFF${lines.map((l) => `${l.text}${l.eol ?? '\n'}`).join('')}`));

    const r = await runCli(['permits', 'import', file], t.env);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(r.code, r.stderr).toBe(0);
    const valid = lines.filter((l) => l.valid).map((l) => l.valid!);
    const expectedRejects = lines.map((l, i) => ({ ...l, line: i + 1 })).filter((l) => l.reason);
    expect(r.stdout).toMatch(new RegExp(`accepted ${valid.length} \\(${valid.length} new, 0 updated, 0 unchanged\\), rejected ${expectedRejects.length}`));

    const stored = await t.ctx.db.selectFrom('permit').select(['nib', 'name', 'raw']).orderBy('nib').execute();
    expect(stored.map((p) => p.nib)).toEqual([...valid].sort());
    expect(stored.find((p) => p.nib === nib(1))!.name).toBe("PT A'; DROP TABLE permit; --");
    expect(stored.find((p) => p.nib === nib(18))!.name).toBe('PT Terakhir 🚀');

    const listed = await runCli(['permits', 'rejects', '--format', 'jsonl'], t.env);
    expect(listed.code).toBe(0);
    const rejects = jsonLines(listed.stdout);
    expect(rejects.map((x) => x.line)).toEqual(expectedRejects.map((l) => l.line));
    rejects.forEach((x, i) => expect(x.reason).toMatch(expectedRejects[i]!.reason!));
    expect(String(rejects.find((x) => x.line === 15)!.raw).length).toBeLessThanOrEqual(1024);

    // Personal data reaches neither the permits, the quarantine, nor any output.
    const everything = JSON.stringify(stored) + listed.stdout + r.stdout + r.stderr + JSON.stringify(await t.ctx.db.selectFrom('permit_reject').selectAll().execute());
    expectNoPii(everything);
  });

  it('property: however a record with personal data is cut off or garbled, no part of the personal data is kept', async () => {
    const text = JSON.stringify(recordWithPii('9141000000001'));
    const garble = fc.tuple(fc.integer({ min: 1, max: text.length - 1 }), fc.constantFrom('', 'x', '}', '"', ',]', ' nik', '\\', '\u0000'));
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(garble, { minLength: 1, maxLength: 6 }), async (cuts) => {
        round += 1;
        const file = join(t.dir, `cut-${round}.jsonl`);
        const valid = JSON.stringify(recordWithPii(String(9142000000000 + round)));
        await writeFile(file, [...cuts.map(([at, tail]) => `${text.slice(0, at)}${tail}`), valid].join('\n'));
        const summary = await importPermitFile(t.ctx.db, file, async () => undefined);
        expect(summary.accepted).toBeGreaterThanOrEqual(1);
        for (const reject of summary.rejected) expectNoPii(reject.reason);
        const kept = await t.ctx.db.selectFrom('permit_reject').select(['raw', 'reason']).where('source_ref', 'like', 'cut-%').execute();
        const permits = await t.ctx.db.selectFrom('permit').select('raw').execute();
        expectNoPii(JSON.stringify(kept) + JSON.stringify(permits));
      }),
      runs(60),
    );
  });
});

describe('hostile enrollment extracts (patuh enrollment import, real PostgreSQL)', () => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.cleanup());

  it('refuses bad rows by line and column and loads the valid rows around them verbatim', async () => {
    const header = 'npp,nama_perusahaan,npwp,nib,alamat,kode_wilayah,status,program,tk_aktif,total_upah,bulan_tunggakan';
    const row = (npp: string, name: string, extra = '') => `${npp},${name},,,Jl. Uji,35.23,AKTIF,JKK;JKM,5,20000000,0${extra}`;
    const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const rows: Array<{ text: string; npp?: string; name?: string; reason?: RegExp }> = [
      { text: row('13000001', quoted(`PT "KUTIP" O'NEIL`)), npp: '13000001', name: `PT "KUTIP" O'NEIL` },
      { text: row('13000002', quoted("PT X'); DROP TABLE employer; --")), npp: '13000002', name: "PT X'); DROP TABLE employer; --" },
      { text: row('13000003', 'PT Nul\u0000Byte'), reason: /^nama_perusahaan: must not contain NUL characters/ },
      { text: row('13000004', quoted('=HYPERLINK("http://evil.example","klik")')), npp: '13000004', name: '=HYPERLINK("http://evil.example","klik")' },
      // An unclosed quote; the valid rows after it, up to the next broken row, must survive.
      { text: row('13000005', '"PT TANPA TUTUP'), reason: /quoted field is never closed/ },
      { text: row('13000006', quoted('PT Baris\nDua, Tbk')), npp: '13000006', name: 'PT Baris\nDua, Tbk' },
      { text: row('13000008', 'PT Biasa Delapan'), npp: '13000008', name: 'PT Biasa Delapan' },
      { text: row('13000009', '"PT TANPA TUTUP JUGA'), reason: /quoted field is never closed/ },
      { text: row('13000010', quoted('CV Miring\\Balik\\')), npp: '13000010', name: 'CV Miring\\Balik\\' },
      { text: row('13000011', quoted('PT \u202eKIRI\u202c 🚀 \u0007')), npp: '13000011', name: 'PT \u202eKIRI\u202c 🚀 \u0007' },
      { text: row('13000012', 'P'.repeat(501)), reason: /^nama_perusahaan: must be at most 500 characters/ },
      { text: row('13000013', 'PT Kolom Lebih', ',ekstra'), reason: /^has 12 columns; the header has 11/ },
      { text: `13000014,PT Upah Salah,,,Jl. Uji,35.23,AKTIF,JKK,5,Rp 1.000,0`, reason: /^total_upah: / },
      // Inch marks in unquoted names are text: neither row takes the next one with it.
      { text: row('13000015', 'PT PIPA 5" JAYA'), npp: '13000015', name: 'PT PIPA 5" JAYA' },
      { text: row('13000016', 'PT BAUT 2" MAKMUR'), npp: '13000016', name: 'PT BAUT 2" MAKMUR' },
      { text: row('13000017', 'PT Aman Tujuh Belas'), npp: '13000017', name: 'PT Aman Tujuh Belas' },
      // A Latin-1 byte (written below in place of the mark) is refused, not stored as "�".
      { text: row('13000018', 'PT CAF§LATIN1§ LATIN'), reason: /^not valid UTF-8 text/ },
      { text: `13000019,PT Wilayah Fiktif,,,Jl. Uji,99.99,AKTIF,JKK,5,20000000,0`, reason: /^kode_wilayah: 99\.99 is no kab\/kota of the Kemendagri 2025 list/ },
      { text: `13000020,PT Alamat Panjang,,,${'Jl. Panjang '.repeat(100)},35.23,AKTIF,JKK,5,20000000,0`, reason: /^alamat: must be at most 1000 characters/ },
    ];
    const file = join(t.dir, 'hostile.csv');
    await writeFile(file, withLatin1Byte(`${[header, ...rows.map((x) => x.text)].join('\r\n')}\r\n`));
    const r = await runCli(['enrollment', 'import', file], t.env);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(r.code, r.stderr).toBe(0);

    // Line numbers count the header and the extra line of the two-line row.
    let lineNo = 2;
    const expected: Array<{ line: number; reason: RegExp }> = [];
    for (const x of rows) {
      if (x.reason) expected.push({ line: lineNo, reason: x.reason });
      lineNo += x.text.split('\n').length;
    }
    const reported = r.stderr.split('\n').filter((l) => l.includes(': rejected: '));
    expect(reported.map((l) => Number(/hostile\.csv:(\d+):/.exec(l)?.[1]))).toEqual(expected.map((e) => e.line));
    reported.forEach((l, i) => expect(l.split(': rejected: ')[1]).toMatch(expected[i]!.reason));

    const employers = await t.ctx.db.selectFrom('employer').select(['npp', 'name']).orderBy('npp').execute();
    expect(employers).toEqual(rows.filter((x) => x.npp).map((x) => ({ npp: x.npp, name: x.name })));
  });

  it('refuses an extract whose header is empty, lacks a column or names one twice, loading nothing from it', async () => {
    const before = await t.ctx.db.selectFrom('employer').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const cases: Array<[string, RegExp]> = [
      ['', /the file is empty; expected a header row: npp,nama_perusahaan,/],
      ['npp,nama_perusahaan,npwp\n1,PT A,\n', /header is missing column\(s\) nib, alamat, kode_wilayah, status, program, tk_aktif, total_upah, bulan_tunggakan/],
      [
        'npp,nama_perusahaan,npwp,nib,alamat,kode_wilayah,status,program,tk_aktif,total_upah,bulan_tunggakan,NPP\n13100001,PT Dua Kolom,,,,35.23,AKTIF,JKK,5,20000000,0,13100002\n',
        /header names column\(s\) npp more than once/,
      ],
    ];
    for (const [text, message] of cases) {
      const file = join(t.dir, 'header.csv');
      await writeFile(file, text);
      const r = await runCli(['enrollment', 'import', file], t.env);
      expect(r.code, r.stderr).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/header\.csv/);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
    const after = await t.ctx.db.selectFrom('employer').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('hostile feed pages (FeedClient and syncFeed against a local HTTP feed, real PostgreSQL)', () => {
  let t: TestEnv;
  let server: Server;
  let body = '';
  let baseUrl = '';
  beforeAll(async () => {
    t = await createTestEnv();
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.cleanup();
  });

  const client = () => new FeedClient({ baseUrl, timeoutMs: 5000, retries: 0, sleep: async () => undefined });

  it('a page that breaks the feed contract is a retryable error naming what is wrong, never a crash', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{"data": [', /not valid JSON/],
      ['', /not valid JSON/],
      ['null', /feed contract/],
      ['[]', /feed contract/],
      ['{"data": {}, "has_more": false}', /feed contract: data: /],
      ['{"data": [], "has_more": "ya"}', /feed contract: has_more: /],
      ['{"data": [], "has_more": true, "next_cursor": 42}', /feed contract: next_cursor: /],
    ];
    for (const [page, message] of cases) {
      body = page;
      const error = await client().fetchPage(null, 10).then(() => null, (e: unknown) => e);
      expect(error, page.slice(0, 40)).toBeInstanceOf(RetryableHttpError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('a page mixing hostile records with valid ones quarantines the hostile ones and stores the rest', async () => {
    const valid = ['9143000000001', '9143000000002', '9143000000003'];
    // Nested deeper than JSON.stringify can go: the record must not be stringified whole.
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    body = JSON.stringify({
      data: [
        recordWithPii(valid[0]!, 'PT Feed \u200fRTL\u200e'),
        { ...ossRecord({ nib: '9143000000010' }), nama_perseroan: 'PT Nul\u0000' },
        { ...ossRecord({ nib: valid[1]! }), lampiran: 'DEEP' },
        'bukan objek',
        { ...ossRecord({ nib: '9143000000011' }), jumlah: { nested: [1, { x: '\uDBFF' }] } },
        recordWithPii(valid[2]!, "PT Feed'; DROP TABLE permit; --"),
      ],
      next_cursor: null,
      has_more: false,
    }).replace('"DEEP"', deep);
    const outcome = await syncFeed(t.ctx.db, client(), { feed: 'hostile', pageSize: 10, onChanged: async () => undefined });
    expect(outcome).toEqual({ pages: 1, records: 6, changed: 3, rejected: 3 });
    const stored = await t.ctx.db.selectFrom('permit').select(['nib', 'name']).orderBy('nib').execute();
    expect(stored).toEqual([
      { nib: valid[0], name: 'PT Feed \u200fRTL\u200e' },
      { nib: valid[1], name: 'PT Contoh 0002' },
      { nib: valid[2], name: "PT Feed'; DROP TABLE permit; --" },
    ]);
    const rejects = await t.ctx.db.selectFrom('permit_reject').select(['reason', 'raw']).orderBy('id').execute();
    expect(rejects.map((x) => x.reason)).toEqual([
      expect.stringMatching(/^nama_perseroan: .*NUL/),
      expect.stringMatching(/must be a JSON object/),
      expect.stringMatching(/^jumlah\.nested\.1\.x: .*surrogate/),
    ]);
    expectNoPii(JSON.stringify(rejects) + JSON.stringify(await t.ctx.db.selectFrom('permit').select('raw').execute()));
  });
});

describe('hostile OSS look-up answers (InqueryClient against a local HTTP server)', () => {
  let server: Server;
  let answer = { status: 200, body: '' };
  let baseUrl = '';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads records out of any answer shape, or fails with a clear retryable or permanent error, never a TypeError', async () => {
    const client = new InqueryClient({ baseUrl, timeoutMs: 5000, retries: 0, sleep: async () => undefined });
    const record = ossRecord({ nib: '9144000000001' });
    const cases: Array<[number, string, ((r: unknown) => void) | RegExp]> = [
      [200, JSON.stringify({ responinqueryNIB: { kode: 200, dataNIB: record } }), (r) => expect(r).toEqual([record])],
      [200, JSON.stringify({ responinqueryNIB: { kode: '200', dataNIB: [record, 'x', null, 5, [1]] } }), (r) => expect(r).toEqual([record, [1]])],
      [200, JSON.stringify({ responinqueryNIB: { kode: 200, dataNIB: 'bukan objek' } }), (r) => expect(r).toEqual([])],
      [200, JSON.stringify({ responinqueryNIB: { kode: 404 } }), (r) => expect(r).toEqual([])],
      [200, '{"responinqueryNIB": ', /no responinqueryNIB object/],
      [200, 'null', /no responinqueryNIB object/],
      [200, JSON.stringify({ responinqueryNIB: 'teks' }), /no responinqueryNIB object/],
      [200, JSON.stringify({ responinqueryNIB: { kode: 'abc', keterangan: 'aneh' } }), /^OSS inqueryNIB refused the query with kode "abc"$/],
      [200, JSON.stringify({ responinqueryNIB: { kode: 503 } }), /kode 503/],
      [500, '<html>error</html>', /HTTP 500/],
      [401, '', /refused the credentials/],
    ];
    for (const [status, body, expected] of cases) {
      answer = { status, body };
      const outcome = await client.inquery({ nib: '9144000000001' }).then((r) => ({ ok: true as const, r }), (e: unknown) => ({ ok: false as const, e }));
      if (typeof expected === 'function') {
        expect(outcome.ok, body).toBe(true);
        if (outcome.ok) expected(outcome.r);
      } else {
        expect(outcome.ok, body).toBe(false);
        if (!outcome.ok) {
          expect(outcome.e instanceof RetryableHttpError || outcome.e instanceof PermanentHttpError, String(outcome.e)).toBe(true);
          expect((outcome.e as Error).message).toMatch(expected);
        }
      }
    }
  });
});
