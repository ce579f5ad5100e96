import type { FastifyInstance } from 'fastify';
import { recheckBodySchema, recheckIdSchema } from '../../schemas/api.js';
import type { AppContext } from '../app.js';
import { permitBranch } from '../findings/findingQueries.js';
import { awaitRecheck, recheckStatus, requestRecheck, type RecheckQuery } from '../oss/recheck.js';
import { normaliseNpwp } from '../shared/identifiers.js';
import type { Principal } from './apiKeys.js';
import { assertInScope, HttpError, requireRole } from './auth.js';
import { parse } from './validation.js';

export function registerRecheckRoutes(app: FastifyInstance, ctx: AppContext): void {
  const allowed = { preHandler: requireRole('admin', 'officer', 'integration') };

  /**
   * An officer re-checks, and reads the re-checks of, permits of their own branches only:
   * a re-check answers with the company's match and findings. By NPWP, or for a NIB Patuh
   * does not hold, the branch is not known before OSS answers, so that is for the admin
   * and integration roles.
   */
  const assertMayRecheck = async (principal: Principal, query: RecheckQuery): Promise<void> => {
    if (principal.role !== 'officer') return;
    if (!query.nib) throw new HttpError(403, 'an officer re-checks a permit of their branches by its NIB; a re-check by NPWP needs the admin or integration role');
    const branch = await permitBranch(ctx.db, query.nib);
    if (!branch) throw new HttpError(404, `no permit with NIB ${query.nib}: an officer re-checks permits Patuh holds`);
    assertInScope(principal, branch);
  };

  // Answers with the result when it is ready within RECHECK_WAIT_MS, else 202 with the id to poll.
  app.post('/rechecks', allowed, async (request, reply) => {
    const body = parse(recheckBodySchema, request.body, 'body');
    const npwp = body.npwp ? normaliseNpwp(body.npwp) : undefined;
    if (body.npwp && !npwp) throw new HttpError(400, 'invalid body', [{ field: 'npwp', message: 'must be 15 or 16 digits' }]);
    const query = body.nib ? { nib: body.nib } : { npwp: npwp! };
    await assertMayRecheck(request.principal!, query);
    const id = await requestRecheck(ctx, query);
    const status = await awaitRecheck(ctx, id, ctx.config.RECHECK_WAIT_MS);
    return reply.code(status.state === 'completed' || status.state === 'failed' ? 200 : 202).send(status);
  });

  app.get('/rechecks/:id', allowed, async (request) => {
    const { id } = parse(recheckIdSchema, request.params, 'path');
    const status = await recheckStatus(ctx, id);
    if (!status) throw new HttpError(404, `no re-check ${id} (finished ones are kept for a day)`);
    await assertMayRecheck(request.principal!, status.query!);
    return status;
  });
}
