import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../../../support/portal.ts';
import { portalDbAt, type VersionedDb } from '../../../support/portal-migrations.ts';

const count = async (v: VersionedDb, table: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(v.opened.db)).rows[0]!.n;

describe.each(ENGINES)('portal migration 0005 (recovery) on %s', (engine) => {
  let v: VersionedDb | null = null;
  afterEach(async () => {
    await v?.close();
    v = null;
  });

  it('keeps queued mail (as mail), and hangs codes and recovery events on accounts', async () => {
    v = await portalDbAt(engine, 4);
    const db = v.opened.db;
    await sql`INSERT INTO schools (name, address, host, prefix, landing, created_at)
              VALUES ('Школа', 'https://a.test/hello', 'a.test', '', 'hello', now())`.execute(db);
    const school = (await sql<{ id: number }>`SELECT id FROM schools`.execute(db)).rows[0]!.id;
    const account = '2f1c3b1e-0000-4000-8000-00000000000a';
    await sql`INSERT INTO accounts (id, school_id, person_uid, login, kind, password_hash, registered_at, password_changed_at)
              VALUES (${account}, ${school}, gen_random_uuid(), 'ivanova.maria', 'student', '$argon2id$x', now(), now())`.execute(db);
    await sql`INSERT INTO mail_outbox (id, school_id, kind, to_address, body, created_at, next_attempt_at)
              VALUES (gen_random_uuid(), ${school}, 'confirm_email', 'a@b.ru', 'sealed', now(), now())`.execute(db);

    await v.migrateTo(5);
    expect((await sql<{ channel: string }>`SELECT channel FROM mail_outbox`.execute(db)).rows).toEqual([{ channel: 'mail' }]);
    await expect(
      sql`INSERT INTO mail_outbox (id, school_id, kind, channel, to_address, body, created_at, next_attempt_at)
          VALUES (gen_random_uuid(), ${school}, 'x', 'pigeon', 'a', 'b', now(), now())`.execute(db),
    ).rejects.toThrow(/check/i);
    await sql`INSERT INTO sms_codes (id, account_id, purpose, phone, code_hash, created_at, expires_at)
              VALUES (gen_random_uuid(), ${account}, 'reset_password', '+79021702876', 'h', now(), now())`.execute(db);
    await expect(
      sql`INSERT INTO sms_codes (id, account_id, purpose, phone, code_hash, created_at, expires_at)
          VALUES (gen_random_uuid(), ${account}, 'anything', '+7', 'h', now(), now())`.execute(db),
    ).rejects.toThrow(/check/i);
    await sql`INSERT INTO recovery_events (id, school_id, account_id, at, action, channel, outcome, network)
              VALUES (gen_random_uuid(), ${school}, ${account}, now(), 'reset_link', 'email', 'sent', 'ip:10.0.0.1')`.execute(db);
    await sql`INSERT INTO captchas (id, form, answer_hash, created_at, expires_at)
              VALUES (gen_random_uuid(), 'recover_login', 'h', now(), now())`.execute(db);

    // Removing the school removes its accounts' codes and events.
    await sql`DELETE FROM schools`.execute(db);
    for (const table of ['sms_codes', 'recovery_events']) expect(await count(v, table), table).toBe(0);
  });
});
