import { ddl } from '../ddl.ts';
import type { PortalMigration } from './types.ts';

// Self-service access recovery (#8): the digits pictures of the anti-automation check (single use, tied
// to one form), SMS codes (6 digits as a keyed digest, 10 minutes, at most 5 wrong tries), every
// recovery event on its account, and SMS beside mail in the outbox (the same worker, the same
// encryption at rest).
export const migration: PortalMigration = {
  version: 5,
  name: 'recovery',
  async up(db) {
    await ddl(
      db,
      `
      CREATE TABLE captchas (
        id          uuid PRIMARY KEY,
        -- The form the picture was drawn for (recover_login, recover_password …): it checks nothing else.
        form        text NOT NULL,
        answer_hash text NOT NULL,
        created_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz
      );
      CREATE INDEX captchas_expires ON captchas (expires_at);

      CREATE TABLE sms_codes (
        id         uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        purpose    text NOT NULL CHECK (purpose IN ('reset_password', 'confirm_phone')),
        phone      text NOT NULL,
        code_hash  text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        attempts   integer NOT NULL DEFAULT 0,
        used_at    timestamptz
      );
      CREATE INDEX sms_codes_account ON sms_codes (account_id, purpose, created_at);

      CREATE TABLE recovery_events (
        id         uuid PRIMARY KEY,
        school_id  integer NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        at         timestamptz NOT NULL,
        action     text NOT NULL,
        channel    text NOT NULL CHECK (channel IN ('email', 'sms', 'web')),
        outcome    text NOT NULL,
        -- Where the message went (an address or phone) when one was sent: the per-person hourly cap counts these.
        target     text,
        network    text NOT NULL
      );
      CREATE INDEX recovery_events_account ON recovery_events (account_id, at);
      CREATE INDEX recovery_events_target ON recovery_events (target, at) WHERE target IS NOT NULL;

      ALTER TABLE mail_outbox ADD COLUMN channel text NOT NULL DEFAULT 'mail' CHECK (channel IN ('mail', 'sms'));
    `,
    );
  },
};
