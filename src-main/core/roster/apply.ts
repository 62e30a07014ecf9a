// Applies a parsed roster to the database: matches people with those already stored, adds what is
// new, updates what changed (a changed class is a transfer), reports conflicts instead of
// overwriting, and lists students of the listed classes that the file no longer has.
import type { Db } from '../db/database.ts';
import * as dal from '../dal/roster.ts';
import { fullName, className as classLabel } from '../../../src-shared/roster/keys.ts';
import { nameKeyFolder } from '../../../src-shared/roster/normalize.ts';
import type { ParsedRoster, Relation } from '../../../src-shared/roster/types.ts';
import type { ArchivedInFile, ImportIssue, ImportReport, KindCounts } from '../../../src-shared/roster/report.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { PROGRESS_EVERY, type ProgressHook } from '../../../src-shared/roster/progress.ts';

const zero = (): KindCounts => ({ added: 0, updated: 0, unchanged: 0 });

class DryRun extends Error {}

export function parseClassName(name: string): { grade: number; letter: string } | null {
  const m = /^(\d{1,2})([А-ЯЁ])$/u.exec(name);
  if (!m) return null;
  const grade = Number(m[1]);
  return grade >= 1 && grade <= 11 ? { grade, letter: m[2]! } : null;
}

const studentIdentity = (k: string, birthDate: string | null) => `${k}|${birthDate ?? ''}`;

/**
 * Stored people by one contact value (a phone or an email) and their name key: usually one person
 * per value, a list when namesakes share it. Keyed by the contact alone, so a look-up hashes the
 * file's value (hashed once already while parsing) instead of a string built for it.
 */
export class ContactIndex {
  private readonly byValue = new Map<string, dal.PersonRecord | dal.PersonRecord[]>();

  /** Files `rec` under `value`; a later person with the same name key takes the place of an earlier one. */
  set(value: string, rec: dal.PersonRecord): void {
    const seen = this.byValue.get(value);
    if (seen === undefined) this.byValue.set(value, rec);
    else if (!Array.isArray(seen)) this.byValue.set(value, seen.nameKey === rec.nameKey ? rec : [seen, rec]);
    else {
      const i = seen.findIndex((r) => r.nameKey === rec.nameKey);
      if (i < 0) seen.push(rec);
      else seen[i] = rec;
    }
  }

  get(value: string, nameKey: string): dal.PersonRecord | undefined {
    const seen = this.byValue.get(value);
    if (seen === undefined) return undefined;
    if (!Array.isArray(seen)) return seen.nameKey === nameKey ? seen : undefined;
    return seen.find((r) => r.nameKey === nameKey);
  }
}

/**
 * A set of row ids (small, dense integers): one byte per id up to the largest, no hashing. An id
 * past `IdSet.DENSE_LIMIT` (never, in a school) goes to a plain Set.
 */
export class IdSet {
  static readonly DENSE_LIMIT = 2 ** 26;
  private bits = new Uint8Array(1024);
  private sparse: Set<number> | null = null;

  add(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= IdSet.DENSE_LIMIT) {
      (this.sparse ??= new Set()).add(id);
      return;
    }
    if (id >= this.bits.length) {
      let size = this.bits.length * 2;
      while (size <= id) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[id] = 1;
  }

  has(id: number): boolean {
    if (Number.isInteger(id) && id >= 0 && id < IdSet.DENSE_LIMIT) return id < this.bits.length && this.bits[id] === 1;
    return this.sparse?.has(id) ?? false;
  }
}

/**
 * Values of (guardian, student) pairs: each guardian's students in a short list (a parent has a
 * child or three), the lists found by the guardian's id in an array. Nothing is built or hashed
 * per pair (a Map keyed by the pair would hash a key made for each of tens of thousands of links).
 */
export class PairTable<T> {
  private readonly byFirst: (Array<number | T> | undefined)[] = [];

  get(a: number, b: number): T | undefined {
    const list = this.byFirst[a];
    if (list) for (let i = 0; i < list.length; i += 2) if (list[i] === b) return list[i + 1] as T;
    return undefined;
  }

