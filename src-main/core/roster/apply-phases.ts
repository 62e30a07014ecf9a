// The roster matching (apply.ts runs it in the import's transaction, or against nowhere to foresee
// the next import): its phases in the order they run — classes, students, guardians, links, staff,
// the listed classes' students the file no longer has — each a function over what they share (Run).
import type * as dal from '../dal/roster.ts';
import { fullName, className as classLabel } from '../../../src-shared/roster/keys.ts';
import { nameKeyFolder } from '../../../src-shared/roster/normalize.ts';
import type { ParsedGuardian, ParsedRoster, Relation } from '../../../src-shared/roster/types.ts';
import type { ArchivedInFile, ImportIssue, ImportReport, KindCounts } from '../../../src-shared/roster/report.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { PROGRESS_EVERY, type ProgressHook } from '../../../src-shared/roster/progress.ts';
import { IdSet, PairTable } from './apply-lookups.ts';
import { GuardianMatcher } from './guardian-matcher.ts';

const zero = (): KindCounts => ({ added: 0, updated: 0, unchanged: 0 });

export function parseClassName(name: string): { grade: number; letter: string } | null {
  const m = /^(\d{1,2})([А-ЯЁ])$/u.exec(name);
  if (!m) return null;
  const grade = Number(m[1]);
  return grade >= 1 && grade <= 11 ? { grade, letter: m[2]! } : null;
}

const studentIdentity = (k: string, birthDate: string | null) => `${k}|${birthDate ?? ''}`;

/** What the matching reads: everyone stored (by kind, in id order), every class, every link. */
export interface RosterState {
  people: Record<dal.Kind, dal.PersonRecord[]>;
  classes: dal.ClassRecord[];
  links: dal.LinkRecord[];
}

/** Where the matching writes: the database, or nowhere (see `foresee`). */
export interface RosterWrites {
  /** `rec` is the new person's record as the matching keeps it; its `id` is set from what this returns. */
  insertPerson(rec: dal.PersonRecord, at: string): number;
  updatePerson(id: number, patch: dal.PersonPatch, at: string): void;
  insertClass(grade: number, letter: string, at: string): number;
  setClassTeacher(classId: number, teacherId: number): void;
  insertLink(l: dal.LinkRecord, at: string): void;
  updateLinkRelation(l: dal.LinkRecord): void;
  bumpVersion(): void;
}

/**
 * A new person's record as a later lookup in the same import sees it, written into the database:
 * one object per person (not a new person, then a copy of it with the id).
 */
function insertRecord(
  w: RosterWrites,
  kind: dal.Kind,
  p: { surname: string; name: string; patronymic: string | null },
  nameKey: string,
  at: string,
  fields: {
    birthDate?: string;
    sex?: dal.PersonRecord['sex'];
    classId?: number;
    externalId?: string | null;
    phone?: string | null;
    email?: string | null;
  },
): dal.PersonRecord {
  const rec: dal.PersonRecord = {
    kind,
    surname: p.surname,
    name: p.name,
    patronymic: p.patronymic,
    nameKey,
    birthDate: fields.birthDate ?? null,
    sex: fields.sex ?? null,
    classId: fields.classId ?? null,
    externalId: fields.externalId ?? null,
    phone: fields.phone ?? null,
    email: fields.email ?? null,
    id: 0,
    archivedAt: null,
    createdAt: at,
    updatedAt: at,
  };
  rec.id = w.insertPerson(rec, at);
  return rec;
}

type Counted = 'classes' | 'students' | 'guardians' | 'links' | 'staff';

