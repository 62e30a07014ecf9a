import { ddl } from '../ddl.ts';
import type { PortalMigration } from './types.ts';

// Which secret this database belongs to: a digest derived from the portal's secret (never the secret),
// written by the first process that opens it. A process started with another secret (PORTAL_SECRET unset
// on one of two servers, each making its own key file, or a key file lost) would read every code,
// pairing key and link as unknown and tell parents their valid codes do not exist; it is refused instead.
export const migration: PortalMigration = {
  version: 8,
  name: 'secret-check',
  async up(db) {
    await ddl(
      db,
      `
      CREATE TABLE portal_identity (
        id           smallint PRIMARY KEY CHECK (id = 1),
        secret_check text NOT NULL CHECK (length(secret_check) = 32),
        set_at       timestamptz NOT NULL
      );
    `,
    );
  },
};
