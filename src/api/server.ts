import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../app.js';
import { pendingMigrations } from '../db/migrate.js';
import { registry } from '../shared/metrics.js';
import { authenticateRequest, HttpError, requireKey } from './auth.js';
import { registerFindingRoutes } from './findingsRoutes.js';
import { registerQueueDashboard } from './queueDashboard.js';
import { registerServiceMetrics } from './serviceMetrics.js';
import { openApiDocument } from './openapi.js';
import { registerReceiveNib } from './receiveNib.js';
import { registerRecheckRoutes } from './recheckRoutes.js';
import { registerReviewRoutes } from './reviewRoutes.js';

export interface ServerOptions {
  /** Requests per minute per API key (or per address without one). */
  rateLimitPerMinute?: number;
}

/** Error codes of a PostgreSQL or Redis that cannot be reached or is shutting down (pg's SQLSTATE classes 08 and 57P). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

/** Whether a request failed because a store was away, which is worth trying again (503), not a fault (500). */
function isStorageUnavailable(error: { code?: string; message?: string }): boolean {
  return (error.code !== undefined && UNAVAILABLE_CODES.has(error.code)) || /^Connection terminated|^Connection is closed/.test(error.message ?? '');
}

/** The HTTP front door. Errors never carry stack traces to clients. */
export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: ctx.config.API_BODY_LIMIT_BYTES, return503OnClosing: true });
  app.setErrorHandler((error: Error & { statusCode?: number; details?: unknown; code?: string }, request, reply) => {
    const unavailable = isStorageUnavailable(error);
    const status = error instanceof HttpError ? error.statusCode : unavailable ? 503 : error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) ctx.logger.error({ url: request.url, error: error.message }, 'request failed');
    const message = unavailable
      ? 'storage unavailable; the request was not processed, try again shortly'
      : status >= 500 ? 'internal error; the request was not processed, try again'
      : status === 415 ? 'unsupported media type: send the body as JSON, with Content-Type: application/json' : error.message;
    if (request.url.startsWith('/oss/')) return reply.code(status).send({ responreceiveNIB: { status: '2', keterangan: message } });
    // A body the JSON parser refused is a field-level refusal too: of the body as a whole.
    const details = error instanceof HttpError ? error.details : status === 400 && error.code?.startsWith('FST_ERR_CTP_') ? [{ field: 'body', message }] : undefined;
    return reply.code(status).send({ error: message, ...(details ? { details } : {}) });
  });
  await app.register(rateLimit, {
    global: false,
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    // A key that works is limited on its own; anything else (no key, a guessed or revoked
    // one) shares its address's allowance, so guessing keys is limited as well.
    keyGenerator: async (request) => {
      const principal = await authenticateRequest(ctx.db, request);
      return principal ? `key:${principal.keyId}` : `ip:${request.ip}`;
    },
  });

  // Fastify reads text/plain bodies as strings by default; every body here is JSON, and
  // a client that labels it otherwise is told so (415) rather than that a field is missing.
  app.removeContentTypeParser('text/plain');
  // A JSON label on an empty body (a bare POST from a client that always sets the header)
  // is no body, as it is without the label; the default parser refuses it.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') done(null, undefined);
    else parseJson(request, text, done);
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'no such endpoint; /openapi.json lists them' }));

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    // Open to anyone (load balancers ask it), so it names what is wrong, not where: the
    // error itself (hosts, ports, database names) goes to the log.
    const problems: string[] = [];
    const unreachable = (service: string) => (e: Error) => {
      ctx.logger.warn({ error: e.message }, `readiness: ${service} unreachable`);
      problems.push(`${service} unreachable`);
    };
    await sql`SELECT 1`.execute(ctx.db).catch(unreachable('PostgreSQL'));
    await ctx.redis.ping().catch(unreachable('Redis'));
    if (!problems.length) {
      const pending = await pendingMigrations(ctx.db as never).catch(() => ['?']);
      if (pending.length) problems.push(`migrations not applied: ${pending.join(', ')} (run patuh db migrate)`);
    }
    return problems.length ? reply.code(503).send({ status: 'not ready', problems }) : { status: 'ready' };
  });
  registerServiceMetrics(ctx);
  app.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  app.get('/openapi.json', async () => openApiDocument());
  registerReceiveNib(app, ctx);

  // Everything below needs an API key and is rate-limited per key.
  await app.register(async (scoped) => {
    scoped.addHook('onRequest', scoped.rateLimit());
    scoped.addHook('onRequest', requireKey(ctx.db));
    registerFindingRoutes(scoped, ctx);
    registerReviewRoutes(scoped, ctx);
    registerRecheckRoutes(scoped, ctx);
  });
  await registerQueueDashboard(app, ctx);
  return app;
}
