// Rows of a located table → students, guardians, links, staff and problems, for both layouts.
//
// Every problem names the physical line and the column header as the school wrote it. `error`
// rejects the row; `warning` keeps the row and drops (or fixes) one field. Values are data: nothing
// in a cell is evaluated.

import { PROGRESS_EVERY, type ProgressHook } from '../../../../src-shared/roster/progress.ts';
import { AppError } from '../../../../src-shared/result.ts';
import { importFieldLabels, ruImport } from '../../../../src-shared/i18n/ru-import.ts';
import {
  checkStudentBirthDate,
  cleanText,
  compareClasses,
  joinFullName,
  matchKey,
  nameKey,
  nameKeyFolder,
  normalizeClass,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeSex,
  parseDate,
  splitFullName,
} from '../../../../src-shared/roster/normalize.ts';
import type { PersonName } from '../../../../src-shared/roster/normalize.ts';
import { parseRelation, parseRole } from '../../../../src-shared/roster/headers.ts';
import type { PersonRole } from '../../../../src-shared/roster/headers.ts';
import type {
  DetectedFormat,
  FieldKey,
  ImportProblem,
  ParsedRoster,
  ParsedStaff,
  ParsedStudent,
  Relation,
  Sex,
} from '../../../../src-shared/roster/types.ts';
import { groupGuardians } from './guardians.ts';
import type { GuardianOccurrence } from './guardians.ts';
import { isBlankRow } from './table.ts';
import { MAX_CELL_CHARS, MAX_NAME_PART_CHARS } from './limits.ts';
import { memoize } from './memo.ts';

interface Ctx {
  header: readonly string[];
  cols: ReadonlyMap<FieldKey, readonly number[]>;
  /** Every mapped column with its field, in `cols` order: checked on every row (no Map iterator there). */
  cells: readonly { field: FieldKey; col: number }[];
  /** `YYYY-MM-DD`, for birth-date plausibility. */
  today: string;
  /** Each field's column header (see `label`), worked out once. */
  labels: Map<FieldKey, string>;
  // Values a district file repeats thousands of times (a class, a sex, a birth date), read once each.
  classOf: (raw: string) => string | null;
  sexOf: (raw: string) => Sex | null;
  birthDateOf: (raw: string) => BirthDateReading;
  /** `nameKey`, each distinct name part folded once. */
  keyOf: (p: PersonName) => string;
}

/** A birth date cell read: the date, or the problem that rejects the row. */
type BirthDateReading = { ok: true; value: string } | { ok: false; message: string };

/** A row's problems, committed once the row's fate is known. */
interface RowIssues {
  line: number;
  /** The row, for `who`: whom a problem is about is worked out only for the rows that have one. */
  row: readonly string[] | undefined;
  list: ImportProblem[];
  errors: number;
}

const newIssues = (line: number, row?: readonly string[]): RowIssues => ({ line, row, list: [], errors: 0 });

function report(issues: RowIssues, severity: 'error' | 'warning', field: string, message: string, value?: string): void {
  if (severity === 'error') issues.errors++;
  const p: ImportProblem = { line: issues.line, field, message, severity };
  if (value !== undefined && value !== '') p.value = value;
  issues.list.push(p);
}

function buildCtx(format: DetectedFormat, today: string): Ctx {
  const cols = new Map<FieldKey, number[]>();
  for (const [k, field] of Object.entries(format.mapping)) {
    const list = cols.get(field);
    if (list) list.push(Number(k));
    else cols.set(field, [Number(k)]);
  }
  for (const list of cols.values()) list.sort((a, b) => a - b);
  return {
    header: format.header,
    cols,
    cells: [...cols].flatMap(([field, list]) => list.map((col) => ({ field, col }))),
    today,
    labels: new Map(),
    classOf: memoize(normalizeClass),
    sexOf: memoize(normalizeSex),
    birthDateOf: memoize((raw) => readBirthDateValue(raw, today)),
    keyOf: nameKeyFolder(),
  };
}

const has = (ctx: Ctx, field: FieldKey): boolean => ctx.cols.has(field);

/** The first non-empty (space-cleaned) value of a field in a row, or `''`. */
function get(ctx: Ctx, row: readonly string[], field: FieldKey): string {
  const cols = ctx.cols.get(field);
  if (!cols) return '';
  for (const c of cols) {
    const v = row[c];
    if (v !== undefined && v !== '') {
      const t = cleanText(v);
      if (t !== '') return t;
    }
  }
  return '';
}

