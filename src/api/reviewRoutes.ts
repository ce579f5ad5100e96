import type { FastifyInstance } from 'fastify';
import { nibParamSchema, reviewDecisionSchema, reviewQuerySchema } from '../../schemas/api.js';
import type { AppContext } from '../app.js';
import { permitBranch } from '../findings/findingQueries.js';
import { queueMatching } from '../matching/matchQueue.js';
import { employerBeforeOfficer, JudgementError, listReviewCases, recordJudgement } from '../matching/reviewRepository.js';
import { actorOf, assertInScope, branchesAskedFor, HttpError, requireRole, scope } from './auth.js';
import { parse } from './validation.js';

export function registerReviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const staff = { preHandler: requireRole('admin', 'officer') };

  app.get('/review', staff, async (request) => {
    const q = parse(reviewQuerySchema, request.query, 'query');
    return { items: await listReviewCases(ctx.db, await branchesAskedFor(ctx.db, request.principal!, q.branch)) };
  });

  app.post('/review/decisions', staff, async (request) => {
    const body = parse(reviewDecisionSchema, request.body, 'body');
    const branch = await permitBranch(ctx.db, body.nib);
    if (!branch) throw new HttpError(404, `no permit with NIB ${body.nib}`);
    assertInScope(request.principal!, branch);
    const npp = body.npp.toUpperCase();
    const branches = scope(request.principal!);
    if (branches && !(await employerBeforeOfficer(ctx.db, body.nib, npp, branches))) {
      throw new HttpError(403, `employer ${npp} is neither a candidate for this permit nor enrolled in your branches (${branches.join(', ')})`);
    }
    try {
      await recordJudgement(ctx.db, { nib: body.nib, npp, verdict: body.verdict, actor: actorOf(request.principal!), note: body.note ?? null });
    } catch (error) {
      if (error instanceof JudgementError) throw new HttpError(409, error.message);
      throw error;
    }
    await queueMatching(ctx.queues, [body.nib], 'judgement', ctx.config.MATCH_BATCH_SIZE);
    return { nib: body.nib, npp, verdict: body.verdict, queued: true };
  });

  app.get('/permits/:nib', staff, async (request) => {
    const { nib } = parse(nibParamSchema, request.params, 'path');
    const branch = await permitBranch(ctx.db, nib);
    if (!branch) throw new HttpError(404, `no permit with NIB ${nib}`);
    assertInScope(request.principal!, branch);
    const permit = await ctx.db
      .selectFrom('permit')
      .select(['nib', 'name', 'npwp', 'no_npp', 'kab_kota', 'address', 'business_scale', 'nib_status', 'doc_type', 'declared_workers', 'kbli', 'version_at', 'updated_at'])
      .where('nib', '=', nib)
      .executeTakeFirstOrThrow();
    const match = await ctx.db.selectFrom('match').select(['decision', 'npp', 'score', 'method', 'explanation', 'matched_at']).where('nib', '=', nib).executeTakeFirst();
    const findings = await ctx.db.selectFrom('finding').select(['id', 'category', 'status', 'priority', 'evidence']).where('nib', '=', nib).orderBy('id').execute();
    return { permit: { ...permit, branch }, match: match ?? null, findings };
  });
}
