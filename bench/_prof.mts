import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { matchSettings } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { matchBatch } from '../src/matching/matchBatch.js';
const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/patuh_bench', LOG_LEVEL: 'silent' });
const times = new Map<string, number>();
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.DATABASE_URL }) }), log(e) {
  const key = e.query.sql.replace(/\s+/g, ' ').slice(0, 90);
  times.set(key, (times.get(key) ?? 0) + e.queryDurationMillis);
} });
const nibs = (await db.selectFrom('permit').select('nib').orderBy('nib').offset(30000).limit(2000).execute()).map((r: any) => r.nib);
for (let i = 0; i < 3; i++) {
  await db.updateTable('permit').set({ match_requested_at: new Date() }).where('nib', 'in', nibs).execute();
  const t = performance.now();
  await matchBatch(db, nibs, matchSettings(config));
  console.log('matchBatch', (performance.now() - t).toFixed(0));
}
for (const [k, v] of [...times].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log((v / 3).toFixed(0).padStart(6), 'ms', k);
await db.destroy();
