import type { Db } from '../db/database.js';
import { markPermitsAffectedBy, rebuildNameTokens, vacuumMatchingTables } from '../enrollment/employerRepository.js';
import { NAME_RULES_VERSION, normaliseCompanyName } from './companyName.js';
import { requestMatching } from './matchRequestRepository.js';
import {
  createRenamedEmployers,
  employerNamesAfter,
  lockNameRules,
  permitNamesAfter,
  recordNameRulesVersion,
  RENAMED_EMPLOYERS,
  saveEmployerKeys,
  savePermitKeys,
  storedNameRulesVersion,
} from './nameRulesRepository.js';

export interface NameRulesUpgrade {
  /** The rules the stored keys were made with, and those they are made with now. */
  from: number;
  to: number;
  employersChanged: number;
  permitsChanged: number;
  /** Permits marked for a new match decision (they are owed in match_request). */
  permitsToRematch: number;
}

const PAGE = 5_000;

const sameForms = (a: string[] | null, b: string[]) => a !== null && a.length === b.length && a.every((f, i) => f === b[i]);

/**
 * Brings the stored company-name keys up to the code's rules (companyName.ts) when they were
 * made with older ones: employers' keys, legal forms and name words, the word frequencies,
 * and permits' keys. Permits whose key changed, and every permit a renamed employer may
 * now match, are marked for matching. One transaction: a crash leaves the old keys and
 * the old version, and the next run starts again. Null when no stored key changed.
 */
export async function upgradeStoredNames(db: Db): Promise<NameRulesUpgrade | null> {
  if ((await storedNameRulesVersion(db)) >= NAME_RULES_VERSION) return null;
  const outcome = await db.transaction().execute(async (trx) => {
    await lockNameRules(trx);
    const from = await storedNameRulesVersion(trx);
    // Another process did it while this one waited for the lock.
    if (from >= NAME_RULES_VERSION) return null;
    await createRenamedEmployers(trx);
    let employersChanged = 0;
    for (let after = ''; ; ) {
      const page = await employerNamesAfter(trx, after, PAGE);
      if (!page.length) break;
      const changed = page.flatMap((e) => {
        const n = normaliseCompanyName(e.name);
        return n.key === e.nameNorm && sameForms(e.legalForms, n.legalForms) ? [] : [{ npp: e.npp, nameNorm: n.key, legalForms: n.legalForms }];
      });
      await saveEmployerKeys(trx, changed);
      employersChanged += changed.length;
      after = page[page.length - 1]!.npp;
    }
    let permitsChanged = 0;
    const requested = new Set<string>();
    for (let after = ''; ; ) {
      const page = await permitNamesAfter(trx, after, PAGE);
      if (!page.length) break;
      const changed = page.flatMap((p) => {
        const key = normaliseCompanyName(p.name).key;
        return key === p.nameNorm ? [] : [{ nib: p.nib, nameNorm: key }];
      });
      await savePermitKeys(trx, changed);
      await requestMatching(trx, changed.map((p) => p.nib));
      for (const p of changed) requested.add(p.nib);
      permitsChanged += changed.length;
      after = page[page.length - 1]!.nib;
    }
    if (employersChanged) {
      await rebuildNameTokens(trx, RENAMED_EMPLOYERS);
      for (const nib of await markPermitsAffectedBy(trx, RENAMED_EMPLOYERS, true)) requested.add(nib);
    }
    await recordNameRulesVersion(trx, NAME_RULES_VERSION);
    // A new database, or one whose names all read the same under both rules, has nothing to report.
    if (!employersChanged && !permitsChanged) return null;
    return { from, to: NAME_RULES_VERSION, employersChanged, permitsChanged, permitsToRematch: requested.size };
  });
  // The name words were rewritten: fresh statistics keep the candidate look-ups index-only.
  if (outcome?.employersChanged) await vacuumMatchingTables(db);
  return outcome;
}
