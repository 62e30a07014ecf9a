// All SQL of invitation codes.
import { sql, type Db } from '../db/database.ts';
import type { Relation } from '../../../src-shared/roster/types.ts';
import type { CodeScope } from '../../../src-shared/codes/views.ts';

export type StoredState = 'active' | 'printed' | 'redeemed' | 'revoked';
export type CodeKind = 'student' | 'parent';

export interface CodeRecord {
  id: number;
  code: string;
  kind: CodeKind;
  studentId: number;
  guardianId: number | null;
  state: StoredState;
  validUntil: string;
  issuedAt: string;
  printCount: number;
  printedAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  /** When and by which portal login it was used (learned by sync). */
  redeemedAt: string | null;
  redeemedLogin: string | null;
  /** Sent by email to the parent (#9): a mark beside printed. */
  mailedAt: string | null;
}

const CODE = `c.id, c.code, c.kind, c.student_id AS studentId, c.guardian_id AS guardianId, c.state,
  c.valid_until AS validUntil, c.issued_at AS issuedAt, c.print_count AS printCount, c.printed_at AS printedAt,
  c.revoked_at AS revokedAt, c.revoke_reason AS revokeReason, c.redeemed_at AS redeemedAt, c.redeemed_login AS redeemedLogin,
  c.mailed_at AS mailedAt`;

/** A code with the names a list or a printout needs. */
export interface CodeRow extends CodeRecord {
  studentSurname: string;
  studentName: string;
  studentPatronymic: string | null;
  grade: number;
  letter: string;
  classId: number;
  guardianSurname: string | null;
  guardianFirstName: string | null;
  guardianPatronymic: string | null;
  relation: Relation | null;
  studentArchivedAt: string | null;
  guardianArchivedAt: string | null;
}

const ROW = `${CODE}, s.surname AS studentSurname, s.name AS studentName, s.patronymic AS studentPatronymic,
  cl.grade, cl.letter, cl.id AS classId, g.surname AS guardianSurname, g.name AS guardianFirstName,
  g.patronymic AS guardianPatronymic, gs.relation, s.archived_at AS studentArchivedAt, g.archived_at AS guardianArchivedAt`;

const FROM = `FROM invitation_codes c
  JOIN people s ON s.id = c.student_id
  JOIN classes cl ON cl.id = s.class_id
  LEFT JOIN people g ON g.id = c.guardian_id
  LEFT JOIN guardianships gs ON gs.guardian_id = c.guardian_id AND gs.student_id = c.student_id`;

const ORDER = `ORDER BY cl.grade, cl.letter, s.surname, s.name, s.patronymic, s.id,
  c.kind DESC, CASE gs.relation WHEN 'mother' THEN 0 WHEN 'father' THEN 1 ELSE 2 END, g.surname, c.id`;

export const targetKey = (kind: CodeKind, studentId: number, guardianId: number | null): string =>
  `${kind}|${studentId}|${guardianId ?? 0}`;

export function codeExists(db: Db, code: string): boolean {
  return sql(db, 'SELECT 1 FROM invitation_codes WHERE code = ?').get(code) !== undefined;
}

export function codeById(db: Db, id: number): CodeRecord | undefined {
  return sql(db, `SELECT ${CODE} FROM invitation_codes c WHERE c.id = ?`).get(id) as CodeRecord | undefined;
}

/** Live (active or printed) codes of the given students, keyed by target. */
export function liveCodes(db: Db, studentIds: readonly number[] | 'all'): Map<string, CodeRecord> {
  const rows =
    studentIds === 'all'
      ? (sql(db, `SELECT ${CODE} FROM invitation_codes c WHERE c.state IN ('active', 'printed')`).all() as CodeRecord[])
      : studentIds.flatMap(
          (id) =>
            sql(db, `SELECT ${CODE} FROM invitation_codes c WHERE c.student_id = ? AND c.state IN ('active', 'printed')`).all(
              id,
            ) as CodeRecord[],
        );
  return new Map(rows.map((r) => [targetKey(r.kind, r.studentId, r.guardianId), r]));
}

/** Targets (`targetKey`) of the given students whose code was used on the portal: they registered. */
export function redeemedTargets(db: Db, studentIds: readonly number[] | 'all'): Set<string> {
  const rows = (
    studentIds === 'all'
      ? sql(db, "SELECT kind, student_id AS studentId, guardian_id AS guardianId FROM invitation_codes WHERE state = 'redeemed'").all()
      : sql(
          db,
          `SELECT kind, student_id AS studentId, guardian_id AS guardianId FROM invitation_codes
           WHERE state = 'redeemed' AND ${IN_IDS('student_id')}`,
        ).all(JSON.stringify(studentIds))
  ) as { kind: CodeKind; studentId: number; guardianId: number | null }[];
  return new Set(rows.map((r) => targetKey(r.kind, r.studentId, r.guardianId)));
}

