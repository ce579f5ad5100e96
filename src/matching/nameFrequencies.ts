import type { Db } from '../db/database.js';
import { perDatabase } from '../db/perDatabase.js';
import { pairFrequencies, wordFrequencies } from './nameCandidateRepository.js';

/** Entries kept per kind before starting afresh (a few tens of MiB at most). */
const MAX_WORDS = 500_000;
const MAX_PAIRS = 1_000_000;

/**
 * Word and word-pair frequencies of enrolled names, kept in memory between batches: the
 * same words come up in nearly every batch, and they change only when an enrollment
 * import rebuilds them, which also changes `name_frequency_version`. Each batch checks
 * that version first and starts afresh when it moved.
 */
export class NameFrequencies {
  private version: string | null = null;
  private readonly words = new Map<string, number>();
  private readonly pairs = new Map<string, number>();

  /** Drops what an enrollment import has made stale since the last batch; returns the version now current. */
  async refresh(db: Db): Promise<string | null> {
    const row = await db.selectFrom('name_frequency_version').select('version').executeTakeFirst();
    const version = row?.version ?? null;
    if (version === null || version !== this.version) {
      this.words.clear();
      this.pairs.clear();
    }
    this.version = version;
    return version;
  }

  /** Frequency of each word (0 when no employer name has it). */
  wordFrequencies(db: Db, tokens: Iterable<string>): Promise<Map<string, number>> {
    return this.lookUp(db, tokens, this.words, MAX_WORDS, wordFrequencies);
  }

  /** Frequency of each word pair (0 when no employer name has it). */
  pairFrequencies(db: Db, pairs: Iterable<string>): Promise<Map<string, number>> {
    return this.lookUp(db, pairs, this.pairs, MAX_PAIRS, pairFrequencies);
  }

  private async lookUp(
    db: Db,
    keys: Iterable<string>,
    known: Map<string, number>,
    max: number,
    fetch: (db: Db, keys: string[]) => Promise<Map<string, number>>,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const missing: string[] = [];
    for (const key of keys) {
      const n = known.get(key);
      if (n === undefined) missing.push(key);
      else out.set(key, n);
    }
    if (!missing.length) return out;
    const fetched = await fetch(db, missing);
    // Without a version nothing is known to stay valid, so nothing is kept.
    const keep = this.version !== null;
    if (keep && known.size + missing.length > max) known.clear();
    for (const key of missing) {
      const n = fetched.get(key) ?? 0;
      out.set(key, n);
      if (keep) known.set(key, n);
    }
    return out;
  }
}

/** The frequencies kept for this database handle (one per process and database). */
export const nameFrequenciesFor = perDatabase(() => new NameFrequencies());
