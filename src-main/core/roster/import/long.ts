// The long layout: one row per person with a role (ученик, мать, отец, опекун, учитель, классный
// руководитель); a parent row names its child. `parseLong` is called by index.ts; it reads the rows
// here, then finds the parents' children (children.ts) and merges the staff (staff.ts). Split out
// of the former roster.ts.

import { PROGRESS_EVERY, type ProgressHook } from '../../../../src-shared/roster/progress.ts';
import { AppError } from '../../../../src-shared/result.ts';
import { ruImport } from '../../../../src-shared/i18n/ru-import.ts';
import { nameKey, parseDate } from '../../../../src-shared/roster/normalize.ts';
import { parseRelation, parseRole } from '../../../../src-shared/roster/headers.ts';
import type { PersonRole } from '../../../../src-shared/roster/headers.ts';
import type { DetectedFormat, ParsedRoster, Relation } from '../../../../src-shared/roster/types.ts';
import { buildCtx, get, has, label, newIssues, report } from './context.ts';
import type { Ctx, RowIssues } from './context.ts';
import { readEmail, readName, readPhone, readStudent, tooLongCells } from './fields.ts';
import { addStudent, admitRow, commit, finish, newState, reject } from './pipeline.ts';
import { resolveChildren } from './children.ts';
import type { PendingParent } from './children.ts';
import { groupStaff } from './staff.ts';
import type { PendingStaff } from './staff.ts';

/** The role of a long row; reports an error and returns `null` when it cannot be told. */
function readRole(ctx: Ctx, row: readonly string[], issues: RowIssues): { role: PersonRole; relation: Relation | null } | null {
  const relationRaw = get(ctx, row, 'relation');
  const relation = relationRaw === '' ? null : parseRelation(relationRaw);
  if (!has(ctx, 'role')) {
    if (relationRaw === '') return { role: 'student', relation: null };
    if (!relation) {
      report(issues, 'error', label(ctx, 'relation'), ruImport.row.roleInvalid(relationRaw), relationRaw);
      return null;
    }
    return { role: relation === 'other' ? 'guardian' : relation, relation };
  }
  const raw = get(ctx, row, 'role');
  if (raw === '') {
    if (relation) return { role: relation === 'other' ? 'guardian' : relation, relation };
    report(issues, 'error', label(ctx, 'role'), ruImport.row.roleMissing);
    return null;
  }
  const role = parseRole(raw);
  if (!role) {
    report(issues, 'error', label(ctx, 'role'), ruImport.row.roleInvalid(raw), raw);
    return null;
  }
  return { role, relation };
}

/** Long rows: every row is one person, read by its role; parents are matched to their children after all rows. */
export function parseLong(
  rows: readonly string[][],
  lineOf: readonly number[],
  headerIndex: number,
  format: DetectedFormat,
  today: string,
  progress?: ProgressHook,
): ParsedRoster {
  const ctx = buildCtx(format, today);
  const st = newState(ctx);
  const pending: PendingParent[] = [];
  const staffRows: PendingStaff[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    if (progress && (i & (PROGRESS_EVERY - 1)) === 0) progress('read', i, rows.length);
    const row = rows[i]!;
    const line = lineOf[i]!;
    if (!admitRow(st, row, line)) continue;
    const issues = newIssues(line, row);
    const r = tooLongCells(ctx, row, issues) ? null : readRole(ctx, row, issues);
    if (!r) {
      reject(st, issues);
      continue;
    }
    if (r.role === 'student') {
      if (!has(ctx, 'birthDate')) throw new AppError('import.no_birth_date_column');
      if (!has(ctx, 'class')) throw new AppError('import.no_class_column');
      const student = readStudent(ctx, row, line, issues);
      if (!student) reject(st, issues);
      else if (addStudent(st, student, row, [], issues)) commit(st, issues);
      continue;
    }
    if (r.role === 'teacher' || r.role === 'classTeacher') {
      const staff = readStaffRow(ctx, row, line, issues, r.role);
      if (!staff) {
        reject(st, issues);
        continue;
      }
      commit(st, issues);
      staffRows.push(staff);
      continue;
    }
    const parent = readParentRow(ctx, row, line, issues, r.role, r.relation);
    if (parent) pending.push(parent);
    else reject(st, issues);
  }
  resolveChildren(st, pending);
  const staff = groupStaff(staffRows, st.problems);
  return finish(st, format, staff);
}

/** A teacher's or class teacher's row; `null` when rejected (the problems are in `issues`). */
function readStaffRow(
  ctx: Ctx,
  row: readonly string[],
  line: number,
  issues: RowIssues,
  role: 'teacher' | 'classTeacher',
): PendingStaff | null {
  const name = readName(ctx, row, issues);
  const phone = readPhone(ctx, row, 'phone', issues);
  const email = readEmail(ctx, row, 'email', issues);
  let classTeacherOf: string | null = null;
  if (role === 'classTeacher') {
    const raw = get(ctx, row, 'class') || get(ctx, row, 'childClass');
    classTeacherOf = raw === '' ? null : ctx.classOf(raw);
    if (!classTeacherOf)
      report(issues, 'error', label(ctx, 'class'), raw === '' ? ruImport.row.classTeacherNoClass : ruImport.row.classInvalid(raw), raw);
  }
  if (!name || issues.errors > 0) return null;
  return {
    name,
    key: nameKey(name),
    line,
    phone,
    email,
    classTeacherOf,
    classField: label(ctx, 'class'),
    phoneField: label(ctx, 'phone'),
    emailField: label(ctx, 'email'),
  };
}

/**
 * A parent's row: mother, father, guardian or «родитель» with the relation in its own column. The
 * child is only written down here; `resolveChildren` finds it. `null` when rejected.
 */
function readParentRow(
  ctx: Ctx,
  row: readonly string[],
  line: number,
  issues: RowIssues,
  role: PersonRole,
  relationColumn: Relation | null,
): PendingParent | null {
  const name = readName(ctx, row, issues);
  const phone = readPhone(ctx, row, 'phone', issues);
  const email = readEmail(ctx, row, 'email', issues);
  const relation: Relation = role === 'mother' || role === 'father' ? role : (relationColumn ?? 'other');
  const child = get(ctx, row, 'childFullName');
  if (child === '') report(issues, 'error', label(ctx, 'childFullName'), ruImport.row.childMissing);
  if (!name || issues.errors > 0) return null;
  const cbRaw = get(ctx, row, 'childBirthDate');
  const cb = cbRaw === '' ? null : parseDate(cbRaw);
  if (cb && !cb.ok) report(issues, 'warning', label(ctx, 'childBirthDate'), ruImport.row.childBirthDateInvalid(cbRaw), cbRaw);
  const ccRaw = get(ctx, row, 'childClass');
  const cc = ccRaw === '' ? null : ctx.classOf(ccRaw);
  if (ccRaw !== '' && !cc) report(issues, 'warning', label(ctx, 'childClass'), ruImport.row.childClassInvalid(ccRaw), ccRaw);
  const hintRaw = get(ctx, row, 'class');
  return {
    occurrence: {
      name,
      nameKey: nameKey(name),
      phone,
      email,
      line,
      relation,
      phoneField: label(ctx, 'phone'),
      emailField: label(ctx, 'email'),
    },
    issues,
    child,
    childBirthDate: cb?.ok ? cb.value : null,
    childClass: cc,
    classHint: hintRaw === '' ? null : ctx.classOf(hintRaw),
  };
}
