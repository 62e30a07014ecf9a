// Portal accounts as the desk sees them (pulled into `portal_accounts`): on a person's card, counted on
// a class page, listed for the command line. An account belongs to a roster person by their uid.
import { classMembers } from './progress.ts';
import { sql, type Db } from '../db/database.ts';
import type { AccountListRow, ClassRegistration, PortalAccountView, RecoveryEventView } from '../../../src-shared/sync/views.ts';

const VIEW = `a.uid, a.child_uids AS childUids, a.login, a.kind, a.registered_at AS registeredAt, a.email, a.email_confirmed AS emailConfirmed, a.phone,
  a.phone_confirmed AS phoneConfirmed, a.last_sign_in_at AS lastSignInAt, a.disabled`;

type Flags = { emailConfirmed: number; phoneConfirmed: number; disabled: number };

/** The person's account (the newest usable one), or null: «не зарегистрирован». */
export function accountOf(db: Db, personId: number): PortalAccountView | null {
  const row = sql(
    db,
    `SELECT ${VIEW} FROM portal_accounts a JOIN people p ON p.uid = a.person_uid WHERE p.id = ?
     ORDER BY a.disabled, a.registered_at DESC LIMIT 1`,
  ).get(personId) as (Omit<PortalAccountView, keyof Flags | 'children'> & Flags & { childUids: string }) | undefined;
  if (!row) return null;
  const { childUids, ...rest } = row;
  const children = sql(
    db,
    `SELECT p.id, p.surname || ' ' || p.name || coalesce(' ' || p.patronymic, '') AS name
     FROM json_each(?) j JOIN people p ON p.uid = j.value ORDER BY j.key`,
  ).all(childUids) as { id: number; name: string }[];
  return {
    ...rest,
    children,
    emailConfirmed: row.emailConfirmed === 1,
    phoneConfirmed: row.phoneConfirmed === 1,
    disabled: row.disabled === 1,
  };
}

/** Students of the class and their parents (neither archived), and which of them registered — by the
 * same rule as the progress overview (a parent: with a child of this class on the account). */
export function classRegistration(db: Db, classId: number): ClassRegistration {
  const rows = classMembers(db, classId);
  const count = (role: string) => {
    const of = rows.filter((r) => r.role === role);
    return { registered: of.filter((r) => r.registered).length, total: of.length };
  };
  return { students: count('student'), parents: count('parent'), registeredIds: rows.filter((r) => r.registered).map((r) => r.id) };
}

/** Every account of a person on file, or those of one class's students and their parents. */
export function listAccounts(db: Db, classId: number | null): AccountListRow[] {
  const rows = sql(
    db,
    `SELECT p.id AS personId, a.login, a.kind, a.registered_at AS registeredAt, a.email_confirmed AS emailConfirmed,
       a.phone_confirmed AS phoneConfirmed
     FROM portal_accounts a JOIN people p ON p.uid = a.person_uid
     WHERE @cls IS NULL OR p.class_id = @cls
       OR p.id IN (SELECT l.guardian_id FROM guardianships l JOIN people s ON s.id = l.student_id WHERE s.class_id = @cls)
     ORDER BY a.registered_at, a.login`,
  ).all({ cls: classId }) as (Omit<AccountListRow, 'emailConfirmed' | 'phoneConfirmed'> & {
    emailConfirmed: number;
    phoneConfirmed: number;
  })[];
  return rows.map((r) => ({ ...r, emailConfirmed: r.emailConfirmed === 1, phoneConfirmed: r.phoneConfirmed === 1 }));
}

/** The newest recovery events on any of the person's accounts (at most `limit`). */
export function recoveryEventsOf(db: Db, personId: number, limit: number): RecoveryEventView[] {
  return sql(
    db,
    `SELECT e.uid, e.at, e.login, e.action, e.channel, e.outcome, e.network
     FROM portal_recovery_events e JOIN portal_accounts a ON a.uid = e.account_uid JOIN people p ON p.uid = a.person_uid
     WHERE p.id = ? ORDER BY e.at DESC, e.cursor DESC LIMIT ?`,
  ).all(personId, limit) as RecoveryEventView[];
}
