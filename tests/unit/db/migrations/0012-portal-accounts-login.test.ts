import { describe, expect, it } from 'vitest';
import { assertHealthy, dbAtVersion, migrateTo } from '../../../support/migrations.ts';

describe('migration 0012 (portal accounts by login)', () => {
  it('indexes the accounts there by login and leaves them and the outbox as they were', () => {
    const db = dbAtVersion(11);
    const account = db.prepare(
      `INSERT INTO portal_accounts (uid, person_uid, login, kind, email_confirmed, phone_confirmed, registered_at, disabled, cursor)
       VALUES (?, ?, ?, 'parent', 1, 0, '2026-09-01T10:00:00.000Z', ?, 3)`,
    );
    account.run('a1', 'p1', 'mamontova', 0);
    account.run('a2', 'p2', 'mamontova', 1);
    account.run('a3', 'p3', 'ivanov.k', 0);
    const before = db.prepare('SELECT * FROM portal_accounts ORDER BY uid').all();
    const outbox = db.prepare('SELECT * FROM sync_outbox ORDER BY id').all();

    migrateTo(db, 12);
    assertHealthy(db);
    expect(db.prepare('SELECT * FROM portal_accounts ORDER BY uid').all()).toEqual(before);
    expect(db.prepare('SELECT * FROM sync_outbox ORDER BY id').all()).toEqual(outbox);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT uid FROM portal_accounts WHERE login = 'mamontova'").all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join()).toMatch(/portal_accounts_login/);
    // Not unique: a login's old account (disabled) and its new one may both be mirrored.
    expect(db.prepare("SELECT count(*) AS n FROM portal_accounts WHERE login = 'mamontova'").get()).toEqual({ n: 2 });
  });
});
