import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE enrollment_import (
      id bigserial PRIMARY KEY,
      file_name text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      rows_total integer NOT NULL DEFAULT 0,
      rows_loaded integer NOT NULL DEFAULT 0,
      rows_changed integer NOT NULL DEFAULT 0,
      rows_rejected integer NOT NULL DEFAULT 0
    );

    CREATE TABLE employer (
      npp text PRIMARY KEY,
      name text NOT NULL,
      name_norm text NOT NULL,
      npwp text CHECK (npwp ~ '^[0-9]{16}$'),
      -- the 9-digit taxpayer id shared by a head office and its branches
      npwp_base text GENERATED ALWAYS AS (substr(npwp, 2, 9)) STORED,
      nib text CHECK (nib ~ '^[0-9]{13}$'),
      address text,
      kab_kota text CHECK (kab_kota ~ '^[0-9]{4}$'),
      status text NOT NULL,
      programs text[] NOT NULL DEFAULT '{}',
      active_workers integer NOT NULL CHECK (active_workers >= 0),
      total_wages numeric(18, 2) NOT NULL CHECK (total_wages >= 0),
      arrears_months integer NOT NULL CHECK (arrears_months >= 0),
      import_id bigint REFERENCES enrollment_import (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX employer_nib_idx ON employer (nib) WHERE nib IS NOT NULL;
    CREATE INDEX employer_npwp_idx ON employer (npwp) WHERE npwp IS NOT NULL;
    CREATE INDEX employer_npwp_base_idx ON employer (npwp_base) WHERE npwp_base IS NOT NULL;

    CREATE TABLE permit (
      nib text PRIMARY KEY CHECK (nib ~ '^[0-9]{13}$'),
      oss_id text,
      version_at timestamptz NOT NULL,
      doc_type smallint NOT NULL,
      payload_hash text NOT NULL,
      name text NOT NULL,
      name_norm text NOT NULL,
      name_short text,
      legal_form text,
      npwp text CHECK (npwp ~ '^[0-9]{16}$'),
      npwp_base text GENERATED ALWAYS AS (substr(npwp, 2, 9)) STORED,
      no_npp text,
      business_scale text,
      nib_status text,
      kab_kota text CHECK (kab_kota ~ '^[0-9]{4}$'),
      address text,
      declared_workers integer NOT NULL CHECK (declared_workers >= 0),
      declared_breakdown jsonb NOT NULL,
      kbli text[] NOT NULL DEFAULT '{}',
      raw jsonb NOT NULL,
      source text NOT NULL,
      source_ref text NOT NULL,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      match_requested_at timestamptz
    );
    CREATE INDEX permit_match_pending_idx ON permit (match_requested_at) WHERE match_requested_at IS NOT NULL;
    CREATE INDEX permit_no_npp_idx ON permit (no_npp) WHERE no_npp IS NOT NULL;
    CREATE INDEX permit_npwp_idx ON permit (npwp) WHERE npwp IS NOT NULL;

    CREATE TABLE permit_reject (
      id bigserial PRIMARY KEY,
      source text NOT NULL,
      source_ref text NOT NULL,
      line_no integer,
      reason text NOT NULL,
      raw text NOT NULL,
      raw_hash text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      retried_at timestamptz,
      resolved_at timestamptz
    );
    CREATE UNIQUE INDEX permit_reject_open_uniq ON permit_reject (source, raw_hash) WHERE resolved_at IS NULL;

    CREATE TABLE match (
      nib text PRIMARY KEY REFERENCES permit (nib) ON DELETE CASCADE,
      decision text NOT NULL CHECK (decision IN ('matched', 'unmatched', 'review')),
      npp text,
      score real NOT NULL,
      method text NOT NULL,
      explanation jsonb NOT NULL,
      permit_hash text NOT NULL,
      matched_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((decision = 'matched') = (npp IS NOT NULL))
    );
    CREATE INDEX match_npp_idx ON match (npp) WHERE npp IS NOT NULL;

    CREATE TABLE branch (
      code text PRIMARY KEY,
      name text NOT NULL,
      webhook_url text,
      is_default boolean NOT NULL DEFAULT false
    );
    CREATE UNIQUE INDEX branch_one_default ON branch (is_default) WHERE is_default;

    CREATE TABLE branch_region (
      kab_kota text PRIMARY KEY CHECK (kab_kota ~ '^[0-9]{4}$'),
      branch_code text NOT NULL REFERENCES branch (code) ON DELETE CASCADE
    );

    CREATE TABLE finding (
      id bigserial PRIMARY KEY,
      nib text NOT NULL REFERENCES permit (nib) ON DELETE CASCADE,
      category text NOT NULL,
      npp text,
      branch text NOT NULL,
      kab_kota text,
      status text NOT NULL CHECK (status IN ('open', 'notified', 'acknowledged', 'resolved', 'dismissed')),
      priority integer NOT NULL DEFAULT 0,
      evidence jsonb NOT NULL,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      resolution text,
      UNIQUE (nib, category)
    );
    CREATE INDEX finding_branch_status_idx ON finding (branch, status, priority DESC);

    CREATE TABLE finding_transition (
      id bigserial PRIMARY KEY,
      finding_id bigint NOT NULL REFERENCES finding (id) ON DELETE CASCADE,
      from_status text,
      to_status text NOT NULL,
      actor text NOT NULL,
      note text,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX finding_transition_finding_idx ON finding_transition (finding_id, id);

    CREATE TABLE digest (
      id uuid PRIMARY KEY,
      branch text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      payload jsonb NOT NULL,
      finding_count integer NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      -- a notifier delivering this digest holds it until then; a crashed one's lease expires
      lease_until timestamptz,
      delivered_at timestamptz
    );
    CREATE INDEX digest_pending_idx ON digest (branch, created_at) WHERE status = 'pending';

    -- outbox: written in the same transaction as the finding change it announces
    CREATE TABLE finding_event (
      id bigserial PRIMARY KEY,
      finding_id bigint NOT NULL REFERENCES finding (id) ON DELETE CASCADE,
      branch text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('opened', 'reopened', 'resolved')),
      created_at timestamptz NOT NULL DEFAULT now(),
      digest_id uuid REFERENCES digest (id)
    );
    CREATE INDEX finding_event_undelivered_idx ON finding_event (branch, id) WHERE digest_id IS NULL;

    CREATE TABLE feed_checkpoint (
      feed text PRIMARY KEY,
      cursor text,
      pages bigint NOT NULL DEFAULT 0,
      records bigint NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE feed_checkpoint, finding_event, digest, finding_transition, finding,
      branch_region, branch, match, permit_reject, permit, employer, enrollment_import;
  `.execute(db);
}
