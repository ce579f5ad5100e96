import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { REQUEST_AGAIN } from '../matching/matchRequestRepository.js';
import type { ParsedPermit } from './permitRecord.js';

export interface PermitSource {
  /** 'file', 'feed' or 'push'. */
  source: string;
  /** Where exactly: "permits.jsonl:12", "feed:oss page 40", "push". */
  ref: string;
}

export interface StoreOutcome {
  inserted: string[];
  updated: string[];
  /** Same content already stored, or an older version than the stored one. */
  unchanged: number;
}

/** Rank of a document type when two versions carry the same timestamp. */
const DOC_RANK = (column: string) =>
  sql.raw(`CASE ${column} WHEN 9 THEN 0 WHEN 5 THEN 1 ELSE 2 END`);

/**
 * Whether `a` is a later version than `b`: by its date, then its document type, then (two
 * different records claiming the same moment) by content hash, so the same records in any
 * order of delivery leave the same version stored, and a re-delivery changes nothing.
 */
function newer(a: ParsedPermit, b: ParsedPermit): boolean {
  const rank = (p: ParsedPermit) => (p.docType === 9 ? 0 : p.docType === 5 ? 1 : 2);
  if (a.versionAt.getTime() !== b.versionAt.getTime()) return a.versionAt > b.versionAt;
  if (rank(a) !== rank(b)) return rank(a) > rank(b);
  return a.hash > b.hash;
}

/**
 * Upserts permit versions by NIB. An older version never overwrites a newer one, and a
 * re-delivered version changes nothing (`newer` orders versions; the statement orders them
 * the same way). Changed permits are marked for matching
 * (match_request) in the same statement, so "stored" always implies "will be matched".
 */
export async function storePermits(db: Db, items: Array<{ permit: ParsedPermit; source: PermitSource }>): Promise<StoreOutcome> {
  // One row per NIB per statement: keep the newest version within the batch.
  const byNib = new Map<string, { permit: ParsedPermit; source: PermitSource }>();
  for (const item of items) {
    const seen = byNib.get(item.permit.nib);
    if (!seen || newer(item.permit, seen.permit)) byNib.set(item.permit.nib, item);
  }
  const rows = [...byNib.values()];
  if (!rows.length) return { inserted: [], updated: [], unchanged: items.length };

  // The batch goes as one JSON document: one parameter whatever the batch size, and no
  // array literal to escape element by element (the raw payloads are most of the bytes).
  const batch = rows.map(({ permit: p, source }) => ({
    nib: p.nib, oss_id: p.ossId, version_at: p.versionAt.toISOString(), doc_type: p.docType, payload_hash: p.hash, name: p.name,
    name_norm: p.nameNorm, name_short: p.nameShort, legal_form: p.legalForm, npwp: p.npwp, no_npp: p.noNpp,
    business_scale: p.businessScale, nib_status: p.nibStatus, kab_kota: p.kabKota, address: p.address,
    declared_workers: p.declaredWorkers, declared_breakdown: p.declared, kbli: p.kbli, raw: p.raw, source: source.source, source_ref: source.ref,
  }));
  const result = await sql<{ nib: string; inserted: boolean }>`
    WITH stored AS (
    INSERT INTO permit (
      nib, oss_id, version_at, doc_type, payload_hash, name, name_norm, name_short, legal_form, npwp, no_npp,
      business_scale, nib_status, kab_kota, address, declared_workers, declared_breakdown, kbli, raw, source, source_ref
    )
    SELECT nib, oss_id, version_at, doc_type, payload_hash, name, name_norm, name_short, legal_form, npwp, no_npp,
           business_scale, nib_status, kab_kota, address, declared_workers, declared_breakdown, kbli, raw, source, source_ref
    FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS v(
      nib text, oss_id text, version_at timestamptz, doc_type smallint, payload_hash text, name text, name_norm text,
      name_short text, legal_form text, npwp text, no_npp text, business_scale text, nib_status text, kab_kota text, address text,
      declared_workers int, declared_breakdown jsonb, kbli text[], raw jsonb, source text, source_ref text
    )
    ON CONFLICT (nib) DO UPDATE SET
      oss_id = excluded.oss_id, version_at = excluded.version_at, doc_type = excluded.doc_type, payload_hash = excluded.payload_hash,
      name = excluded.name, name_norm = excluded.name_norm, name_short = excluded.name_short, legal_form = excluded.legal_form,
      npwp = excluded.npwp, no_npp = excluded.no_npp, business_scale = excluded.business_scale, nib_status = excluded.nib_status,
      kab_kota = excluded.kab_kota, address = excluded.address, declared_workers = excluded.declared_workers,
      declared_breakdown = excluded.declared_breakdown, kbli = excluded.kbli, raw = excluded.raw, source = excluded.source,
      source_ref = excluded.source_ref, updated_at = now()
    WHERE permit.payload_hash <> excluded.payload_hash
      AND (excluded.version_at, ${DOC_RANK('excluded.doc_type')}, excluded.payload_hash COLLATE "C")
        > (permit.version_at, ${DOC_RANK('permit.doc_type')}, permit.payload_hash COLLATE "C")
    RETURNING nib, (xmax = 0) AS inserted
    ), requested AS (
      INSERT INTO match_request (nib) SELECT nib FROM stored
      ON CONFLICT (nib) DO ${REQUEST_AGAIN}
    )
    SELECT nib, inserted FROM stored`.execute(db);

  const inserted = result.rows.filter((r) => r.inserted).map((r) => r.nib);
  const updated = result.rows.filter((r) => !r.inserted).map((r) => r.nib);
  return { inserted, updated, unchanged: items.length - inserted.length - updated.length };
}

/** NIBs stored or changed but not yet matched (for re-queueing after a crash or Redis loss). */
export async function permitsAwaitingMatch(db: Db, afterNib: string | null, limit: number): Promise<string[]> {
  let query = db.selectFrom('match_request').select('nib');
  if (afterNib) query = query.where('nib', '>', afterNib);
  const rows = await query.orderBy('nib').limit(limit).execute();
  return rows.map((r) => r.nib);
}
