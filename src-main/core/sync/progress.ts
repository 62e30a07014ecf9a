// Registration progress (#9): per class, students and parents registered on the portal, with a code
// printed, or without a code yet; and who cannot recover access alone (no confirmed contact). The
// lists class teachers and the deputy director chase at a parent meeting («не зарегистрированы»,
// «не могут восстановить доступ сами»), with the class and the parents' phones, as a printout and XLSX.
import { sql, type Db } from '../db/database.ts';
import { className, displayPhone, fullName } from '../../../src-shared/roster/keys.ts';
import type {
  AccountListsRow,
  ClassProgress,
  ProgressCounts,
  RegistrationProgress,
  SchoolProgress,
} from '../../../src-shared/sync/views.ts';

interface MemberRow {
  id: number;
  role: 'student' | 'parent';
  classId: number;
  grade: number;
  letter: string;
  surname: string;
  name: string;
  patronymic: string | null;
  phone: string | null;
  /** A student's parents' phones; a parent's children in this class (JSON arrays). */
  phones: string;
  children: string;
  login: string | null;
  disabled: number | null;
  recover: number | null;
  /** A parent's account has a child of this class on it (a student: always 1). */
  linked: number | null;
  issued: number;
  /** A code handed out: printed, mailed, or already used. */
  printed: number;
}

/** Every student (not archived) and their parents, once per class, with what the portal and the codes say. */
function members(db: Db, classId: number | null): MemberRow[] {
  return sql(
    db,
    `WITH s AS (SELECT * FROM people WHERE kind = 'student' AND archived_at IS NULL AND (@cls IS NULL OR class_id = @cls)),
     m AS (
       SELECT s.id, 'student' AS role, s.class_id AS classId FROM s
       UNION
       SELECT g.id, 'parent', s.class_id FROM guardianships l JOIN s ON s.id = l.student_id JOIN people g ON g.id = l.guardian_id
       WHERE g.archived_at IS NULL)
     SELECT m.id, m.role, m.classId, c.grade, c.letter, p.surname, p.name, p.patronymic, p.phone,
       CASE m.role WHEN 'student' THEN (SELECT json_group_array(g.phone) FROM guardianships l JOIN people g ON g.id = l.guardian_id
         WHERE l.student_id = m.id AND g.phone IS NOT NULL AND g.archived_at IS NULL) ELSE json_array(p.phone) END AS phones,
       CASE m.role WHEN 'parent' THEN (SELECT json_group_array(k.surname || ' ' || k.name) FROM guardianships l JOIN people k ON k.id = l.student_id
         WHERE l.guardian_id = m.id AND k.class_id = m.classId AND k.archived_at IS NULL) ELSE '[]' END AS children,
       a.login, a.disabled, (a.email_confirmed = 1 OR a.phone_confirmed = 1) AS recover,
       CASE m.role WHEN 'student' THEN 1 ELSE EXISTS (SELECT 1 FROM guardianships l JOIN people k ON k.id = l.student_id
         JOIN json_each(a.child_uids) j ON j.value = k.uid WHERE l.guardian_id = m.id AND k.class_id = m.classId) END AS linked,
       EXISTS (SELECT 1 FROM invitation_codes x JOIN people k ON k.id = x.student_id
         WHERE x.state IN ('active', 'printed', 'redeemed') AND k.class_id = m.classId
           AND ((m.role = 'student' AND x.kind = 'student' AND x.student_id = m.id) OR (m.role = 'parent' AND x.kind = 'parent' AND x.guardian_id = m.id))) AS issued,
       EXISTS (SELECT 1 FROM invitation_codes x JOIN people k ON k.id = x.student_id
         WHERE x.state IN ('active', 'printed', 'redeemed') AND (x.print_count > 0 OR x.mailed_at IS NOT NULL OR x.state = 'redeemed')
           AND k.class_id = m.classId
           AND ((m.role = 'student' AND x.kind = 'student' AND x.student_id = m.id) OR (m.role = 'parent' AND x.kind = 'parent' AND x.guardian_id = m.id))) AS printed
     FROM m JOIN people p ON p.id = m.id JOIN classes c ON c.id = m.classId
       LEFT JOIN portal_accounts a ON a.uid = (SELECT uid FROM portal_accounts WHERE person_uid = p.uid ORDER BY disabled, registered_at DESC LIMIT 1)
     ORDER BY c.grade, c.letter, m.role DESC, p.surname, p.name`,
  ).all({ cls: classId }) as MemberRow[];
}

