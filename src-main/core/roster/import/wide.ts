// The wide layout: one row per student, the parents in columns (Мать ФИО, Телефон отца, …).
// `parseWide` is called by index.ts; split out of the former roster.ts.

import { PROGRESS_EVERY, type ProgressHook } from '../../../../src-shared/roster/progress.ts';
import { ruImport } from '../../../../src-shared/i18n/ru-import.ts';
import { splitFullName } from '../../../../src-shared/roster/normalize.ts';
import type { DetectedFormat, FieldKey, ParsedRoster, Relation } from '../../../../src-shared/roster/types.ts';
import type { GuardianOccurrence } from './guardians.ts';
import { isBlankRow } from './table.ts';
import { MAX_NAME_PART_CHARS } from './limits.ts';
import { buildCtx, get, has, label, newIssues, report } from './context.ts';
import type { Ctx, RowIssues } from './context.ts';
import { nameFits, readEmail, readPhone, readStudent, shown, tooLongCells } from './fields.ts';
import { addStudent, commit, finish, firstOfItsKind, newState, reject } from './pipeline.ts';

const WIDE_PARENTS: readonly { relation: Relation; name: FieldKey; phone: FieldKey; email: FieldKey; who: string }[] = [
  { relation: 'mother', name: 'motherFullName', phone: 'motherPhone', email: 'motherEmail', who: ruImport.parentWho.mother },
  { relation: 'father', name: 'fatherFullName', phone: 'fatherPhone', email: 'fatherEmail', who: ruImport.parentWho.father },
  { relation: 'other', name: 'guardianFullName', phone: 'guardianPhone', email: 'guardianEmail', who: ruImport.parentWho.other },
];

type WideParent = (typeof WIDE_PARENTS)[number];

/** A parent of a row's student (`line`, `studentKey`), warnings for what is dropped; `null` when there is nobody. */
function readContactPerson(
  ctx: Ctx,
  row: readonly string[],
  fields: WideParent,
  issues: RowIssues,
  line: number,
  studentKey: string,
): GuardianOccurrence | null {
  const rawName = get(ctx, row, fields.name);
  const rawPhone = get(ctx, row, fields.phone);
  const rawEmail = get(ctx, row, fields.email);
  if (rawName === '') {
    if (rawPhone !== '' || rawEmail !== '') {
      report(issues, 'warning', label(ctx, fields.name), ruImport.row.contactWithoutName(fields.who), rawPhone || rawEmail);
    }
    return null;
  }
  const phone = readPhone(ctx, row, fields.phone, issues, rawPhone);
  const email = readEmail(ctx, row, fields.email, issues, rawEmail);
  const name = splitFullName(rawName);
  if (!name) {
    report(issues, 'warning', label(ctx, fields.name), ruImport.row.parentNameIncomplete(rawName), rawName);
    return null;
  }
  if (!nameFits(name)) {
    report(issues, 'warning', label(ctx, fields.name), ruImport.row.nameTooLong(MAX_NAME_PART_CHARS), shown(rawName));
    return null;
  }
  return {
    name,
    nameKey: ctx.keyOf(name),
    phone,
    email,
    line,
    studentKey,
    relation: fields.relation,
    phoneField: label(ctx, fields.phone),
    emailField: label(ctx, fields.email),
  };
}

/**
 * Wide rows. Exact duplicates are found without a signature of every row (that costs a third of
 * the time on 100,000 rows): an exact copy of an accepted row names the same student, so it is
 * caught when the student key repeats; only rejected rows are remembered by signature.
 */
export function parseWide(
  rows: readonly string[][],
  lineOf: readonly number[],
  headerIndex: number,
  format: DetectedFormat,
  today: string,
  progress?: ProgressHook,
): ParsedRoster {
  const ctx = buildCtx(format, today);
  const st = newState(ctx);
  const parents = WIDE_PARENTS.filter((p) => has(ctx, p.name) || has(ctx, p.phone) || has(ctx, p.email));
  // One problem list and one parent list for every row: a row's problems are committed (or dropped)
  // and its parents copied to `st.occurrences` before the next row.
  const issues = newIssues(0);
  const found: GuardianOccurrence[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    if (progress && (i & (PROGRESS_EVERY - 1)) === 0) progress('read', i, rows.length);
    const row = rows[i]!;
    const line = lineOf[i]!;
    if (isBlankRow(row)) continue;
    st.rowsTotal++;
    issues.line = line;
    issues.row = row;
    issues.list.length = 0;
    issues.errors = 0;
    if (tooLongCells(ctx, row, issues)) {
      if (firstOfItsKind(st, row, line)) reject(st, issues);
      continue;
    }
    const student = readStudent(ctx, row, line, issues);
    if (!student) {
      if (firstOfItsKind(st, row, line)) reject(st, issues);
      continue;
    }
    found.length = 0;
    for (const p of parents) {
      const o = readContactPerson(ctx, row, p, issues, line, student.key);
      if (o) found.push(o);
    }
    if (!addStudent(st, student, row, found, issues)) continue;
    commit(st, issues);
    for (const o of found) st.occurrences.push(o);
  }
  return finish(st, format, []);
}
