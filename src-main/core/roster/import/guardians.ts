// Parents (and other guardians) met in the rows → distinct people and parent–child links.
//
// Matching rules (by folded keys, so case, `ё`/`е` and spaces do not matter):
// - two occurrences are one person when they have the same full name and the same phone, or the
//   same full name and the same email (union-find: A = name+phone, B = name+phone+email, C =
//   name+email chain into one person), across rows of siblings and across classes;
// - an occurrence with neither phone nor email is the same person as another occurrence with the
//   same full name when, in both rows, the child has another parent who is one person (matched by
//   the rules above) or who at least has the same full name: siblings' rows, where the pair
//   «mother's name + father's name» identifies the family. If that would join two people who differ
//   by their contacts, it is left alone. A parent without contacts and without a co-parent (a single
//   parent listed without phone and email) cannot be told from a namesake: a separate person in
//   every row (the office sees them in the preview and can add a phone).
// When one person has different phones (or emails) in different rows, the first is kept and a
// warning names the lines; a value missing in the first row is taken from a later one.

import { ruImport } from '../../../../src-shared/i18n/ru-import.ts';
import { joinFullName } from '../../../../src-shared/roster/normalize.ts';
import type { PersonName } from '../../../../src-shared/roster/normalize.ts';
import type { ImportProblem, ParsedGuardian, ParsedLink, Relation } from '../../../../src-shared/roster/types.ts';