/** What the phases of one matching share: where they write, what they count, whom they met. */
interface Run {
  readonly w: RosterWrites;
  readonly parsed: ParsedRoster;
  readonly at: string;
  /** One person matched, for the bar; a throw from the hook (cancel) rolls the transaction back. */
  readonly tick: () => void;
  readonly keyOf: ReturnType<typeof nameKeyFolder>;
  readonly counts: Record<Counted, KindCounts>;
  readonly conflicts: ImportIssue[];
  readonly conflict: (line: number, field: string, message: string) => void;
  readonly archived: ArchivedInFile[];
  readonly keptArchived: IdSet;
  /** `true` when the person stays in the archive (and must be left alone). */
  readonly meetArchived: (rec: dal.PersonRecord) => boolean;
  /** Something was written: the roster's version moves. */
  changed: boolean;
  /** Classes by name (`6А`), with their teachers; the stored ones the file names. */
  readonly classIds: Map<string, number>;
  readonly classTeacher: Map<number, number | null>;
  readonly touchedClasses: Set<number>;
  /**
   * Students keyed as the parser keys a student (`studentKey`: name key | birth date), so that the
   * file's keys, hashed once while parsing, are looked up as they are; the file's students' ids.
   */
  readonly students: Map<string, dal.PersonRecord>;
  readonly studentIds: Map<string, number>;
  readonly seenStudents: IdSet;
  /**
   * Some student of the file gets no links from it (left in the archive, or not imported): their
   * parents are checked before being added (see `throughUnlinkedOnly`).
   */
  unlinkedStudents: boolean;
}

function startRun(
  w: RosterWrites,
  state: RosterState,
  parsed: ParsedRoster,
  at: string,
  restoreArchived: boolean,
  progress?: ProgressHook,
): Run {
  // People matched so far, for the bar; a throw from the hook (cancel) rolls the transaction back.
  const people = parsed.students.length + parsed.guardians.length + parsed.staff.length;
  let matched = 0;
  const tick = () => {
    if (progress && (++matched & (PROGRESS_EVERY - 1)) === 0) progress('apply', matched, people);
  };
  const counts = { classes: zero(), students: zero(), guardians: zero(), links: zero(), staff: zero() };
  const conflicts: ImportIssue[] = [];
  const conflict = (line: number, field: string, message: string) => conflicts.push({ line, field, message });
  // People in the archive whom the file lists: returned only when asked. Left there, they are not
  // touched at all (no new class, no new links): the archive stays as the curator made it.
  const archived: ArchivedInFile[] = [];
  const keptArchived = new IdSet();
  const metArchived = new IdSet();
  const keyOf = nameKeyFolder();
  const classNameOf = new Map<number, string>();
  /** `true` when the person stays in the archive (and must be left alone). */
  const meetArchived = (rec: dal.PersonRecord): boolean => {
    if (!rec.archivedAt || metArchived.has(rec.id)) return keptArchived.has(rec.id);
    metArchived.add(rec.id);
    archived.push({
      id: rec.id,
      kind: rec.kind,
      fullName: fullName(rec),
      className: rec.classId !== null ? (classNameOf.get(rec.classId) ?? null) : null,
      birthDate: rec.birthDate,
      archivedAt: rec.archivedAt,
      restored: restoreArchived,
    });
    if (!restoreArchived) keptArchived.add(rec.id);
    return !restoreArchived;
  };

  const classIds = new Map<string, number>();
  const classTeacher = new Map<number, number | null>();
  for (const c of state.classes) {
    classIds.set(classLabel(c.grade, c.letter), c.id);
    classNameOf.set(c.id, classLabel(c.grade, c.letter));
    classTeacher.set(c.id, c.teacherId);
  }
  return {
    w,
    parsed,
    at,
    tick,
    keyOf,
    counts,
    conflicts,
    conflict,
    archived,
    keptArchived,
    meetArchived,
    changed: false,
    classIds,
    classTeacher,
    touchedClasses: new Set<number>(),
    students: new Map<string, dal.PersonRecord>(),
    studentIds: new Map<string, number>(),
    seenStudents: new IdSet(),
    unlinkedStudents: false,
  };
}

function applyClasses(run: Run): void {
  const { w, parsed, at, counts, classIds, classTeacher, touchedClasses } = run;
  const wantedClasses = new Set([...parsed.classes, ...parsed.staff.flatMap((s) => (s.classTeacherOf ? [s.classTeacherOf] : []))]);
  for (const name of wantedClasses) {
    const existing = classIds.get(name);
    if (existing !== undefined) {
      touchedClasses.add(existing);
      continue;
    }
    const parts = parseClassName(name);
    if (!parts) continue; // the parser rejects such rows; nothing refers to this class
    const id = w.insertClass(parts.grade, parts.letter, at);
    classIds.set(name, id);
    classTeacher.set(id, null);
    counts.classes.added++;
    run.changed = true;
  }
}

