import { describe, expect, it } from 'vitest';
import { assertHealthy, dbAtVersion, migrateTo } from '../../../support/migrations.ts';

const plan = (db: ReturnType<typeof dbAtVersion>, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 0011 (the outbox numbered rows in a partial unique index)', () => {
  it('keeps queued and numbered rows and the change counter; each change replaces its queued row through the unnumbered index', () => {
    const db = dbAtVersion(10);
    db.prepare("INSERT INTO classes (grade, letter, created_at) VALUES (6, 'А', 't')").run();
    db.prepare(
      `INSERT INTO people (kind, surname, name, name_key, birth_date, class_id, created_at, updated_at)
       VALUES ('student', 'Семёнов', 'Пётр', 'семенов петр', '2014-03-05', 1, 't', 't')`,
    ).run();
    db.prepare("UPDATE sync_state SET device_id = '9d2b1c3e-1111-4aaa-8bbb-000000000001', school_id = 1 WHERE id = 1").run();
    // A first snapshot's rows (numbered and not), one change numbered for a push, then the rows an
    // acknowledgement deleted: the AUTOINCREMENT counter stays ahead of the highest id kept.
    const snapshot = db.prepare("INSERT INTO sync_outbox (entity, key, snap) VALUES ('person', ?, 1)");
    for (let i = 0; i < 50; i++) snapshot.run(`k${i}`);
    db.prepare("UPDATE people SET surname = 'Семенов' WHERE id = 1").run();
    db.prepare('UPDATE sync_outbox SET seq = id WHERE id <= 10').run();
    db.prepare("INSERT INTO sync_outbox (entity, key) VALUES ('school', 'gone-1'), ('school', 'gone-2')").run();
    db.prepare("DELETE FROM sync_outbox WHERE key LIKE 'gone-%'").run();
    const rows = db.prepare('SELECT * FROM sync_outbox ORDER BY id').all();
    const counter = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'").get();
    expect(counter).toEqual({ seq: 53 });

    migrateTo(db, 11);
    assertHealthy(db);
    expect(db.prepare('SELECT * FROM sync_outbox ORDER BY id').all()).toEqual(rows);
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'").get()).toEqual(counter);

    // The triggers' «replace the queued row of this key» no longer reads every queued row through
    // seq's index (22 ms a change with a 300,000-row snapshot queued).
    expect(plan(db, "DELETE FROM sync_outbox WHERE seq IS NULL AND snap = 0 AND entity = 'person' AND key = 'x'")).toMatch(
      /USING INDEX sync_outbox_unnumbered \(entity=\? AND key=\?\)/,
    );
    expect(plan(db, 'SELECT seq FROM sync_outbox WHERE seq IS NOT NULL ORDER BY seq LIMIT 5')).toMatch(/sync_outbox_numbered/);
    expect(plan(db, 'DELETE FROM sync_outbox WHERE seq IS NOT NULL AND seq <= 5')).toMatch(/sync_outbox_numbered/);

    // The 0005 triggers still coalesce into the rebuilt outbox; a number stays unique.
    db.prepare("UPDATE people SET name = 'Петя' WHERE id = 1").run();
    db.prepare("UPDATE people SET name = 'Петр' WHERE id = 1").run();
    const person = db.prepare("SELECT id, seq FROM sync_outbox WHERE entity = 'person' AND snap = 0 ORDER BY id").all();
    expect(person).toEqual([{ id: 55, seq: null }]);
    expect(() => db.prepare('UPDATE sync_outbox SET seq = 1 WHERE id = 11').run()).toThrow(/UNIQUE/);
    expect(() => db.prepare('UPDATE sync_outbox SET seq = 0 WHERE id = 11').run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO sync_outbox (entity, key) VALUES ('nothing', 'x')").run()).toThrow(/CHECK/);
  });
});
