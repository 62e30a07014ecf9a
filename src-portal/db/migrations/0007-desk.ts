import { ddl } from '../ddl.ts';
import type { PortalMigration } from './types.ts';

// Desk requests from the school's office (#9): each applied once, in the order pushed, with its
// outcome kept (the office learns it through the change log). A reset slip's token is kept as SHA-256
// and its short code as a keyed hash (HMAC with the school's code key), never in clear; the slip works
// until `expires_at` (24 h from arriving, at most the office's limit from printing) and only once.
export const migration: PortalMigration = {
  version: 7,
  name: 'desk',
  async up(db) {
    await ddl(
      db,
      `
      CREATE TABLE desk_requests (
        school_id   integer NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
        uid         uuid NOT NULL,
        action      text NOT NULL CHECK (action IN ('reset', 'contacts', 'lock', 'unlock', 'sign_out_all')),
        account_id  uuid REFERENCES accounts (id) ON DELETE CASCADE,
        token_hash  text,
        code_hash   text,
        received_at timestamptz NOT NULL,
        expires_at  timestamptz,
        outcome     text NOT NULL CHECK (outcome IN ('done', 'refused')),
        refusal     text,
        used_at     timestamptz,
        PRIMARY KEY (school_id, uid)
      );
      CREATE UNIQUE INDEX desk_requests_token ON desk_requests (token_hash) WHERE token_hash IS NOT NULL;
      CREATE INDEX desk_requests_code ON desk_requests (school_id, code_hash) WHERE code_hash IS NOT NULL;
      CREATE INDEX desk_requests_account ON desk_requests (account_id) WHERE account_id IS NOT NULL;
    `,
    );
  },
};