function applyStudents(run: Run, stored: readonly dal.PersonRecord[]): void {
  const { w, parsed, at, tick, keyOf, counts, conflict, meetArchived, classIds, students, studentIds, seenStudents } = run;
  for (const s of stored) students.set(studentIdentity(s.nameKey, s.birthDate), s);
  for (const s of parsed.students) {
    tick();
    const classId = classIds.get(s.className);
    if (classId === undefined) {
      run.unlinkedStudents = true;
      continue;
    }
    const rec = students.get(s.key);
    if (!rec) {
      const key = keyOf(s);
      const added = insertRecord(w, 'student', s, key, at, { birthDate: s.birthDate, sex: s.sex, classId, externalId: s.externalId });
      const id = added.id;
      students.set(studentIdentity(key, s.birthDate), added);
      studentIds.set(s.key, id);
      seenStudents.add(id);
      counts.students.added++;
      run.changed = true;
      continue;
    }
    studentIds.set(s.key, rec.id);
    if (seenStudents.has(rec.id)) continue; // the parser merges repeats; never count one person twice
    seenStudents.add(rec.id);
    if (meetArchived(rec)) {
      run.unlinkedStudents = true;
      continue;
    }
    // A patch only for a person who changes: an unchanged one costs the comparisons alone.
    let patch: dal.PersonPatch | null = null;
    if (rec.classId !== classId) (patch ??= {}).classId = classId;
    if (rec.archivedAt) (patch ??= {}).archivedAt = null;
    if (s.sex && !rec.sex) (patch ??= {}).sex = s.sex;
    else if (s.sex && rec.sex && s.sex !== rec.sex) {
      conflict(
        s.line,
        t.roster.fields.sex,
        t.roster.conflict(fullName(rec), t.roster.sex[rec.sex] ?? rec.sex, t.roster.sex[s.sex] ?? s.sex),
      );
    }
    if (s.externalId && !rec.externalId) (patch ??= {}).externalId = s.externalId;
    else if (s.externalId && rec.externalId && s.externalId !== rec.externalId) {
      conflict(s.line, t.roster.fields.externalId, t.roster.conflict(fullName(rec), rec.externalId, s.externalId));
    }
    if (patch) {
      w.updatePerson(rec.id, patch, at);
      Object.assign(rec, patch);
      counts.students.updated++;
      run.changed = true;
    } else counts.students.unchanged++;
  }
}

/** The file's guardians matched by phone, email, or (without either) a namesake linked to one of their children. */
function applyGuardians(run: Run, state: RosterState): { guardianIds: Map<string, number>; links: PairTable<Relation> } {
  const { w, parsed, at, tick, keyOf, counts, conflict, keptArchived, meetArchived, studentIds } = run;
  const matcher = new GuardianMatcher(state.people.guardian, state.links, parsed.links, studentIds);
  /**
   * A parent the file gives only to students it links to nobody (left in the archive: «their rows
   * change nothing»). Such a parent is not added: without a link, nothing would tell them apart next
   * time (no phone, no email: each import added them again), and nobody would see them on a card.
   * Returned with the student (`restoreArchived`), they are added and linked then, once.
   */
  const throughUnlinkedOnly = (guardianKey: string): boolean => {
    if (!run.unlinkedStudents) return false;
    const children = matcher.childrenListed(guardianKey);
    return children !== undefined && children.every((sid) => keptArchived.has(sid));
  };

  const guardianIds = new Map<string, number>();
  const seenGuardians = new IdSet();
  for (const g of parsed.guardians) {
    tick();
    const key = keyOf(g);
    const line = g.lines[0] ?? 0;
    const { rec, split } = matcher.match(g, key);
    // The file's phone and email belong to two different stored namesakes: go by the phone, and leave
    // that person's email alone (filling it in would give two people one name and one email).
    if (split) conflict(line, t.roster.fields.guardian, t.roster.twoGuardians(fullName(rec!)));
    if (!rec) {
      if (throughUnlinkedOnly(g.key)) continue;
      const added = insertRecord(w, 'guardian', g, key, at, { phone: g.phone, email: g.email });
      matcher.index(added);
      guardianIds.set(g.key, added.id);
      seenGuardians.add(added.id);
      counts.guardians.added++;
      run.changed = true;
      continue;
    }
    guardianIds.set(g.key, rec.id);
    if (seenGuardians.has(rec.id)) continue;
    seenGuardians.add(rec.id);
    if (meetArchived(rec)) continue;
    updateGuardian(run, matcher, rec, g, split);
  }
  return { guardianIds, links: matcher.links };
}