/** The column header of a field as written in the file, or the field's label when unmapped or unnamed. */
function label(ctx: Ctx, field: FieldKey): string {
  let known = ctx.labels.get(field);
  if (known === undefined) {
    const col = ctx.cols.get(field)?.[0];
    const h = col === undefined ? '' : (ctx.header[col] ?? '');
    ctx.labels.set(field, (known = h !== '' ? h : importFieldLabels[field]));
  }
  return known;
}

// ---------------------------------------------------------------------------------------------
// Fields

/** The name cells of a row as written (ФИО, or Фамилия Имя Отчество), for problem lists; `undefined` when blank. */
function rowWho(ctx: Ctx, row: readonly string[]): string | undefined {
  const full = get(ctx, row, 'fullName');
  const parts = [get(ctx, row, 'surname'), get(ctx, row, 'name'), get(ctx, row, 'patronymic')].filter((s) => s !== '');
  const who = parts.length ? parts.join(' ') : full;
  return who === '' ? undefined : who.slice(0, 120);
}

/** How much of an over-long value a problem shows. */
const SHOWN_CHARS = 60;
const shown = (v: string): string => (v.length > SHOWN_CHARS ? `${v.slice(0, SHOWN_CHARS)}…` : v);

/**
 * Refuses a row with a value longer than any field holds (a pasted document, a million characters):
 * such a value is reported, shortened, before anything normalizes it or puts it in a message.
 */
function tooLongCells(ctx: Ctx, row: readonly string[], issues: RowIssues): boolean {
  let found = false;
  for (const { field, col } of ctx.cells) {
    const v = row[col];
    if (v === undefined || v.length <= MAX_CELL_CHARS) continue;
    report(issues, 'error', label(ctx, field), ruImport.row.tooLong(v.length, MAX_CELL_CHARS), shown(v));
    found = true;
  }
  return found;
}

/** A name whose parts fit the database (a full name's patronymic may gather many words). */
const nameFits = (p: PersonName): boolean =>
  p.surname.length <= MAX_NAME_PART_CHARS && p.name.length <= MAX_NAME_PART_CHARS && (p.patronymic ?? '').length <= MAX_NAME_PART_CHARS;

/** The row's person name from Фамилия/Имя/Отчество or from ФИО; errors when incomplete. */
function readName(ctx: Ctx, row: readonly string[], issues: RowIssues): PersonName | null {
  const separate = has(ctx, 'surname') || has(ctx, 'name');
  const surname = get(ctx, row, 'surname');
  const name = get(ctx, row, 'name');
  const full = get(ctx, row, 'fullName');
  if (has(ctx, 'fullName') && (!separate || (surname === '' && name === '' && full !== ''))) {
    if (full === '') {
      report(issues, 'error', label(ctx, 'fullName'), ruImport.row.missing(label(ctx, 'fullName')));
      return null;
    }
    const parts = splitFullName(full);
    if (!parts) {
      report(issues, 'error', label(ctx, 'fullName'), ruImport.row.fullNameIncomplete, full);
      return null;
    }
    if (!nameFits(parts)) {
      report(issues, 'error', label(ctx, 'fullName'), ruImport.row.nameTooLong(MAX_NAME_PART_CHARS), shown(full));
      return null;
    }
    return parts;
  }
  if (surname === '') report(issues, 'error', label(ctx, 'surname'), ruImport.row.missing(label(ctx, 'surname')));
  if (name === '') report(issues, 'error', label(ctx, 'name'), ruImport.row.missing(label(ctx, 'name')));
  if (surname === '' || name === '') return null;
  const patronymic = get(ctx, row, 'patronymic');
  const parts = {
    surname: normalizeName(surname),
    name: normalizeName(name),
    patronymic: patronymic === '' ? null : normalizeName(patronymic),
  };
  if (!nameFits(parts)) {
    report(issues, 'error', label(ctx, 'surname'), ruImport.row.nameTooLong(MAX_NAME_PART_CHARS), shown(joinFullName(parts)));
    return null;
  }
  return parts;
}

/** The Russian message for a birth date no student can have (not yet come, too young, too old), or null. */
function implausibleBirthDate(iso: string, shown: string, today: string): string | null {
  const check = checkStudentBirthDate(iso, today);
  return check === 'ok' ? null : ruImport.row.birthDateImplausible(check, shown);
}

/** A non-empty birth date cell → the date, or why the row is rejected. */
function readBirthDateValue(raw: string, today: string): BirthDateReading {
  const d = parseDate(raw);
  if (!d.ok)
    return { ok: false, message: d.reason === 'format' ? ruImport.row.birthDateFormat(raw) : ruImport.row.birthDateImpossible(raw) };
  const message = implausibleBirthDate(d.value, raw, today);
  return message === null ? d : { ok: false, message };
}

