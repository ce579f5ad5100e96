import type { FastifyInstance } from 'fastify';
import { findingIdSchema, findingsQuerySchema, transitionBodySchema } from '../../schemas/api.js';
import { wageYear, type AppContext } from '../app.js';
import { findingBranch, findingPage } from '../findings/findingQueries.js';
import { TransitionError, transitionFinding, findingHistory } from '../findings/findingTransitions.js';
import { LIST_COLUMNS } from '../notify/digestContent.js';
import { findingDetails } from '../notify/findingDetails.js';
import { listWorkbook } from '../notify/listWorkbook.js';
import { scheduleBranchFlush } from '../notify/notifyQueue.js';
import { csvLine } from '../shared/csv.js';
import { actorOf, assertInScope, branchesAskedFor, HttpError, requireRole, scope } from './auth.js';
import { parse } from './validation.js';

const CLOSED_STATUSES = new Set(['resolved', 'dismissed']);

export function registerFindingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const staff = { preHandler: requireRole('admin', 'officer') };

  app.get('/findings', staff, async (request, reply) => {
    const q = parse(findingsQuerySchema, request.query, 'query');
    const principal = request.principal!;
    await branchesAskedFor(ctx.db, principal, q.branch);
    const download = q.format !== 'json';
    const page = await findingPage(ctx.db, { ...q, scope: scope(principal), limit: download ? ctx.config.API_DOWNLOAD_MAX_ROWS : q.limit });
    // A listing is no digest: there is no "since the last one", only open and closed.
    const items = (await findingDetails(ctx.db, page.ids, () => 'open', wageYear(ctx.config))).map((i) =>
      CLOSED_STATUSES.has(i.status) ? { ...i, change: 'resolved' as const } : i,
    );
    const order = new Map(page.ids.map((id, i) => [id, i]));
    items.sort((a, b) => order.get(a.finding_id)! - order.get(b.finding_id)!);
    if (download && page.nextCursor) {
      // A download stops at API_DOWNLOAD_MAX_ROWS rows: it says so, and where the rest begins,
      // rather than passing for the whole list.
      const next = new URLSearchParams(request.query as Record<string, string>);
      next.set('cursor', page.nextCursor);
      reply.header('x-next-cursor', page.nextCursor).header('link', `</findings?${next.toString()}>; rel="next"`);
    }
    if (q.format === 'csv') {
      const body = [LIST_COLUMNS.map((c) => c.header), ...items.map((i) => LIST_COLUMNS.map((c) => c.value(i)))].map((r) => csvLine(r)).join('');
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="patuh-findings.csv"').send(`\uFEFF${body}`);
    }
    if (q.format === 'xlsx') {
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="patuh-findings.xlsx"')
        .send(await listWorkbook(q.branch ?? 'Patuh', items));
    }
    return { items: items.map(({ change: _change, ...item }) => item), next_cursor: page.nextCursor };
  });

  app.get('/findings/:id', staff, async (request) => {
    const { id } = parse(findingIdSchema, request.params, 'path');
    const branch = await findingBranch(ctx.db, id);
    if (!branch) throw new HttpError(404, `no finding ${id}`);
    assertInScope(request.principal!, branch);
    const [item] = await findingDetails(ctx.db, [id], () => 'open', wageYear(ctx.config));
    const { change: _change, ...finding } = item!;
    return { ...finding, branch, history: await findingHistory(ctx.db, id) };
  });

  for (const [action, to] of [['acknowledge', 'acknowledged'], ['resolve', 'resolved'], ['dismiss', 'dismissed']] as const) {
    app.post(`/findings/:id/${action}`, staff, async (request) => {
      const { id } = parse(findingIdSchema, request.params, 'path');
      const body = parse(transitionBodySchema, request.body, 'body');
      const branch = await findingBranch(ctx.db, id);
      if (!branch) throw new HttpError(404, `no finding ${id}`);
      assertInScope(request.principal!, branch);
      try {
        // A dismissal's reason is its own field; a note is not one.
        const note = to === 'dismissed' ? body.reason ?? null : body.reason ?? body.note ?? null;
        const result = await transitionFinding(ctx.db, { id, to, actor: actorOf(request.principal!), note, branches: scope(request.principal!) });
        await scheduleBranchFlush(ctx.db, ctx.queues, ctx.config, [branch]);
        return { id, from: result.from, to: result.to };
      } catch (error) {
        if (error instanceof TransitionError) {
          if (to === 'dismissed' && !body.reason?.trim()) throw new HttpError(400, 'invalid body', [{ field: 'reason', message: 'a dismissal needs a reason' }]);
          throw new HttpError(409, error.message);
        }
        throw error;
      }
    });
  }
}
