import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { anyText } from '../db/anyOf.js';
import type { Verdict } from '../db/schema.js';
import type { BlockingKey, BlockingLimits } from './blockingKeys.js';

/** What the matcher reads of a candidate employer to score its name against a permit's. */
export interface EmployerNameRow {
  npp: string;
  name: string;
  nameNorm: string;
  /** Null for employers imported before legal forms were stored. */
  legalForms: string[] | null;
  npwp: string | null;
  nib: string | null;
  kabKota: string | null;
  address: string | null;
}

export interface EmployerClaim {
  nib: string;
  score: number;
  method: string;
}

export interface PermitBlocking {
  nib: string;
  kabKota: string | null;
  keys: BlockingKey[];
}

/**
 * The candidate statement: each blocking key is an equality join on an indexed column
 * (employer word, employer word pair, employer word within a kab/kota, initials of an
 * employer's name within a kab/kota). Candidates are
 * ranked by the summed weight of the keys they share and cut to the best few per permit;
 * it reads the indexes alone, and employer rows are read afterwards, only for employers the
 * matcher does not already hold (candidateEmployers.ts).
 */
/** Share of a permit's blocking weight a candidate must share to be considered. */
const MIN_SHARED_WEIGHT = 0.2;

export function nameCandidateQuery(blocking: PermitBlocking[], limits: CandidateLimits) {
  // The batch is one JSON document (one parameter, no per-element escaping); each permit's
  // keys are read once, and each key probes only the index of its kind (the kind test is a
  // one-time filter per key, not a filter on rows). A permit's keys from its name written
  // with words joined or split are an entry of their own, ranked and cut apart.
  const entry = (b: PermitBlocking, keys: BlockingKey[], spelling: boolean, limit: number) =>
    keys.length ? [{ nib: b.nib, kab_kota: b.kabKota, total: keys.reduce((sum, k) => sum + k.weight, 0), keys, spelling, max_candidates: limit }] : [];
  const batch = blocking.flatMap((b) => [
    ...entry(b, b.keys.filter((k) => !k.spelling), false, limits.candidatesPerPermit),
    ...entry(b, b.keys.filter((k) => k.spelling), true, limits.spellingCandidatesPerPermit),
  ]);
  // Each permit's candidates are ranked on their own (a small hash and a top-N sort per
  // permit), never all pairs of the batch in one sort, and come back as one array per
  // permit, in rank order: a batch's thousands of candidates arrive as a few hundred rows.
  return sql<{ permit_nib: string; spelling: boolean; npps: string[] }>`
    SELECT p.nib AS permit_nib, p.spelling, ARRAY(
      SELECT h.npp FROM jsonb_to_recordset(p.keys) AS k(kind text, key text, weight float8)
      CROSS JOIN LATERAL (
        SELECT et.npp, et.kab_kota FROM employer_token et WHERE k.kind = 'word' AND et.token = k.key
        UNION ALL
        SELECT ep.npp, ep.kab_kota FROM employer_token_pair ep WHERE k.kind = 'pair' AND ep.pair = k.key
        UNION ALL
        SELECT et.npp, et.kab_kota FROM employer_token et WHERE k.kind = 'local' AND et.token = k.key AND et.kab_kota = p.kab_kota
        UNION ALL
        SELECT e.npp, e.kab_kota FROM employer e WHERE k.kind = 'initials' AND name_initials(e.name_norm) = k.key AND e.kab_kota = p.kab_kota
      ) h
      GROUP BY h.npp
      -- An employer sharing a small part of what the permit's name is blocked on cannot
      -- score near a link; dropping it here keeps the ranking small.
      HAVING sum(k.weight) >= ${MIN_SHARED_WEIGHT} * p.total
      -- Many employers share a permit's keys equally (all those with one word pair); the
      -- company is nearly always the one in the permit's kab/kota, so it ranks first among them.
      ORDER BY sum(k.weight) DESC, count(*) DESC, bool_or(h.kab_kota = p.kab_kota) DESC, h.npp COLLATE "C"
      LIMIT p.max_candidates
    ) AS npps
    FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS p(nib text, kab_kota text, total float8, keys jsonb, spelling boolean, max_candidates int)`;
}

