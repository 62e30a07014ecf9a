import { describe, expect, it } from 'vitest';
import { assertHealthy, dbAtVersion, migrateTo, tableNames } from '../../../support/migrations.ts';

describe('migration 0002 (roster)', () => {
  it('keeps the foundation data of version 1 and adds the roster tables', () => {
    const db = dbAtVersion(1);
    db.prepare(`INSERT INTO settings (key, value) VALUES ('schoolName', '"ГБОУ Школа № 1399"')`).run();
    db.prepare(
      `INSERT INTO operators (login, full_name, role, password_hash, created_at, updated_at, password_changed_at)
       VALUES ('smirnova', 'Смирнова О. П.', 'curator', 'scrypt$x', 't', 't', 't')`,
    ).run();
    db.prepare(
      `INSERT INTO audit_log (id, at, operator_id, action, details, prev_hash, hash) VALUES (1, 't', 1, 'a', '{}', 'p', 'h')`,
    ).run();
    migrateTo(db, 2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['classes', 'guardianships', 'imports', 'people', 'roster_meta', 'operators', 'settings', 'audit_log']),
    );
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '"ГБОУ Школа № 1399"' });
    expect(db.prepare('SELECT login FROM operators').get()).toEqual({ login: 'smirnova' });
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT version FROM roster_meta').get()).toEqual({ version: 0 });
    assertHealthy(db);
  });

  it('enforces the roster rules', () => {
    const db = dbAtVersion(2);
    db.prepare("INSERT INTO classes (grade, letter, created_at) VALUES (6, 'А', 't')").run();
    const person = db.prepare(
      `INSERT INTO people (kind, surname, name, patronymic, name_key, birth_date, class_id, phone, email, created_at, updated_at)
       VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, 't', 't')`,
    );
    person.run('student', 'Семёнов', 'Пётр', 'семенов петр', '2012-03-05', 1, null, null);
    // the same student twice (same name and birth date)
    expect(() => person.run('student', 'Семенов', 'Петр', 'семенов петр', '2012-03-05', 1, null, null)).toThrow(/UNIQUE/);
    // a student needs a class and a birth date; a parent has no class
    expect(() => person.run('student', 'Иванов', 'Иван', 'иванов иван', null, 1, null, null)).toThrow(/CHECK/);
    expect(() => person.run('guardian', 'Иванова', 'Мария', 'иванова мария', null, 1, null, null)).toThrow(/CHECK/);
    // phones are +7 and ten digits; emails are lower case
    expect(() => person.run('guardian', 'Иванова', 'Мария', 'иванова мария', null, null, '89021702876', null)).toThrow(/CHECK/);
    expect(() => person.run('guardian', 'Иванова', 'Мария', 'иванова мария', null, null, null, 'A@B.RU')).toThrow(/CHECK/);
    person.run('guardian', 'Иванова', 'Мария', 'иванова мария', null, null, '+79021702876', 'a@b.ru');
    expect(() => db.prepare("INSERT INTO classes (grade, letter, created_at) VALUES (12, 'А', 't')").run()).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO guardianships (guardian_id, student_id, relation, created_at) VALUES (2, 1, 'aunt', 't')").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO guardianships (guardian_id, student_id, relation, created_at) VALUES (99, 1, 'mother', 't')").run(),
    ).toThrow(/FOREIGN KEY/);
    assertHealthy(db);
  });
});
