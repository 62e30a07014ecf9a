import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../../../support/portal.ts';
import { portalDbAt, type VersionedDb } from '../../../support/portal-migrations.ts';

describe.each(ENGINES)('portal migration 0002 (roster) on %s', (engine) => {
  let v: VersionedDb | null = null;
  afterEach(async () => {
    await v?.close();
    v = null;
  });

  it('keeps the schools of version 1 and hangs the roster on them (removed with their school)', async () => {
    v = await portalDbAt(engine, 1);
    const db = v.opened.db;
    await sql`INSERT INTO schools (name, address, host, prefix, landing, created_at)
              VALUES ('Школа', 'https://a.test/hello', 'a.test', '', 'hello', now())`.execute(db);
    await v.migrateTo(2);
    const school = (await sql<{ id: number }>`SELECT id FROM schools`.execute(db)).rows[0]!.id;
    const student = '2f1c3b1e-0000-4000-8000-000000000001';
    await sql`INSERT INTO roster_people (school_id, uid, kind, surname, name, birth_date, class_uid, updated_at)
              VALUES (${school}, ${student}, 'student', 'Иванов', 'Иван', '2013-08-10', ${student}, now())`.execute(db);
    await sql`INSERT INTO invitation_codes (school_id, uid, code_hash, kind, student_uid, valid_until, state)
              VALUES (${school}, ${student}, 'h', 'student', ${student}, '2027-08-31', 'issued')`.execute(db);
    const read = await db.selectFrom('roster_people').select(['birth_date']).executeTakeFirstOrThrow();
    expect(read.birth_date).toBe('2013-08-10'); // a date stays a date, whatever the time zone
    await expect(
      sql`INSERT INTO invitation_codes (school_id, uid, code_hash, kind, student_uid, valid_until, state)
          VALUES (${school}, gen_random_uuid(), 'h', 'student', ${student}, '2027-08-31', 'issued')`.execute(db),
    ).rejects.toThrow(); // one school never holds the same code twice
    await sql`DELETE FROM schools`.execute(db);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM roster_people`.execute(db)).rows[0]!.n).toBe(0);
  });
});
