import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../../../support/portal.ts';
import { portalDbAt, type VersionedDb } from '../../../support/portal-migrations.ts';

const count = async (v: VersionedDb, table: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(v.opened.db)).rows[0]!.n;

describe.each(ENGINES)('portal migration 0006 (audit anchor) on %s', (engine) => {
  let v: VersionedDb | null = null;
  afterEach(async () => {
    await v?.close();
    v = null;
  });

  it('adds the journal head per school and its evidence beside a paired school, both gone with the school', async () => {
    v = await portalDbAt(engine, 5);
    const db = v.opened.db;
    await sql`INSERT INTO schools (name, address, host, prefix, landing, created_at)
              VALUES ('Школа', 'https://a.test/hello', 'a.test', '', 'hello', now())`.execute(db);
    const school = (await sql<{ id: number }>`SELECT id FROM schools`.execute(db)).rows[0]!.id;
    const device = '2f1c3b1e-0000-4000-8000-00000000000a';
    await sql`INSERT INTO sync_pairings (school_id, secret_hash, device_id, last_seq, last_chain, generation, paired_at)
              VALUES (${school}, 'h', ${device}, 3, ${'c'.repeat(64)}, gen_random_uuid(), now())`.execute(db);

    await v.migrateTo(6);
    const hash = 'a'.repeat(64);
    await sql`INSERT INTO audit_anchors (school_id, device_id, head_id, head_hash, head_mac, received_at, confirmed_at)
              VALUES (${school}, ${device}, 120, ${hash}, ${hash}, now(), now())`.execute(db);
    // One head per school; a number is a row's, never 0.
    await expect(
      sql`INSERT INTO audit_anchors (school_id, device_id, head_id, head_hash, head_mac, received_at, confirmed_at)
          VALUES (${school}, ${device}, 121, ${hash}, ${hash}, now(), now())`.execute(db),
    ).rejects.toThrow(/duplicate|unique/i);
    await expect(sql`UPDATE audit_anchors SET head_id = 0 WHERE school_id = ${school}`.execute(db)).rejects.toThrow(/check/i);
    await sql`INSERT INTO audit_anchor_evidence (id, school_id, kind, at, device_id, head_id, head_hash, head_mac, held_since,
                sent_device_id, sent_id, sent_hash)
              VALUES (gen_random_uuid(), ${school}, 'refused', now(), ${device}, 120, ${hash}, ${hash}, now(), ${device}, 90, ${hash})`.execute(
      db,
    );
    await expect(
      sql`INSERT INTO audit_anchor_evidence (id, school_id, kind, at, device_id, head_id, head_hash, head_mac, held_since)
          VALUES (gen_random_uuid(), ${school}, 'forgotten', now(), ${device}, 1, ${hash}, ${hash}, now())`.execute(db),
    ).rejects.toThrow(/check/i);

    await sql`DELETE FROM sync_pairings`.execute(db);
    await sql`DELETE FROM schools`.execute(db);
    for (const table of ['audit_anchors', 'audit_anchor_evidence']) expect(await count(v, table), table).toBe(0);
  });
});
