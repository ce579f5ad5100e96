import { sql } from 'kysely';
import type { BranchFile } from '../../schemas/branches.js';
import type { Db } from '../db/database.js';

export interface BranchRoute {
  code: string;
  name: string;
  webhookUrl: string | null;
  webhookSecretEnv: string | null;
  emailTo: string[];
  groupWaitMs: number | null;
  groupIntervalMs: number | null;
  repeatIntervalMs: number | null;
}

/** Makes the branch tables equal to the file, in one transaction. */
export async function syncBranches(db: Db, file: BranchFile): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Serialise concurrent syncs (several processes starting at once).
    await sql`SELECT pg_advisory_xact_lock(hashtext('patuh.branch-sync'))`.execute(trx);
    await trx.deleteFrom('branch_region').execute();
    await trx.updateTable('branch').set({ is_default: false }).execute();
    for (const b of file.branches) {
      const settings = {
        name: b.name,
        webhook_url: b.webhook_url,
        webhook_secret_env: b.webhook_secret_env,
        email_to: b.email_to,
        group_wait_ms: b.group_wait_ms,
        group_interval_ms: b.group_interval_ms,
        repeat_interval_ms: b.repeat_interval_ms,
      };
      await trx
        .insertInto('branch')
        .values({ code: b.code, is_default: false, ...settings })
        .onConflict((oc) => oc.column('code').doUpdateSet(settings))
        .execute();
    }
    const defaultBranch = file.branches.find((b) => b.default);
    if (defaultBranch) await trx.updateTable('branch').set({ is_default: true }).where('code', '=', defaultBranch.code).execute();
    const regions = file.branches.flatMap((b) => b.regions.map((r) => ({ kab_kota: r, branch_code: b.code })));
    if (regions.length) await trx.insertInto('branch_region').values(regions).execute();
  });
}

/** kab/kota → branch code, plus the default branch for everything else. */
export async function loadRouting(db: Db): Promise<{ byRegion: Map<string, string>; defaultBranch: string }> {
  const [regions, fallback] = await Promise.all([
    db.selectFrom('branch_region').select(['kab_kota', 'branch_code']).execute(),
    db.selectFrom('branch').select('code').where('is_default', '=', true).executeTakeFirst(),
  ]);
  if (!fallback) throw new Error('no default branch: load a branch table with one branch marked "default": true');
  return { byRegion: new Map(regions.map((r) => [r.kab_kota, r.branch_code])), defaultBranch: fallback.code };
}

export async function getBranch(db: Db, code: string): Promise<BranchRoute | undefined> {
  const row = await db.selectFrom('branch').selectAll().where('code', '=', code).executeTakeFirst();
  return (
    row && {
      code: row.code,
      name: row.name,
      webhookUrl: row.webhook_url,
      webhookSecretEnv: row.webhook_secret_env,
      emailTo: row.email_to,
      groupWaitMs: row.group_wait_ms === null ? null : Number(row.group_wait_ms),
      groupIntervalMs: row.group_interval_ms === null ? null : Number(row.group_interval_ms),
      repeatIntervalMs: row.repeat_interval_ms === null ? null : Number(row.repeat_interval_ms),
    }
  );
}
