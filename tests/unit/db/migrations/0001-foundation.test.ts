import { describe, expect, it } from 'vitest';
import { assertHealthy, dbAtVersion, tableNames } from '../../../support/migrations.ts';

describe('migration 0001 (foundation)', () => {
  it('creates settings, operators, throttling and the audit log on an empty database', () => {
    const db = dbAtVersion(1);
    expect(tableNames(db)).toEqual(['audit_log', 'login_throttle', 'operators', 'settings']);
    assertHealthy(db);
  });

  it('enforces its constraints on seeded data', () => {
    const db = dbAtVersion(1);
    const insertOp = db.prepare(
      `INSERT INTO operators (login, full_name, role, password_hash, created_at, updated_at, password_changed_at)
       VALUES (?, ?, ?, 'scrypt$x', 't', 't', 't')`,
    );
    insertOp.run('Smirnova', 'Смирнова О. П.', 'curator');
    expect(() => insertOp.run('smirnova', 'Дубль', 'deputy')).toThrow(/UNIQUE/); // logins ignore case
    expect(() => insertOp.run('ivanov', 'Иванов', 'admin')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('x', 'not json')").run()).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(`INSERT INTO audit_log (id, at, operator_id, action, details, prev_hash, hash) VALUES (1, 't', 999, 'a', '{}', 'p', 'h')`)
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('makes the audit log append-only', () => {
    const db = dbAtVersion(1);
    db.prepare(`INSERT INTO audit_log (id, at, action, details, prev_hash, hash) VALUES (1, 't', 'a', '{}', 'p', 'h')`).run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'b'").run()).toThrow('audit_log is append-only');
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('audit_log is append-only');
    expect(db.prepare('SELECT action FROM audit_log').get()).toEqual({ action: 'a' });
  });
});
