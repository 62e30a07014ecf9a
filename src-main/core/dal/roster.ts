// All SQL of the roster: classes, people, guardian links, imports, and the roster version.
import { sql, type Db } from '../db/database.ts';
import type { Relation, Sex } from '../../../src-shared/roster/types.ts';
import type { RosterStats } from '../../../src-shared/roster/views.ts';

export type Kind = 'student' | 'guardian' | 'staff';

export interface PersonRecord {
  id: number;
  kind: Kind;
  surname: string;
  name: string;
  patronymic: string | null;
  nameKey: string;
  birthDate: string | null;
  sex: Sex | null;
  classId: number | null;
  externalId: string | null;
  phone: string | null;
  email: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const PERSON = `id, kind, surname, name, patronymic, name_key AS nameKey, birth_date AS birthDate, sex,
  class_id AS classId, external_id AS externalId, phone, email, archived_at AS archivedAt,
  created_at AS createdAt, updated_at AS updatedAt`;

export interface ClassRecord {
  id: number;
  grade: number;
  letter: string;
  teacherId: number | null;
}

// ---- version ---------------------------------------------------------------------------------

export function rosterVersion(db: Db): number {
  return (sql(db, 'SELECT version FROM roster_meta WHERE id = 1').get() as { version: number }).version;
}

export function bumpRosterVersion(db: Db): void {
  sql(db, 'UPDATE roster_meta SET version = version + 1 WHERE id = 1').run();
}

// ---- classes ---------------------------------------------------------------------------------

export function allClasses(db: Db): ClassRecord[] {
  return sql(db, 'SELECT id, grade, letter, teacher_id AS teacherId FROM classes ORDER BY grade, letter').all() as ClassRecord[];
}

export function insertClass(db: Db, grade: number, letter: string, at: string): number {
  return Number(sql(db, 'INSERT INTO classes (grade, letter, created_at) VALUES (?, ?, ?)').run(grade, letter, at).lastInsertRowid);
}

export function setClassTeacher(db: Db, classId: number, teacherId: number | null): void {
  sql(db, 'UPDATE classes SET teacher_id = ? WHERE id = ?').run(teacherId, classId);
}

export interface ClassSummaryRow extends ClassRecord {
  students: number;
  guardians: number;
  teacherName: string | null;
}

/** A teacher who leaves is no longer anyone's class teacher. */
export function clearClassTeacher(db: Db, teacherId: number): void {
  sql(db, 'UPDATE classes SET teacher_id = NULL WHERE teacher_id = ?').run(teacherId);
}

export function classSummaries(db: Db): ClassSummaryRow[] {
  return sql(
    db,
    `SELECT c.id, c.grade, c.letter, c.teacher_id AS teacherId,
         (SELECT count(*) FROM people s WHERE s.class_id = c.id AND s.archived_at IS NULL) AS students,
         (SELECT count(DISTINCT g.guardian_id) FROM guardianships g JOIN people s ON s.id = g.student_id
            JOIN people p ON p.id = g.guardian_id
            WHERE s.class_id = c.id AND s.archived_at IS NULL AND p.archived_at IS NULL) AS guardians,
         (SELECT t.surname || ' ' || t.name || coalesce(' ' || t.patronymic, '') FROM people t WHERE t.id = c.teacher_id) AS teacherName
       FROM classes c ORDER BY c.grade, c.letter`,
  ).all() as ClassSummaryRow[];
}

export function classById(db: Db, id: number): ClassRecord | undefined {
  return sql(db, 'SELECT id, grade, letter, teacher_id AS teacherId FROM classes WHERE id = ?').get(id) as ClassRecord | undefined;
}

// ---- people ----------------------------------------------------------------------------------

export function personById(db: Db, id: number): PersonRecord | undefined {
  return sql(db, `SELECT ${PERSON} FROM people WHERE id = ?`).get(id) as PersonRecord | undefined;
}

export function peopleByKind(db: Db, kind: Kind): PersonRecord[] {
  return sql(db, `SELECT ${PERSON} FROM people WHERE kind = ?`).all(kind) as PersonRecord[];
}

/** Everyone, by kind, in one pass over the table (`kind` has no index: one query per kind reads it all three times). */
export function peopleOfEveryKind(db: Db): Record<Kind, PersonRecord[]> {
  const out: Record<Kind, PersonRecord[]> = { student: [], guardian: [], staff: [] };
  for (const p of sql(db, `SELECT ${PERSON} FROM people ORDER BY id`).all() as PersonRecord[]) out[p.kind].push(p);
  return out;
}

export function studentsOfClass(db: Db, classId: number, includeArchived = false): PersonRecord[] {
  return sql(
    db,
    `SELECT ${PERSON} FROM people WHERE class_id = ? ${includeArchived ? '' : 'AND archived_at IS NULL'}
       ORDER BY surname, name, patronymic`,
  ).all(classId) as PersonRecord[];
}

export type NewPerson = Omit<PersonRecord, 'id' | 'archivedAt' | 'createdAt' | 'updatedAt'>;

/** A new person of the roster: the name as the school typed it, its match key, and the rest. */
export function newPerson(
  kind: Kind,
  p: { surname: string; name: string; patronymic: string | null },
  nameKey: string,
  extra: Partial<NewPerson> = {},
): NewPerson {
  return {
    kind,
    surname: p.surname,
    name: p.name,
    patronymic: p.patronymic,
    nameKey,
    birthDate: null,
    sex: null,
    classId: null,
    externalId: null,
    phone: null,
    email: null,
    ...extra,
  };
}

const PERSON_COLUMNS =
  'kind, surname, name, patronymic, name_key, birth_date, sex, class_id, external_id, phone, email, created_at, updated_at';
// Constant texts: the statement cache is keyed by the text, and an import inserts 100,000 people.
const INSERT_PERSON = `INSERT INTO people (${PERSON_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_PERSON_UID = `INSERT INTO people (uid, ${PERSON_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** A new person; SQLite makes their uid, unless they come with one (a parent the portal registered). */
export function insertPerson(db: Db, p: NewPerson, at: string, uid?: string): number {
  const values = [
    p.kind,
    p.surname,
    p.name,
    p.patronymic,
    p.nameKey,
    p.birthDate,
    p.sex,
    p.classId,
    p.externalId,
    p.phone,
    p.email,
    at,
    at,
  ];
  const insert = uid ? sql(db, INSERT_PERSON_UID).run(uid, ...values) : sql(db, INSERT_PERSON).run(...values);
  return Number(insert.lastInsertRowid);
}

export type PersonPatch = Partial<
  Pick<
    PersonRecord,
    'surname' | 'name' | 'patronymic' | 'nameKey' | 'birthDate' | 'sex' | 'classId' | 'externalId' | 'phone' | 'email' | 'archivedAt'
  >
>;

const PATCH_COLUMNS: Record<keyof PersonPatch, string> = {
  surname: 'surname',
  name: 'name',
  patronymic: 'patronymic',
  nameKey: 'name_key',
  birthDate: 'birth_date',
  sex: 'sex',
  classId: 'class_id',
  externalId: 'external_id',
  phone: 'phone',
  email: 'email',
  archivedAt: 'archived_at',
};

export function updatePerson(db: Db, id: number, patch: PersonPatch, at: string): void {
  const keys = Object.keys(patch) as (keyof PersonPatch)[];
  if (keys.length === 0) return;
  const sets = keys.map((k) => `${PATCH_COLUMNS[k]} = ?`).join(', ');
  sql(db, `UPDATE people SET ${sets}, updated_at = ? WHERE id = ?`).run(...keys.map((k) => patch[k] ?? null), at, id);
}

/** Another person of this kind with the same name key and phone or email (a would-be duplicate). */
export function sameGuardian(db: Db, nameKey: string, phone: string | null, email: string | null, exceptId = 0): PersonRecord | undefined {
  return sql(
    db,
    `SELECT ${PERSON} FROM people WHERE kind = 'guardian' AND name_key = ? AND id <> ?
       AND ((? IS NOT NULL AND phone = ?) OR (? IS NOT NULL AND email = ?)) LIMIT 1`,
  ).get(nameKey, exceptId, phone, phone, email, email) as PersonRecord | undefined;
}

export function sameStudent(db: Db, nameKey: string, birthDate: string, exceptId = 0): PersonRecord | undefined {
  return sql(db, `SELECT ${PERSON} FROM people WHERE kind = 'student' AND name_key = ? AND birth_date = ? AND id <> ?`).get(
    nameKey,
    birthDate,
    exceptId,
  ) as PersonRecord | undefined;
}

export function linkOf(db: Db, guardianId: number, studentId: number): LinkRecord | undefined {
  return sql(
    db,
    'SELECT guardian_id AS guardianId, student_id AS studentId, relation FROM guardianships WHERE guardian_id = ? AND student_id = ?',
  ).get(guardianId, studentId) as LinkRecord | undefined;
}

// ---- links -----------------------------------------------------------------------------------

export interface LinkRecord {
  guardianId: number;
  studentId: number;
  relation: Relation;
}

export function allLinks(db: Db): LinkRecord[] {
  return sql(db, 'SELECT guardian_id AS guardianId, student_id AS studentId, relation FROM guardianships').all() as LinkRecord[];
}

export function insertLink(db: Db, l: LinkRecord, at: string): void {
  sql(db, 'INSERT INTO guardianships (guardian_id, student_id, relation, created_at) VALUES (?, ?, ?, ?)').run(
    l.guardianId,
    l.studentId,
    l.relation,
    at,
  );
}

export function updateLinkRelation(db: Db, l: LinkRecord): void {
  sql(db, 'UPDATE guardianships SET relation = ? WHERE guardian_id = ? AND student_id = ?').run(l.relation, l.guardianId, l.studentId);
}

export interface RelativeRow extends PersonRecord {
  relation: Relation;
}

export function guardiansOf(db: Db, studentId: number): RelativeRow[] {
  return sql(
    db,
    `SELECT p.*, g.relation FROM guardianships g JOIN (SELECT ${PERSON} FROM people) p ON p.id = g.guardian_id
       WHERE g.student_id = ?
       ORDER BY CASE g.relation WHEN 'mother' THEN 0 WHEN 'father' THEN 1 ELSE 2 END, p.surname, p.name`,
  ).all(studentId) as RelativeRow[];
}

export function childrenOf(db: Db, guardianId: number): RelativeRow[] {
  return sql(
    db,
    `SELECT p.*, g.relation FROM guardianships g JOIN (SELECT ${PERSON} FROM people) p ON p.id = g.student_id WHERE g.guardian_id = ? ORDER BY p.birthDate`,
  ).all(guardianId) as RelativeRow[];
}

/** Guardians of the students of a class, with the student each is linked to. */
export function classGuardianLinks(db: Db, classId: number): (LinkRecord & { guardian: PersonRecord })[] {
  const rows = sql(
    db,
    `SELECT g.guardian_id AS guardianId, g.student_id AS studentId, g.relation, p.*
       FROM guardianships g JOIN people s ON s.id = g.student_id
       JOIN (SELECT ${PERSON} FROM people) p ON p.id = g.guardian_id
       WHERE s.class_id = ?`,
  ).all(classId) as (LinkRecord & PersonRecord)[];
  return rows.map((r) => ({ guardianId: r.guardianId, studentId: r.studentId, relation: r.relation, guardian: r }));
}

// ---- imports and stats -------------------------------------------------------------------------

export function insertImport(
  db: Db,
  r: { at: string; operatorId: number | null; fileName: string; sha256: string; summary: unknown },
): number {
  return Number(
    sql(db, 'INSERT INTO imports (at, operator_id, file_name, sha256, summary) VALUES (?, ?, ?, ?, ?)').run(
      r.at,
      r.operatorId,
      r.fileName,
      r.sha256,
      JSON.stringify(r.summary),
    ).lastInsertRowid,
  );
}

export function rosterStats(db: Db): RosterStats {
  return sql(
    db,
    `SELECT (SELECT count(*) FROM classes) AS classes,
         (SELECT count(*) FROM people WHERE kind = 'student' AND archived_at IS NULL) AS students,
         (SELECT count(*) FROM people WHERE kind = 'guardian' AND archived_at IS NULL) AS guardians,
         (SELECT count(*) FROM guardianships g JOIN people s ON s.id = g.student_id JOIN people p ON p.id = g.guardian_id
            WHERE s.archived_at IS NULL AND p.archived_at IS NULL) AS links,
         (SELECT count(*) FROM people WHERE kind = 'staff' AND archived_at IS NULL) AS staff,
         (SELECT count(*) FROM people WHERE archived_at IS NOT NULL) AS archived`,
  ).get() as RosterStats;
}

// ---- search index source -------------------------------------------------------------------------

export interface SearchSourceRow {
  id: number;
  kind: Kind;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string | null;
  classId: number | null;
  phone: string | null;
  email: string | null;
  archived: number;
}

export function searchSource(db: Db): SearchSourceRow[] {
  return sql(
    db,
    `SELECT id, kind, surname, name, patronymic, birth_date AS birthDate, class_id AS classId, phone, email,
         archived_at IS NOT NULL AS archived FROM people ORDER BY id`,
  ).all() as SearchSourceRow[];
}

/** Class ids of each guardian's children (for "6а" finding the parents of 6А too). */
export function guardianClassPairs(db: Db): { guardianId: number; classId: number }[] {
  return sql(
    db,
    `SELECT DISTINCT g.guardian_id AS guardianId, s.class_id AS classId FROM guardianships g
       JOIN people s ON s.id = g.student_id WHERE s.archived_at IS NULL`,
  ).all() as { guardianId: number; classId: number }[];
}
