import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../../../support/portal.ts';
import { portalDbAt, type VersionedDb } from '../../../support/portal-migrations.ts';

describe.each(ENGINES)('portal migration 0007 (desk requests) on %s', (engine) => {
  let v: VersionedDb | null = null;
  afterEach(async () => {
    await v?.close();
    v = null;
  });

  it('keeps the accounts of version 6; a slip’s token is unique; removing an account removes its requests', async () => {
    v = await portalDbAt(engine, 6);
    const db = v.opened.db;
    await sql`INSERT INTO schools (name, address, host, prefix, landing, created_at)
              VALUES ('Школа', 'https://a.test/hello', 'a.test', '', 'hello', now())`.execute(db);
    const school = (await sql<{ id: number }>`SELECT id FROM schools`.execute(db)).rows[0]!.id;
    const account = '2f1c3b1e-0000-4000-8000-000000000009';
    await sql`INSERT INTO accounts (id, school_id, person_uid, login, kind, password_hash, registered_at, password_changed_at)
              VALUES (${account}, ${school}, gen_random_uuid(), 'ivanova', 'parent', 'x', now(), now())`.execute(db);
    await v.migrateTo(7);

    expect((await sql<{ login: string }>`SELECT login FROM accounts`.execute(db)).rows).toEqual([{ login: 'ivanova' }]);
    const add = (uid: string, token: string) =>
      sql`INSERT INTO desk_requests (school_id, uid, action, account_id, token_hash, code_hash, received_at, expires_at, outcome)
          VALUES (${school}, ${uid}::uuid, 'reset', ${account}, ${token}, ${'c'.repeat(64)}, now(), now(), 'done')`.execute(db);
    await add('9d2b1c3e-1111-4aaa-8bbb-000000000001', 'a'.repeat(64));
    await expect(add('9d2b1c3e-1111-4aaa-8bbb-000000000002', 'a'.repeat(64))).rejects.toThrow();
    await sql`DELETE FROM accounts`.execute(db);
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM desk_requests`.execute(db)).rows[0]!.n)).toBe(0);
  });
});
