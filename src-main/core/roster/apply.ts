// Applies a parsed roster to the database: matches people with those already stored, adds what is
// new, updates what changed (a changed class is a transfer), reports conflicts instead of
// overwriting, and lists students of the listed classes that the file no longer has.
import type { Db } from '../db/database.ts';
import * as dal from '../dal/roster.ts';
import type { ParsedRoster, Relation } from '../../../src-shared/roster/types.ts';
import type { ImportReport } from '../../../src-shared/roster/report.ts';
import type { ProgressHook } from '../../../src-shared/roster/progress.ts';
import { PairTable } from './apply-lookups.ts';
import { matchRoster, type RosterState, type RosterWrites } from './apply-phases.ts';

class DryRun extends Error {}

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
        // concat, not spread: a spread of tens of thousands of records steps an iterator through them.
        if (added.length) people[kind] = before.people[kind].concat(added);
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
      return { people, classes, links: kept.concat(newLinks) };
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
    return matchRoster(dbWrites(db), readState(db), parsed, options.at, false, restore, options.progress);
  }
  let report: ImportReport | undefined;
  const run = db.transaction(() => {
    report = matchRoster(dbWrites(db), readState(db), parsed, options.at, options.dryRun, restore, options.progress);
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
  const report = matchRoster(writes, before, parsed, options.at, false, restore, options.progress);
  // Nothing written: the same rows on the same roster report the same again.
  if (!report.changed) return { report, next: report };
  try {
    return { report, next: matchRoster(nowhere, writes.after(), parsed, options.at, false, restore) };
  } catch (e) {
    if (e === WOULD_WRITE) return { report, next: null };
    throw e;
  }
}
