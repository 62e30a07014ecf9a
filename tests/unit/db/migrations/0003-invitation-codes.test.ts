import { describe, expect, it } from 'vitest';
import { assertHealthy, dbAtVersion, migrateTo } from '../../../support/migrations.ts';

describe('migration 0003 (invitation codes)', () => {
  it('keeps the roster of version 2 and adds the codes table', () => {
    const db = dbAtVersion(2);
    db.prepare("INSERT INTO classes (grade, letter, created_at) VALUES (6, 'А', 't')").run();
    db.prepare(
      `INSERT INTO people (kind, surname, name, name_key, birth_date, class_id, created_at, updated_at)
       VALUES ('student', 'Семёнов', 'Пётр', 'семенов петр', '2014-03-05', 1, 't', 't')`,
    ).run();
    db.prepare(
      `INSERT INTO people (kind, surname, name, name_key, phone, created_at, updated_at)
       VALUES ('guardian', 'Семёнова', 'Анна', 'семенова анна', '+79021702876', 't', 't')`,
    ).run();
    db.prepare("INSERT INTO guardianships (guardian_id, student_id, relation, created_at) VALUES (2, 1, 'mother', 't')").run();
    migrateTo(db, 3);
    expect(db.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 2 });
    expect(db.prepare('SELECT relation FROM guardianships').get()).toEqual({ relation: 'mother' });

    const code = db.prepare(
      `INSERT INTO invitation_codes (code, kind, student_id, guardian_id, state, valid_until, issued_at, revoked_at)
       VALUES (?, ?, 1, ?, ?, '2027-08-31', 't', ?)`,
    );
    code.run('abcdefghjk', 'student', null, 'active', null);
    code.run('bcdefghjkm', 'parent', 2, 'active', null);
    code.run('cdefghjkmn', 'parent', null, 'active', null); // the stand-in parent code: another target
    // one live code per target
    expect(() => code.run('defghjkmnp', 'student', null, 'printed', null)).toThrow(/UNIQUE/);
    code.run('defghjkmnp', 'student', null, 'revoked', 't');
    // unique codes, clean lower case, a student code has no guardian, revoked ⇔ revoked_at
    expect(() => code.run('abcdefghjk', 'parent', 2, 'revoked', 't')).toThrow(/UNIQUE/);
    expect(() => code.run('ABCDEFGHJK', 'parent', 2, 'revoked', 't')).toThrow(/CHECK/);
    expect(() => code.run('efghjkmnpq', 'student', 2, 'revoked', 't')).toThrow(/CHECK/);
    expect(() => code.run('efghjkmnpq', 'parent', 2, 'revoked', null)).toThrow(/CHECK/);
    expect(() => code.run('efghjkmnpq', 'parent', 99, 'revoked', 't')).toThrow(/FOREIGN KEY/);
    assertHealthy(db);
  });
});
