import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../../../support/portal.ts';
import { portalDbAt, type VersionedDb } from '../../../support/portal-migrations.ts';

const count = async (v: VersionedDb, table: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(v.opened.db)).rows[0]!.n;

describe.each(ENGINES)('portal migration 0003 (accounts) on %s', (engine) => {
  let v: VersionedDb | null = null;
  afterEach(async () => {
    await v?.close();
    v = null;
  });

  it('keeps the roster of version 2 and hangs accounts, sessions and tokens on its schools', async () => {
    v = await portalDbAt(engine, 2);
    const db = v.opened.db;
    await sql`INSERT INTO schools (name, address, host, prefix, landing, created_at)
              VALUES ('Школа', 'https://a.test/hello', 'a.test', '', 'hello', now())`.execute(db);
    const school = (await sql<{ id: number }>`SELECT id FROM schools`.execute(db)).rows[0]!.id;
    const student = '2f1c3b1e-0000-4000-8000-000000000001';
    const code = '2f1c3b1e-0000-4000-8000-000000000002';
    await sql`INSERT INTO roster_people (school_id, uid, kind, surname, name, birth_date, class_uid, updated_at)
              VALUES (${school}, ${student}, 'student', 'Иванова', 'Мария', '2014-03-15', ${student}, now())`.execute(db);
    await sql`INSERT INTO invitation_codes (school_id, uid, code_hash, kind, student_uid, valid_until, state)
              VALUES (${school}, ${code}, 'h', 'student', ${student}, '2027-08-31', 'issued')`.execute(db);

    await v.migrateTo(3);
    expect(await count(v, 'invitation_codes')).toBe(1);
    const account = '2f1c3b1e-0000-4000-8000-00000000000a';
    const insertAccount = (id: string, login: string, person: string) =>
      sql`INSERT INTO accounts (id, school_id, person_uid, login, kind, password_hash, registered_at, password_changed_at)
          VALUES (${id}, ${school}, ${person}, ${login}, 'student', '$argon2id$x', now(), now())`.execute(db);
    await insertAccount(account, 'ivanova.maria', student);
    // A login is stored in lower case and taken once on the whole portal; a person has one account.
    await expect(insertAccount('2f1c3b1e-0000-4000-8000-00000000000b', 'Ivanova.Maria', student)).rejects.toThrow(/check/i);
    await expect(insertAccount('2f1c3b1e-0000-4000-8000-00000000000b', 'ivanova.maria', code)).rejects.toThrow(/accounts_login/);
    await expect(insertAccount('2f1c3b1e-0000-4000-8000-00000000000b', 'other.login', student)).rejects.toThrow(/accounts_person/);
    // A confirmed email needs an email.
    await expect(sql`UPDATE accounts SET email_confirmed_at = now()`.execute(db)).rejects.toThrow(/check/i);

    await sql`INSERT INTO sessions (id, token_hash, account_id, created_at, last_seen_at, expires_at, network)
              VALUES (gen_random_uuid(), 'h1', ${account}, now(), now(), now() + interval '1 day', 'ip:10.0.0.1')`.execute(db);
    await sql`INSERT INTO tokens (token_hash, purpose, account_id, subject, created_at, expires_at)
              VALUES ('t1', 'confirm_email', ${account}, 'a@b.ru', now(), now() + interval '1 day')`.execute(db);
    await expect(
      sql`INSERT INTO tokens (token_hash, purpose, account_id, created_at, expires_at)
          VALUES ('t2', 'anything', ${account}, now(), now())`.execute(db),
    ).rejects.toThrow(/check/i);
    await sql`INSERT INTO account_children (account_id, student_uid, code_uid, linked_at)
              VALUES (${account}, ${student}, ${code}, now())`.execute(db);

    // Removing the school removes everything the portal holds about it.
    await sql`DELETE FROM schools`.execute(db);
    for (const table of ['accounts', 'account_children', 'sessions', 'tokens', 'roster_people'])
      expect(await count(v, table), table).toBe(0);
  });
});
