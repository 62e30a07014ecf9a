// Migrations run under a PostgreSQL advisory lock held on one connection, so several portal processes
// starting at once against one database migrate it once; each migration commits together with its row
// in portal_migrations.
import { sql } from 'kysely';
import type { AnyDb } from './migrations/types.ts';
import { MIGRATIONS, type PortalMigration } from './migrations/index.ts';
import type { Clock } from '../../src-node/clock.ts';

/** Any fixed number: the key of the advisory lock all portal processes take to migrate. */
const MIGRATION_LOCK = 0x4b555241; // "KURA"

export class PortalDbTooNewError extends Error {
  readonly found: number;
  readonly known: number;
  constructor(found: number, known: number) {
    super(`The portal database is at schema version ${found}; this portal knows up to ${known}. Upgrade the portal.`);
    this.name = 'PortalDbTooNewError';
    this.found = found;
    this.known = known;
  }
}

export async function schemaVersion(db: AnyDb): Promise<number> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('portal_migrations')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return 0;
  const r = await sql<{ v: number | null }>`SELECT max(version) AS v FROM portal_migrations`.execute(db);
  return r.rows[0]?.v ?? 0;
}

/** Applies what is pending; returns how many were applied. */
export async function migrate(db: AnyDb, clock: Clock, migrations: readonly PortalMigration[] = MIGRATIONS): Promise<number> {
  // Versions only increase; a gap is allowed while parallel branches each add their numbered file
  // (DEVELOPERS.md: coordination) — a database records the highest version applied.
  migrations.forEach((m, i) => {
    if (m.version <= (migrations[i - 1]?.version ?? 0)) throw new Error(`Portal migration #${i + 1} declares version ${m.version}`);
  });
  const known = migrations.at(-1)?.version ?? 0;
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`
        CREATE TABLE IF NOT EXISTS portal_migrations (
          version    integer PRIMARY KEY,
          name       text NOT NULL,
          applied_at timestamptz NOT NULL
        )`.execute(conn);
      const from = await schemaVersion(conn);
      if (from > known) throw new PortalDbTooNewError(from, known);
      const pending = migrations.filter((m) => m.version > from);
      for (const m of pending) {
        await conn.transaction().execute(async (trx) => {
          await m.up(trx);
          await sql`INSERT INTO portal_migrations (version, name, applied_at) VALUES (${m.version}, ${m.name}, ${clock.now()})`.execute(
            trx,
          );
        });
      }
      return pending.length;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
