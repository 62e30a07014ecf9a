// The end of the school year: every class moves up a grade, the 11th grade leaves to the archive.
//
// Students move, class rows stay: the students (and the class teacher) of 10А move into the 11А
// class row, those of 9А into 10А, and so on, highest grade first. A class row therefore keeps
// meaning one class name, so archived people still show the class they left from, and the
// (grade, letter) uniqueness is never in the way: 11А's students leave before 10А's arrive.
// Rows left with nobody at all (no student, not even an archived one, no teacher) are removed;
// the next import creates the 1st grade again.
//
// The preview is the plan itself, computed from the database; applying it is refused when the
// roster changed since (its version) or when the previous end of year is too recent (a second
// click, a second script run). A backup is taken first, then everything happens in one transaction.
import path from 'node:path';
import type { Db } from '../db/database.ts';
import { tx } from '../db/database.ts';
import { isoNow, type Clock } from '../clock.ts';
import { backupDatabase, backupFileName } from '../db/backup.ts';
import * as dal from '../dal/roster.ts';
import * as deskDal from '../dal/desk.ts';
import type { Actor, AuditLog } from '../services/audit.ts';
import type { Roster } from './service.ts';
import type { Codes } from '../codes/service.ts';
import { AppError } from '../../../src-shared/result.ts';
import { className, fullName } from '../../../src-shared/roster/keys.ts';
import type { YearEndMove, YearEndPlan, YearEndResult } from '../../../src-shared/roster/desk-views.ts';

export const LAST_GRADE = 11;
/** A second end of year within this time is refused: a real one is a year apart. */
export const YEAR_END_GAP_DAYS = 180;
const DAY_MS = 86_400_000;

export class YearEnd {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditLog;
  private readonly roster: Roster;
  private readonly codes: Codes;
  private readonly backupsDir: string;

  constructor(deps: { db: Db; clock: Clock; audit: AuditLog; roster: Roster; codes: Codes; backupsDir: string }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.audit = deps.audit;
    this.roster = deps.roster;
    this.codes = deps.codes;
    this.backupsDir = deps.backupsDir;
  }

  /** What the end of the year would do now. Writes nothing. */
  plan(): YearEndPlan {
    const classes = dal.allClasses(this.db);
    const counts = deskDal.activeStudentCounts(this.db);
    const name = (id: number) => {
      const c = classes.find((x) => x.id === id);
      return c ? className(c.grade, c.letter) : '';
    };
    const moves: YearEndMove[] = classes
      .filter((c) => c.grade < LAST_GRADE && ((counts.get(c.id) ?? 0) > 0 || c.teacherId !== null))
      .sort((a, b) => b.grade - a.grade || a.letter.localeCompare(b.letter, 'ru'))
      .map((c) => {
        const teacher = c.teacherId !== null ? dal.personById(this.db, c.teacherId) : undefined;
        return {
          from: className(c.grade, c.letter),
          to: className(c.grade + 1, c.letter),
          students: counts.get(c.id) ?? 0,
          teacher: teacher ? fullName(teacher) : null,
        };
      });
    const leaving = deskDal
      .activeStudentsOfGrade(this.db, LAST_GRADE)
      .map((s) => ({ id: s.id, fullName: fullName(s), className: name(s.classId) }));
    const graduating = classes
      .filter((c) => c.grade === LAST_GRADE && (counts.get(c.id) ?? 0) > 0)
      .map((c) => ({ className: className(c.grade, c.letter), students: counts.get(c.id) ?? 0 }));
    const guardians = deskDal.guardiansOnlyOfGrade(this.db, LAST_GRADE);
    const last = deskDal.lastYearEnd(this.db);
    const until = last ? new Date(Date.parse(last) + YEAR_END_GAP_DAYS * DAY_MS).toISOString() : null;
    return {
      version: dal.rosterVersion(this.db),
      moves,
      graduating,
      leaving,
      guardiansLeaving: guardians.length,
      codesRevoked: deskDal.liveCodesOfPeople(this.db, [...leaving.map((s) => s.id), ...guardians]),
      lastYearEnd: last,
      blockedUntil: until && until > isoNow(this.clock) ? until : null,
    };
  }

