import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { queueMatching } from '../matching/matchQueue.js';
import { ingestRecords } from '../oss/ingest.js';
import { verifyPushToken } from '../oss/pushToken.js';
import { pushReceived, pushRefused } from '../shared/metrics.js';

/** PIA's answer shape: status "1" accepted, "2" failed, with a reason in keterangan. */
function answer(status: '1' | '2', keterangan: string) {
  return { responreceiveNIB: { status, keterangan } };
}

/**
 * The NIB the token must be signed for: the one the record will be stored under. Keys are
 * read trimmed when the record is stored ("nib " is "nib"), so every key that trims to
 * "nib" must give that NIB; a record naming two NIBs is refused, or a token for one would
 * store (or revoke) the other.
 */
function nibOf(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const data = (body as Record<string, unknown>).dataNIB;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const nibs = new Set<string>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key.trim() !== 'nib') continue;
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    if (text) nibs.add(text);
  }
  const [nib] = nibs;
  return nibs.size === 1 && /^[0-9]{13}$/.test(nib!) ? nib! : null;
}

/**
 * POST /oss/receiveNIB: OSS pushes a NIB (again on every change). The record is stored
 * (or quarantined) and its matching queued before the answer, so an answered push is
 * never lost.
 */
export function registerReceiveNib(app: FastifyInstance, ctx: AppContext): void {
  app.post('/oss/receiveNIB', async (request, reply) => {
    const { OSS_PUSH_USERNAME: username, OSS_PUSH_PASSWORD: password } = ctx.config;
    if (!username || !password) {
      pushReceived.inc({ result: 'error' });
      return reply.code(503).send(answer('2', 'receiveNIB is not configured on this server (OSS_PUSH_USERNAME, OSS_PUSH_PASSWORD)'));
    }
    const body = request.body;
    const nib = nibOf(body);
    if (!nib) {
      pushRefused.inc({ reason: 'nib' });
      pushReceived.inc({ result: 'refused' });
      return reply.code(400).send(answer('2', 'dataNIB.nib harus 13 digit (dataNIB.nib must be 13 digits); the token cannot be verified without it'));
    }
    const token = request.headers.token;
    if (!verifyPushToken(Array.isArray(token) ? token[0] : token, { username, password }, nib)) {
      pushRefused.inc({ reason: 'token' });
      pushReceived.inc({ result: 'refused' });
      ctx.logger.warn({ nib, ip: request.ip }, 'receiveNIB refused: wrong token');
      return reply.code(401).send(answer('2', 'Token tidak valid (invalid token)'));
    }
    const outcome = await ingestRecords(ctx.db, [
      { source: 'push', ref: `push nib=${nib}`, lineNo: null, json: body },
    ]);
    if (outcome.rejected.length) {
      pushReceived.inc({ result: 'rejected' });
      return reply.code(400).send(answer('2', outcome.rejected[0]!.reason));
    }
    if (outcome.changed.length) {
      await queueMatching(ctx.queues, outcome.changed, 'push', ctx.config.MATCH_BATCH_SIZE);
      pushReceived.inc({ result: 'stored' });
      return reply.send(answer('1', 'Data NIB berhasil diterima'));
    }
    pushReceived.inc({ result: 'unchanged' });
    return reply.send(answer('1', 'Data NIB sudah diterima sebelumnya (unchanged or older version)'));
  });
}
