import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Channels and timing per branch (null: the NOTIFY_* defaults).
    ALTER TABLE branch
      ADD COLUMN email_to text[] NOT NULL DEFAULT '{}',
      ADD COLUMN webhook_secret_env text,
      ADD COLUMN group_wait_ms bigint,
      ADD COLUMN group_interval_ms bigint,
      ADD COLUMN repeat_interval_ms bigint;

    -- One digest per channel; what it was sent for, and the findings it reported active.
    ALTER TABLE digest
      ADD COLUMN channel text NOT NULL DEFAULT 'file',
      ADD COLUMN reason text NOT NULL DEFAULT 'new',
      ADD COLUMN firing bigint[] NOT NULL DEFAULT '{}';
    CREATE INDEX digest_failed_idx ON digest (created_at) WHERE status = 'failed';

    -- Outbox events are consumed by a branch flush (several digests), not by one digest.
    ALTER TABLE finding_event ADD COLUMN flushed_at timestamptz;
    DROP INDEX finding_event_undelivered_idx;
    CREATE INDEX finding_event_unflushed_idx ON finding_event (branch, id) WHERE flushed_at IS NULL;
    UPDATE finding_event SET flushed_at = created_at WHERE digest_id IS NOT NULL;

    -- What each receiver (branch + channel) was last told: the notification log.
    CREATE TABLE notification_log (
      branch text NOT NULL,
      channel text NOT NULL,
      firing bigint[] NOT NULL,
      last_digest_id uuid NOT NULL,
      last_sent_at timestamptz NOT NULL,
      PRIMARY KEY (branch, channel)
    );

    -- When each branch was last flushed (group_wait / group_interval).
    CREATE TABLE branch_flush (
      branch text PRIMARY KEY,
      last_flush_at timestamptz NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE branch_flush, notification_log;
    DROP INDEX finding_event_unflushed_idx;
    ALTER TABLE finding_event DROP COLUMN flushed_at;
    CREATE INDEX finding_event_undelivered_idx ON finding_event (branch, id) WHERE digest_id IS NULL;
    DROP INDEX digest_failed_idx;
    ALTER TABLE digest DROP COLUMN channel, DROP COLUMN reason, DROP COLUMN firing;
    ALTER TABLE branch DROP COLUMN email_to, DROP COLUMN webhook_secret_env, DROP COLUMN group_wait_ms,
      DROP COLUMN group_interval_ms, DROP COLUMN repeat_interval_ms;
  `.execute(db);
}
