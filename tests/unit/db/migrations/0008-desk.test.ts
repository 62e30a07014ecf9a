import { describe, expect, it } from 'vitest';
import { assertHealthy, dbAtVersion, migrateTo } from '../../../support/migrations.ts';

describe('migration 0008 (desk requests)', () => {
  it('keeps the queued outbox rows and the sync triggers working, and queues desk requests of a paired database', () => {
    const db = dbAtVersion(7);
    db.prepare("INSERT INTO classes (grade, letter, created_at) VALUES (6, 'А', 't')").run();
    db.prepare(
      `INSERT INTO people (kind, surname, name, name_key, birth_date, class_id, created_at, updated_at)
       VALUES ('student', 'Семёнов', 'Пётр', 'семенов петр', '2014-03-05', 1, 't', 't')`,
    ).run();
    db.prepare("UPDATE sync_state SET device_id = '9d2b1c3e-1111-4aaa-8bbb-000000000001', school_id = 1 WHERE id = 1").run();
    db.prepare("UPDATE people SET surname = 'Семенов' WHERE id = 1").run();
    db.prepare('UPDATE sync_outbox SET seq = 1').run();
    const before = db.prepare('SELECT id, entity, key, seq FROM sync_outbox ORDER BY id').all();
    expect(before).toHaveLength(1);

    migrateTo(db, 8);
    assertHealthy(db);
    expect(db.prepare('SELECT id, entity, key, seq FROM sync_outbox ORDER BY id').all()).toEqual(before);
    // The 0005 triggers still write to the rebuilt outbox.
    db.prepare("UPDATE people SET name = 'Петя' WHERE id = 1").run();
    expect(db.prepare("SELECT count(*) AS n FROM sync_outbox WHERE entity = 'person'").get()).toEqual({ n: 2 });

    db.prepare(
      `INSERT INTO desk_requests (action, person_id, account_uid, reason, document_checked, created_at)
       VALUES ('lock', 1, '2f1c3b1e-0000-4000-8000-000000000001', 'утерян телефон', 1, 't')`,
    ).run();
    const desk = db.prepare("SELECT key FROM sync_outbox WHERE entity = 'desk'").get() as { key: string };
    expect(desk.key).toBe((db.prepare('SELECT uid FROM desk_requests').get() as { uid: string }).uid);
    // A reset must carry its hashes and its limit; a contacts request a new contact.
    expect(() =>
      db
        .prepare(
          `INSERT INTO desk_requests (action, person_id, account_uid, reason, document_checked, created_at)
           VALUES ('reset', 1, '2f1c3b1e-0000-4000-8000-000000000001', 'забыл пароль', 1, 't')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.prepare('SELECT mailed_at FROM invitation_codes WHERE 0').all()).toEqual([]);
  });
});
