import type { Migration } from './types.ts';

// The receipt of the last import (src-main/core/roster/receipt.ts): what importing the same file
// again would report, valid only while the roster is at `roster_version`. One row, replaced by each
// import; a cache — deleting it only makes the next re-import take the long way.
export const migration: Migration = {
  version: 9,
  name: 'import-receipt',
  up(db) {
    db.exec(`
      CREATE TABLE import_receipt (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        key            TEXT NOT NULL,
        roster_version INTEGER NOT NULL,
        outcome        BLOB NOT NULL
      ) STRICT;
    `);
  },
};
