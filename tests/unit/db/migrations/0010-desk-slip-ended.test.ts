import { describe, expect, it } from 'vitest';
import { assertHealthy, dbAtVersion, migrateTo } from '../../../support/migrations.ts';

describe('migration 0010 (a desk slip ended by a password change)', () => {
  it('adds ended_at to desk requests, empty for those there, and leaves them and the outbox as they were', () => {
    const db = dbAtVersion(9);
    db.prepare("INSERT INTO classes (grade, letter, created_at) VALUES (6, 'А', 't')").run();
    db.prepare(
      `INSERT INTO people (kind, surname, name, name_key, birth_date, class_id, created_at, updated_at)
       VALUES ('guardian', 'Семёнова', 'Анна', 'семенова анна', NULL, NULL, 't', 't')`,
    ).run();
    db.prepare("UPDATE sync_state SET device_id = '9d2b1c3e-1111-4aaa-8bbb-000000000001', school_id = 1 WHERE id = 1").run();
    db.prepare(
      `INSERT INTO desk_requests (action, person_id, account_uid, reason, document_checked, created_at, token_hash, code_hash, not_after,
         state, outcome_at, expires_at)
       VALUES ('reset', 1, '2f1c3b1e-0000-4000-8000-000000000001', 'забыла пароль', 1, '2026-09-01T10:00:00.000Z', 'th', 'ch',
         '2026-09-02T10:00:00.000Z', 'done', '2026-09-01T10:01:00.000Z', '2026-09-02T10:00:00.000Z')`,
    ).run();
    const before = db.prepare('SELECT * FROM desk_requests').all();
    const outbox = db.prepare('SELECT * FROM sync_outbox ORDER BY id').all();

    migrateTo(db, 10);
    assertHealthy(db);
    const after = db.prepare('SELECT * FROM desk_requests').all() as Record<string, unknown>[];
    expect(after.map(({ ended_at: _ended, ...rest }) => rest)).toEqual(before);
    expect(after.map((r) => r.ended_at)).toEqual([null]);
    expect(db.prepare('SELECT * FROM sync_outbox ORDER BY id').all()).toEqual(outbox);
    db.prepare("UPDATE desk_requests SET ended_at = '2026-09-01T12:00:00.000Z'").run();
    // Setting it is no new request: nothing more goes up.
    expect(db.prepare('SELECT * FROM sync_outbox ORDER BY id').all()).toEqual(outbox);
  });
});
