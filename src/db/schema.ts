import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;
/** pg returns numeric as string to keep precision; we accept numbers on write. */
type Numeric = ColumnType<string, number | string, number | string>;

export interface EmployerTable {
  npp: string;
  name: string;
  name_norm: string;
  /** Legal forms in the name (companyName.ts); null when imported before they were stored. */
  legal_forms: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  npwp: string | null;
  npwp_base: ColumnType<string | null, never, never>;
  nib: string | null;
  address: string | null;
  kab_kota: string | null;
  status: string;
  programs: string[];
  active_workers: number;
  total_wages: Numeric;
  arrears_months: number;
  import_id: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EnrollmentImportTable {
  id: Generated<number>;
  file_name: string;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  rows_total: Generated<number>;
  rows_loaded: Generated<number>;
  rows_changed: Generated<number>;
  rows_rejected: Generated<number>;
}

export interface DeclaredBreakdown {
  tki_l: number;
  tki_p: number;
  tka_l: number;
  tka_p: number;
}

export interface PermitTable {
  nib: string;
  oss_id: string | null;
  version_at: Date;
  doc_type: number;
  payload_hash: string;
  name: string;
  name_norm: string;
  name_short: string | null;
  legal_form: string | null;
  npwp: string | null;
  npwp_base: ColumnType<string | null, never, never>;
  no_npp: string | null;
  business_scale: string | null;
  nib_status: string | null;
  kab_kota: string | null;
  address: string | null;
  declared_workers: number;
  declared_breakdown: Json<DeclaredBreakdown>;
  kbli: string[];
  raw: Json<Record<string, unknown>>;
  source: string;
  source_ref: string;
  first_seen_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A permit that needs a (new) match decision, since when. */
export interface MatchRequestTable {
  nib: string;
  requested_at: Timestamp;
}

export interface PermitRejectTable {
  id: Generated<number>;
  source: string;
  source_ref: string;
  line_no: number | null;
  reason: string;
  raw: string;
  raw_hash: string;
  received_at: Generated<Date>;
  retried_at: Timestamp | null;
  resolved_at: Timestamp | null;
}

export interface MatchTable {
  nib: string;
  decision: 'matched' | 'unmatched' | 'review';
  npp: string | null;
  score: number;
  method: string;
  explanation: Json<Record<string, unknown>>;
  permit_hash: string;
  matched_at: Generated<Date>;
}

export type FindingStatus = 'open' | 'notified' | 'acknowledged' | 'resolved' | 'dismissed';

export interface FindingTable {
  id: Generated<number>;
  nib: string;
  category: string;
  npp: string | null;
  branch: string;
  kab_kota: string | null;
  status: FindingStatus;
  priority: number;
  evidence: Json<Record<string, unknown>>;
  first_seen_at: Generated<Date>;
  updated_at: Generated<Date>;
  resolved_at: Timestamp | null;
  resolution: string | null;
}

export interface FindingTransitionTable {
  id: Generated<number>;
  finding_id: number;
  from_status: string | null;
  to_status: string;
  actor: string;
  note: string | null;
  at: Generated<Date>;
}

export interface FindingEventTable {
  id: Generated<number>;
  finding_id: number;
  branch: string;
  kind: 'opened' | 'reopened' | 'resolved';
  created_at: Generated<Date>;
  digest_id: Generated<string | null>;
  flushed_at: Timestamp | null;
}

export type Channel = 'webhook' | 'email' | 'file';

export interface NotificationLogTable {
  branch: string;
  channel: Channel;
  firing: number[];
  last_digest_id: string;
  last_sent_at: Timestamp;
}

export interface BranchFlushTable {
  branch: string;
  last_flush_at: Timestamp;
}

export interface DigestTable {
  id: string;
  branch: string;
  created_at: Generated<Date>;
  payload: Json<Record<string, unknown>>;
  finding_count: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  last_error: string | null;
  lease_until: Timestamp | null;
  delivered_at: Timestamp | null;
  channel: Channel;
  reason: string;
  firing: number[];
}

export interface BranchTable {
  code: string;
  name: string;
  webhook_url: string | null;
  is_default: boolean;
  email_to: string[];
  webhook_secret_env: string | null;
  group_wait_ms: number | null;
  group_interval_ms: number | null;
  repeat_interval_ms: number | null;
}

export interface BranchRegionTable {
  kab_kota: string;
  branch_code: string;
}

export interface FeedCheckpointTable {
  feed: string;
  cursor: string | null;
  pages: Generated<number>;
  records: Generated<number>;
  updated_at: Generated<Date>;
}

export interface EmployerTokenTable {
  token: string;
  npp: string;
  kab_kota: string | null;
}

export interface NameTokenTable {
  token: string;
  employers: number;
}

export interface EmployerTokenPairTable {
  pair: string;
  npp: string;
  /** The employer's kab/kota (ranks equal candidates: the local one first). */
  kab_kota: string | null;
}

export interface NameTokenPairTable {
  pair: string;
  employers: number;
}

/** The company-name rules' version the stored keys were made with (one row). */
export interface NameRulesTable {
  singleton: Generated<boolean>;
  version: number;
}

export interface NameFrequencyVersionTable {
  singleton: Generated<boolean>;
  /** int8, read as text. */
  version: string;
}

export type Verdict = 'same' | 'different' | 'unsure';

export interface MatchJudgementTable {
  nib: string;
  npp: string;
  verdict: Verdict;
  actor: string;
  note: string | null;
  decided_at: Generated<Date>;
}

export type Role = 'admin' | 'officer' | 'integration';

export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  role: Role;
  branches: string[];
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
}

export interface Database {
  api_key: ApiKeyTable;
  employer_token: EmployerTokenTable;
  name_token: NameTokenTable;
  employer_token_pair: EmployerTokenPairTable;
  match_request: MatchRequestTable;
  name_token_pair: NameTokenPairTable;
  name_frequency_version: NameFrequencyVersionTable;
  name_rules: NameRulesTable;
  match_judgement: MatchJudgementTable;
  employer: EmployerTable;
  enrollment_import: EnrollmentImportTable;
  permit: PermitTable;
  permit_reject: PermitRejectTable;
  match: MatchTable;
  finding: FindingTable;
  finding_transition: FindingTransitionTable;
  finding_event: FindingEventTable;
  digest: DigestTable;
  branch: BranchTable;
  notification_log: NotificationLogTable;
  branch_flush: BranchFlushTable;
  branch_region: BranchRegionTable;
  feed_checkpoint: FeedCheckpointTable;
}

export type Employer = Selectable<EmployerTable>;
export type NewEmployer = Insertable<EmployerTable>;
export type Permit = Selectable<PermitTable>;
export type NewPermit = Insertable<PermitTable>;
export type Finding = Selectable<FindingTable>;