export function insertCode(
  db: Db,
  c: {
    code: string;
    kind: CodeKind;
    studentId: number;
    guardianId: number | null;
    validUntil: string;
    at: string;
    issuedBy: number | null;
  },
): number {
  return Number(
    sql(
      db,
      `INSERT INTO invitation_codes (code, kind, student_id, guardian_id, state, valid_until, issued_at, issued_by)
       VALUES (?, ?, ?, ?, 'active', ?, ?, ?)`,
    ).run(c.code, c.kind, c.studentId, c.guardianId, c.validUntil, c.at, c.issuedBy).lastInsertRowid,
  );
}

/** Revokes a live code (before its replacement is inserted: one live code per target). */
export function revokeCode(db: Db, id: number, at: string, reason: string): void {
  sql(
    db,
    `UPDATE invitation_codes SET state = 'revoked', revoked_at = ?, revoke_reason = ?
     WHERE id = ? AND state IN ('active', 'printed')`,
  ).run(at, reason, id);
}

export function codeRowByCode(db: Db, code: string): CodeRow | undefined {
  return sql(db, `SELECT ${ROW} ${FROM} WHERE c.code = ?`).get(code) as CodeRow | undefined;
}

export function codeRowById(db: Db, id: number): CodeRow | undefined {
  return sql(db, `SELECT ${ROW} ${FROM} WHERE c.id = ?`).get(id) as CodeRow | undefined;
}

/** How many of the given codes are still live. */
export function countLive(db: Db, ids: readonly number[]): number {
  const st = sql(db, "SELECT 1 FROM invitation_codes WHERE id = ? AND state IN ('active', 'printed')");
  return ids.reduce((n, id) => n + (st.get(id) ? 1 : 0), 0);
}

/** Links a revoked code to the code that replaced it. */
export function setReplacedBy(db: Db, oldId: number, newId: number): void {
  sql(db, 'UPDATE invitation_codes SET replaced_by = ? WHERE id = ?').run(newId, oldId);
}

export function markPrinted(db: Db, ids: readonly number[], at: string): void {
  const st = sql(
    db,
    `UPDATE invitation_codes SET print_count = print_count + 1, printed_at = ?,
       state = CASE state WHEN 'active' THEN 'printed' ELSE state END WHERE id = ?`,
  );
  for (const id of ids) st.run(at, id);
}

/** `column IN (ids)` with the ids as one JSON parameter: one cached statement for any number of ids. */
const IN_IDS = (column: string) => `${column} IN (SELECT value FROM json_each(?))`;

/** Codes of a class, chosen students or parents, or the whole school, with names, in printing order. */
export function codeRows(
  db: Db,
  filter: {
    classId?: number;
    studentIds?: readonly number[];
    guardianId?: number;
    guardianIds?: readonly number[];
    liveOnly?: boolean;
    /** With `liveOnly`: the codes someone registered with too. */
    withRedeemed?: boolean;
  },
): CodeRow[] {
  const where: string[] = ['s.archived_at IS NULL', 'g.archived_at IS NULL'];
  const params: unknown[] = [];
  if (filter.classId !== undefined) {
    where.push('s.class_id = ?');
    params.push(filter.classId);
  }
  if (filter.studentIds) {
    where.push(IN_IDS('c.student_id'));
    params.push(JSON.stringify(filter.studentIds));
  }
  if (filter.guardianId !== undefined) {
    where.push('c.guardian_id = ?');
    params.push(filter.guardianId);
  }
  if (filter.guardianIds) {
    where.push(IN_IDS('c.guardian_id'));
    params.push(JSON.stringify(filter.guardianIds));
  }
  if (filter.liveOnly)
    where.push(filter.withRedeemed ? "c.state IN ('active', 'printed', 'redeemed')" : "c.state IN ('active', 'printed')");
  return sql(db, `SELECT ${ROW} ${FROM} WHERE ${where.join(' AND ')} ${ORDER}`).all(...params) as CodeRow[];
}

/** Every code of a person: a student's own and their parents' codes, or a guardian's codes. */
export function codesOfPerson(db: Db, personId: number): CodeRow[] {
  return sql(db, `SELECT ${ROW} ${FROM} WHERE c.student_id = ? OR c.guardian_id = ? ${ORDER}, c.issued_at DESC`).all(
    personId,
    personId,
  ) as CodeRow[];
}

/** Of the codes of these students, the ones that replaced an earlier code (reissued). */
export function replacingCodeIds(db: Db, studentIds: readonly number[]): Set<number> {
  const rows = sql(db, `SELECT replaced_by FROM invitation_codes WHERE ${IN_IDS('student_id')} AND replaced_by IS NOT NULL`)
    .pluck()
    .all(JSON.stringify([...new Set(studentIds)])) as number[];
  return new Set(rows);
}

