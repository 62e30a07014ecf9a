// The long layout's parent rows → the students they name. Runs once after all rows are read
// (a student may come after its parents in the file); `splitChildReference` reads the child as the
// school wrote it. Split out of the former roster.ts.

import { ruImport } from '../../../../src-shared/i18n/ru-import.ts';
import { joinFullName, matchKey, nameKey, normalizeClass, splitFullName } from '../../../../src-shared/roster/normalize.ts';
import type { ParsedStudent } from '../../../../src-shared/roster/types.ts';
import type { GuardianOccurrence } from './guardians.ts';
import { label, report } from './context.ts';
import type { RowIssues } from './context.ts';
import { commit, reject } from './pipeline.ts';
import type { State } from './pipeline.ts';

/** A parent row read (long.ts), waiting for its child to be found among the students. */
export interface PendingParent {
  occurrence: Omit<GuardianOccurrence, 'studentKey'>;
  issues: RowIssues;
  child: string;
  childBirthDate: string | null;
  childClass: string | null;
  /** The row's own class column: used only to break a tie between namesakes. */
  classHint: string | null;
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
export function resolveChildren(st: State, pending: readonly PendingParent[]): void {
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