  set(a: number, b: number, value: T): void {
    const list = this.byFirst[a];
    if (!list) {
      this.byFirst[a] = [b, value];
      return;
    }
    for (let i = 0; i < list.length; i += 2)
      if (list[i] === b) {
        list[i + 1] = value;
        return;
      }
    list.push(b, value);
  }
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

/** What the matching reads: everyone stored (by kind, in id order), every class, every link. */
export interface RosterState {
  people: Record<dal.Kind, dal.PersonRecord[]>;
  classes: dal.ClassRecord[];
  links: dal.LinkRecord[];
}

/** Where the matching writes: the database, or nowhere (see `foresee`). */
interface RosterWrites {
  /** `rec` is the new person's record as the matching keeps it; its `id` is set from what this returns. */
  insertPerson(rec: dal.PersonRecord, at: string): number;
  updatePerson(id: number, patch: dal.PersonPatch, at: string): void;
  insertClass(grade: number, letter: string, at: string): number;
  setClassTeacher(classId: number, teacherId: number): void;
  insertLink(l: dal.LinkRecord, at: string): void;
  updateLinkRelation(l: dal.LinkRecord): void;
  bumpVersion(): void;
}

const readState = (db: Db): RosterState => ({ people: dal.peopleOfEveryKind(db), classes: dal.allClasses(db), links: dal.allLinks(db) });

const dbWrites = (db: Db): RosterWrites => ({
  insertPerson: (rec, at) => dal.insertPerson(db, rec, at),
  updatePerson: (id, patch, at) => dal.updatePerson(db, id, patch, at),
  insertClass: (grade, letter, at) => dal.insertClass(db, grade, letter, at),
  setClassTeacher: (classId, teacherId) => dal.setClassTeacher(db, classId, teacherId),
  insertLink: (l, at) => dal.insertLink(db, l, at),
  updateLinkRelation: (l) => dal.updateLinkRelation(db, l),
  bumpVersion: () => dal.bumpRosterVersion(db),
});

/**
 * Writes to the database and keeps what was written, so that `after()` gives the roster as the
 * database now holds it without reading it again: the state read (its person records patched in
 * place by the matching) with the new people, classes and links after it — people in id order, as
 * SQLite numbers a new row one past the largest rowid.
 */
function trackedWrites(db: Db, before: RosterState): RosterWrites & { after(): RosterState } {
  const to = dbWrites(db);
  const newPeople: dal.PersonRecord[] = [];
  const newClasses: dal.ClassRecord[] = [];
  const newLinks: dal.LinkRecord[] = [];
  const teachers = new Map<number, number>();
  const relations = new PairTable<Relation>();
  let relationsChanged = false;
  return {
    ...to,
    insertPerson: (rec, at) => {
      newPeople.push(rec);
      return to.insertPerson(rec, at);
    },
    insertClass: (grade, letter, at) => {
      const id = to.insertClass(grade, letter, at);
      newClasses.push({ id, grade, letter, teacherId: null });
      return id;
    },
    setClassTeacher: (classId, teacherId) => {
      to.setClassTeacher(classId, teacherId);
      teachers.set(classId, teacherId);
    },
    insertLink: (l, at) => {
      to.insertLink(l, at);
      newLinks.push({ guardianId: l.guardianId, studentId: l.studentId, relation: l.relation });
    },
    updateLinkRelation: (l) => {
      to.updateLinkRelation(l);
      relations.set(l.guardianId, l.studentId, l.relation);
      relationsChanged = true;
    },
    after: () => {
      const people = { ...before.people };
      for (const kind of ['student', 'guardian', 'staff'] as const) {
        const added = newPeople.filter((p) => p.kind === kind);
        if (added.length) people[kind] = [...before.people[kind], ...added];
      }
      // In `allClasses` order (grade, letter), though the matching does not depend on it.
      const classes = [...before.classes, ...newClasses]
        .map((c) => (teachers.has(c.id) ? { ...c, teacherId: teachers.get(c.id)! } : c))
        .sort((a, b) => a.grade - b.grade || (a.letter < b.letter ? -1 : a.letter > b.letter ? 1 : 0));
      const kept = relationsChanged
        ? before.links.map((l) => {
            const relation = relations.get(l.guardianId, l.studentId);
            return relation === undefined ? l : { ...l, relation };
          })
        : before.links;
      return { people, classes, links: [...kept, ...newLinks] };
    },
  };
}

/** Thrown by the writes of a foreseen import: the same file again would change something. */
const WOULD_WRITE = new Error('a second import would write');
const nowhere: RosterWrites = {
  insertPerson: () => {
    throw WOULD_WRITE;
  },
  updatePerson: () => {
    throw WOULD_WRITE;
  },
  insertClass: () => {
    throw WOULD_WRITE;
  },
  setClassTeacher: () => {
    throw WOULD_WRITE;
  },
  insertLink: () => {
    throw WOULD_WRITE;
  },
  updateLinkRelation: () => {
    throw WOULD_WRITE;
  },
  bumpVersion: () => {
    throw WOULD_WRITE;
  },
};

/**
 * Writes the roster in one transaction (all or nothing). With `dryRun` the same work is done and
 * rolled back, so a preview reports exactly what the import will do.
 *
 * Called inside a transaction (importFile's, with the audit row), it writes in that one: a
 * savepoint of its own there would make SQLite keep every insert's statement journal until the end
 * (the sub-journal is truncated only when no savepoint is open): about 1 GB of temp-file writes for
 * 20,000 students and three times the CPU of the inserts. The caller's transaction is all or nothing.
 */
export function applyRoster(
  db: Db,
  parsed: ParsedRoster,
  options: { at: string; dryRun: boolean; restoreArchived?: boolean; progress?: ProgressHook },
): ImportReport {
  const restore = options.restoreArchived === true;
  if (!options.dryRun && db.inTransaction) {
    return applyInTransaction(dbWrites(db), readState(db), parsed, options.at, false, restore, options.progress);
  }
  let report: ImportReport | undefined;
  const run = db.transaction(() => {
    report = applyInTransaction(dbWrites(db), readState(db), parsed, options.at, options.dryRun, restore, options.progress);
    if (options.dryRun) throw new DryRun();
  });
  try {
    run.immediate();
  } catch (e) {
    if (!(e instanceof DryRun)) throw e;
  }
  return report!;
}

/**
 * `applyRoster` inside the caller's transaction (not a dry run), and then the report the same
 * file would give if imported again right after this commit — or `null` when that import would
 * change something itself. Foreseen by the very same matching, run again on the roster as written
 * (`trackedWrites().after()`) with every write refused: what it reports is what the slow path
 * would report, because it is the slow path, on the same rows and the same roster.
 */
export function applyAndForesee(
  db: Db,
  parsed: ParsedRoster,
  options: { at: string; restoreArchived?: boolean; progress?: ProgressHook },
): { report: ImportReport; next: ImportReport | null } {
  if (!db.inTransaction) throw new Error("applyAndForesee runs inside the caller's transaction");
  const restore = options.restoreArchived === true;
  const before = readState(db);
  const writes = trackedWrites(db, before);
  const report = applyInTransaction(writes, before, parsed, options.at, false, restore, options.progress);
  // Nothing written: the same rows on the same roster report the same again.
  if (!report.changed) return { report, next: report };
  try {
    return { report, next: applyInTransaction(nowhere, writes.after(), parsed, options.at, false, restore) };
  } catch (e) {
    if (e === WOULD_WRITE) return { report, next: null };
    throw e;
  }
}

function applyInTransaction(
  w: RosterWrites,
  state: RosterState,
  parsed: ParsedRoster,
  at: string,
  dryRun: boolean,
  restoreArchived: boolean,
  progress?: ProgressHook,
): ImportReport {
  // People matched so far, for the bar; a throw from the hook (cancel) rolls the transaction back.
  const people = parsed.students.length + parsed.guardians.length + parsed.staff.length;
  let matched = 0;
  const tick = () => {
    if (progress && (++matched & (PROGRESS_EVERY - 1)) === 0) progress('apply', matched, people);
  };
  const counts = { classes: zero(), students: zero(), guardians: zero(), links: zero(), staff: zero() };
  const conflicts: ImportIssue[] = [];
  const conflict = (line: number, field: string, message: string) => conflicts.push({ line, field, message });
  let changed = false;
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

  // Everyone stored, read in one pass (the people of each kind are matched in turn below).
  const stored = state.people;

  // ---- classes ----
  const classIds = new Map<string, number>();
  const classTeacher = new Map<number, number | null>();
  for (const c of state.classes) {
    classIds.set(classLabel(c.grade, c.letter), c.id);
    classNameOf.set(c.id, classLabel(c.grade, c.letter));
    classTeacher.set(c.id, c.teacherId);
  }
  const wantedClasses = new Set([...parsed.classes, ...parsed.staff.flatMap((s) => (s.classTeacherOf ? [s.classTeacherOf] : []))]);
  const touchedClasses = new Set<number>();
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
    changed = true;
  }