function readBirthDate(ctx: Ctx, row: readonly string[], issues: RowIssues): string | null {
  const raw = get(ctx, row, 'birthDate');
  if (raw === '') {
    report(issues, 'error', label(ctx, 'birthDate'), ruImport.row.birthDateMissing);
    return null;
  }
  const d = ctx.birthDateOf(raw);
  if (d.ok) return d.value;
  report(issues, 'error', label(ctx, 'birthDate'), d.message, raw);
  return null;
}

function readClass(ctx: Ctx, row: readonly string[], issues: RowIssues, field: FieldKey = 'class'): string | null {
  const raw = get(ctx, row, field);
  if (raw === '') {
    report(issues, 'error', label(ctx, field), ruImport.row.classMissing);
    return null;
  }
  const c = ctx.classOf(raw);
  if (!c) report(issues, 'error', label(ctx, field), ruImport.row.classInvalid(raw), raw);
  return c;
}

function readPhone(ctx: Ctx, row: readonly string[], field: FieldKey, issues: RowIssues, raw = get(ctx, row, field)): string | null {
  if (raw === '') return null;
  const phone = normalizePhone(raw);
  if (!phone) report(issues, 'warning', label(ctx, field), ruImport.row.phoneInvalid(raw), raw);
  return phone;
}

function readEmail(ctx: Ctx, row: readonly string[], field: FieldKey, issues: RowIssues, raw = get(ctx, row, field)): string | null {
  if (raw === '') return null;
  const email = normalizeEmail(raw);
  if (!email) report(issues, 'warning', label(ctx, field), ruImport.row.emailInvalid(raw), raw);
  return email;
}

/** The student fields of a row (wide row, or a long row with the student role); `null` when rejected. */
function readStudent(ctx: Ctx, row: readonly string[], line: number, issues: RowIssues): ParsedStudent | null {
  const name = readName(ctx, row, issues);
  const birthDate = readBirthDate(ctx, row, issues);
  const className = readClass(ctx, row, issues);
  const sexRaw = get(ctx, row, 'sex');
  const sex = sexRaw === '' ? null : ctx.sexOf(sexRaw);
  if (sexRaw !== '' && !sex) report(issues, 'warning', label(ctx, 'sex'), ruImport.row.sexInvalid(sexRaw), sexRaw);
  if (!name || !birthDate || !className) return null;
  const externalId = get(ctx, row, 'externalId');
  return {
    key: `${ctx.keyOf(name)}|${birthDate}`, // = studentKey(name, birthDate)
    line,
    surname: name.surname,
    name: name.name,
    patronymic: name.patronymic,
    birthDate,
    sex,
    className,
    externalId: externalId === '' ? null : externalId,
  };
}

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

// ---------------------------------------------------------------------------------------------
// Pipeline state

