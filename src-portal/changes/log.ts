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

/** The schools whose log each open transaction has locked already: the lock lasts until it ends. */
const lockedIn = new WeakMap<object, Set<number>>();

/** Takes the school's log lock once per transaction (a second `pg_advisory_xact_lock` would only cost a statement). */
async function lockLog(trx: Db, schoolId: number): Promise<void> {
  // Only a transaction keeps the lock after the statement: outside one every append must lock again.
  const held = trx.isTransaction ? (lockedIn.get(trx) ?? new Set<number>()) : null;
  if (held?.has(schoolId)) return;
  await sql`SELECT pg_advisory_xact_lock(${CHANGE_LOG_LOCK}, ${schoolId})`.execute(trx);
  if (held) lockedIn.set(trx, held.add(schoolId));
}

export interface NewChange {
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Appends changes inside the caller's transaction, in the order given, in one statement (their cursors
 * follow one another); returns their cursors.
 */
export async function appendChanges(trx: Db, clock: Clock, schoolId: number, changes: readonly NewChange[]): Promise<number[]> {
  if (changes.length === 0) return [];
  await lockLog(trx, schoolId);
  const rows = sql.join(changes.map((c, i) => sql`(${i + 1}::int, ${c.type}, ${JSON.stringify(c.payload)}::jsonb)`));
  const result = await sql<{ cursor: number }>`
    INSERT INTO change_log (school_id, cursor, type, payload, at)
    SELECT ${schoolId}, last.cursor + v.n, v.type, v.payload, ${clock.now()}
    FROM (SELECT coalesce(max(cursor), 0) AS cursor FROM change_log WHERE school_id = ${schoolId}) last,
         (VALUES ${rows}) AS v(n, type, payload)
    ORDER BY v.n
    RETURNING cursor`.execute(trx);
  return result.rows.map((r) => r.cursor).sort((a, b) => a - b);
}

/** Appends a change inside the caller's transaction; returns its cursor. */
export async function appendChange(
  trx: Db,
  clock: Clock,
  schoolId: number,
  type: string,
  payload: Record<string, unknown>,
): Promise<number> {
  const [cursor] = await appendChanges(trx, clock, schoolId, [{ type, payload }]);
  return cursor!;
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
