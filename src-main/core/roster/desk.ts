// Roster upkeep at the desk, beyond correcting a person: a student who arrives mid-year (the import's
// checks), a parent unlinked from a child or their relation corrected, a class's teacher. Every
// change is audited; a parent unlinked loses the codes that gave access to that child.
import type { Db } from '../db/database.ts';
import { tx } from '../db/database.ts';
import { isoNow, localDate, type Clock } from '../clock.ts';
import * as dal from '../dal/roster.ts';
import * as deskDal from '../dal/desk.ts';
import { revokeCode } from '../dal/codes.ts';
import type { Actor, AuditLog } from '../services/audit.ts';
import type { Roster } from './service.ts';
import { AppError } from '../../../src-shared/result.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { className, displayDate, fullName } from '../../../src-shared/roster/keys.ts';
import { checkStudentBirthDate, nameKey } from '../../../src-shared/roster/normalize.ts';
import type { ClassDetail, PersonCard } from '../../../src-shared/roster/views.ts';
import type { StaffOption } from '../../../src-shared/roster/desk-views.ts';
import type { ClassTeacher, LinkRef, LinkRelation, NewStudent } from '../../../src-shared/schemas/desk.ts';

export class RosterDesk {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditLog;
  private readonly roster: Roster;

  constructor(deps: { db: Db; clock: Clock; audit: AuditLog; roster: Roster }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.audit = deps.audit;
    this.roster = deps.roster;
  }

  private label(id: number): string {
    return this.roster.personRef(id)?.label ?? String(id);
  }

  /**
   * A student who arrives mid-year, with the import's checks: the name as the importer writes it
   * (the schema), a birth date a student can have, no second student with the same folded name and
   * birth date (an archived one is named: bring them back instead), an existing class.
   */
  addStudent(actor: Actor, input: NewStudent): PersonCard {
    const at = isoNow(this.clock);
    const id = tx(this.db, () => {
      const cls = dal.classById(this.db, input.classId);
      if (!cls) throw new AppError('roster.class_not_found', { name: null });
      const check = checkStudentBirthDate(input.birthDate, localDate(this.clock.now()));
      if (check !== 'ok') {
        throw new AppError('roster.birth_date_implausible', { check, shown: displayDate(input.birthDate) }, { field: 'birthDate' });
      }
      const names = { surname: input.surname, name: input.name, patronymic: input.patronymic ?? null };
      const key = nameKey(names);
      const twin = dal.sameStudent(this.db, key, input.birthDate);
      if (twin) {
        const where = twin.classId !== null ? dal.classById(this.db, twin.classId) : undefined;
        const who = `${fullName(twin)}, ${displayDate(twin.birthDate)}${where ? `, ${className(where.grade, where.letter)}` : ''}`;
        throw new AppError(
          twin.archivedAt ? 'roster.duplicate_student_archived' : 'roster.duplicate_student',
          { who },
          { field: 'surname' },
        );
      }
      const newId = dal.insertPerson(
        this.db,
        dal.newPerson('student', names, key, { birthDate: input.birthDate, sex: input.sex ?? null, classId: cls.id }),
        at,
      );
      dal.bumpRosterVersion(this.db);
      this.audit.append(actor, {
        action: 'person.create',
        person: this.roster.personRef(newId)!,
        details: { kind: 'student', class: className(cls.grade, cls.letter), birthDate: input.birthDate },
      });
      return newId;
    });
    return this.roster.card(actor, id);
  }

  private link(input: LinkRef): { link: dal.LinkRecord; guardian: dal.PersonRecord; student: dal.PersonRecord } {
    const guardian = dal.personById(this.db, input.guardianId);
    const student = dal.personById(this.db, input.studentId);
    const link = dal.linkOf(this.db, input.guardianId, input.studentId);
    if (!guardian || !student || !link) throw new AppError('roster.not_linked');
    if (guardian.archivedAt || student.archivedAt) throw new AppError('roster.archived');
    return { link, guardian, student };
  }

