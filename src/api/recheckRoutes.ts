import type { FastifyInstance } from 'fastify';
import { recheckBodySchema, recheckIdSchema } from '../../schemas/api.js';
import type { AppContext } from '../app.js';
import { awaitRecheck, recheckStatus, requestRecheck } from '../oss/recheck.js';
import { normaliseNpwp } from '../shared/identifiers.js';
import { HttpError, requireRole } from './auth.js';
import { parse } from './validation.js';

export function registerRecheckRoutes(app: FastifyInstance, ctx: AppContext): void {
  const allowed = { preHandler: requireRole('admin', 'officer', 'integration') };

  // Answers with the result when it is ready within RECHECK_WAIT_MS, else 202 with the id to poll.
  app.post('/rechecks', allowed, async (request, reply) => {
    const body = parse(recheckBodySchema, request.body, 'body');
    const npwp = body.npwp ? normaliseNpwp(body.npwp) : undefined;
    if (body.npwp && !npwp) throw new HttpError(400, 'invalid body', [{ field: 'npwp', message: 'must be 15 or 16 digits' }]);
    const id = await requestRecheck(ctx, body.nib ? { nib: body.nib } : { npwp: npwp! });
    const status = await awaitRecheck(ctx, id, ctx.config.RECHECK_WAIT_MS);
    return reply.code(status.state === 'completed' || status.state === 'failed' ? 200 : 202).send(status);
  });

  app.get('/rechecks/:id', allowed, async (request) => {
    const { id } = parse(recheckIdSchema, request.params, 'path');
    const status = await recheckStatus(ctx, id);
    if (!status) throw new HttpError(404, `no re-check ${id} (finished ones are kept for a day)`);
    return status;
  });
}
