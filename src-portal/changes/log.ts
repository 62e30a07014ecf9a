// The portal → office change log. A change is written in the same transaction as what it reports; its
// cursor is the next number of its school, allocated under a per-school transaction lock, so cursor
// order is commit order: an office that read up to cursor N never misses a change committed later
// with a smaller number (a bare sequence can commit out of order and be skipped by a reader).
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';

/** The first key of the two-part advisory lock that serializes a school's change log. */
const CHANGE_LOG_LOCK = 0x4b434c47; // "KCLG"

export interface Change {
  cursor: number;
  type: string;
  payload: Record<string, unknown>;
  at: string;
}

/** Appends a change inside the caller's transaction; returns its cursor. */
export async function appendChange(
  trx: Db,
  clock: Clock,
  schoolId: number,
  type: string,
  payload: Record<string, unknown>,
): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(${CHANGE_LOG_LOCK}, ${schoolId})`.execute(trx);
  const row = await sql<{ cursor: number }>`
    INSERT INTO change_log (school_id, cursor, type, payload, at)
    SELECT ${schoolId}, coalesce(max(cursor), 0) + 1, ${type}, ${JSON.stringify(payload)}::jsonb, ${clock.now()}
    FROM change_log WHERE school_id = ${schoolId}
    RETURNING cursor`.execute(trx);
  return row.rows[0]!.cursor;
}

/** Changes after `after`, oldest first, at most `limit`. */
export async function readChanges(db: Db, schoolId: number, after: number, limit: number): Promise<Change[]> {
  const rows = await db
    .selectFrom('change_log')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('cursor', '>', after)
    .orderBy('cursor')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ cursor: r.cursor, type: r.type, payload: r.payload, at: r.at.toISOString() }));
}