  // ---- students ----
  // Keyed as the parser keys a student (`studentKey`: name key | birth date), so that the file's
  // keys, hashed once while parsing, are looked up as they are.
  const students = new Map<string, dal.PersonRecord>();
  for (const s of stored.student) students.set(studentIdentity(s.nameKey, s.birthDate), s);
  const studentIds = new Map<string, number>();
  const seenStudents = new IdSet();
  // Some student of the file gets no links from it (left in the archive, or not imported): their
  // parents are checked before being added (see `throughUnlinkedOnly`).
  let unlinkedStudents = false;
  for (const s of parsed.students) {
    tick();
    const classId = classIds.get(s.className);
    if (classId === undefined) {
      unlinkedStudents = true;
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
      changed = true;
      continue;
    }
    studentIds.set(s.key, rec.id);
    if (seenStudents.has(rec.id)) continue; // the parser merges repeats; never count one person twice
    seenStudents.add(rec.id);
    if (meetArchived(rec)) {
      unlinkedStudents = true;
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
      changed = true;
    } else counts.students.unchanged++;
  }

  // ---- guardians ----
  const byPhone = new ContactIndex();
  const byEmail = new ContactIndex();
  // Guardians by name key, for the few without a contact to match by: built when the first one
  // comes, of the stored guardians and those inserted or updated so far, in that order.
  let byName: Map<string, dal.PersonRecord[]> | undefined;
  const indexedSoFar: dal.PersonRecord[] = [];
  const fileByName = (g: dal.PersonRecord) => {
    const list = byName!.get(g.nameKey);
    if (list) list.push(g);
    else byName!.set(g.nameKey, [g]);
  };
  const namesakesOf = (key: string) => {
    if (!byName) {
      byName = new Map();
      stored.guardian.forEach(fileByName);
      indexedSoFar.forEach(fileByName);
    }
    return byName.get(key);
  };
  const index = (g: dal.PersonRecord) => {
    if (g.phone) byPhone.set(g.phone, g);
    if (g.email) byEmail.set(g.email, g);
    if (byName) fileByName(g);
    else indexedSoFar.push(g);
  };
  for (const g of stored.guardian) {
    if (g.phone) byPhone.set(g.phone, g);
    if (g.email) byEmail.set(g.email, g);
  }
  const storedLinks = state.links;
  const links = new PairTable<Relation>();
  for (const l of storedLinks) links.set(l.guardianId, l.studentId, l.relation);
  // A file parent's children (student ids; an empty list when none of them is imported), for
  // parents without a contact to match by, and new parents when some students get no links: built
  // when the first one needs them.
  let childrenInFile: Map<string, number[]> | undefined;
  const childrenListed = (guardianKey: string): number[] | undefined => {
    if (!childrenInFile) {
      childrenInFile = new Map();
      for (const l of parsed.links) {
        const sid = studentIds.get(l.studentKey);
        const list = childrenInFile.get(l.guardianKey);
        if (sid === undefined) {
          if (!list) childrenInFile.set(l.guardianKey, []);
        } else if (list) list.push(sid);
        else childrenInFile.set(l.guardianKey, [sid]);
      }
    }
    return childrenInFile.get(guardianKey);
  };
  const childrenOf = (guardianKey: string): number[] => childrenListed(guardianKey) ?? [];
  /**
   * A parent the file gives only to students it links to nobody (left in the archive: «their rows
   * change nothing»). Such a parent is not added: without a link, nothing would tell them apart next
   * time (no phone, no email: each import added them again), and nobody would see them on a card.
   * Returned with the student (`restoreArchived`), they are added and linked then, once.
   */
  const throughUnlinkedOnly = (guardianKey: string): boolean => {
    if (!unlinkedStudents) return false;
    const children = childrenListed(guardianKey);
    return children !== undefined && children.every((sid) => keptArchived.has(sid));
  };