interface State {
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

function newState(ctx: Ctx): State {
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
function firstOfItsKind(st: State, row: readonly string[], line: number): boolean {
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
function admitRow(st: State, row: readonly string[], line: number): boolean {
  if (isBlankRow(row)) return false;
  st.rowsTotal++;
  return firstOfItsKind(st, row, line);
}

function reject(st: State, issues: RowIssues): void {
  st.rowsRejected++;
  for (const p of issues.list) if (p.severity === 'error') st.problems.push(p);
  nameRow(st, issues);
}

function commit(st: State, issues: RowIssues): void {
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
function addStudent(
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

function finish(st: State, format: DetectedFormat, staff: ParsedStaff[]): ParsedRoster {
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

// ---------------------------------------------------------------------------------------------
// Wide layout: one row per student, parents in columns

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

// ---------------------------------------------------------------------------------------------
// Long layout: one row per person with a role; a parent row names its child

interface PendingParent {
  occurrence: Omit<GuardianOccurrence, 'studentKey'>;
  issues: RowIssues;
  child: string;
  childBirthDate: string | null;
  childClass: string | null;
  /** The row's own class column: used only to break a tie between namesakes. */
  classHint: string | null;
}

interface PendingStaff {
  name: PersonName;
  key: string;
  line: number;
  phone: string | null;
  email: string | null;
  classTeacherOf: string | null;
  classField: string;
  phoneField: string;
  emailField: string;
}

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
    const name = readName(ctx, row, issues);
    const phone = readPhone(ctx, row, 'phone', issues);
    const email = readEmail(ctx, row, 'email', issues);
    if (r.role === 'teacher' || r.role === 'classTeacher') {
      let classTeacherOf: string | null = null;
      if (r.role === 'classTeacher') {
        const raw = get(ctx, row, 'class') || get(ctx, row, 'childClass');
        classTeacherOf = raw === '' ? null : ctx.classOf(raw);
        if (!classTeacherOf)
          report(issues, 'error', label(ctx, 'class'), raw === '' ? ruImport.row.classTeacherNoClass : ruImport.row.classInvalid(raw), raw);
      }
      if (!name || issues.errors > 0) {
        reject(st, issues);
        continue;
      }
      commit(st, issues);
      staffRows.push({
        name,
        key: nameKey(name),
        line,
        phone,
        email,
        classTeacherOf,
        classField: label(ctx, 'class'),
        phoneField: label(ctx, 'phone'),
        emailField: label(ctx, 'email'),
      });
      continue;
    }
    // A parent: mother, father, guardian or «родитель» with the relation in its own column.
    const relation: Relation = r.role === 'mother' || r.role === 'father' ? r.role : (r.relation ?? 'other');
    const child = get(ctx, row, 'childFullName');
    if (child === '') report(issues, 'error', label(ctx, 'childFullName'), ruImport.row.childMissing);
    if (!name || issues.errors > 0) {
      reject(st, issues);
      continue;
    }
    const cbRaw = get(ctx, row, 'childBirthDate');
    const cb = cbRaw === '' ? null : parseDate(cbRaw);
    if (cb && !cb.ok) report(issues, 'warning', label(ctx, 'childBirthDate'), ruImport.row.childBirthDateInvalid(cbRaw), cbRaw);
    const ccRaw = get(ctx, row, 'childClass');
    const cc = ccRaw === '' ? null : ctx.classOf(ccRaw);
    if (ccRaw !== '' && !cc) report(issues, 'warning', label(ctx, 'childClass'), ruImport.row.childClassInvalid(ccRaw), ccRaw);
    const hintRaw = get(ctx, row, 'class');
    pending.push({
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
    });
  }
  resolveChildren(st, pending);
  const staff = groupStaff(staffRows, st.problems);
  return finish(st, format, staff);
}

/** A class written after the child's name: `(1а)`, `(1 А)`, `(1-А)`, `(1а класс)`, `, 1а`, ` 1а`. */
const CHILD_CLASS_IN_BRACKETS = /^(.*?)[\s,;]*[([]([^()[\]]*)[)\]]\s*$/u;
const CHILD_CLASS_AT_END = /^(.*?\p{L})[\s,;]+(\d{1,2}\s*[-–—_.]?\s*["'«»]?\s*\p{L}\s*["'«»]?(?:\s*(?:класс|кл\.?))?)$/iu;

/**
 * A parent row's child as written: the name, and a class after it when there is one
 * (`Зуев Иван Петрович (2а)` → `Зуев Иван Петрович`, `2А`). Text in brackets that is no class stays
 * part of the name (and will not be found: the problem shows it as written).
 */
export function splitChildReference(text: string): { name: string; className: string | null } {
  const m = CHILD_CLASS_IN_BRACKETS.exec(text) ?? CHILD_CLASS_AT_END.exec(text);
  if (m) {
    const className = normalizeClass(m[2]!);
    if (className && m[1]!.trim() !== '') return { name: m[1]!.trim(), className };
  }
  return { name: text, className: null };
}

/** Parent rows → the students they name (students may come after their parents in the file). */
function resolveChildren(st: State, pending: readonly PendingParent[]): void {
  const byFull = new Map<string, ParsedStudent[]>();
  const byShort = new Map<string, ParsedStudent[]>();
  const push = (m: Map<string, ParsedStudent[]>, k: string, s: ParsedStudent): void => {
    const list = m.get(k);
    if (list) list.push(s);
    else m.set(k, [s]);
  };
  for (const s of st.students) {
    push(byFull, nameKey(s), s);
    push(byShort, matchKey(`${s.surname} ${s.name}`), s);
  }
  const childField = label(st.ctx, 'childFullName');
  /** Students a written name fits: the full name; without a patronymic, anyone of that surname and name. */
  const named = (written: string): ParsedStudent[] => {
    const q = splitFullName(written);
    if (!q) return [];
    const short = byShort.get(matchKey(`${q.surname} ${q.name}`)) ?? [];
    if (!q.patronymic) return short;
    // A patronymic the student's own row does not have still names that student.
    return byFull.get(nameKey(q)) ?? short.filter((s) => s.patronymic === null);
  };
  for (const p of pending) {
    const ref = splitChildReference(p.child);
    let candidates = named(ref.name);
    const details: string[] = [];
    if (p.childBirthDate) {
      candidates = candidates.filter((s) => s.birthDate === p.childBirthDate);
      details.push(`${ruImport.fieldLabels.childBirthDate.toLowerCase()} ${p.childBirthDate.split('-').reverse().join('.')}`);
    }
    for (const cls of new Set([p.childClass, ref.className])) {
      if (!cls) continue;
      candidates = candidates.filter((s) => s.className === cls);
      details.push(ruImport.row.childClassDetail(cls));
    }
    if (candidates.length > 1 && p.classHint) {
      const narrowed = candidates.filter((s) => s.className === p.classHint);
      if (narrowed.length > 0) candidates = narrowed;
    }
    const [only] = candidates;
    if (candidates.length === 1 && only) {
      commit(st, p.issues);
      st.occurrences.push({ ...p.occurrence, studentKey: only.key });
      continue;
    }
    const shown = ref.className ? ref.name : p.child;
    if (candidates.length === 0) {
      report(
        p.issues,
        'error',
        childField,
        details.length > 0 ? ruImport.row.childNotFoundWith(shown, details.join(', ')) : ruImport.row.childNotFound(shown),
        p.child,
      );
    } else {
      const students = candidates.map((s) => ({
        fullName: joinFullName(s),
        className: s.className,
        birthDate: s.birthDate.split('-').reverse().join('.'),
        line: s.line,
      }));
      report(p.issues, 'error', childField, ruImport.row.childAmbiguous(shown, students), p.child);
    }
    reject(st, p.issues);
  }
  // Occurrences must be in file order for «the first value wins».
  st.occurrences.sort((a, b) => a.line - b.line);
}

/**
 * Staff rows → people. Staff lists are short and namesakes among a school's staff are rare, so the
 * same folded full name is the same person; a different phone or email is a warning (the first
 * wins). One class teacher per class and one class per class teacher: later claims are warnings.
 */
function groupStaff(rows: readonly PendingStaff[], problems: ImportProblem[]): ParsedStaff[] {
  const byKey = new Map<string, { staff: ParsedStaff; classLine: number; phoneLine: number; emailLine: number }>();
  const teacherOfClass = new Map<string, { name: string; line: number }>();
  const out: ParsedStaff[] = [];
  for (const r of rows) {
    let entry = byKey.get(r.key);
    const fullName = joinFullName(r.name);
    if (!entry) {
      entry = {
        staff: {
          key: r.key,
          line: r.line,
          surname: r.name.surname,
          name: r.name.name,
          patronymic: r.name.patronymic,
          phone: r.phone,
          email: r.email,
          classTeacherOf: null,
        },
        classLine: 0,
        phoneLine: r.line,
        emailLine: r.line,
      };
      byKey.set(r.key, entry);
      out.push(entry.staff);
    } else {
      const s = entry.staff;
      if (r.phone && s.phone && r.phone !== s.phone) {
        const message = ruImport.row.personConflict(fullName, 'phone', s.phone, r.phone, [entry.phoneLine, r.line]);
        problems.push({ line: r.line, field: r.phoneField, severity: 'warning', message, value: r.phone });
      } else if (r.phone && !s.phone) [s.phone, entry.phoneLine] = [r.phone, r.line];
      if (r.email && s.email && r.email !== s.email) {
        const message = ruImport.row.personConflict(fullName, 'email', s.email, r.email, [entry.emailLine, r.line]);
        problems.push({ line: r.line, field: r.emailField, severity: 'warning', message, value: r.email });
      } else if (r.email && !s.email) [s.email, entry.emailLine] = [r.email, r.line];
    }
    if (!r.classTeacherOf) continue;
    const s = entry.staff;
    const holder = teacherOfClass.get(r.classTeacherOf);
    if (s.classTeacherOf && s.classTeacherOf !== r.classTeacherOf) {
      problems.push({
        line: r.line,
        field: r.classField,
        severity: 'warning',
        message: ruImport.row.staffSecondClass(fullName, s.classTeacherOf, entry.classLine, r.classTeacherOf),
        value: r.classTeacherOf,
      });
    } else if (holder && holder.name !== r.key) {
      const holderStaff = byKey.get(holder.name);
      problems.push({
        line: r.line,
        field: r.classField,
        severity: 'warning',
        message: ruImport.row.classHasTeacher(r.classTeacherOf, holderStaff ? joinFullName(holderStaff.staff) : '', holder.line),
        value: r.classTeacherOf,
      });
    } else if (!s.classTeacherOf) {
      s.classTeacherOf = r.classTeacherOf;
      entry.classLine = r.line;
      teacherOfClass.set(r.classTeacherOf, { name: r.key, line: r.line });
    }
  }
  return out;
}
