// What other portal features may ask of the roster the office sent up (they never read its tables
// themselves). Writes come only from sync (src-portal/sync) and from redeeming a code.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { PortalSecrets } from '../secrets.ts';
import { codeDigest } from '../../src-node/code-hash.ts';
import type { InvitationCodesTable, RosterPeopleTable } from './tables.ts';

export type CodeRow = Selectable<InvitationCodesTable>;
export type PersonRow = Selectable<RosterPeopleTable>;

/** The key a school's codes are hashed with: derived from the server secret, handed to its office at pairing. */
export const codeKeyOf = (secrets: PortalSecrets, schoolId: number): Buffer => secrets.derive(`codes:${schoolId}`);

/** The code on file among the readings of what someone typed (`codeReadings`), if any. */
export async function findCode(
  db: Db,
  secrets: PortalSecrets,
  schoolId: number,
  readings: readonly string[],
): Promise<CodeRow | undefined> {
  if (readings.length === 0) return undefined;
  const key = codeKeyOf(secrets, schoolId);
  return db
    .selectFrom('invitation_codes')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where(
      'code_hash',
      'in',
      readings.map((r) => codeDigest(key, r)),
    )
    .executeTakeFirst();
}

export async function personByUid(db: Db, schoolId: number, uid: string): Promise<PersonRow | undefined> {
  return db.selectFrom('roster_people').selectAll().where('school_id', '=', schoolId).where('uid', '=', uid).executeTakeFirst();
}

export async function className(db: Db, schoolId: number, uid: string | null): Promise<string | null> {
  if (!uid) return null;
  const row = await db
    .selectFrom('roster_classes')
    .select('name')
    .where('school_id', '=', schoolId)
    .where('uid', '=', uid)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** A guardian's children on file (links not removed, children not archived). */
export async function childrenOf(db: Db, schoolId: number, guardianUid: string): Promise<PersonRow[]> {
  return db
    .selectFrom('roster_links as l')
    .innerJoin('roster_people as p', (j) => j.onRef('p.school_id', '=', 'l.school_id').onRef('p.uid', '=', 'l.student_uid'))
    .selectAll('p')
    .where('l.school_id', '=', schoolId)
    .where('l.guardian_uid', '=', guardianUid)
    .where('l.removed_at', 'is', null)
    .where('p.archived_at', 'is', null)
    .orderBy('p.surname')
    .execute();
}

/** A code with everything redeeming it depends on: its student, its guardian, their link, the class. */
export interface CodeFacts {
  code: CodeRow;
  student: PersonRow | undefined;
  /** The guardian on file for a parent code (null when the code was issued while none was; undefined when gone). */
  guardian: PersonRow | undefined | null;
  /** For a parent code with a guardian: the guardian–child link is there and not removed. */
  linkLive: boolean;
  className: string;
}

export interface FactsRow extends CodeRow {
  student: (Omit<PersonRow, 'archived_at' | 'updated_at'> & { archived_at: string | null; updated_at: string }) | null;
  guardian: FactsRow['student'];
  link_found: boolean;
  link_removed: boolean;
  class_name: string | null;
}

const person = (p: FactsRow['student']): PersonRow | undefined =>
  p ? { ...p, archived_at: p.archived_at ? new Date(p.archived_at) : null, updated_at: new Date(p.updated_at) } : undefined;

export type FactsFilter = { hashes: readonly string[] } | { uids: readonly string[] };

/**
 * The query of `codeFacts` (a code row and its people, one row per code), to be read with `toCodeFacts`;
 * `extra` adds columns (as `extra` sees the code as `c`).
 */
export function codeFactsQuery(schoolId: number, by: FactsFilter, lock = false, extra = sql``) {
  const keys = 'hashes' in by ? by.hashes : by.uids;
  const match = 'hashes' in by ? sql`c.code_hash IN (${sql.join(keys)})` : sql`c.uid IN (${sql.join(keys)})`;
  return sql`
    SELECT c.*, to_jsonb(s) AS student, to_jsonb(g) AS guardian,
           (l.guardian_uid IS NOT NULL) AS link_found, (l.removed_at IS NOT NULL) AS link_removed, k.name AS class_name ${extra}
    FROM invitation_codes c
    LEFT JOIN roster_people s ON s.school_id = c.school_id AND s.uid = c.student_uid
    LEFT JOIN roster_people g ON g.school_id = c.school_id AND g.uid = c.guardian_uid
    LEFT JOIN roster_links l ON l.school_id = c.school_id AND l.guardian_uid = c.guardian_uid AND l.student_uid = c.student_uid
    LEFT JOIN roster_classes k ON k.school_id = s.school_id AND k.uid = s.class_uid
    WHERE c.school_id = ${schoolId} AND ${match}
    ORDER BY c.uid
    ${lock ? sql`FOR UPDATE OF c` : sql``}`;
}

/** A row of `codeFactsQuery` as facts. */
export function toCodeFacts({ student, guardian, link_found, link_removed, class_name, ...code }: FactsRow): CodeFacts {
  return {
    code,
    student: person(student),
    guardian: code.guardian_uid ? person(guardian) : null,
    linkLive: !code.guardian_uid || (link_found && !link_removed),
    className: class_name ?? '',
  };
}

/**
 * Codes by their keyed hashes or by their uids, each with its people, in one query (registration asks
 * this on every step). With `lock`, the code rows are locked until the caller's transaction ends.
 */
export async function codeFacts(db: Db, schoolId: number, by: FactsFilter, lock = false): Promise<CodeFacts[]> {
  const keys = 'hashes' in by ? by.hashes : by.uids;
  if (keys.length === 0) return [];
  const rows = await codeFactsQuery(schoolId, by, lock).$castTo<FactsRow>().execute(db);
  return rows.rows.map(toCodeFacts);
}

/**
 * Redeeming one code in one statement: the code row is marked used by `accountId` at `at` — only if no
 * one has used it yet (a racer waits for the row's lock, then finds it used) — and its facts as they
 * were are returned, to be checked by the caller (whose transaction undoes the mark on a refusal).
 * Undefined: the code is unknown or was used already.
 */
export async function markCodeUsed(db: Db, schoolId: number, uid: string, at: Date, accountId: string): Promise<CodeFacts | undefined> {
  const { rows } = await sql<FactsRow>`
    UPDATE invitation_codes AS u SET redeemed_at = ${at}, redeemed_by = ${accountId}
    FROM (${codeFactsQuery(schoolId, { uids: [uid] })}) AS f
    WHERE u.school_id = ${schoolId} AND u.uid = ${uid} AND f.uid = u.uid AND u.redeemed_at IS NULL
    RETURNING f.*`.execute(db);
  return rows[0] ? toCodeFacts(rows[0]) : undefined;
}

/** The students of the given uids with their class names (a parent account's children). */
export async function studentsWithClass(
  db: Db,
  schoolId: number,
  uids: readonly string[],
): Promise<(PersonRow & { class_name: string | null })[]> {
  if (uids.length === 0) return [];
  return db
    .selectFrom('roster_people as p')
    .leftJoin('roster_classes as k', (j) => j.onRef('k.school_id', '=', 'p.school_id').onRef('k.uid', '=', 'p.class_uid'))
    .selectAll('p')
    .select('k.name as class_name')
    .where('p.school_id', '=', schoolId)
    .where('p.uid', 'in', uids)
    .execute();
}