/** Students of a scope with their active guardians: who should hold a code. */
export interface TargetStudent {
  id: number;
  classId: number;
  guardians: number[];
}

export function targetStudents(db: Db, scope: CodeScope): TargetStudent[] {
  if ('guardianId' in scope) {
    return (
      sql(
        db,
        `SELECT s.id, s.class_id AS classId FROM guardianships g JOIN people s ON s.id = g.student_id
         JOIN people p ON p.id = g.guardian_id
         WHERE g.guardian_id = ? AND s.archived_at IS NULL AND p.archived_at IS NULL ORDER BY s.birth_date`,
      ).all(scope.guardianId) as { id: number; classId: number }[]
    ).map((s) => ({ ...s, guardians: [scope.guardianId] }));
  }
  // The scope's students, and only their guardianship links (not the whole school's).
  const [scopeWhere, params]: [string, unknown[]] =
    'classId' in scope
      ? ['s.class_id = ?', [scope.classId]]
      : 'studentIds' in scope
        ? [IN_IDS('s.id'), [JSON.stringify(scope.studentIds)]]
        : ['1', []];
  const chosen = sql(
    db,
    `SELECT s.id, s.class_id AS classId FROM people s WHERE s.kind = 'student' AND s.archived_at IS NULL AND ${scopeWhere} ORDER BY s.id`,
  ).all(...params) as { id: number; classId: number }[];
  const links = sql(
    db,
    `SELECT g.student_id AS studentId, g.guardian_id AS guardianId FROM guardianships g
     JOIN people p ON p.id = g.guardian_id JOIN people s ON s.id = g.student_id
     WHERE p.archived_at IS NULL AND ${scopeWhere}`,
  ).all(...params) as { studentId: number; guardianId: number }[];
  const byStudent = new Map<number, number[]>();
  for (const l of links) {
    const list = byStudent.get(l.studentId);
    if (list) list.push(l.guardianId);
    else byStudent.set(l.studentId, [l.guardianId]);
  }
  return chosen.map((s) => ({ id: s.id, classId: s.classId, guardians: byStudent.get(s.id) ?? [] }));
}

/** A parent on a scope's family sheets and one of their children for whom they hold no valid code. */
export interface FamilyGapRow {
  guardianId: number;
  guardianSurname: string;
  guardianFirstName: string;
  guardianPatronymic: string | null;
  studentId: number;
  studentSurname: string;
  studentName: string;
  studentPatronymic: string | null;
  grade: number;
  letter: string;
}

/**
 * The parents whose family sheets a scope prints (those of its students, or the one parent), with
 * each of their active children — in any class — that has no valid parent code of theirs: the
 * children a family sheet would leave out. A code the parent used (registered with) is not missing.
 */
export function familyGapRows(db: Db, scope: CodeScope, today: string): FamilyGapRow[] {
  const [scopeWhere, params]: [string, unknown[]] =
    'guardianId' in scope
      ? ['l.guardian_id = ?', [scope.guardianId]]
      : 'classId' in scope
        ? ['s.class_id = ?', [scope.classId]]
        : 'studentIds' in scope
          ? [IN_IDS('s.id'), [JSON.stringify(scope.studentIds)]]
          : ['1', []];
  return sql(
    db,
    `WITH parents AS (
       SELECT DISTINCT l.guardian_id AS id FROM guardianships l
       JOIN people s ON s.id = l.student_id JOIN people p ON p.id = l.guardian_id
       WHERE s.archived_at IS NULL AND p.archived_at IS NULL AND ${scopeWhere})
     SELECT g.id AS guardianId, g.surname AS guardianSurname, g.name AS guardianFirstName, g.patronymic AS guardianPatronymic,
       s.id AS studentId, s.surname AS studentSurname, s.name AS studentName, s.patronymic AS studentPatronymic, cl.grade, cl.letter
     FROM parents JOIN guardianships l ON l.guardian_id = parents.id
     JOIN people g ON g.id = l.guardian_id JOIN people s ON s.id = l.student_id JOIN classes cl ON cl.id = s.class_id
     WHERE s.archived_at IS NULL AND NOT EXISTS (
       SELECT 1 FROM invitation_codes c WHERE c.kind = 'parent' AND c.student_id = l.student_id AND c.guardian_id = l.guardian_id
         AND ((c.state IN ('active', 'printed') AND c.valid_until >= ?) OR c.state = 'redeemed'))
     ORDER BY g.surname, g.name, g.id, s.surname, s.name, s.id`,
  ).all(...params, today) as FamilyGapRow[];
}

/** Live codes that hang on a person who left: revoked when the person is archived. */
export function liveCodesOfPerson(db: Db, personId: number): CodeRecord[] {
  return sql(
    db,
    `SELECT ${CODE} FROM invitation_codes c WHERE (c.student_id = ? OR c.guardian_id = ?) AND c.state IN ('active', 'printed')`,
  ).all(personId, personId) as CodeRecord[];
}