  /**
   * Does it: a backup first, then one transaction that archives the leavers (their codes revoked),
   * moves every class up and audits it all. `version` is the plan's the curator saw.
   */
  async apply(actor: Actor, version: number): Promise<YearEndResult> {
    const before = this.plan();
    this.assertAllowed(before, version);
    const made = await backupDatabase(this.db, path.join(this.backupsDir, backupFileName(this.clock.now(), 'year-end')));
    return tx(this.db, () => {
      // Checked again inside the transaction: another process may have written since the backup.
      const plan = this.plan();
      this.assertAllowed(plan, version);
      const at = isoNow(this.clock);
      const revoked = this.archiveLeavers(actor, plan, at);
      const moved = this.moveUp(at);
      dal.bumpRosterVersion(this.db);
      this.audit.append(actor, {
        action: 'roster.year_end',
        details: {
          backup: made.path,
          moved,
          classes: plan.moves.length,
          graduated: plan.leaving.length,
          guardiansArchived: plan.guardiansLeaving,
          revoked,
        },
      });
      return { ...plan, codesRevoked: revoked, backup: made.path };
    });
  }

  private assertAllowed(plan: YearEndPlan, version: number): void {
    if (plan.blockedUntil) throw new AppError('roster.year_end_recent', { date: plan.lastYearEnd!, until: plan.blockedUntil });
    if (plan.version !== version) throw new AppError('roster.year_end_stale');
  }

  /** The 11th grade and the parents with no other child at school: archived, their codes revoked. */
  private archiveLeavers(actor: Actor, plan: YearEndPlan, at: string): number {
    let revoked = 0;
    const archive = (id: number, reason: string) => {
      dal.updatePerson(this.db, id, { archivedAt: at }, at);
      revoked += this.codes.revokeForArchived(id, at);
      this.audit.append(actor, { action: 'person.archive', person: this.roster.personRef(id)!, details: { reason } });
    };
    // Parents are found before their children leave (afterwards they have no active child at all).
    const guardians = deskDal.guardiansOnlyOfGrade(this.db, LAST_GRADE);
    for (const s of plan.leaving) archive(s.id, 'graduated');
    for (const g of guardians) archive(g, 'children_graduated');
    return revoked;
  }

  /** Highest grade first, so each target row is empty of active students when its class arrives. */
  private moveUp(at: string): number {
    const classes = dal.allClasses(this.db);
    const row = new Map(classes.map((c) => [className(c.grade, c.letter), c]));
    for (const c of classes) if (c.grade === LAST_GRADE && c.teacherId !== null) dal.setClassTeacher(this.db, c.id, null);
    let moved = 0;
    const vacated: number[] = [];
    for (const c of [...classes].filter((x) => x.grade < LAST_GRADE).sort((a, b) => b.grade - a.grade)) {
      const counts = deskDal.activeStudentCounts(this.db);
      if ((counts.get(c.id) ?? 0) === 0 && c.teacherId === null) continue;
      const targetName = className(c.grade + 1, c.letter);
      let target = row.get(targetName);
      if (!target) {
        const id = dal.insertClass(this.db, c.grade + 1, c.letter, at);
        target = { id, grade: c.grade + 1, letter: c.letter, teacherId: null };
        row.set(targetName, target);
      }
      moved += deskDal.moveActiveStudents(this.db, c.id, target.id, at);
      dal.setClassTeacher(this.db, target.id, c.teacherId);
      dal.setClassTeacher(this.db, c.id, null);
      vacated.push(c.id);
    }
    for (const c of classes) if (c.grade === LAST_GRADE) vacated.push(c.id);
    for (const id of vacated) deskDal.deleteClassIfUnused(this.db, id);
    return moved;
  }
}
