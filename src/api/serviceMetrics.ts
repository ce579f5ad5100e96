import { Gauge } from 'prom-client';
import { sql } from 'kysely';
import { QUEUE_NAMES } from '../../schemas/jobs.js';
import type { AppContext } from '../app.js';
import { registry } from '../shared/metrics.js';

/**
 * Gauges read from PostgreSQL and Redis when Prometheus scrapes, so they are right
 * whichever process did the work: queue depths and failures, recent job durations,
 * findings by category, branch and status, deliveries, quarantined records.
 */
export function registerServiceMetrics(ctx: AppContext): void {
  if (registry.getSingleMetric('patuh_queue_jobs')) return;
  new Gauge({
    name: 'patuh_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const name of QUEUE_NAMES) {
        const counts = await ctx.queues.queue(name).getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: name, state }, n);
      }
    },
  });
  new Gauge({
    name: 'patuh_job_duration_seconds',
    help: 'Duration of the last 100 completed jobs per queue (mean and max)',
    labelNames: ['queue', 'stat'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const name of QUEUE_NAMES) {
        const jobs = await ctx.queues.queue(name).getJobs(['completed'], 0, 99);
        const durations = jobs.flatMap((j) => (j?.finishedOn && j.processedOn ? [(j.finishedOn - j.processedOn) / 1000] : []));
        if (!durations.length) continue;
        this.set({ queue: name, stat: 'mean' }, durations.reduce((a, b) => a + b, 0) / durations.length);
        this.set({ queue: name, stat: 'max' }, Math.max(...durations));
      }
    },
  });
  new Gauge({
    name: 'patuh_findings',
    help: 'Findings by category, branch and status',
    labelNames: ['category', 'branch', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await sql<{ category: string; branch: string; status: string; n: number }>`
        SELECT category, branch, status, count(*)::int AS n FROM finding GROUP BY 1, 2, 3`.execute(ctx.db);
      for (const r of rows.rows) this.set({ category: r.category, branch: r.branch, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'patuh_digests',
    help: 'Digests by channel and delivery status',
    labelNames: ['channel', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await sql<{ channel: string; status: string; n: number }>`SELECT channel, status, count(*)::int AS n FROM digest GROUP BY 1, 2`.execute(ctx.db);
      for (const r of rows.rows) this.set({ channel: r.channel, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'patuh_permit_rejects',
    help: 'Quarantined OSS records not yet re-processed, by source',
    labelNames: ['source'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await sql<{ source: string; n: number }>`SELECT source, count(*)::int AS n FROM permit_reject WHERE resolved_at IS NULL GROUP BY 1`.execute(ctx.db);
      for (const r of rows.rows) this.set({ source: r.source }, r.n);
    },
  });
}
