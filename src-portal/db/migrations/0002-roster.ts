import { ddl } from '../ddl.ts';
import type { PortalMigration } from './types.ts';

// What the office sends up (classes, students and guardians by name only, guardian–child links, and
// invitation codes as keyed hashes), and the change log the office pulls from (accounts, redemptions,
// guardians the portal learned). Identities are the office's UUIDs, never its row numbers.
export const migration: PortalMigration = {
  version: 2,
  name: 'roster',
  async up(db) {
    await ddl(
      db,
      `
      CREATE TABLE roster_classes (
        school_id  integer NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
        uid        uuid NOT NULL,
        name       text NOT NULL,
        removed_at timestamptz,
        PRIMARY KEY (school_id, uid)
      );

      CREATE TABLE roster_people (
        school_id   integer NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
        uid         uuid NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('student', 'guardian')),
        surname     text NOT NULL,
        name        text NOT NULL,
        patronymic  text,
        birth_date  date,
        class_uid   uuid,
        archived_at timestamptz,
        -- 'office' when the office sent it; 'portal' for a parent who registered with a code issued
        -- while no parent was on file (the office learns them with the next pull).
        origin      text NOT NULL DEFAULT 'office' CHECK (origin IN ('office', 'portal')),
        updated_at  timestamptz NOT NULL,
        PRIMARY KEY (school_id, uid),
        CHECK (kind <> 'student' OR (birth_date IS NOT NULL AND class_uid IS NOT NULL))
      );

      CREATE TABLE roster_links (
        school_id    integer NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
        guardian_uid uuid NOT NULL,
        student_uid  uuid NOT NULL,
        relation     text NOT NULL CHECK (relation IN ('mother', 'father', 'other')),
        removed_at   timestamptz,
        PRIMARY KEY (school_id, guardian_uid, student_uid)
      );
      CREATE INDEX roster_links_student ON roster_links (school_id, student_uid);

      CREATE TABLE invitation_codes (
        school_id     integer NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
        uid           uuid NOT NULL,
        code_hash     text NOT NULL,
        kind          text NOT NULL CHECK (kind IN ('student', 'parent')),
        student_uid   uuid NOT NULL,
        guardian_uid  uuid,
        valid_until   date NOT NULL,
        -- The office's side: issued (active or printed there) or revoked (reissued, revoked, archived).
        state         text NOT NULL CHECK (state IN ('issued', 'revoked')),
        revoke_reason text,
        -- The portal's side: who used it, when.
        redeemed_at   timestamptz,
        redeemed_by   uuid,
        PRIMARY KEY (school_id, uid),
        UNIQUE (school_id, code_hash),
        CHECK (kind = 'parent' OR guardian_uid IS NULL),
        CHECK ((redeemed_at IS NULL) = (redeemed_by IS NULL))
      );
      CREATE INDEX invitation_codes_student ON invitation_codes (school_id, student_uid);

      CREATE TABLE change_log (
        school_id integer NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
        cursor    integer NOT NULL,
        type      text NOT NULL,
        payload   jsonb NOT NULL,
        at        timestamptz NOT NULL,
        PRIMARY KEY (school_id, cursor)
      );
    `,
    );
  },
};
