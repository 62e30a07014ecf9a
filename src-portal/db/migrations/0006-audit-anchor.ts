import { ddl } from '../ddl.ts';
import type { PortalMigration } from './types.ts';

// The office journal's head, anchored with every sync round (#11): the head held per school (its
// number, keyed hash and the office's MAC — never journal contents), and evidence the portal keeps
// and never overwrites: a head going back refused, the head a new device replaced (a restore, a copy),
// a daily checkpoint of the heads a device moved past.
export const migration: PortalMigration = {
  version: 6,
  name: 'audit-anchor',
  async up(db) {
    await ddl(
      db,
      `
      CREATE TABLE audit_anchors (
        school_id    integer PRIMARY KEY REFERENCES schools (id) ON DELETE CASCADE,
        device_id    uuid NOT NULL,
        head_id      integer NOT NULL CHECK (head_id > 0),
        head_hash    text NOT NULL,
        head_mac     text NOT NULL,
        received_at  timestamptz NOT NULL,
        confirmed_at timestamptz NOT NULL
      );

      CREATE TABLE audit_anchor_evidence (
        id             uuid PRIMARY KEY,
        school_id      integer NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
        kind           text NOT NULL CHECK (kind IN ('checkpoint', 'refused', 'replaced')),
        at             timestamptz NOT NULL,
        -- The head the portal held then.
        device_id      uuid NOT NULL,
        head_id        integer NOT NULL,
        head_hash      text NOT NULL,
        head_mac       text NOT NULL,
        held_since     timestamptz NOT NULL,
        -- What was sent instead (refused, replaced); none for a checkpoint.
        sent_device_id uuid,
        sent_id        integer,
        sent_hash      text
      );
      CREATE INDEX audit_anchor_evidence_device ON audit_anchor_evidence (school_id, device_id, at);
    `,
    );
  },
};