  const guardianIds = new Map<string, number>();
  const seenGuardians = new IdSet();
  for (const g of parsed.guardians) {
    tick();
    const key = keyOf(g);
    const line = g.lines[0] ?? 0;
    const viaPhone = g.phone ? byPhone.get(g.phone, key) : undefined;
    const viaEmail = g.email ? byEmail.get(g.email, key) : undefined;
    // The file's phone and email belong to two different stored namesakes: go by the phone, and leave
    // that person's email alone (filling it in would give two people one name and one email).
    const split = viaPhone !== undefined && viaEmail !== undefined && viaPhone.id !== viaEmail.id;
    if (split) conflict(line, t.roster.fields.guardian, t.roster.twoGuardians(fullName(viaPhone)));
    let rec = viaPhone ?? viaEmail;
    if (!rec) {
      // No contact to match by: the same name already linked to one of the same children is the same person.
      const namesakes = namesakesOf(key);
      if (namesakes) {
        // Until the links are written below, `links` holds the stored ones only. The contacts are
        // compared first: they rule out most namesakes without the children.
        rec = namesakes.find(
          (cand) =>
            (!g.phone || !cand.phone) &&
            (!g.email || !cand.email) &&
            childrenOf(g.key).some((sid) => links.get(cand.id, sid) !== undefined),
        );
      }
    }
    if (!rec) {
      if (throughUnlinkedOnly(g.key)) continue;
      const added = insertRecord(w, 'guardian', g, key, at, { phone: g.phone, email: g.email });
      const id = added.id;
      index(added);
      guardianIds.set(g.key, id);
      seenGuardians.add(id);
      counts.guardians.added++;
      changed = true;
      continue;
    }
    guardianIds.set(g.key, rec.id);
    if (seenGuardians.has(rec.id)) continue;
    seenGuardians.add(rec.id);
    if (meetArchived(rec)) continue;
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
      index(rec);
      counts.guardians.updated++;
      changed = true;
    } else counts.guardians.unchanged++;
  }

  // ---- links ----
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
      changed = true;
    } else if (existing !== l.relation) {
      w.updateLinkRelation({ guardianId, studentId, relation: l.relation });
      counts.links.updated++;
      changed = true;
    } else counts.links.unchanged++;
  }

  // ---- staff ----
  const staffByKey = new Map<string, dal.PersonRecord[]>();
  for (const s of stored.staff) {
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
      changed = true;
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
        changed = true;
      } else counts.staff.unchanged++;
    }
    const classId = s.classTeacherOf ? classIds.get(s.classTeacherOf) : undefined;
    if (classId !== undefined && classTeacher.get(classId) !== rec.id) {
      w.setClassTeacher(classId, rec.id);
      classTeacher.set(classId, rec.id);
      teacherChanged.add(classId);
      changed = true;
    }
  }
  for (const id of touchedClasses) {
    if (teacherChanged.has(id)) counts.classes.updated++;
    else counts.classes.unchanged++;
  }

  // ---- students of the listed classes the file does not have ----
  const classesInFile = new Set(parsed.students.map((s) => classIds.get(s.className)).filter((x): x is number => x !== undefined));
  const classNames = new Map([...classIds].map(([name, id]) => [id, name]));
  const missing = [...students.values()]
    .filter((s) => s.classId !== null && classesInFile.has(s.classId) && !s.archivedAt && !seenStudents.has(s.id))
    .map((s) => ({ id: s.id, fullName: fullName(s), birthDate: s.birthDate, className: classNames.get(s.classId!) ?? '' }))
    .sort((a, b) => a.className.localeCompare(b.className, 'ru') || a.fullName.localeCompare(b.fullName, 'ru'));

  if (changed) w.bumpVersion();

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
