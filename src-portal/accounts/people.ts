// The roster people behind an account: its person and, for a parent, the linked children.
import type { Db } from '../db/connect.ts';
import type { PersonRow } from '../roster/queries.ts';
import type { AccountRow } from './sessions.ts';

/** «Мария И.» (never split across lines): the first name and the surname's initial, as a page shows a child to whoever holds a code. */
export const shortName = (p: { surname: string; name: string }): string => `${p.name}\u00a0${p.surname.slice(0, 1)}.`;

export interface ChildView {
  uid: string;
  name: string;
  className: string;
}

/** The children linked to an account (a parent's), with their classes. */
export async function accountChildren(
  db: Db,
  account: Pick<AccountRow, 'id' | 'school_id'>,
): Promise<(PersonRow & { class_name: string | null })[]> {
  return db
    .selectFrom('account_children as c')
    .innerJoin('roster_people as p', (j) => j.on('p.school_id', '=', account.school_id).onRef('p.uid', '=', 'c.student_uid'))
    .leftJoin('roster_classes as k', (j) => j.onRef('k.school_id', '=', 'p.school_id').onRef('k.uid', '=', 'p.class_uid'))
    .selectAll('p')
    .select('k.name as class_name')
    .where('c.account_id', '=', account.id)
    .orderBy('c.linked_at')
    .execute();
}

/** Names and birth dates a new password must not contain: the person's, and a parent's children's. */
export async function accountPeople(db: Db, account: AccountRow): Promise<{ names: string[]; birthDates: string[] }> {
  const person = await db
    .selectFrom('roster_people')
    .selectAll()
    .where('school_id', '=', account.school_id)
    .where('uid', '=', account.person_uid)
    .executeTakeFirst();
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
