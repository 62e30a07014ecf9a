import type { Migration } from './types.ts';

// The journal takes rows only at its end: a row must carry the next number and link to the last
// row's hash. `INSERT OR REPLACE` (and `REPLACE INTO`) deleted the row it replaced without firing the
// delete trigger (SQLite fires delete triggers for REPLACE only with recursive_triggers on); this
// refuses it before any row is touched, as it refuses a row slipped in under a free number.
export const migration: Migration = {
  version: 4,
  name: 'audit-append-only',
  up(db) {
    db.exec(`
      CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
      WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit_log)
        OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '${'0'.repeat(64)}')
        OR EXISTS (SELECT 1 FROM audit_log WHERE hash = NEW.hash)
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
