import type pg from 'pg';

/**
 * The per-permit baseline the matcher is measured against: for each permit one SQL query,
 * exact identifiers first (OSS no_npp, NIB, NPWP), then the five nearest names by pg_trgm
 * distance (`<->`, GiST) within the same kab/kota.
 */
export async function runBaseline(pool: pg.Pool, sample: number): Promise<{ permits: number; ms: number; indexMs: number }> {
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await pool.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
  let t = Date.now();
  await pool.query('CREATE INDEX IF NOT EXISTS bench_employer_trgm ON employer USING gist (kab_kota, name_norm gist_trgm_ops)');
  const indexMs = Date.now() - t;
  const permits = (
    await pool.query(`SELECT nib, no_npp, npwp, kab_kota, name_norm FROM permit ORDER BY md5(nib) LIMIT $1`, [sample])
  ).rows as Array<{ nib: string; no_npp: string | null; npwp: string | null; kab_kota: string | null; name_norm: string }>;
  t = Date.now();
  for (const p of permits) {
    await pool.query(
      `WITH exact AS (
         SELECT npp, 1.0::float AS similarity FROM employer
         WHERE npp = $1 OR nib = $2 OR npwp = $3
         LIMIT 5
       )
       SELECT * FROM exact
       UNION ALL
       (SELECT npp, similarity(name_norm, $5) FROM employer
          WHERE kab_kota = $4 AND NOT EXISTS (SELECT 1 FROM exact)
          ORDER BY name_norm <-> $5
          LIMIT 5)`,
      [p.no_npp, p.nib, p.npwp, p.kab_kota, p.name_norm],
    );
  }
  return { permits: permits.length, ms: Date.now() - t, indexMs };
}
