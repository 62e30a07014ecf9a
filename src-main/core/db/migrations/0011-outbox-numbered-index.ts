import type { Migration } from './types.ts';

// The outbox's `seq` was a UNIQUE column. For `seq IS NULL` (every trigger's «replace the queued row
// of this key») SQLite's planner took that unique index as a one-row look-up and read every queued
// row through it: 22 ms for each change made while a first snapshot of a 100,000-student school
// (~300,000 rows) waited to be sent, where the unnumbered rows' partial index answers in 0.01 ms.
// Triggers cannot name an index (INDEXED BY is refused in them), so the uniqueness moves to a partial
// index over the numbered rows only: `seq IS NULL` then has one index to take, and every look-up by
// number (`seq > ?`, `seq <= ?`, `seq IS NOT NULL`) still finds its rows by number.
// The table is rebuilt as 0008 rebuilt it; the AUTOINCREMENT counter (which the sync scheduler
// watches) is carried over, so no id is given twice.
export const migration: Migration = {
  version: 11,
  name: 'outbox-numbered-index',
  rebuildsTables: true,
  up(db) {
    const counter = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'").pluck().get() as number | undefined;
    // The triggers of 0005 and 0008 name sync_outbox in their bodies: with the legacy rename they are
    // left as written and find the rebuilt table.
    db.pragma('legacy_alter_table = ON');
    try {
      db.exec(`
        CREATE TABLE sync_outbox_new (
          id     INTEGER PRIMARY KEY AUTOINCREMENT,
          entity TEXT NOT NULL CHECK (entity IN ('school', 'class', 'person', 'link', 'code', 'snapshot', 'desk')),
          key    TEXT NOT NULL,
          snap   INTEGER NOT NULL DEFAULT 0 CHECK (snap IN (0, 1)),
          gone   TEXT CHECK (gone IS NULL OR json_valid(gone)),
          seq    INTEGER CHECK (seq IS NULL OR seq >= 1)
        ) STRICT;
        INSERT INTO sync_outbox_new (id, entity, key, snap, gone, seq) SELECT id, entity, key, snap, gone, seq FROM sync_outbox;
        DROP TABLE sync_outbox;
        ALTER TABLE sync_outbox_new RENAME TO sync_outbox;
        CREATE UNIQUE INDEX sync_outbox_numbered ON sync_outbox (seq) WHERE seq IS NOT NULL;
        CREATE INDEX sync_outbox_unnumbered ON sync_outbox (entity, key) WHERE seq IS NULL;
      `);
    } finally {
      db.pragma('legacy_alter_table = OFF');
    }
    if (counter !== undefined) {
      db.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'sync_outbox'").run(counter);
      db.prepare(
        "INSERT INTO sqlite_sequence (name, seq) SELECT 'sync_outbox', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'sync_outbox')",
      ).run(counter);
    }
  },
};
