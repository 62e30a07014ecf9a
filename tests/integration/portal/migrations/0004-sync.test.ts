import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../../../support/portal.ts';
import { portalDbAt, type VersionedDb } from '../../../support/portal-migrations.ts';

describe.each(ENGINES)('portal migration 0004 (sync) on %s', (engine) => {
  let v: VersionedDb | null = null;
  afterEach(async () => {
    await v?.close();
    v = null;
  });

  it('keeps the roster of version 2, leaves its rows unmarked, and pairs one office per school', async () => {
    v = await portalDbAt(engine, 2);
    const db = v.opened.db;
    await sql`INSERT INTO schools (name, address, host, prefix, landing, created_at)
              VALUES ('Школа', 'https://a.test/hello', 'a.test', '', 'hello', now())`.execute(db);
    const school = (await sql<{ id: number }>`SELECT id FROM schools`.execute(db)).rows[0]!.id;
    const student = '2f1c3b1e-0000-4000-8000-000000000001';
    await sql`INSERT INTO roster_people (school_id, uid, kind, surname, name, birth_date, class_uid, updated_at)
              VALUES (${school}, ${student}, 'student', 'Иванов', 'Иван', '2013-08-10', ${student}, now())`.execute(db);
    await v.migrateTo(4);

    const person = await sql<{ surname: string; office_mark: string | null }>`SELECT surname, office_mark FROM roster_people`.execute(db);
    expect(person.rows).toEqual([{ surname: 'Иванов', office_mark: null }]);

    const device = '9d2b1c3e-1111-4aaa-8bbb-000000000001';
    const pair = (hash: string) => sql`INSERT INTO sync_pairings (school_id, secret_hash, device_id, last_chain, generation, paired_at)
      VALUES (${school}, ${hash}, ${device}, ${'0'.repeat(64)}, gen_random_uuid(), now())`;
    await pair('a'.repeat(64)).execute(db);
    const row = await sql<{ last_seq: number }>`SELECT last_seq FROM sync_pairings`.execute(db);
    expect(row.rows[0]!.last_seq).toBe(0);
    await expect(pair('b'.repeat(64)).execute(db)).rejects.toThrow(); // one office per school
    await sql`INSERT INTO sync_devices (school_id, device_id, created_at) VALUES (${school}, ${device}, now())`.execute(db);

    // Removing the school removes its pairing and devices.
    await sql`DELETE FROM schools`.execute(db);
    const left = await sql<{ n: number }>`SELECT (SELECT count(*) FROM sync_pairings) + (SELECT count(*) FROM sync_devices) AS n`.execute(
      db,
    );
    expect(Number(left.rows[0]!.n)).toBe(0);
  });
});
