import { createHmac } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import axios from 'axios';
import nodemailer from 'nodemailer';
import { csvLine } from '../shared/csv.js';
import { parseRetryAfter } from '../shared/httpErrors.js';
import { LIST_COLUMNS, listRows, termFor, type DigestItem, type DigestPayload } from './digestContent.js';
import { listWorkbook } from './listWorkbook.js';

export class PermanentDeliveryError extends Error {}

/** A delivery that may succeed later; `retryAfterMs` is the receiver's Retry-After, when it gave one. */
export class RetryableDeliveryError extends Error {
  constructor(message: string, readonly retryAfterMs: number | null = null) {
    super(message);
  }
}

async function writeAtomically(path: string, data: string | Buffer): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** File drop: the digest as CSV and XLSX in the branch's folder; rewriting the same digest is harmless. */
export async function writeDigestFiles(dir: string, payload: DigestPayload): Promise<string[]> {
  const branchDir = join(dir, payload.branch);
  await mkdir(branchDir, { recursive: true });
  const base = join(branchDir, `${payload.generated_at.slice(0, 10)}_${payload.digest_id}`);
  const csv = [LIST_COLUMNS.map((c) => c.header), ...listRows(payload)].map((row) => csvLine(row)).join('');
  // BOM so spreadsheet programs read the UTF-8 names correctly.
  await writeAtomically(`${base}.csv`, `\uFEFF${csv}`);
  await writeAtomically(`${base}.xlsx`, await listWorkbook(payload.branch, [...payload.findings, ...payload.resolved]));
  return [`${base}.csv`, `${base}.xlsx`];
}

/**
 * Signs a webhook body: `X-Patuh-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
 * Receivers recompute it with the shared secret and reject old timestamps (replays).
 */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * POSTs the digest as JSON. The digest id travels as `Idempotency-Key` so a receiver can
 * drop a repeat after a retry. 429, 408 and 5xx are retryable; other 4xx are not.
 */
export async function postDigest(url: string, payload: DigestPayload, timeoutMs: number, secret?: string): Promise<void> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotency-Key': payload.digest_id, 'User-Agent': 'patuh-notifier' };
  if (secret) headers['X-Patuh-Signature'] = signWebhook(secret, body, Math.floor(Date.now() / 1000));
  let status: number;
  let retryAfter: unknown;
  try {
    // The timeout bounds the whole exchange (signal), not only each silence on the socket
    // (axios's timeout): a receiver trickling its answer would otherwise hold the delivery for good.
    const response = await axios.post(url, body, {
      timeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
      headers,
      validateStatus: () => true,
      maxRedirects: 0,
      transformRequest: (d: unknown) => d,
    });
    status = response.status;
    retryAfter = response.headers['retry-after'];
  } catch (error) {
    throw new RetryableDeliveryError(`webhook ${new URL(url).host} unreachable: ${(error as Error).message}`);
  }
  if (status >= 200 && status < 300) return;
  const message = `webhook ${new URL(url).host} answered HTTP ${status}`;
  if (status >= 400 && status < 500 && status !== 429 && status !== 408) throw new PermanentDeliveryError(message);
  throw new RetryableDeliveryError(message, parseRetryAfter(retryAfter));
}

/** A short summary in Indonesian and English; the full list is the attached workbook. */
export function emailText(payload: DigestPayload): { subject: string; text: string } {
  const n = new Set(payload.findings.map((f) => f.nib)).size;
  const categories = Object.entries(payload.counts.by_category).map(([c, k]) => `  - ${termFor(c)}: ${k}`).join('\n') || '  -';
  // The top ten employers, not findings: an employer with several shortfalls is one line
  // (findings come ranked, so its first is its largest), not several of the ten.
  const byEmployer = new Map<string, DigestItem[]>();
  for (const f of payload.findings) {
    const own = byEmployer.get(f.nib);
    if (own) own.push(f);
    else byEmployer.set(f.nib, [f]);
  }
  const top = [...byEmployer.values()]
    .slice(0, 10)
    .map((fs, i) => {
      const terms = fs.map((f) => `${f.bpjs_term} ${f.priority} TK${f.change === 'new' ? ' [BARU/NEW]' : ''}`).join(', ');
      return `  ${i + 1}. ${fs[0]!.company_name} (NIB ${fs[0]!.nib}) — ${terms}`;
    })
    .join('\n');
  const resolved = payload.resolved.map((f) => `  - ${f.company_name} (NIB ${f.nib}) — ${f.bpjs_term}`).join('\n');
  const reminder = payload.reason === 'reminder';
  const subject = `[Patuh] ${payload.branch_name}: ${n} perusahaan perlu ditindaklanjuti / ${n} employers to follow up${reminder ? ' (pengingat / reminder)' : ''}`;
  const text = [
    `Kepada tim kepatuhan ${payload.branch_name},`,
    '',
    `${payload.counts.open} temuan aktif pada ${n} perusahaan (${payload.counts.new} baru), ${payload.counts.resolved} selesai sejak pesan terakhir.`,
    'Per kategori:',
    categories,
    '',
    'Prioritas tertinggi (tenaga kerja belum terlindungi):',
    top || '  -',
    ...(resolved ? ['', 'Selesai:', resolved] : []),
    '',
    'Daftar lengkap terlampir (Excel).',
    '',
    '---',
    '',
    `To the compliance team of ${payload.branch_name}:`,
    '',
    `${payload.counts.open} open findings at ${n} employers (${payload.counts.new} new), ${payload.counts.resolved} resolved since the last message.`,
    'By category: see above (PWBD = not registered, PDS = partly registered, Tunggakan = arrears).',
    'The full ranked list is attached as an Excel file.',
    '',
    `Digest ${payload.digest_id}`,
  ].join('\n');
  return { subject, text };
}

export async function sendDigestEmail(smtpUrl: string, from: string, to: string[], payload: DigestPayload, timeoutMs: number): Promise<void> {
  // nodemailer's own defaults wait up to 10 minutes on a silent server, holding the job
  // (and a stopping notifier) that long and outliving the digest's lease.
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  const { subject, text } = emailText(payload);
  try {
    await transport.sendMail({
      from,
      to,
      subject,
      text,
      // The digest id as Message-ID lets mail systems drop a repeated delivery.
      messageId: `<${payload.digest_id}@patuh>`,
      headers: { 'X-Patuh-Digest': payload.digest_id },
      attachments: [
        {
          filename: `patuh-${payload.branch}-${payload.generated_at.slice(0, 10)}.xlsx`,
          content: await listWorkbook(payload.branch, [...payload.findings, ...payload.resolved]),
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
      ],
    });
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const message = `SMTP: ${(error as Error).message}`;
    // 5xx SMTP replies (bad recipient, refused) will not succeed on retry.
    if (code && code >= 500 && code < 600) throw new PermanentDeliveryError(message);
    throw new Error(message);
  } finally {
    transport.close();
  }
}
