import type { Migration } from './types.ts';

// Invitation codes. A student code per student; a parent code per guardian–child link, or one per
// student when no guardian is on file (guardian_id NULL). At most one live (active or printed)
// code per (kind, student, guardian); reissuing revokes the old one with a reason. "Expired" is not
// stored: a live code past its valid_until date is expired.
export const migration: Migration = {
  version: 3,
  name: 'invitation-codes',
  up(db) {
    db.exec(`
      CREATE TABLE invitation_codes (
        id            INTEGER PRIMARY KEY,
        code          TEXT NOT NULL UNIQUE CHECK (length(code) = 10 AND code = lower(code)),
        kind          TEXT NOT NULL CHECK (kind IN ('student', 'parent')),
        student_id    INTEGER NOT NULL REFERENCES people (id),
        guardian_id   INTEGER REFERENCES people (id),
        state         TEXT NOT NULL CHECK (state IN ('active', 'printed', 'redeemed', 'revoked')),
        valid_until   TEXT NOT NULL CHECK (valid_until GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
        issued_at     TEXT NOT NULL,
        issued_by     INTEGER REFERENCES operators (id),
        print_count   INTEGER NOT NULL DEFAULT 0 CHECK (print_count >= 0),
        printed_at    TEXT,
        redeemed_at   TEXT,
        revoked_at    TEXT,
        revoke_reason TEXT,
        replaced_by   INTEGER REFERENCES invitation_codes (id),
        CHECK (kind = 'parent' OR guardian_id IS NULL),
        CHECK ((state = 'revoked') = (revoked_at IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX invitation_codes_one_live
        ON invitation_codes (kind, student_id, coalesce(guardian_id, 0)) WHERE state IN ('active', 'printed');
      CREATE INDEX invitation_codes_student ON invitation_codes (student_id);
      CREATE INDEX invitation_codes_guardian ON invitation_codes (guardian_id) WHERE guardian_id IS NOT NULL;
    `);
  },
};
