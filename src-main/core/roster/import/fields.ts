// The fields of one row: the person's name, birth date, class, sex, phone and email, read and
// normalized with a problem for what is wrong or missing, and the student a row describes. Used by
// both layouts (wide.ts, long.ts) and by the pipeline (pipeline.ts, for whom a problem is about);
// split out of the former roster.ts.

import { ruImport } from '../../../../src-shared/i18n/ru-import.ts';
import { joinFullName, normalizeEmail, normalizeName, normalizePhone, splitFullName } from '../../../../src-shared/roster/normalize.ts';
import type { PersonName } from '../../../../src-shared/roster/normalize.ts';
import type { FieldKey, ParsedStudent } from '../../../../src-shared/roster/types.ts';
import { MAX_CELL_CHARS, MAX_NAME_PART_CHARS } from './limits.ts';
import { get, has, label, report } from './context.ts';
import type { Ctx, RowIssues } from './context.ts';

/** The name cells of a row as written (ФИО, or Фамилия Имя Отчество), for problem lists; `undefined` when blank. */
export function rowWho(ctx: Ctx, row: readonly string[]): string | undefined {
  const full = get(ctx, row, 'fullName');
  const parts = [get(ctx, row, 'surname'), get(ctx, row, 'name'), get(ctx, row, 'patronymic')].filter((s) => s !== '');
  const who = parts.length ? parts.join(' ') : full;
  return who === '' ? undefined : who.slice(0, 120);
}

/** How much of an over-long value a problem shows. */
const SHOWN_CHARS = 60;
export const shown = (v: string): string => (v.length > SHOWN_CHARS ? `${v.slice(0, SHOWN_CHARS)}…` : v);

/**
 * Refuses a row with a value longer than any field holds (a pasted document, a million characters):
 * such a value is reported, shortened, before anything normalizes it or puts it in a message.
 */
export function tooLongCells(ctx: Ctx, row: readonly string[], issues: RowIssues): boolean {
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
export const nameFits = (p: PersonName): boolean =>
  p.surname.length <= MAX_NAME_PART_CHARS && p.name.length <= MAX_NAME_PART_CHARS && (p.patronymic ?? '').length <= MAX_NAME_PART_CHARS;

/** The row's person name from Фамилия/Имя/Отчество or from ФИО; errors when incomplete. */
export function readName(ctx: Ctx, row: readonly string[], issues: RowIssues): PersonName | null {
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

export function readPhone(ctx: Ctx, row: readonly string[], field: FieldKey, issues: RowIssues, raw = get(ctx, row, field)): string | null {
  if (raw === '') return null;
  const phone = normalizePhone(raw);
  if (!phone) report(issues, 'warning', label(ctx, field), ruImport.row.phoneInvalid(raw), raw);
  return phone;
}

export function readEmail(ctx: Ctx, row: readonly string[], field: FieldKey, issues: RowIssues, raw = get(ctx, row, field)): string | null {
  if (raw === '') return null;
  const email = normalizeEmail(raw);
  if (!email) report(issues, 'warning', label(ctx, field), ruImport.row.emailInvalid(raw), raw);
  return email;
}

/** The student fields of a row (wide row, or a long row with the student role); `null` when rejected. */
export function readStudent(ctx: Ctx, row: readonly string[], line: number, issues: RowIssues): ParsedStudent | null {
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