export interface GuardianOccurrence {
  name: PersonName;
  nameKey: string;
  phone: string | null;
  email: string | null;
  line: number;
  studentKey: string;
  relation: Relation;
  /** Column headers, for conflict warnings. */
  phoneField: string;
  emailField: string;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[x] !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  /** Joins two sets; the smaller index stays the root, so a person's root is their first occurrence. */
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

const hasContact = (o: GuardianOccurrence): boolean => o.phone !== null || o.email !== null;

/** Lines met in file order are already sorted: checked without the copy a sort makes of every list. */
function ascending(lines: readonly number[]): boolean {
  for (let i = 1; i < lines.length; i++) if (lines[i - 1]! > lines[i]!) return false;
  return true;
}

/** Occurrences (in file order) → people and links. Conflict warnings go to `problems`. */
export function groupGuardians(
  occs: readonly GuardianOccurrence[],
  problems: ImportProblem[],
): { guardians: ParsedGuardian[]; links: ParsedLink[] } {
  const uf = new UnionFind(occs.length);
  joinByContact(occs, uf);
  joinContactless(occs, uf);
  const { order, groupOf } = collectGroups(occs, uf, problems);
  const guardians = order.map(toGuardian);
  const links: ParsedLink[] = [];
  occs.forEach((o, i) => {
    const g = groupOf[i]!;
    if (g.students?.includes(o.studentKey)) return; // the same person twice for one child
    if (g.students === null) g.students = [o.studentKey];
    else g.students.push(o.studentKey);
    links.push({ studentKey: o.studentKey, guardianKey: g.guardian!.key, relation: o.relation, line: o.line });
  });
  return { guardians, links };
}

/** Occurrences with the same folded name and the same phone or email are one person. */
function joinByContact(occs: readonly GuardianOccurrence[], uf: UnionFind): void {
  // contact value → the first occurrence of each folded name with it (usually one name per
  // contact; a family phone shared by both parents gives a list). No key strings to build: hot path.
  const byPhone = new Map<string, number | number[]>();
  const byEmail = new Map<string, number | number[]>();
  const link = (index: Map<string, number | number[]>, contact: string, name: string, i: number): void => {
    const seen = index.get(contact);
    if (seen === undefined) index.set(contact, i);
    else if (typeof seen === 'number') {
      if (occs[seen]!.nameKey === name) uf.union(seen, i);
      else index.set(contact, [seen, i]);
    } else {
      const same = seen.find((j) => occs[j]!.nameKey === name);
      if (same === undefined) seen.push(i);
      else uf.union(same, i);
    }
  };
  for (let i = 0; i < occs.length; i++) {
    const o = occs[i]!;
    if (o.phone !== null) link(byPhone, o.phone, o.nameKey, i);
    if (o.email !== null) link(byEmail, o.email, o.nameKey, i);
  }
}

/** One person of the file: their occurrences' lines, the first phone and email met, where from. */
interface Group {
  first: GuardianOccurrence;
  lines: number[];
  phone: string | null;
  phoneLine: number;
  email: string | null;
  emailLine: number;
  reported: Set<string> | null;
  /** Students already linked to this person (a handful at most); null before the first. */
  students: string[] | null;
  guardian?: ParsedGuardian;
}

/** The joined occurrences as groups, in the order of their first occurrence; a second phone or email is a warning. */
function collectGroups(
  occs: readonly GuardianOccurrence[],
  uf: UnionFind,
  problems: ImportProblem[],
): { order: Group[]; groupOf: Group[] } {
  // A root is an occurrence's index: the groups are found by it in an array, not a Map.
  const groupOfRoot: (Group | undefined)[] = new Array<Group | undefined>(occs.length);
  const order: Group[] = [];
  const groupOf: Group[] = new Array<Group>(occs.length);
  occs.forEach((o, i) => {
    const root = uf.find(i);
    let g = groupOfRoot[root];
    // Most parents are met once: their lists are made with their one element (an empty list that
    // is pushed to gets room for sixteen).
    if (!g) {
      g = { first: o, lines: [o.line], phone: null, phoneLine: 0, email: null, emailLine: 0, reported: null, students: null };
      groupOfRoot[root] = g;
      order.push(g);
    } else if (!g.lines.includes(o.line)) g.lines.push(o.line);
    groupOf[i] = g;
    // Plain assignments: a destructuring one builds an array per occurrence.
    if (o.phone !== null) {
      if (g.phone === null) {
        g.phone = o.phone;
        g.phoneLine = o.line;
      } else if (o.phone !== g.phone) conflict(problems, g, o, 'phone', g.phone, g.phoneLine, o.phoneField);
    }
    if (o.email !== null) {
      if (g.email === null) {
        g.email = o.email;
        g.emailLine = o.line;
      } else if (o.email !== g.email) conflict(problems, g, o, 'email', g.email, g.emailLine, o.emailField);
    }
  });
  return { order, groupOf };
}

/** A warning that `o` gives the person of `g` another phone or email than the `kept` one (once per value). */
function conflict(
  problems: ImportProblem[],
  g: Group,
  o: GuardianOccurrence,
  what: 'phone' | 'email',
  kept: string,
  keptLine: number,
  field: string,
): void {
  const other = what === 'phone' ? o.phone! : o.email!;
  const id = `${what}|${other}`;
  g.reported ??= new Set();
  if (g.reported.has(id)) return;
  g.reported.add(id);
  problems.push({
    line: o.line,
    field,
    severity: 'warning',
    message: ruImport.row.personConflict(joinFullName(g.first.name), what, kept, other, [keptLine, o.line]),
    value: other,
  });
}

/** The group as the parser's guardian (its key: name and contacts, or name and first line without either). */
function toGuardian(g: Group): ParsedGuardian {
  const key =
    g.phone === null && g.email === null ? `${g.first.nameKey}|@${g.first.line}` : `${g.first.nameKey}|${g.phone ?? ''}|${g.email ?? ''}`;
  g.guardian = {
    key,
    lines: ascending(g.lines) ? g.lines : g.lines.sort((a, b) => a - b),
    surname: g.first.name.surname,
    name: g.first.name.name,
    patronymic: g.first.name.patronymic,
    phone: g.phone,
    email: g.email,
  };
  return g.guardian;
}

/**
 * The siblings rule for occurrences without phone and email (see the file comment). Every parent
 * occurrence is filed under «its name + a co-parent»: the co-parent as a matched person (`r`) and
 * the co-parent's name (`n`). An occurrence without contacts joins the person filed under the same
 * slot when that person is unique; person slots (`r`) are tried before name slots (`n`).
 */
function joinContactless(occs: readonly GuardianOccurrence[], uf: UnionFind): void {
  if (occs.every(hasContact)) return;
  const byStudent = new Map<string, number[]>();
  occs.forEach((o, i) => {
    const list = byStudent.get(o.studentKey);
    if (list) list.push(i);
    else byStudent.set(o.studentKey, [i]);
  });
  interface Slot {
    withContact: number[];
    contactless: number[];
  }
  const slots = { r: new Map<string, Slot>(), n: new Map<string, Slot>() };
  const file = (kind: 'r' | 'n', key: string, i: number): void => {
    let slot = slots[kind].get(key);
    if (!slot) slots[kind].set(key, (slot = { withContact: [], contactless: [] }));
    if (hasContact(occs[i]!)) slot.withContact.push(i);
    else slot.contactless.push(i);
  };
  for (const list of byStudent.values()) {
    if (list.length < 2) continue;
    for (const i of list) {
      const o = occs[i]!;
      for (const j of list) {
        if (j === i) continue;
        const co = occs[j]!;
        if (co.nameKey === o.nameKey) continue; // the same person written twice for one child
        if (hasContact(co)) file('r', `${o.nameKey}\u0000${uf.find(j)}`, i);
        file('n', `${o.nameKey}\u0000${co.nameKey}`, i);
      }
    }
  }
  for (const kind of ['r', 'n'] as const) {
    for (const slot of slots[kind].values()) {
      if (slot.contactless.length === 0) continue;
      const people = new Set(slot.withContact.map((i) => uf.find(i)));
      if (people.size > 1) continue; // namesakes who differ by their contacts: do not guess
      const target = people.size === 1 ? [...people][0]! : slot.contactless[0]!;
      for (const i of slot.contactless) uf.union(target, i);
    }
  }
}
