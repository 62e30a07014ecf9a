import { ddl } from '../ddl.ts';
import type { PortalMigration } from './types.ts';

// Schools (tenants, by registration address), the admin log, request and failure counters shared by
// every portal process, and the mail outbox.
export const migration: PortalMigration = {
  version: 1,
  name: 'foundation',
  async up(db) {
    await ddl(
      db,
      `
      CREATE TABLE schools (
        id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        address          text NOT NULL,
        host             text NOT NULL CHECK (host = lower(host) AND host <> ''),
        prefix           text NOT NULL CHECK (prefix = '' OR (prefix LIKE '/%' AND prefix NOT LIKE '%/')),
        landing          text NOT NULL CHECK (landing <> '' AND position('/' in landing) = 0),
        pairing_key_hash text,
        settings         jsonb NOT NULL DEFAULT '{}',
        created_at       timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX schools_location ON schools (host, prefix);

      CREATE TABLE admin_log (
        id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at        timestamptz NOT NULL,
        school_id integer,
        command   text NOT NULL,
        details   jsonb NOT NULL DEFAULT '{}',
        via       text NOT NULL CHECK (via IN ('cli', 'server'))
      );

      CREATE TABLE rate_limits (
        key      text PRIMARY KEY,
        count    integer NOT NULL,
        reset_at timestamptz NOT NULL
      );
      CREATE INDEX rate_limits_reset ON rate_limits (reset_at);

      CREATE TABLE throttles (
        key             text PRIMARY KEY,
        failures        integer NOT NULL CHECK (failures > 0),
        last_failure_at timestamptz NOT NULL
      );

      CREATE TABLE mail_outbox (
        id              uuid PRIMARY KEY,
        school_id       integer REFERENCES schools (id) ON DELETE CASCADE,
        kind            text NOT NULL,
        to_address      text NOT NULL,
        body            text,
        created_at      timestamptz NOT NULL,
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        claimed_until   timestamptz,
        sent_at         timestamptz,
        failed_at       timestamptz,
        last_error      text
      );
      CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
    `,
    );
  },
};
