import { describe, expect, it } from 'vitest';
import { assertHealthy, dbAtVersion, migrateTo, tableNames } from '../../../support/migrations.ts';

const ACCOUNT = '9d2b1c3e-1111-4aaa-8bbb-000000000001';

describe('migration 0007 (recovery events)', () => {
  it('adds the table beside a synced school and keeps what was pulled before', () => {
    const db = dbAtVersion(6);
    db.prepare("INSERT INTO classes (grade, letter, created_at) VALUES (6, 'А', 't')").run();
    db.prepare(
      `INSERT INTO people (kind, surname, name, name_key, birth_date, class_id, created_at, updated_at)
       VALUES ('student', 'Семёнов', 'Пётр', 'семенов петр', '2014-03-05', 1, 't', 't')`,
    ).run();
    const person = (db.prepare('SELECT uid FROM people').get() as { uid: string }).uid;
    db.prepare(
      `INSERT INTO portal_accounts (uid, person_uid, login, kind, email_confirmed, phone_confirmed, registered_at, disabled, cursor)
       VALUES (?, ?, 'petr', 'student', 1, 0, '2026-09-01T10:00:00.000Z', 0, 7)`,
    ).run(ACCOUNT, person);
    db.prepare('UPDATE sync_state SET pull_cursor = 7').run();

    migrateTo(db, 7);
    expect(tableNames(db)).toContain('portal_recovery_events');
    expect(db.prepare('SELECT login, cursor FROM portal_accounts').get()).toEqual({ login: 'petr', cursor: 7 });
    expect(db.prepare('SELECT pull_cursor AS c FROM sync_state').get()).toEqual({ c: 7 });

    const add = db.prepare(
      `INSERT INTO portal_recovery_events (uid, account_uid, login, at, action, channel, outcome, network, cursor)
       VALUES (?, ?, 'petr', '2026-09-12T07:41:00.000Z', 'sms_code', ?, 'sent', 'ip:203.0.113.7', 8)`,
    );
    add.run('e1', ACCOUNT, 'sms');
    expect(() => add.run('e1', ACCOUNT, 'sms')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add.run('e2', ACCOUNT, 'fax')).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM portal_recovery_events').get()).toEqual({ n: 1 });
    assertHealthy(db);
  });
});