/** A matched guardian: missing contacts filled in, differing ones reported, returned from the archive. */
function updateGuardian(run: Run, matcher: GuardianMatcher, rec: dal.PersonRecord, g: ParsedGuardian, split: boolean): void {
  const { w, at, counts, conflict } = run;
  const line = g.lines[0] ?? 0;
  let patch: dal.PersonPatch | null = null;
  if (g.phone && !rec.phone) (patch ??= {}).phone = g.phone;
  else if (g.phone && rec.phone && g.phone !== rec.phone) {
    conflict(line, t.roster.fields.phone, t.roster.conflict(fullName(rec), rec.phone, g.phone));
  }
  if (g.email && !rec.email && !split) (patch ??= {}).email = g.email;
  else if (g.email && rec.email && g.email !== rec.email && !split) {
    conflict(line, t.roster.fields.email, t.roster.conflict(fullName(rec), rec.email, g.email));
  }
  if (rec.archivedAt) (patch ??= {}).archivedAt = null;
  if (patch) {
    w.updatePerson(rec.id, patch, at);
    Object.assign(rec, patch);
    matcher.index(rec);
    counts.guardians.updated++;
    run.changed = true;
  } else counts.guardians.unchanged++;
}

function applyLinks(run: Run, guardianIds: Map<string, number>, links: PairTable<Relation>): void {
  const { w, parsed, at, counts, keptArchived, studentIds } = run;
  const seenLinks = new PairTable<true>();
  for (const l of parsed.links) {
    const guardianId = guardianIds.get(l.guardianKey);
    const studentId = studentIds.get(l.studentKey);
    if (guardianId === undefined || studentId === undefined) continue;
    if (keptArchived.has(guardianId) || keptArchived.has(studentId)) continue;
    if (seenLinks.get(guardianId, studentId)) continue;
    seenLinks.set(guardianId, studentId, true);
    const existing = links.get(guardianId, studentId);
    if (existing === undefined) {
      w.insertLink({ guardianId, studentId, relation: l.relation }, at);
      links.set(guardianId, studentId, l.relation);
      counts.links.added++;
      run.changed = true;
    } else if (existing !== l.relation) {
      w.updateLinkRelation({ guardianId, studentId, relation: l.relation });
      counts.links.updated++;
      run.changed = true;
    } else counts.links.unchanged++;
  }
}

