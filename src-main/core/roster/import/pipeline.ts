// The parse state both layouts fill row by row (wide.ts, long.ts): accepted students, parent
// occurrences, problems, duplicate rows, and the rules for a student met twice; `finish` turns it
// into a `ParsedRoster`. Split out of the former roster.ts: it is what the two layouts share.

import { ruImport } from '../../../../src-shared/i18n/ru-import.ts';
import { compareClasses } from '../../../../src-shared/roster/normalize.ts';
import type { DetectedFormat, ImportProblem, ParsedRoster, ParsedStaff, ParsedStudent } from '../../../../src-shared/roster/types.ts';
import { groupGuardians } from './guardians.ts';
import type { GuardianOccurrence } from './guardians.ts';
import { isBlankRow } from './table.ts';
import { has, label, report } from './context.ts';
import type { Ctx, RowIssues } from './context.ts';
import { rowWho } from './fields.ts';

const sameStudentData = (a: ParsedStudent, b: ParsedStudent): boolean =>
  a.surname === b.surname &&
  a.name === b.name &&
  a.patronymic === b.patronymic &&
  a.birthDate === b.birthDate &&
  a.sex === b.sex &&
  a.className === b.className &&
  a.externalId === b.externalId;

/** The `count` occurrences from `from` of `all` (an earlier row's parents) and `b` name the same parents. */
const sameParents = (all: readonly GuardianOccurrence[], from: number, count: number, b: readonly GuardianOccurrence[]): boolean => {
  if (count !== b.length) return false;
  for (let i = 0; i < count; i++) {
    const x = all[from + i]!;
    const y = b[i]!;
    if (x.relation !== y.relation || x.nameKey !== y.nameKey || x.phone !== y.phone || x.email !== y.email) return false;
  }
  return true;
};

const sameRow = (a: readonly string[], b: readonly string[]): boolean => {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? '').trim() !== '' || (b[i] ?? '').trim() !== '') if (a[i] !== b[i]) return false;
  return true;
};

/** A row's identity for exact-duplicate detection: its cells, trailing blank cells ignored. */
function rowSignature(row: readonly string[]): string {
  let end = row.length;
  while (end > 0 && row[end - 1]!.trim() === '') end--;
  return row.slice(0, end).join('\u0000');
}

export interface State {
  ctx: Ctx;
  problems: ImportProblem[];
  rowsTotal: number;
  rowsRejected: number;
  duplicateRows: { line: number; duplicateOf: number }[];
  /** Row signature → first line: every row (long layout) or rejected rows only (wide layout, see `parseWide`). */
  seenRows: Map<string, number>;
  students: ParsedStudent[];
  /** Student key → index in `students`; by the same index, the student's row and where its parents are in `occurrences`. */
  studentByKey: Map<string, number>;
  rowOf: (readonly string[])[];
  parentsFrom: number[];
  parentsCount: number[];
  occurrences: GuardianOccurrence[];
  rowNames: Map<number, string>;
}

export function newState(ctx: Ctx): State {
  return {
    ctx,
    problems: [],
    rowsTotal: 0,
    rowsRejected: 0,
    duplicateRows: [],
    seenRows: new Map(),
    students: [],
    studentByKey: new Map(),
    rowOf: [],
    parentsFrom: [],
    parentsCount: [],
    occurrences: [],
    rowNames: new Map(),
  };
}

/** An exact copy of an earlier row is recorded as a duplicate: `false`. Otherwise the row is remembered: `true`. */
export function firstOfItsKind(st: State, row: readonly string[], line: number): boolean {
  const sig = rowSignature(row);
  const first = st.seenRows.get(sig);
  if (first !== undefined) {
    st.duplicateRows.push({ line, duplicateOf: first });
    return false;
  }
  st.seenRows.set(sig, line);
  return true;
}

/** Long layout: blank rows are skipped, exact copies recorded as duplicates. `true` to go on. */
export function admitRow(st: State, row: readonly string[], line: number): boolean {
  if (isBlankRow(row)) return false;
  st.rowsTotal++;
  return firstOfItsKind(st, row, line);
}

export function reject(st: State, issues: RowIssues): void {
  st.rowsRejected++;
  for (const p of issues.list) if (p.severity === 'error') st.problems.push(p);
  nameRow(st, issues);
}

export function commit(st: State, issues: RowIssues): void {
  for (const p of issues.list) st.problems.push(p);
  nameRow(st, issues);
}

/** Remembers whom a row with problems is about (only those: a district file has 100,000 rows). */
function nameRow(st: State, issues: RowIssues): void {
  if (issues.list.length === 0 || !issues.row) return;
  const who = rowWho(st.ctx, issues.row);
  if (who) st.rowNames.set(issues.line, who);
}

/**
 * Registers a student. The same student (folded name + birth date) met again: the same cells or the
 * same values once normalized (`6а` = `6 А`) → a duplicate row, imported once; different values →
 * the row is rejected, the first one wins. `false` when not new.
 */
export function addStudent(
  st: State,
  student: ParsedStudent,
  row: readonly string[],
  parents: readonly GuardianOccurrence[],
  issues: RowIssues,
): boolean {
  const at = st.studentByKey.get(student.key);
  if (at !== undefined) {
    const prev = st.students[at]!;
    if (
      sameRow(st.rowOf[at]!, row) ||
      (sameStudentData(prev, student) && sameParents(st.occurrences, st.parentsFrom[at]!, st.parentsCount[at]!, parents))
    ) {
      st.duplicateRows.push({ line: student.line, duplicateOf: prev.line });
    } else if (firstOfItsKind(st, row, student.line)) {
      report(
        issues,
        'error',
        label(st.ctx, has(st.ctx, 'fullName') && !has(st.ctx, 'surname') ? 'fullName' : 'surname'),
        ruImport.row.duplicateStudentDiffers(prev.line),
      );
      reject(st, issues);
    }
    return false;
  }
  // The parents (wide layout) go into `occurrences` right after: see parseWide.
  st.studentByKey.set(student.key, st.students.length);
  st.students.push(student);
  st.rowOf.push(row);
  st.parentsFrom.push(st.occurrences.length);
  st.parentsCount.push(parents.length);
  return true;
}

export function finish(st: State, format: DetectedFormat, staff: ParsedStaff[]): ParsedRoster {
  const { guardians, links } = groupGuardians(st.occurrences, st.problems);
  const classes = new Set<string>();
  for (const s of st.students) classes.add(s.className);
  for (const s of staff) if (s.classTeacherOf) classes.add(s.classTeacherOf);
  st.problems.sort((a, b) => a.line - b.line);
  st.duplicateRows.sort((a, b) => a.line - b.line);
  return {
    format,
    rowsTotal: st.rowsTotal,
    rowsRejected: st.rowsRejected,
    classes: [...classes].sort(compareClasses),
    students: st.students,
    guardians,
    links,
    staff,
    duplicateRows: st.duplicateRows,
    problems: st.problems,
    rowNames: st.rowNames,
  };
}
