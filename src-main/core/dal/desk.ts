// SQL of the desk's roster upkeep: links removed, staff listed, the end of the school year
// (students moved up a grade, classes left empty removed), and the codes those touch.
import { sql, type Db } from '../db/database.ts';

export function deleteLink(db: Db, guardianId: number, studentId: number): void {
  sql(db, 'DELETE FROM guardianships WHERE guardian_id = ? AND student_id = ?').run(guardianId, studentId);
}

/** Live (active or printed) parent codes of one parent for one child. */
export function liveLinkCodes(db: Db, guardianId: number, studentId: number): number[] {
  return sql(
    db,
    `SELECT id FROM invitation_codes WHERE kind = 'parent' AND guardian_id = ? AND student_id = ? AND state IN ('active', 'printed')`,
  )
    .pluck()
    .all(guardianId, studentId) as number[];
}

export interface StaffRow {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
}

export function activeStaff(db: Db): StaffRow[] {
  return sql(
    db,
    `SELECT id, surname, name, patronymic FROM people WHERE kind = 'staff' AND archived_at IS NULL ORDER BY surname, name, patronymic`,
  ).all() as StaffRow[];
}

/** Active students per class id. */
export function activeStudentCounts(db: Db): Map<number, number> {
  const rows = sql(
    db,
    `SELECT class_id AS classId, count(*) AS n FROM people WHERE kind = 'student' AND archived_at IS NULL GROUP BY class_id`,
  ).all() as { classId: number; n: number }[];
  return new Map(rows.map((r) => [r.classId, r.n]));
}

export interface LeaverRow {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  classId: number;
}

export function activeStudentsOfGrade(db: Db, grade: number): LeaverRow[] {
  return sql(
    db,
    `SELECT p.id, p.surname, p.name, p.patronymic, p.class_id AS classId FROM people p JOIN classes c ON c.id = p.class_id
       WHERE p.kind = 'student' AND p.archived_at IS NULL AND c.grade = ? ORDER BY c.letter, p.surname, p.name, p.patronymic`,
  ).all(grade) as LeaverRow[];
}

/**
 * Active parents all of whose active children are in `grade` (they leave with them). A parent with
 * another child staying at the school stays.
 */
export function guardiansOnlyOfGrade(db: Db, grade: number): number[] {
  return sql(
    db,
    `SELECT l.guardian_id FROM guardianships l
       JOIN people g ON g.id = l.guardian_id AND g.archived_at IS NULL
       JOIN people s ON s.id = l.student_id AND s.archived_at IS NULL
       JOIN classes c ON c.id = s.class_id
     GROUP BY l.guardian_id HAVING sum(c.grade <> ?) = 0`,
  )
    .pluck()
    .all(grade) as number[];
}

/** Live codes that hang on any of these people (as student or as parent). */
export function liveCodesOfPeople(db: Db, ids: readonly number[]): number {
  if (ids.length === 0) return 0;
  return sql(
    db,
    `SELECT count(*) FROM invitation_codes WHERE state IN ('active', 'printed')
       AND (student_id IN (SELECT value FROM json_each(?)) OR guardian_id IN (SELECT value FROM json_each(?)))`,
  )
    .pluck()
    .get(JSON.stringify(ids), JSON.stringify(ids)) as number;
}

export function moveActiveStudents(db: Db, fromClassId: number, toClassId: number, at: string): number {
  return sql(db, `UPDATE people SET class_id = ?, updated_at = ? WHERE kind = 'student' AND class_id = ? AND archived_at IS NULL`).run(
    toClassId,
    at,
    fromClassId,
  ).changes;
}

/** Removes a class nobody refers to any more (no student, not even an archived one; no teacher). */
export function deleteClassIfUnused(db: Db, classId: number): boolean {
  return (
    sql(db, `DELETE FROM classes WHERE id = ? AND teacher_id IS NULL AND NOT EXISTS (SELECT 1 FROM people WHERE class_id = ?)`).run(
      classId,
      classId,
    ).changes > 0
  );
}

/** When the end of the school year was last done (ISO instant), from the audit log. */
export function lastYearEnd(db: Db): string | null {
  return (
    (sql(db, "SELECT at FROM audit_log WHERE action = 'roster.year_end' ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined) ??
    null
  );
}
