import { ddl } from '../ddl.ts';
import type { PortalMigration } from './types.ts';

// The office paired with each school (DEVELOPERS.md: «Sync»): the digest of its sync secret, its
// current device with the last sequence number and hash chain applied (stored in the transaction
// that applies a push), and every device it used (a superseded one is refused). The roster tables
// learn which snapshot last mentioned each row (`office_mark`): a snapshot's end archives the rows
// the office sent before but did not mention this time; rows the office never sent (a parent who
// registered on the portal) have no mark and are left alone.
export const migration: PortalMigration = {
  version: 4,
  name: 'sync',
  async up(db) {
    await ddl(
      db,
      `
      CREATE TABLE sync_pairings (
        school_id   integer PRIMARY KEY REFERENCES schools (id) ON DELETE CASCADE,
        secret_hash text NOT NULL UNIQUE,
        device_id   uuid NOT NULL,
        last_seq    integer NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
        last_chain  text NOT NULL CHECK (length(last_chain) = 64),
        -- Marks every row the office sends: the generation of the last snapshot begun.
        generation  uuid NOT NULL,
        paired_at   timestamptz NOT NULL,
        last_push_at timestamptz,
        last_pull_at timestamptz
      );

      CREATE TABLE sync_devices (
        school_id     integer NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
        device_id     uuid NOT NULL,
        created_at    timestamptz NOT NULL,
        superseded_at timestamptz,
        PRIMARY KEY (school_id, device_id)
      );

      ALTER TABLE roster_classes ADD COLUMN office_mark uuid;
      ALTER TABLE roster_people ADD COLUMN office_mark uuid;
      ALTER TABLE roster_links ADD COLUMN office_mark uuid;
      ALTER TABLE invitation_codes ADD COLUMN office_mark uuid;
    `,
    );
  },
};
