import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Verdict } from '../db/schema.js';

export interface NameCandidateRow {
  permitNib: string;
  npp: string;
  name: string;
  nameNorm: string;
  npwp: string | null;
  nib: string | null;
  kabKota: string | null;
}

export interface BlockingLimits {
  /** Words in at most this many employer names block candidates anywhere. */
  rareMax: number;
  /** More common words (up to this frequency) block only within the permit's kab/kota. */
  commonMax: number;
  /** Blocking words per permit (its rarest). */
  wordsPerPermit: number;
  /** Candidates kept per permit (those sharing the most blocking words). */
  candidatesPerPermit: number;
}

export const DEFAULT_BLOCKING: BlockingLimits = { rareMax: 300, commonMax: 50_000, wordsPerPermit: 3, candidatesPerPermit: 20 };

/**
 * Candidate employers by name for a batch of permits, in one statement: each permit's
 * rarest words are joined to employers' words, anywhere for rare words and within the same
 * kab/kota for common ones (equality joins on indexed columns).
 */
export async function nameCandidates(db: Db, nibs: string[], limits: BlockingLimits = DEFAULT_BLOCKING): Promise<Map<string, NameCandidateRow[]>> {
  if (!nibs.length) return new Map();
  const result = await sql<{ permit_nib: string; npp: string; name: string; name_norm: string; npwp: string | null; nib: string | null; kab_kota: string | null }>`
    WITH words AS (
      SELECT DISTINCT p.nib, p.kab_kota, t.token
      FROM permit p, unnest(string_to_array(p.name_norm, ' ')) AS t(token)
      WHERE p.nib = ANY(${nibs}::text[]) AND t.token <> ''
    ),
    ranked AS (
      SELECT w.nib, w.kab_kota, w.token, nt.employers,
             row_number() OVER (PARTITION BY w.nib ORDER BY nt.employers, w.token) AS rank
      FROM words w JOIN name_token nt ON nt.token = w.token
    ),
    blocks AS (SELECT * FROM ranked WHERE rank <= ${limits.wordsPerPermit}),
    hits AS (
      SELECT b.nib, et.npp FROM blocks b JOIN employer_token et ON et.token = b.token
      WHERE b.employers <= ${limits.rareMax}
      UNION ALL
      SELECT b.nib, et.npp FROM blocks b JOIN employer_token et ON et.token = b.token AND et.kab_kota = b.kab_kota
      WHERE b.employers > ${limits.rareMax} AND b.employers <= ${limits.commonMax}
    ),
    best AS (
      SELECT nib, npp, row_number() OVER (PARTITION BY nib ORDER BY count(*) DESC, npp) AS rank
      FROM hits GROUP BY nib, npp
    )
    SELECT b.nib AS permit_nib, e.npp, e.name, e.name_norm, e.npwp, e.nib, e.kab_kota
    FROM best b JOIN employer e ON e.npp = b.npp
    WHERE b.rank <= ${limits.candidatesPerPermit}`.execute(db);
  const byPermit = new Map<string, NameCandidateRow[]>();
  for (const r of result.rows) {
    const list = byPermit.get(r.permit_nib) ?? [];
    list.push({ permitNib: r.permit_nib, npp: r.npp, name: r.name, nameNorm: r.name_norm, npwp: r.npwp, nib: r.nib, kabKota: r.kab_kota });
    byPermit.set(r.permit_nib, list);
  }
  return byPermit;
}

/** How many employer names contain each word, and how many employers there are. */
export async function wordFrequencies(db: Db, tokens: string[]): Promise<{ frequency: Map<string, number>; total: number }> {
  const [rows, total] = await Promise.all([
    tokens.length ? db.selectFrom('name_token').select(['token', 'employers']).where('token', 'in', tokens).execute() : Promise.resolve([]),
    sql<{ n: number }>`SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = 'employer'::regclass`.execute(db),
  ]);
  let n = Number(total.rows[0]?.n ?? 0);
  // reltuples is an estimate and 0 before the first ANALYZE: count small tables exactly.
  if (n < 100_000) n = Number((await db.selectFrom('employer').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { frequency: new Map(rows.map((r) => [r.token, r.employers])), total: n };
}

export interface Judgement {
  nib: string;
  npp: string;
  verdict: Verdict;
}

export async function judgementsFor(db: Db, nibs: string[]): Promise<Map<string, Judgement[]>> {
  if (!nibs.length) return new Map();
  const rows = await db.selectFrom('match_judgement').select(['nib', 'npp', 'verdict']).where('nib', 'in', nibs).execute();
  const map = new Map<string, Judgement[]>();
  for (const r of rows) map.set(r.nib, [...(map.get(r.nib) ?? []), r]);
  return map;
}
