import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { registry } from '../shared/metrics.js';
import { registerReceiveNib } from './receiveNib.js';

/** The HTTP front door. Errors never carry stack traces to clients. */
export function buildServer(ctx: AppContext): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: ctx.config.API_BODY_LIMIT_BYTES,
    // OSS sends Content-Type: application/json; be lenient about charset suffixes.
    return503OnClosing: true,
  });
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) ctx.logger.error({ url: request.url, error: error.message }, 'request failed');
    const message = status >= 500 ? 'internal error; the request was not processed, try again' : error.message;
    if (request.url.startsWith('/oss/')) {
      return reply.code(status).send({ responreceiveNIB: { status: '2', keterangan: message } });
    }
    return reply.code(status).send({ error: message });
  });
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  registerReceiveNib(app, ctx);
  return app;
}