function applyStaff(run: Run, stored: readonly dal.PersonRecord[]): void {
  const { w, parsed, at, tick, keyOf, counts, conflict, meetArchived, classIds, classTeacher, touchedClasses } = run;
  const staffByKey = new Map<string, dal.PersonRecord[]>();
  for (const s of stored) {
    const list = staffByKey.get(s.nameKey);
    if (list) list.push(s);
    else staffByKey.set(s.nameKey, [s]);
  }
  const teacherChanged = new Set<number>();
  for (const s of parsed.staff) {
    tick();
    const key = keyOf(s);
    const same = staffByKey.get(key) ?? [];
    let rec =
      same.find((c) => (s.phone && c.phone === s.phone) || (s.email && c.email === s.email)) ?? (same.length === 1 ? same[0] : undefined);
    if (!rec && same.length > 1) {
      // Namesakes (one archived, one made at the desk): the only active one is that person. A row
      // without phone and email is one of them in any case: a new person could not be told from
      // them next time, and every import would add another.
      const active = same.filter((c) => !c.archivedAt);
      if (active.length === 1 || (!s.phone && !s.email)) rec = active[0] ?? same[0];
    }
    if (!rec) {
      rec = insertRecord(w, 'staff', s, key, at, { phone: s.phone, email: s.email });
      staffByKey.set(key, [...same, rec]);
      counts.staff.added++;
      run.changed = true;
    } else if (meetArchived(rec)) {
      continue;
    } else {
      const patch: dal.PersonPatch = {};
      if (s.phone && !rec.phone) patch.phone = s.phone;
      else if (s.phone && rec.phone && s.phone !== rec.phone) {
        conflict(s.line, t.roster.fields.phone, t.roster.conflict(fullName(rec), rec.phone, s.phone));
      }
      if (s.email && !rec.email) patch.email = s.email;
      else if (s.email && rec.email && s.email !== rec.email) {
        conflict(s.line, t.roster.fields.email, t.roster.conflict(fullName(rec), rec.email, s.email));
      }
      if (rec.archivedAt) patch.archivedAt = null;
      if (Object.keys(patch).length) {
        w.updatePerson(rec.id, patch, at);
        Object.assign(rec, patch);
        counts.staff.updated++;
        run.changed = true;
      } else counts.staff.unchanged++;
    }
    const classId = s.classTeacherOf ? classIds.get(s.classTeacherOf) : undefined;
    if (classId !== undefined && classTeacher.get(classId) !== rec.id) {
      w.setClassTeacher(classId, rec.id);
      classTeacher.set(classId, rec.id);
      teacherChanged.add(classId);
      run.changed = true;
    }
  }
  for (const id of touchedClasses) {
    if (teacherChanged.has(id)) counts.classes.updated++;
    else counts.classes.unchanged++;
  }
}

/** Students of the classes the file lists whom the file does not have (offered for the archive). */
function missingStudents(run: Run): ImportReport['missing'] {
  const { parsed, classIds, students, seenStudents } = run;
  const classesInFile = new Set(parsed.students.map((s) => classIds.get(s.className)).filter((x): x is number => x !== undefined));
  const classNames = new Map([...classIds].map(([name, id]) => [id, name]));
  return [...students.values()]
    .filter((s) => s.classId !== null && classesInFile.has(s.classId) && !s.archivedAt && !seenStudents.has(s.id))
    .map((s) => ({ id: s.id, fullName: fullName(s), birthDate: s.birthDate, className: classNames.get(s.classId!) ?? '' }))
    .sort((a, b) => a.className.localeCompare(b.className, 'ru') || a.fullName.localeCompare(b.fullName, 'ru'));
}

/**
 * Matches `parsed` against `state` and writes through `w`: the report of what it did. The phases run
 * in this order; each reads what the ones before it wrote into the run.
 */
export function matchRoster(
  w: RosterWrites,
  state: RosterState,
  parsed: ParsedRoster,
  at: string,
  dryRun: boolean,
  restoreArchived: boolean,
  progress?: ProgressHook,
): ImportReport {
  const run = startRun(w, state, parsed, at, restoreArchived, progress);
  applyClasses(run);
  applyStudents(run, state.people.student);
  const { guardianIds, links } = applyGuardians(run, state);
  applyLinks(run, guardianIds, links);
  applyStaff(run, state.people.staff);
  const missing = missingStudents(run);
  if (run.changed) w.bumpVersion();
  const { counts, conflicts, archived, changed } = run;

  const problems = (severity: 'error' | 'warning') =>
    parsed.problems
      .filter((p) => p.severity === severity)
      .map(({ line, field, message }) => {
        const who = parsed.rowNames?.get(line);
        return who ? { line, field, message, who } : { line, field, message };
      });
  return {
    dryRun,
    rowsTotal: parsed.rowsTotal,
    rowsRejected: parsed.rowsRejected,
    ...counts,
    duplicateRows: parsed.duplicateRows.length,
    duplicates: parsed.duplicateRows,
    errors: problems('error'),
    warnings: problems('warning'),
    conflicts,
    missing,
    archived,
    changed,
  };
}
