import type { Migration } from 'kysely';
import * as initial from './0001_initial.js';
import * as nameMatching from './0002_name_matching.js';
import * as namePairs from './0003_name_pairs.js';
import * as notificationPolicy from './0004_notification_policy.js';
import * as apiKeys from './0005_api_keys.js';
import * as reviewCandidates from './0006_review_candidates.js';
import * as reviewIndexWithoutPendingList from './0007_review_index_without_pending_list.js';
import * as employerLegalForms from './0008_employer_legal_forms.js';
import * as findingEventFindingIndex from './0009_finding_event_finding_index.js';
import * as candidateLookupIndexes from './0010_candidate_lookup_indexes.js';
import * as nameFrequencyVersion from './0011_name_frequency_version.js';
import * as pairRegion from './0012_pair_region.js';
import * as matchRequest from './0013_match_request.js';
import * as byteOrderKeys from './0014_byte_order_keys.js';
import * as nameRules from './0015_name_rules.js';
import * as employerInitials from './0016_employer_initials.js';

/** Ordered list of migrations; names sort in the order they must run. */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_name_matching': nameMatching,
  '0003_name_pairs': namePairs,
  '0004_notification_policy': notificationPolicy,
  '0005_api_keys': apiKeys,
  '0006_review_candidates': reviewCandidates,
  '0007_review_index_without_pending_list': reviewIndexWithoutPendingList,
  '0008_employer_legal_forms': employerLegalForms,
  '0009_finding_event_finding_index': findingEventFindingIndex,
  '0010_candidate_lookup_indexes': candidateLookupIndexes,
  '0011_name_frequency_version': nameFrequencyVersion,
  '0012_pair_region': pairRegion,
  '0013_match_request': matchRequest,
  '0014_byte_order_keys': byteOrderKeys,
  '0015_name_rules': nameRules,
  '0016_employer_initials': employerInitials,
};
