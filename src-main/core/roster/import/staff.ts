// The long layout's staff rows → people: one person per folded full name, one class teacher per
// class. Runs once after all rows are read. Split out of the former roster.ts.

import { ruImport } from '../../../../src-shared/i18n/ru-import.ts';
import { joinFullName } from '../../../../src-shared/roster/normalize.ts';
import type { PersonName } from '../../../../src-shared/roster/normalize.ts';
import type { ImportProblem, ParsedStaff } from '../../../../src-shared/roster/types.ts';

/** A staff row read (long.ts), before namesakes are merged. */
export interface PendingStaff {
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

/**
 * Staff rows → people. Staff lists are short and namesakes among a school's staff are rare, so the
 * same folded full name is the same person; a different phone or email is a warning (the first
 * wins). One class teacher per class and one class per class teacher: later claims are warnings.
 */
export function groupStaff(rows: readonly PendingStaff[], problems: ImportProblem[]): ParsedStaff[] {
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
