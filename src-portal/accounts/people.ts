// The roster people behind an account: its person and, for a parent, the linked children.
import type { Db } from '../db/connect.ts';
import { personByUid, studentsWithClass, type PersonRow } from '../roster/queries.ts';
import type { AccountRow } from './sessions.ts';

/** «Мария И.» (never split across lines): the first name and the surname's initial, as a page shows a child to whoever holds a code. */
export const shortName = (p: { surname: string; name: string }): string => `${p.name}\u00a0${p.surname.slice(0, 1)}.`;

export interface ChildView {
  uid: string;
  name: string;
  className: string;
}

/** The children linked to an account (a parent's), with their classes, in the order they were linked. */
export async function accountChildren(
  db: Db,
  account: Pick<AccountRow, 'id' | 'school_id'>,
): Promise<(PersonRow & { class_name: string | null })[]> {
  const links = await db
    .selectFrom('account_children')
    .select('student_uid')
    .where('account_id', '=', account.id)
    .orderBy('linked_at')
    .execute();
  const students = new Map(
    (
      await studentsWithClass(
        db,
        account.school_id,
        links.map((l) => l.student_uid),
      )
    ).map((s) => [s.uid, s]),
  );
  return links.flatMap((l) => students.get(l.student_uid) ?? []);
}

/** Names and birth dates a new password must not contain: the person's, and a parent's children's. */
export async function accountPeople(db: Db, account: AccountRow): Promise<{ names: string[]; birthDates: string[] }> {
  const person = await personByUid(db, account.school_id, account.person_uid);
  const children = account.kind === 'parent' ? await accountChildren(db, account) : [];
  const people = [...(person ? [person] : []), ...children];
  return {
    names: people.flatMap((p) => [p.surname, p.name]),
    birthDates: people.map((p) => p.birth_date).filter((d): d is string => !!d),
  };
}

/** A parent's children as pages list them: «Мария И.», «6А». */
export async function childViews(db: Db, account: Pick<AccountRow, 'id' | 'school_id'>): Promise<ChildView[]> {
  return (await accountChildren(db, account)).map((c) => ({ uid: c.uid, name: shortName(c), className: c.class_name ?? '' }));
}