  /**
   * Unlinks a parent from a child. Their live codes for that child are revoked: they would give
   * access to a child who is no longer theirs. The parent stays on file (other children, a later link).
   */
  unlinkGuardian(actor: Actor, input: LinkRef): { codesRevoked: number } {
    const at = isoNow(this.clock);
    return tx(this.db, () => {
      const { link, guardian, student } = this.link(input);
      const codes = deskDal.liveLinkCodes(this.db, guardian.id, student.id);
      for (const id of codes) revokeCode(this.db, id, at, t.desk.codeReasons.unlinked);
      deskDal.deleteLink(this.db, guardian.id, student.id);
      dal.bumpRosterVersion(this.db);
      this.audit.append(actor, {
        action: 'guardian.unlink',
        person: this.roster.personRef(guardian.id)!,
        details: { student: this.label(student.id), relation: link.relation, revoked: codes.length },
      });
      return { codesRevoked: codes.length };
    });
  }

  /** «мать / отец / законный представитель» corrected. Codes stay: they belong to the link. */
  setRelation(actor: Actor, input: LinkRelation): void {
    tx(this.db, () => {
      const { link, guardian, student } = this.link(input);
      if (link.relation === input.relation) return;
      dal.updateLinkRelation(this.db, { guardianId: guardian.id, studentId: student.id, relation: input.relation });
      dal.bumpRosterVersion(this.db);
      this.audit.append(actor, {
        action: 'guardian.relation',
        person: this.roster.personRef(guardian.id)!,
        details: { student: this.label(student.id), changed: { relation: { from: link.relation, to: input.relation } } },
      });
    });
  }

  /** Staff on file (not archived), with the classes each already leads. */
  staff(): StaffOption[] {
    const classes = dal.allClasses(this.db);
    return deskDal.activeStaff(this.db).map((s) => ({
      id: s.id,
      fullName: fullName(s),
      classes: classes.filter((c) => c.teacherId === s.id).map((c) => className(c.grade, c.letter)),
    }));
  }

  /**
   * Sets (or clears) a class's teacher: a staff member on file, or a new one by name (the same
   * folded name already on file is that person). One class per class teacher, as on import.
   */
  setClassTeacher(actor: Actor, input: ClassTeacher): ClassDetail {
    const at = isoNow(this.clock);
    tx(this.db, () => {
      const cls = dal.classById(this.db, input.classId);
      if (!cls) throw new AppError('roster.class_not_found', { name: null });
      const name = className(cls.grade, cls.letter);
      let teacherId: number | null = input.teacherId ?? null;
      if (input.newTeacher) {
        const names = { surname: input.newTeacher.surname, name: input.newTeacher.name, patronymic: input.newTeacher.patronymic ?? null };
        const key = nameKey(names);
        const same = dal.peopleByKind(this.db, 'staff').filter((s) => s.nameKey === key && !s.archivedAt);
        if (same.length === 1) teacherId = same[0]!.id;
        else {
          teacherId = dal.insertPerson(this.db, dal.newPerson('staff', names, key), at);
          this.audit.append(actor, { action: 'person.create', person: this.roster.personRef(teacherId)!, details: { kind: 'staff' } });
        }
      }
      if (teacherId === cls.teacherId) return;
      if (teacherId !== null) {
        const teacher = dal.personById(this.db, teacherId);
        if (!teacher || teacher.kind !== 'staff' || teacher.archivedAt)
          throw new AppError('roster.teacher_not_found', { field: 'teacherId' });
        const other = dal.allClasses(this.db).find((c) => c.teacherId === teacherId && c.id !== cls.id);
        if (other) {
          throw new AppError(
            'roster.teacher_has_class',
            { who: fullName(teacher), className: className(other.grade, other.letter) },
            { field: 'teacherId' },
          );
        }
      }
      dal.setClassTeacher(this.db, cls.id, teacherId);
      dal.bumpRosterVersion(this.db);
      const who = (id: number | null) => (id === null ? null : this.label(id));
      const ref = this.roster.personRef(teacherId ?? cls.teacherId!);
      this.audit.append(actor, {
        action: 'class.teacher',
        ...(ref ? { person: ref } : {}),
        details: { class: name, changed: { teacher: { from: who(cls.teacherId), to: who(teacherId) } } },
      });
    });
    return this.roster.classDetail(input.classId);
  }
}
