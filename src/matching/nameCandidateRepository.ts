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
  address: string | null;
  /** Another permit this employer is already linked to (the strongest such link). */
  claim: EmployerClaim | null;
}

export interface EmployerClaim {
  nib: string;
  score: number;
  method: string;
}

export interface BlockingLimits {
  /** Words in at most this many employer names block candidates anywhere. */
  rareMax: number;
  /** Word pairs in at most this many employer names block candidates anywhere. */
  pairMax: number;
  /** Names of one or two words: their rarest word (up to this frequency) blocks within the kab/kota. */
  commonMax: number;
  /** Blocking words per permit (its rarest). */
  wordsPerPermit: number;
  /** Candidates kept per permit (those sharing the most blocking words). */
  candidatesPerPermit: number;
}

export const DEFAULT_BLOCKING: BlockingLimits = { rareMax: 300, pairMax: 1000, commonMax: 100_000, wordsPerPermit: 4, candidatesPerPermit: 25 };

interface CandidateRow {
  permit_nib: string;
  npp: string;
  name: string;
  name_norm: string;
  npwp: string | null;
  nib: string | null;
  kab_kota: string | null;
  address: string | null;
  claimed_by: string | null;
  claim_score: number | null;
  claim_method: string | null;
}

/**
 * The candidate statement: equality joins on indexed keys. Each permit's rare words and
 * the pairs of its rarest words block anywhere; one- or two-word names of common words
 * block on their rarest word within the same kab/kota. Candidates are ranked by the
 * summed weight of what they share and cut to the best few per permit before the
 * employer rows are read.
 */
export function nameCandidateQuery(nibs: string[], totalEmployers: number, limits: BlockingLimits = DEFAULT_BLOCKING) {
  return sql<CandidateRow>`
    WITH words AS (
      SELECT DISTINCT p.nib, p.kab_kota, t.token
      FROM permit p, unnest(string_to_array(p.name_norm, ' ')) AS t(token)
      WHERE p.nib = ANY(${nibs}::text[]) AND t.token <> ''
    ),
    ranked AS (
      SELECT w.nib, w.kab_kota, w.token, nt.employers,
             row_number() OVER (PARTITION BY w.nib ORDER BY nt.employers, w.token) AS rank,
             count(*) OVER (PARTITION BY w.nib) AS known
      FROM words w JOIN name_token nt ON nt.token = w.token
    ),
    blocks AS (SELECT * FROM ranked WHERE rank <= ${limits.wordsPerPermit}),
    hits AS (
      SELECT b.nib, et.npp, b.employers FROM blocks b JOIN employer_token et ON et.token = b.token
      WHERE b.employers <= ${limits.rareMax}
      UNION ALL
      SELECT a.nib, ep.npp, np.employers
      FROM blocks a JOIN blocks b ON b.nib = a.nib AND a.token < b.token
      JOIN name_token_pair np ON np.pair = a.token || ' ' || b.token AND np.employers <= ${limits.pairMax}
      JOIN employer_token_pair ep ON ep.pair = np.pair
      UNION ALL
      SELECT b.nib, et.npp, b.employers FROM blocks b JOIN employer_token et ON et.token = b.token AND et.kab_kota = b.kab_kota
      WHERE b.rank = 1 AND b.known <= 2 AND b.employers > ${limits.rareMax} AND b.employers <= ${limits.commonMax}
    ),
    shared AS (
      SELECT nib, npp, count(*) AS n, sum(ln((${totalEmployers}::float + 1) / (employers + 1))) AS weight
      FROM hits GROUP BY nib, npp
    ),
    best AS (
      SELECT nib, npp, row_number() OVER (PARTITION BY nib ORDER BY weight DESC, n DESC, npp) AS rank
      FROM shared
    ),
    top AS (
      SELECT b.nib, e.npp, e.name, e.name_norm, e.npwp, e.nib AS employer_nib, e.kab_kota, e.address
      FROM best b JOIN employer e ON e.npp = b.npp
      WHERE b.rank <= ${limits.candidatesPerPermit}
    )
    SELECT t.nib AS permit_nib, t.npp, t.name, t.name_norm, t.npwp, t.employer_nib AS nib, t.kab_kota, t.address,
           claim.nib AS claimed_by, claim.score AS claim_score, claim.method AS claim_method
    FROM top t
    LEFT JOIN LATERAL (
      SELECT m.nib, m.score, m.method FROM match m
      WHERE m.npp = t.npp AND m.decision = 'matched' AND m.nib <> t.nib
      ORDER BY m.score DESC LIMIT 1
    ) claim ON true`;
}

/** Candidate employers by name for a batch of permits, in one statement. */
export async function nameCandidates(
  db: Db,
  nibs: string[],
  totalEmployers: number,
  limits: BlockingLimits = DEFAULT_BLOCKING,
): Promise<Map<string, NameCandidateRow[]>> {
  if (!nibs.length) return new Map();
  const result = await db.transaction().execute(async (trx) => {
    // Sorting and hashing a batch's candidates fits in memory with a little more than the default.
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    return nameCandidateQuery(nibs, totalEmployers, limits).execute(trx);
  });
  const byPermit = new Map<string, NameCandidateRow[]>();
  for (const r of result.rows) {
    const list = byPermit.get(r.permit_nib) ?? [];
    list.push({
      permitNib: r.permit_nib, npp: r.npp, name: r.name, nameNorm: r.name_norm, npwp: r.npwp, nib: r.nib, kabKota: r.kab_kota, address: r.address,
      claim: r.claimed_by ? { nib: r.claimed_by, score: Number(r.claim_score), method: r.claim_method ?? 'name' } : null,
    });
    byPermit.set(r.permit_nib, list);
  }
  return byPermit;
}

/** How many employer names contain each word. */
export async function wordFrequencies(db: Db, tokens: string[]): Promise<Map<string, number>> {
  if (!tokens.length) return new Map();
  const rows = await db.selectFrom('name_token').select(['token', 'employers']).where('token', 'in', tokens).execute();
  return new Map(rows.map((r) => [r.token, r.employers]));
}

/** Employers in all: the planner's estimate at scale, an exact count for small tables. */
export async function employerCount(db: Db): Promise<number> {
  const estimate = await sql<{ n: number }>`SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = 'employer'::regclass`.execute(db);
  const n = Number(estimate.rows[0]?.n ?? 0);
  if (n >= 100_000) return n;
  return Number((await db.selectFrom('employer').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
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
