import { ddl } from '../ddl.ts';
import type { PortalMigration } from './types.ts';

// Accounts made by redeeming invitation codes (one per roster person), a parent's children, sessions
// and one-time tokens. Secrets are kept only as SHA-256 digests; logins are unique on the whole portal
// and stored in lower case.
export const migration: PortalMigration = {
  version: 3,
  name: 'accounts',
  async up(db) {
    await ddl(
      db,
      `
      CREATE TABLE accounts (
        id                  uuid PRIMARY KEY,
        school_id           integer NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
        person_uid          uuid NOT NULL,
        login               text NOT NULL CHECK (login = lower(login) AND length(login) BETWEEN 3 AND 32),
        kind                text NOT NULL CHECK (kind IN ('student', 'parent')),
        password_hash       text NOT NULL,
        email               text CHECK (email = lower(email)),
        email_confirmed_at  timestamptz,
        phone               text,
        phone_confirmed_at  timestamptz,
        registered_at       timestamptz NOT NULL,
        last_sign_in_at     timestamptz,
        disabled_at         timestamptz,
        password_changed_at timestamptz NOT NULL,
        CHECK (email_confirmed_at IS NULL OR email IS NOT NULL),
        CHECK (phone_confirmed_at IS NULL OR phone IS NOT NULL)
      );
      CREATE UNIQUE INDEX accounts_login ON accounts (login);
      CREATE UNIQUE INDEX accounts_person ON accounts (school_id, person_uid);
      CREATE INDEX accounts_email ON accounts (school_id, email) WHERE email IS NOT NULL;

      CREATE TABLE account_children (
        account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        student_uid uuid NOT NULL,
        -- The code that linked the child (the office's uid of it).
        code_uid    uuid NOT NULL,
        linked_at   timestamptz NOT NULL,
        PRIMARY KEY (account_id, student_uid)
      );

      CREATE TABLE sessions (
        id           uuid PRIMARY KEY,
        token_hash   text NOT NULL UNIQUE,
        account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        created_at   timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        network      text NOT NULL,
        user_agent   text,
        ended_at     timestamptz,
        ended_why    text CHECK (ended_why IN ('sign_out', 'sign_out_all', 'password_changed', 'disabled'))
      );
      CREATE INDEX sessions_account ON sessions (account_id) WHERE ended_at IS NULL;
      CREATE INDEX sessions_expires ON sessions (expires_at);

      CREATE TABLE tokens (
        token_hash text PRIMARY KEY,
        purpose    text NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password', 'desk_reset')),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        -- What the token is about: the address a confirmation confirms.
        subject    text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz
      );
      CREATE INDEX tokens_account ON tokens (account_id, purpose, created_at);
      CREATE INDEX tokens_expires ON tokens (expires_at);
    `,
    );
  },
};
