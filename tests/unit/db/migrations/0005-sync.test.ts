import { describe, expect, it } from 'vitest';
import { assertHealthy, dbAtVersion, migrateTo } from '../../../support/migrations.ts';
import type { Db } from '../../../../src-main/core/db/database.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A school at version 4: a class, a student with a mother, a teacher, and codes in every state. */
function seededAt4(): Db {
  const db = dbAtVersion(4);
  db.prepare("INSERT INTO classes (grade, letter, created_at) VALUES (6, 'А', 't')").run();
  const person = db.prepare(
    `INSERT INTO people (kind, surname, name, name_key, birth_date, class_id, phone, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 't', 't')`,
  );
  person.run('student', 'Семёнов', 'Пётр', 'семенов петр', '2014-03-05', 1, null);
  person.run('guardian', 'Семёнова', 'Анна', 'семенова анна', null, null, '+79021702876');
  person.run('staff', 'Учитель', 'Мария', 'учитель мария', null, null, null);
  db.prepare('UPDATE classes SET teacher_id = 3').run();
  db.prepare("INSERT INTO guardianships (guardian_id, student_id, relation, created_at) VALUES (2, 1, 'mother', 't')").run();
  const code = db.prepare(
    `INSERT INTO invitation_codes (code, kind, student_id, guardian_id, state, valid_until, issued_at, revoked_at, redeemed_at)
     VALUES (?, ?, 1, ?, ?, '2027-08-31', 't0', ?, ?)`,
  );
  code.run('abcdefghjk', 'student', null, 'printed', null, null);
  code.run('bcdefghjkm', 'parent', 2, 'revoked', 't1', null);
  code.run('cdefghjkmn', 'parent', 2, 'redeemed', null, null); // no redemption time on file before sync existed
  return db;
}

const uids = (db: Db, table: string) => (db.prepare(`SELECT uid FROM ${table} ORDER BY id`).all() as { uid: string }[]).map((r) => r.uid);

describe('migration 0005 (sync)', () => {
  it('gives every existing class, person and code a uid and keeps everything else', () => {
    const db = seededAt4();
    migrateTo(db, 5);
    for (const table of ['classes', 'people', 'invitation_codes']) {
      const list = uids(db, table);
      expect(list.length).toBeGreaterThan(0);
      for (const u of list) expect(u).toMatch(UUID);
      expect(new Set(list).size).toBe(list.length);
    }
    expect(db.prepare('SELECT grade, letter, teacher_id AS t FROM classes').get()).toEqual({ grade: 6, letter: 'А', t: 3 });
    expect(db.prepare('SELECT surname, class_id AS c, phone FROM people ORDER BY id').all()).toEqual([
      { surname: 'Семёнов', c: 1, phone: null },
      { surname: 'Семёнова', c: null, phone: '+79021702876' },
      { surname: 'Учитель', c: null, phone: null },
    ]);
    expect(db.prepare('SELECT code, state, revoked_at AS r, redeemed_at AS d FROM invitation_codes ORDER BY id').all()).toEqual([
      { code: 'abcdefghjk', state: 'printed', r: null, d: null },
      { code: 'bcdefghjkm', state: 'revoked', r: 't1', d: null },
      { code: 'cdefghjkmn', state: 'redeemed', r: null, d: 't0' },
    ]);
    expect(db.prepare('SELECT relation FROM guardianships').get()).toEqual({ relation: 'mother' });
    // The rebuilt tables keep their indexes and constraints.
    expect(() => db.prepare("UPDATE invitation_codes SET state = 'active' WHERE id = 2").run()).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO people (kind, surname, name, name_key, birth_date, class_id, created_at, updated_at)
           VALUES ('student', 'Семенов', 'Петр', 'семенов петр', '2014-03-05', 1, 't', 't')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare('UPDATE people SET class_id = 99 WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT * FROM sync_state').get()).toMatchObject({ device_id: null, next_seq: 1, acked_seq: 0, pull_cursor: 0 });
    assertHealthy(db);
  });

  it('makes a uid for new rows by itself', () => {
    const db = seededAt4();
    migrateTo(db, 5);
    db.prepare("INSERT INTO classes (grade, letter, created_at) VALUES (7, 'Б', 't')").run();
    const [, second] = uids(db, 'classes');
    expect(second).toMatch(UUID);
  });

  it('records nothing until the database is a device, then every synced change in the same transaction', () => {
    const db = seededAt4();
    migrateTo(db, 5);
    const outbox = () => db.prepare('SELECT entity, key, gone, seq FROM sync_outbox ORDER BY id').all() as Record<string, unknown>[];
    db.prepare("UPDATE people SET surname = 'Петров' WHERE id = 1").run();
    expect(outbox()).toEqual([]);

    db.prepare("UPDATE sync_state SET device_id = '9d2b1c3e-1111-4aaa-8bbb-000000000001'").run();
    const [student, guardian, teacher] = uids(db, 'people') as [string, string, string];
    db.prepare("UPDATE people SET surname = 'Иванов' WHERE id = 1").run();
    db.prepare("UPDATE people SET phone = '+79990000000', updated_at = 'x' WHERE id = 2").run(); // phones stay in the office
    db.prepare("UPDATE people SET surname = 'Другой' WHERE id = 3").run(); // staff is not synced
    expect(teacher).toBeDefined();
    expect(outbox()).toEqual([{ entity: 'person', key: student, gone: null, seq: null }]);

    // Coalesced while not numbered: one row per key, moved to the end.
    db.prepare("INSERT INTO settings (key, value) VALUES ('schoolName', '\"Школа\"')").run();
    db.prepare("UPDATE people SET name = 'Иван' WHERE id = 1").run();
    expect(outbox().map((r) => r.entity)).toEqual(['school', 'person']);
    // A numbered row is never touched: a change after it is a new row.
    db.prepare("UPDATE sync_outbox SET seq = 1 WHERE entity = 'person'").run();
    db.prepare("UPDATE people SET name = 'Ваня' WHERE id = 1").run();
    expect(outbox().map((r) => [r.entity, r.seq])).toEqual([
      ['school', null],
      ['person', 1],
      ['person', null],
    ]);

    // Printing does not concern the portal; revoking does.
    const [studentCode] = uids(db, 'invitation_codes') as [string];
    db.prepare('DELETE FROM sync_outbox').run();
    db.prepare("UPDATE invitation_codes SET state = 'printed', print_count = 2 WHERE id = 1").run();
    expect(outbox()).toEqual([]);
    db.prepare("UPDATE invitation_codes SET state = 'revoked', revoked_at = 't', revoke_reason = 'потерял' WHERE id = 1").run();
    expect(outbox()).toEqual([{ entity: 'code', key: studentCode, gone: null, seq: null }]);

    // Unlinking: the key names both people, and the row says what the link was.
    db.prepare('DELETE FROM sync_outbox').run();
    db.prepare('DELETE FROM guardianships').run();
    expect(outbox()).toEqual([{ entity: 'link', key: `${guardian}/${student}`, gone: '{"relation":"mother"}', seq: null }]);
    assertHealthy(db);
  });

  it('rolls the outbox back with the change', () => {
    const db = seededAt4();
    migrateTo(db, 5);
    db.prepare("UPDATE sync_state SET device_id = '9d2b1c3e-1111-4aaa-8bbb-000000000001'").run();
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE people SET surname = 'Иванов' WHERE id = 1").run();
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(db.prepare('SELECT count(*) AS n FROM sync_outbox').get()).toEqual({ n: 0 });
  });
});
