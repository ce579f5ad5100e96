import type { AppContext } from '../app.js';

/**
 * Every recurring job, declared in one place. Job schedulers have stable ids, so any
 * number of processes may declare them at start-up without creating duplicates.
 */
export async function declareSchedules(ctx: AppContext): Promise<string[]> {
  const declared: string[] = [];
  if (ctx.config.OSS_FEED_URL) {
    await ctx.queues
      .queue('ingest')
      .upsertJobScheduler('feed-sync:oss', { pattern: ctx.config.FEED_SYNC_CRON, tz: 'Asia/Jakarta' }, { name: 'feed-sync', data: { feed: 'oss' } });
    declared.push('feed-sync:oss');
  }
  await ctx.queues
    .queue('ingest')
    .upsertJobScheduler('reconcile', { pattern: ctx.config.RECONCILE_CRON, tz: 'Asia/Jakarta' }, { name: 'reconcile', data: {} });
  declared.push('reconcile');
  if (ctx.config.ENROLLMENT_IMPORT_PATH) {
    await ctx.queues
      .queue('ingest')
      .upsertJobScheduler('enrollment-import', { pattern: ctx.config.ENROLLMENT_IMPORT_CRON, tz: 'Asia/Jakarta' }, { name: 'enrollment-import', data: {} });
    declared.push('enrollment-import');
  }
  await ctx.queues
    .queue('notify')
    .upsertJobScheduler('reminder-sweep', { pattern: ctx.config.NOTIFY_REMINDER_CRON, tz: 'Asia/Jakarta' }, { name: 'reminder-sweep', data: {} });
  declared.push('reminder-sweep');
  return declared;
}
