import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { QUEUE_NAMES } from '../../schemas/jobs.js';
import type { AppContext } from '../app.js';
import { requireKey, requireRole } from './auth.js';

export const DASHBOARD_PATH = '/admin/queues';

/** Bull Board over every queue, for admin keys only, rate-limited as the API is. */
export async function registerQueueDashboard(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: QUEUE_NAMES.map((name) => new BullMQAdapter(ctx.queues.queue(name))), serverAdapter });
  await app.register(async (admin) => {
    admin.addHook('onRequest', admin.rateLimit());
    admin.addHook('onRequest', requireKey(ctx.db));
    admin.addHook('onRequest', requireRole('admin'));
    await admin.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
}