/** Registered for this class: an account in force — a parent's with a child of this class added (a parent
 * registered for a child in 6А who has not added the 7А child's code is still to come in 7А). */
const registered = (m: MemberRow) => m.login !== null && m.disabled === 0 && m.linked === 1;

/** A class's students and parents, each with whether they are registered for this class (the class page). */
export function classMembers(db: Db, classId: number): { id: number; role: 'student' | 'parent'; registered: boolean }[] {
  return members(db, classId).map((m) => ({ id: m.id, role: m.role, registered: registered(m) }));
}

/** Per class, for students and for parents: registered, else a code handed out (printed or mailed), a code
 * not printed yet, or no code — each person in one of the four, so they add up to the total; and who
 * cannot recover alone. (A registered person's code counted as printed too, and a code issued but not
 * printed counted nowhere.) */
export function progress(db: Db, classId: number | null = null): ClassProgress[] {
  return byClass(members(db, classId));
}

/** The page's classes and the school's total row, from one read. */
export function registrationProgress(db: Db, classId: number | null = null): RegistrationProgress {
  const rows = members(db, classId);
  return { classes: byClass(rows), school: bySchool(rows) };
}

const zero = (): ProgressCounts => ({ total: 0, registered: 0, printed: 0, unprinted: 0, notIssued: 0 });
/** Where a person stands, best first: registered, a code handed out, a code not printed, no code. */
const STANDING = ['registered', 'printed', 'unprinted', 'notIssued'] as const;
const standing = (m: MemberRow): number => (registered(m) ? 0 : m.printed ? 1 : m.issued ? 2 : 3);

function count(g: ProgressCounts, rank: number) {
  g.total++;
  g[STANDING[rank]!]++;
}

function byClass(rows: MemberRow[]): ClassProgress[] {
  const classes = new Map<number, ClassProgress>();
  for (const m of rows) {
    let c = classes.get(m.classId);
    if (!c) {
      c = { classId: m.classId, className: className(m.grade, m.letter), students: zero(), parents: zero(), cannotRecover: 0 };
      classes.set(m.classId, c);
    }
    count(m.role === 'student' ? c.students : c.parents, standing(m));
    if (registered(m) && !m.recover) c.cannotRecover++;
  }
  return [...classes.values()];
}

/** Each person once: a parent listed in two classes stands where they stand best (registered in one of
 * them is registered — summing the classes' rows counted such a parent twice). */
function bySchool(rows: MemberRow[]): SchoolProgress {
  const best = new Map<number, { m: MemberRow; rank: number }>();
  for (const m of rows) {
    const rank = standing(m);
    const seen = best.get(m.id);
    if (!seen || rank < seen.rank) best.set(m.id, { m, rank });
  }
  const school: SchoolProgress = { students: zero(), parents: zero(), cannotRecover: 0 };
  for (const { m, rank } of best.values()) {
    count(m.role === 'student' ? school.students : school.parents, rank);
    if (rank === 0 && !m.recover) school.cannotRecover++;
  }
  return school;
}

/** The two lists: who has not registered, and who registered but cannot recover access alone. */
export function accountLists(db: Db, classId: number | null): AccountListsRow[] {
  return members(db, classId).flatMap((m): AccountListsRow[] => {
    const list = !registered(m) ? 'not_registered' : !m.recover ? 'cannot_recover' : null;
    if (!list) return [];
    const phones = (JSON.parse(m.phones) as (string | null)[]).filter((p): p is string => !!p).map((p) => displayPhone(p) || p);
    return [
      {
        list,
        className: className(m.grade, m.letter),
        personId: m.id,
        fullName: fullName(m),
        role: m.role,
        children: JSON.parse(m.children) as string[],
        parentPhones: [...new Set(phones)],
        login: m.login,
        codeIssued: m.issued === 1,
      },
    ];
  });
}
