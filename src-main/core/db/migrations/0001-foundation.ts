import type { Migration } from './types.ts';

// School settings, operators, sign-in throttling and the append-only, hash-chained audit log.
export const migration: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;

      CREATE TABLE operators (
        id                  INTEGER PRIMARY KEY,
        login               TEXT NOT NULL COLLATE NOCASE UNIQUE,
        full_name           TEXT NOT NULL,
        role                TEXT NOT NULL CHECK (role IN ('curator', 'deputy')),
        password_hash       TEXT NOT NULL,
        active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        password_changed_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE login_throttle (
        login           TEXT PRIMARY KEY COLLATE NOCASE,
        failures        INTEGER NOT NULL CHECK (failures > 0),
        last_failure_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        id             INTEGER PRIMARY KEY,
        at             TEXT NOT NULL,
        operator_id    INTEGER REFERENCES operators (id),
        operator_login TEXT,
        action         TEXT NOT NULL,
        person_kind    TEXT,
        person_id      INTEGER,
        person_label   TEXT,
        details        TEXT NOT NULL CHECK (json_valid(details)),
        prev_hash      TEXT NOT NULL,
        hash           TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_operator ON audit_log (operator_id, id);
      CREATE INDEX audit_log_action ON audit_log (action, id);
      CREATE INDEX audit_log_person ON audit_log (person_kind, person_id);

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
