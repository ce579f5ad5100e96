import { sql } from 'kysely';
import type { Db } from '../db/database.js';
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

function newer(a: ParsedPermit, b: ParsedPermit): boolean {
  const rank = (p: ParsedPermit) => (p.docType === 9 ? 0 : p.docType === 5 ? 1 : 2);
  if (a.versionAt.getTime() !== b.versionAt.getTime()) return a.versionAt > b.versionAt;
  return rank(a) >= rank(b);
}

/**
 * Upserts permit versions by NIB. An older version never overwrites a newer one, and a
 * re-delivered version changes nothing. Changed permits are marked for matching in the
 * same statement, so "stored" always implies "will be matched".
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

  const result = await db
    .insertInto('permit')
    .values(
      rows.map(({ permit: p, source }) => ({
        nib: p.nib,
        oss_id: p.ossId,
        version_at: p.versionAt,
        doc_type: p.docType,
        payload_hash: p.hash,
        name: p.name,
        name_norm: p.nameNorm,
        name_short: p.nameShort,
        legal_form: p.legalForm,
        npwp: p.npwp,
        no_npp: p.noNpp,
        business_scale: p.businessScale,
        nib_status: p.nibStatus,
        kab_kota: p.kabKota,
        address: p.address,
        declared_workers: p.declaredWorkers,
        declared_breakdown: JSON.stringify(p.declared),
        kbli: p.kbli,
        raw: JSON.stringify(p.raw),
        source: source.source,
        source_ref: source.ref,
        match_requested_at: sql<Date>`now()`,
      })),
    )
    .onConflict((oc) =>
      oc
        .column('nib')
        .doUpdateSet((eb) => ({
          oss_id: eb.ref('excluded.oss_id'),
          version_at: eb.ref('excluded.version_at'),
          doc_type: eb.ref('excluded.doc_type'),
          payload_hash: eb.ref('excluded.payload_hash'),
          name: eb.ref('excluded.name'),
          name_norm: eb.ref('excluded.name_norm'),
          name_short: eb.ref('excluded.name_short'),
          legal_form: eb.ref('excluded.legal_form'),
          npwp: eb.ref('excluded.npwp'),
          no_npp: eb.ref('excluded.no_npp'),
          business_scale: eb.ref('excluded.business_scale'),
          nib_status: eb.ref('excluded.nib_status'),
          kab_kota: eb.ref('excluded.kab_kota'),
          address: eb.ref('excluded.address'),
          declared_workers: eb.ref('excluded.declared_workers'),
          declared_breakdown: eb.ref('excluded.declared_breakdown'),
          kbli: eb.ref('excluded.kbli'),
          raw: eb.ref('excluded.raw'),
          source: eb.ref('excluded.source'),
          source_ref: eb.ref('excluded.source_ref'),
          updated_at: sql`now()`,
          match_requested_at: sql`now()`,
        }))
        .where(sql<boolean>`permit.payload_hash <> excluded.payload_hash`)
        .where(
          sql<boolean>`(excluded.version_at, ${DOC_RANK('excluded.doc_type')}) >= (permit.version_at, ${DOC_RANK('permit.doc_type')})`,
        ),
    )
    .returning(['nib', sql<boolean>`(xmax = 0)`.as('inserted')])
    .execute();

  const inserted = result.filter((r) => r.inserted).map((r) => r.nib);
  const updated = result.filter((r) => !r.inserted).map((r) => r.nib);
  return { inserted, updated, unchanged: items.length - inserted.length - updated.length };
}

/** NIBs stored or changed but not yet matched (for re-queueing after a crash or Redis loss). */
export async function permitsAwaitingMatch(db: Db, afterNib: string | null, limit: number): Promise<string[]> {
  let query = db.selectFrom('permit').select('nib').where('match_requested_at', 'is not', null);
  if (afterNib) query = query.where('nib', '>', afterNib);
  const rows = await query.orderBy('nib').limit(limit).execute();
  return rows.map((r) => r.nib);
}
