import type { Db } from '../db/database.js';
import { perDatabase } from '../db/perDatabase.js';
import { allWordFrequencies, pairFrequencies, wordFrequencies } from './nameCandidateRepository.js';

/** Entries kept per kind before starting afresh (a few tens of MiB at most). */
const MAX_WORDS = 500_000;
const MAX_PAIRS = 1_000_000;
/** Words of enrolled names held all at once, when there are no more than this (about 60 MiB). */
const MAX_VOCABULARY = 1_000_000;

/**
 * Word and word-pair frequencies of enrolled names, kept in memory between batches: they
 * change only when an enrollment import rebuilds them, which also changes
 * `name_frequency_version`. Each batch checks that version first and starts afresh when it
 * moved. Every word's frequency is read at once (a few tens of thousands of words; a
 * batch asks for its words joined and cut too, most of which no name has), word pairs
 * as batches ask for them.
 */
export class NameFrequencies {
  private version: string | null = null;
  /** Every word's frequency at `version`; null until read, or when there are too many words to hold. */
  private vocabulary: Map<string, number> | null = null;
  private readonly words = new Map<string, number>();
  private readonly pairs = new Map<string, number>();

  /** Drops what an enrollment import has made stale since the last batch; returns the version now current. */
  async refresh(db: Db): Promise<string | null> {
    const row = await db.selectFrom('name_frequency_version').select('version').executeTakeFirst();
    const version = row?.version ?? null;
    if (version === null || version !== this.version) {
      this.vocabulary = null;
      this.words.clear();
      this.pairs.clear();
      // Without a version nothing is known to stay valid, so nothing is kept.
      if (version !== null) this.vocabulary = await allWordFrequencies(db, MAX_VOCABULARY);
    }
    this.version = version;
    return version;
  }

  /** Frequency of each word (0 when no employer name has it). */
  wordFrequencies(db: Db, tokens: Iterable<string>): Promise<Map<string, number>> {
    const vocabulary = this.vocabulary;
    if (!vocabulary) return this.lookUp(db, tokens, this.words, MAX_WORDS, wordFrequencies);
    const out = new Map<string, number>();
    for (const t of tokens) out.set(t, vocabulary.get(t) ?? 0);
    return Promise.resolve(out);
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
