import type { Db } from '../db/database.js';
import { perDatabase } from '../db/perDatabase.js';
import { employerNameRows } from './nameCandidateRepository.js';
import type { NameSide } from './nameScore.js';
import { normaliseCompanyName } from './companyName.js';

/** Employers kept per matcher process: about 170 MiB at this size (680 bytes each). */
const MAX_EMPLOYERS = 250_000;

/**
 * Candidate employers' name sides, kept in memory between batches: a national batch run
 * meets the same employers again and again as candidates (over 200,000 permits, more than
 * half of the candidate rows named an employer already seen), and reading their rows was
 * about half of the candidate statement's work when it joined them.
 *
 * Employer rows change only through an enrollment import, which also moves
 * `name_frequency_version`; a batch passes the version it saw before reading, so a row
 * read in the old version is dropped at the next batch. Employers not used for a while make
 * room for new ones: those used since the older of two generations began are kept, the
 * rest dropped with it (no per-use bookkeeping).
 */
export class CandidateEmployers {
  private version: string | null = null;
  private recent = new Map<string, NameSide>();
  private older = new Map<string, NameSide>();

  constructor(private readonly max = MAX_EMPLOYERS) {}

  private clear(): void {
    this.recent = new Map();
    this.older = new Map();
  }

  private kept(npp: string): NameSide | undefined {
    const side = this.recent.get(npp);
    if (side !== undefined) return side;
    const old = this.older.get(npp);
    if (old !== undefined) this.keep(npp, old);
    return old;
  }

  private keep(npp: string, side: NameSide): void {
    if (this.recent.size >= this.max / 2) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(npp, side);
  }

  /** The name side of each of these employers (those still enrolled), as of `version`. */
  async sidesOf(db: Db, npps: Iterable<string>, version: string | null): Promise<Map<string, NameSide>> {
    if (version === null || version !== this.version) this.clear();
    this.version = version;
    const out = new Map<string, NameSide>();
    const missing = new Set<string>();
    for (const npp of npps) {
      if (out.has(npp) || missing.has(npp)) continue;
      const side = this.kept(npp);
      if (side === undefined) missing.add(npp);
      else out.set(npp, side);
    }
    if (!missing.size) return out;
    for (const r of await employerNameRows(db, [...missing])) {
      const side: NameSide = {
        raw: r.name,
        tokens: r.nameNorm.split(' ').filter(Boolean),
        // Employers imported before legal forms were stored have none in their row.
        legalForms: r.legalForms ?? normaliseCompanyName(r.name).legalForms,
        kabKota: r.kabKota,
        npwp: r.npwp,
        nib: r.nib,
        address: r.address,
      };
      out.set(r.npp, side);
      // Without a version nothing is known to stay valid, so nothing is kept.
      if (version !== null) this.keep(r.npp, side);
    }
    return out;
  }
}

/** The employers kept for this database handle (one per process and database). */
export const candidateEmployersFor = perDatabase(() => new CandidateEmployers());
