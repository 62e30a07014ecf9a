// What other portal features may ask of the roster the office sent up (they never read its tables
// themselves). Writes come only from sync (src-portal/sync) and from redeeming a code.
import type { Selectable } from 'kysely';
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
