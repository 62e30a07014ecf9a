// A row-reading context: which columns hold each field, how a field is named in problems, the
// values a district file repeats read once each, and a row's problem list. Shared by both layouts
// (wide.ts, long.ts) and the field readers (fields.ts); split out of the former roster.ts so that
// every row reader sees one small, stable core.
//
// Every problem names the physical line and the column header as the school wrote it. `error`
// rejects the row; `warning` keeps the row and drops (or fixes) one field. Values are data: nothing
// in a cell is evaluated.

import { importFieldLabels, ruImport } from '../../../../src-shared/i18n/ru-import.ts';
import {
  checkStudentBirthDate,
  cleanText,
  nameKeyFolder,
  normalizeClass,
  normalizeSex,
  parseDate,
} from '../../../../src-shared/roster/normalize.ts';
import type { PersonName } from '../../../../src-shared/roster/normalize.ts';
import type { DetectedFormat, FieldKey, ImportProblem, Sex } from '../../../../src-shared/roster/types.ts';
import { memoize } from './memo.ts';

export interface Ctx {
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
export type BirthDateReading = { ok: true; value: string } | { ok: false; message: string };

/** A row's problems, committed once the row's fate is known. */
export interface RowIssues {
  line: number;
  /** The row, for `who`: whom a problem is about is worked out only for the rows that have one. */
  row: readonly string[] | undefined;
  list: ImportProblem[];
  errors: number;
}

export const newIssues = (line: number, row?: readonly string[]): RowIssues => ({ line, row, list: [], errors: 0 });

export function report(issues: RowIssues, severity: 'error' | 'warning', field: string, message: string, value?: string): void {
  if (severity === 'error') issues.errors++;
  const p: ImportProblem = { line: issues.line, field, message, severity };
  if (value !== undefined && value !== '') p.value = value;
  issues.list.push(p);
}

export function buildCtx(format: DetectedFormat, today: string): Ctx {
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

export const has = (ctx: Ctx, field: FieldKey): boolean => ctx.cols.has(field);

/** The first non-empty (space-cleaned) value of a field in a row, or `''`. */
export function get(ctx: Ctx, row: readonly string[], field: FieldKey): string {
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
export function label(ctx: Ctx, field: FieldKey): string {
  let known = ctx.labels.get(field);
  if (known === undefined) {
    const col = ctx.cols.get(field)?.[0];
    const h = col === undefined ? '' : (ctx.header[col] ?? '');
    ctx.labels.set(field, (known = h !== '' ? h : importFieldLabels[field]));
  }
  return known;
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