/** How many candidates a permit keeps: from its name's own keys, and from its other spellings. */
export type CandidateLimits = Pick<BlockingLimits, 'candidatesPerPermit' | 'spellingCandidatesPerPermit'>;

/**
 * Candidate employers (NPPs, best first) by name for a batch of permits, in one statement:
 * those of the name's own keys, then any more from its other spellings.
 */
export async function nameCandidates(db: Db, blocking: PermitBlocking[], limits: CandidateLimits): Promise<Map<string, string[]>> {
  if (!blocking.some((b) => b.keys.length)) return new Map();
  const result = await db.transaction().execute(async (trx) => {
    // Sorting and hashing a batch's candidates fits in memory with a little more than the default.
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    return nameCandidateQuery(blocking, limits).execute(trx);
  });
  const own = new Map<string, string[]>();
  const other = new Map<string, string[]>();
  for (const r of result.rows) if (r.npps.length) (r.spelling ? other : own).set(r.permit_nib, r.npps);
  for (const [nib, npps] of other) own.set(nib, [...new Set([...(own.get(nib) ?? []), ...npps])]);
  return own;
}

/** The rows of these employers that name matching reads. */
export async function employerNameRows(db: Db, npps: string[]): Promise<EmployerNameRow[]> {
  if (!npps.length) return [];
  return db
    .selectFrom('employer')
    .select(['npp', 'name', 'name_norm as nameNorm', 'legal_forms as legalForms', 'npwp', 'nib', 'kab_kota as kabKota', 'address'])
    .where('npp', '=', anyText(npps))
    .execute();
}

/**
 * For each employer, the strongest link it already has to a permit (if any): one
 * employer is one company, so such an employer is taken.
 */
export async function employerClaims(db: Db, npps: string[]): Promise<Map<string, EmployerClaim>> {
  if (!npps.length) return new Map();
  const rows = await sql<{ npp: string; nib: string; score: number; method: string }>`
    SELECT DISTINCT ON (npp) npp, nib, score, method FROM match
    WHERE npp = ANY(${npps}::text[]) AND decision = 'matched'
    ORDER BY npp, (method <> 'name') DESC, score DESC`.execute(db);
  return new Map(rows.rows.map((r) => [r.npp, { nib: r.nib, score: r.score, method: r.method }]));
}

/** How many employer names contain each of these word pairs. */
export async function pairFrequencies(db: Db, pairs: string[]): Promise<Map<string, number>> {
  if (!pairs.length) return new Map();
  const rows = await db.selectFrom('name_token_pair').select(['pair', 'employers']).where('pair', '=', anyText(pairs)).execute();
  return new Map(rows.map((r) => [r.pair, r.employers]));
}

/** How many employer names contain each word, for every word; null when there are more than `max` words. */
export async function allWordFrequencies(db: Db, max: number): Promise<Map<string, number> | null> {
  const rows = await db.selectFrom('name_token').select(['token', 'employers']).limit(max + 1).execute();
  return rows.length > max ? null : new Map(rows.map((r) => [r.token, r.employers]));
}

/** How many employer names contain each word. */
export async function wordFrequencies(db: Db, tokens: string[]): Promise<Map<string, number>> {
  if (!tokens.length) return new Map();
  const rows = await db.selectFrom('name_token').select(['token', 'employers']).where('token', '=', anyText(tokens)).execute();
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
  const rows = await db.selectFrom('match_judgement').select(['nib', 'npp', 'verdict']).where('nib', '=', anyText(nibs)).execute();
  const map = new Map<string, Judgement[]>();
  for (const r of rows) map.set(r.nib, [...(map.get(r.nib) ?? []), r]);
  return map;
}
