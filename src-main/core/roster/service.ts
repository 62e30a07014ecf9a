// The roster as the desk and the CLI use it: import (analyze → preview → apply), classes, person
// cards, archiving, search. Every change and every opened card is audited.
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { tx } from '../db/database.ts';
import { isoNow, localDate, type Clock } from '../clock.ts';
import * as dal from '../dal/roster.ts';
import type { Actor, AuditLog, PersonRef } from '../services/audit.ts';
import { applyAndForesee, applyRoster } from './apply.ts';
import { readReceipt, receiptHolds, receiptKey, writeReceipt, type ImportInputs } from './receipt.ts';
import type { ProgressHook } from '../../../src-shared/roster/progress.ts';
import { RosterSearch, type Committing } from './search.ts';
import { AppError } from '../../../src-shared/result.ts';
import { className, displayDate, fullName } from '../../../src-shared/roster/keys.ts';
import type { DetectedFormat, ImportOptions } from '../../../src-shared/roster/types.ts';
import type { ImportReport } from '../../../src-shared/roster/report.ts';
import type { ClassDetail, ClassSummary, PersonCard, PersonSummary, RosterStats } from '../../../src-shared/roster/views.ts';
import type { SearchOptions, SearchResult } from '../../../src-shared/roster/search.ts';
import type { NewGuardian, PersonUpdate } from '../../../src-shared/schemas/roster.ts';
import { checkStudentBirthDate, nameKey } from '../../../src-shared/roster/normalize.ts';

/**
 * The import's readers (CSV, XLSX and ODS, encodings, header synonyms), loaded by the first file
 * read rather than by every start of the core: a CLI command or a test's core mostly reads none.
 */
const importer = () => import('./import/index.ts');

/**
 * A card reopened while the operator's newest audit row (a view, an edit, a new code) already
 * concerns the same person, and is younger than this, adds no row: it is the same look-up.
 */
const VIEW_AUDIT_WINDOW_MS = 10 * 60_000;

export interface ImportOutcome {
  format: DetectedFormat;
  report: ImportReport;
  sha256: string;
}

/** What the wizard gets: the report, or — when the columns are not all recognized — why not. */
export interface Analysis {
  format: DetectedFormat;
  report: ImportReport | null;
  /** Set when the file reads as a table but its columns must be mapped by hand. */
  problem: AppError | null;
}

const summary = (p: dal.PersonRecord, classes: Map<number, string>): PersonSummary => {
  const s: PersonSummary = { id: p.id, kind: p.kind, fullName: fullName(p), archived: p.archivedAt !== null };
  if (p.classId !== null) {
    s.classId = p.classId;
    s.className = classes.get(p.classId) ?? '';
  }
  if (p.birthDate) s.birthDate = p.birthDate;
  if (p.phone) s.phone = p.phone;
  if (p.email) s.email = p.email;
  return s;
};

export class Roster {
  readonly search: RosterSearch;
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditLog;
  private archiveHooks: ((personId: number, at: string) => void)[] = [];

  constructor(deps: { db: Db; clock: Clock; audit: AuditLog }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.audit = deps.audit;
    this.search = new RosterSearch(deps.db);
  }

  private classNames(): Map<number, string> {
    return new Map(dal.allClasses(this.db).map((c) => [c.id, className(c.grade, c.letter)]));
  }

  personRef(id: number): PersonRef | undefined {
    const p = dal.personById(this.db, id);
    if (!p) return undefined;
    const c = p.classId !== null ? dal.classById(this.db, p.classId) : undefined;
    const cls = c ? className(c.grade, c.letter) : undefined;
    return { kind: p.kind, id: p.id, label: cls ? `${fullName(p)} (${cls})` : fullName(p) };
  }

  // ---- import ----

  /**
   * Reads, detects and dry-runs a file: what the wizard previews. Writes nothing. A table whose
   * columns are not all recognized is not refused: the wizard shows it for the user to map.
   */
  async analyze(bytes: Uint8Array, fileName: string, options: ImportOptions = {}, progress?: ProgressHook): Promise<Analysis> {
    const inputs = this.importInputs(bytes, fileName, options);
    const known = readReceipt(this.db, receiptKey(inputs));
    if (known) return { format: known.format, report: { ...known.report, dryRun: true }, problem: null };
    const { formatOf, missingRequired, parseTable, readTable } = await importer();
    // Read once: a table whose columns need mapping is shown from the same read.
    const table = await readTable(bytes, fileName, options);
    let parsed;
    try {
      parsed = parseTable(table, options, { clock: this.clock, today: inputs.today, ...(progress ? { progress } : {}) });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      let format;
      try {
        format = formatOf(table, options);
      } catch {
        throw e;
      }
      if (missingRequired(format.mapping, format.layout).length === 0) throw e;
      return { format, report: null, problem: e };
    }
    const report = applyRoster(this.db, parsed, {
      at: isoNow(this.clock),
      dryRun: true,
      restoreArchived: options.restoreArchived === true,
      ...(progress ? { progress } : {}),
    });
    return { format: parsed.format, report, problem: null };
  }

  /** The file's format as detected (header, column mapping …), without parsing its rows: writes nothing. */
  async detect(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<DetectedFormat> {
    const { formatOf, readTable } = await importer();
    return formatOf(await readTable(bytes, fileName, options), options);
  }

  /** What an import's report depends on besides the roster: the key of its receipt (receipt.ts). */
  private importInputs(bytes: Uint8Array, fileName: string, options: ImportOptions): ImportInputs {
    return { sha256: sha256(bytes), fileName, options, today: localDate(this.clock.now()) };
  }

  /**
   * Imports the valid rows in one transaction (all or nothing) and audits the import with the file
   * name, checksum and counts. `dryRun` writes nothing (audited only when asked from the CLI).
   *
   * The same file again on a roster unchanged since the last import answers from that import's
   * receipt (receipt.ts): the same report, the same rows written (the import and its audit line),
   * without reading and matching the file again.
   */
  async importFile(
    actor: Actor,
    bytes: Uint8Array,
    fileName: string,
    options: ImportOptions = {},
    dryRun = false,
    /** Called before anything is written, with the format as read: the caller's last word (it may throw). */
    beforeWrite?: (format: DetectedFormat) => void,
    /** The wizard's bar; it may throw to cancel (inside the transaction: nothing is written). */
    progress?: ProgressHook,
    /** Told inside the transaction, just before its commit, which roster versions it moves between. */
    committing?: (c: Committing) => void,
  ): Promise<ImportOutcome> {
    const withProgress = progress ? { progress } : {};
    const inputs = this.importInputs(bytes, fileName, options);
    const key = receiptKey(inputs);
    const sha = inputs.sha256;
    const known = readReceipt(this.db, key);
    if (known) {
      const report: ImportReport = { ...known.report, dryRun };
      if (dryRun) {
        this.auditDryRun(actor, fileName, sha, report);
        return { format: known.format, report, sha256: sha };
      }
      beforeWrite?.(known.format);
      const at = isoNow(this.clock);
      // Written as the long way writes an import that changes nothing — unless another connection
      // has changed the roster since the receipt was read: then the long way.
      const done = tx(this.db, () => {
        if (!receiptHolds(this.db, key)) return false;
        this.recordImport(actor, at, fileName, sha, report);
        const version = dal.rosterVersion(this.db);
        committing?.({ from: version, to: version });
        return true;
      });
      if (done) return { format: known.format, report, sha256: sha };
    }
    const { parseRoster } = await importer();
    const parsed = await parseRoster(bytes, fileName, options, { clock: this.clock, today: inputs.today, ...withProgress });
    if (!dryRun && !known) beforeWrite?.(parsed.format);
    const at = isoNow(this.clock);
    const restoreArchived = options.restoreArchived === true;
    if (dryRun) {
      const report = applyRoster(this.db, parsed, { at, dryRun: true, restoreArchived });
      this.auditDryRun(actor, fileName, sha, report);
      return { format: parsed.format, report, sha256: sha };
    }
    let report: ImportReport | undefined;
    tx(this.db, () => {
      const from = dal.rosterVersion(this.db);
      const applied = applyAndForesee(this.db, parsed, { at, restoreArchived, ...withProgress });
      report = applied.report;
      this.recordImport(actor, at, fileName, sha, report);
      const to = dal.rosterVersion(this.db);
      writeReceipt(this.db, key, to, applied.next ? { format: parsed.format, report: applied.next } : null);
      committing?.({ from, to });
    });
    return { format: parsed.format, report: report!, sha256: sha };
  }

  /** The import's row and audit lines (in its transaction). */
  private recordImport(actor: Actor, at: string, fileName: string, sha: string, report: ImportReport): void {
    const details = { fileName, sha256: sha, ...importCounts(report) };
    dal.insertImport(this.db, { at, operatorId: actor.operatorId, fileName, sha256: sha, summary: details });
    this.audit.append(actor, { action: 'roster.import', details });
    // Each person brought back from the archive is a line of its own in the journal (after the
    // «archived» one), as if returned by hand; their revoked codes stay revoked.
    for (const a of report.archived) {
      if (a.restored)
        this.audit.append(actor, { action: 'person.restore', person: this.personRef(a.id)!, details: { fromFile: fileName } });
    }
  }

  /** A dry run is audited when asked from the CLI only. */
  private auditDryRun(actor: Actor, fileName: string, sha: string, report: ImportReport): void {
    if (actor.via === 'cli') {
      this.audit.append(actor, { action: 'roster.import_dry_run', details: { fileName, sha256: sha, ...importCounts(report) } });
    }
  }

  /** Called inside the archiving transaction for each person archived (codes are revoked there). */
  onArchive(hook: (personId: number, at: string) => void): void {
    this.archiveHooks.push(hook);
  }

  /** Archives (or brings back) people: they leave lists and search but stay for the audit trail. */
  setArchived(actor: Actor, ids: number[], archived: boolean): number {
    const at = isoNow(this.clock);
    let changed = 0;
    tx(this.db, () => {
      for (const id of ids) {
        const p = dal.personById(this.db, id);
        if (!p) throw new AppError('roster.person_not_found');
        if ((p.archivedAt !== null) === archived) continue;
        dal.updatePerson(this.db, id, { archivedAt: archived ? at : null }, at);
        if (archived && p.kind === 'staff') dal.clearClassTeacher(this.db, id);
        if (archived) for (const hook of this.archiveHooks) hook(id, at);
        this.audit.append(actor, { action: archived ? 'person.archive' : 'person.restore', person: this.personRef(id)! });
        changed++;
      }
      if (changed) dal.bumpRosterVersion(this.db);
    });
    return changed;
  }

  // ---- editing at the desk ----

  /** Corrects a person's details. Audited with every change (from → to); duplicates are refused. */
  updatePerson(actor: Actor, input: PersonUpdate): PersonCard {
    const at = isoNow(this.clock);
    tx(this.db, () => {
      const p = dal.personById(this.db, input.id);
      if (!p) throw new AppError('roster.person_not_found');
      if (p.archivedAt) throw new AppError('roster.archived');
      const { id: _id, ...fields } = input;
      const studentOnly = (['birthDate', 'sex', 'classId', 'externalId'] as const).filter((k) => fields[k] !== undefined);
      if (p.kind !== 'student' && studentOnly.length) throw new AppError('roster.only_for_students', { field: studentOnly[0]! });
      if (p.kind === 'student' && (fields.phone !== undefined || fields.email !== undefined)) {
        throw new AppError('roster.no_contact_for_students', { field: fields.phone !== undefined ? 'phone' : 'email' });
      }
      if (fields.classId !== undefined && !dal.classById(this.db, fields.classId))
        throw new AppError('roster.class_not_found', { name: null });
      // The same plausibility rule as the import: no birth date a student cannot have.
      if (fields.birthDate) {
        const check = checkStudentBirthDate(fields.birthDate, localDate(this.clock.now()));
        if (check !== 'ok') {
          throw new AppError('roster.birth_date_implausible', { check, shown: displayDate(fields.birthDate) }, { field: 'birthDate' });
        }
      }
      const next = { ...p, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) } as dal.PersonRecord;
      next.nameKey = nameKey(next);
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      const patch: dal.PersonPatch = {};
      for (const k of ['surname', 'name', 'patronymic', 'birthDate', 'sex', 'classId', 'externalId', 'phone', 'email'] as const) {
        if (next[k] !== p[k]) {
          changed[k] = { from: p[k], to: next[k] };
          (patch as Record<string, unknown>)[k] = next[k];
        }
      }
      if (Object.keys(patch).length === 0) return;
      if (next.nameKey !== p.nameKey) patch.nameKey = next.nameKey;
      if (p.kind === 'student') {
        const twin = dal.sameStudent(this.db, next.nameKey, next.birthDate!, p.id);
        if (twin) throw new AppError('roster.duplicate_student', { who: fullName(twin) });
      } else if (p.kind === 'guardian') {
        const twin = dal.sameGuardian(this.db, next.nameKey, next.phone, next.email, p.id);
        if (twin) throw new AppError('roster.duplicate_guardian', { who: fullName(twin) });
      }
      dal.updatePerson(this.db, p.id, patch, at);
      dal.bumpRosterVersion(this.db);
      this.audit.append(actor, { action: 'person.update', person: this.personRef(p.id)!, details: { changed } });
    });
    return this.card(actor, input.id);
  }

  /**
   * A parent who comes to the desk and is not on file: linked to the student, created unless a parent
   * with the same name and phone or email is already stored (then that person is linked).
   */
  addGuardian(actor: Actor, input: NewGuardian): PersonSummary {
    const at = isoNow(this.clock);
    const id = tx(this.db, () => {
      const student = dal.personById(this.db, input.studentId);
      if (!student || student.kind !== 'student') throw new AppError('roster.student_not_found');
      if (student.archivedAt) throw new AppError('roster.archived');
      const key = nameKey({ surname: input.surname, name: input.name, patronymic: input.patronymic ?? null });
      const phone = input.phone ?? null;
      const email = input.email ?? null;
      let guardian = dal.sameGuardian(this.db, key, phone, email);
      if (guardian?.archivedAt) throw new AppError('roster.archived');
      if (!guardian) {
        const names = { surname: input.surname, name: input.name, patronymic: input.patronymic ?? null };
        const gid = dal.insertPerson(this.db, dal.newPerson('guardian', names, key, { phone, email }), at);
        guardian = dal.personById(this.db, gid)!;
        this.audit.append(actor, { action: 'person.create', person: this.personRef(gid)!, details: { kind: 'guardian' } });
      } else {
        const fill: dal.PersonPatch = {};
        if (phone && !guardian.phone) fill.phone = phone;
        if (email && !guardian.email) fill.email = email;
        if (Object.keys(fill).length) dal.updatePerson(this.db, guardian.id, fill, at);
      }
      const link = dal.linkOf(this.db, guardian.id, student.id);
      if (link && link.relation === input.relation) throw new AppError('roster.already_linked');
      if (link) dal.updateLinkRelation(this.db, { guardianId: guardian.id, studentId: student.id, relation: input.relation });
      else dal.insertLink(this.db, { guardianId: guardian.id, studentId: student.id, relation: input.relation }, at);
      dal.bumpRosterVersion(this.db);
      this.audit.append(actor, {
        action: 'guardian.link',
        person: this.personRef(guardian.id)!,
        details: { student: this.personRef(student.id)!.label, relation: input.relation },
      });
      return guardian.id;
    });
    return summary(dal.personById(this.db, id)!, this.classNames());
  }

  // ---- reading ----

  stats(): RosterStats {
    return dal.rosterStats(this.db);
  }

  classes(): ClassSummary[] {
    return dal.classSummaries(this.db).map((c) => ({
      id: c.id,
      name: className(c.grade, c.letter),
      grade: c.grade,
      letter: c.letter,
      students: c.students,
      guardians: c.guardians,
      teacher: c.teacherName,
    }));
  }

  classDetail(id: number): ClassDetail {
    const c = dal.classById(this.db, id);
    if (!c) throw new AppError('roster.class_not_found', { name: null });
    const names = this.classNames();
    const links = dal.classGuardianLinks(this.db, id);
    const students = dal.studentsOfClass(this.db, id).map((s) => ({
      ...summary(s, names),
      guardians: links
        .filter((l) => l.studentId === s.id && l.guardian.archivedAt === null)
        .map((l) => ({ ...summary(l.guardian, names), relation: l.relation })),
    }));
    const teacher = c.teacherId ? dal.personById(this.db, c.teacherId) : undefined;
    return {
      id: c.id,
      name: className(c.grade, c.letter),
      teacher: teacher ? summary(teacher, names) : null,
      students,
    };
  }

  /** A person card; opening it is audited (who looked at whom). */
  card(actor: Actor, id: number): PersonCard {
    const p = dal.personById(this.db, id);
    if (!p) throw new AppError('roster.person_not_found');
    const names = this.classNames();
    const card: PersonCard = {
      ...summary(p, names),
      surname: p.surname,
      name: p.name,
      patronymic: p.patronymic,
      sex: p.sex,
      externalId: p.externalId,
      archivedAt: p.archivedAt,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      guardians: [],
      children: [],
      siblings: [],
      classTeacherOf: [],
    };
    if (p.kind === 'student') {
      card.guardians = dal.guardiansOf(this.db, id).map((g) => ({ ...summary(g, names), relation: g.relation }));
      const siblings = new Map<number, PersonSummary>();
      for (const g of card.guardians) {
        for (const c of dal.childrenOf(this.db, g.id)) if (c.id !== id) siblings.set(c.id, summary(c, names));
      }
      card.siblings = [...siblings.values()];
    } else if (p.kind === 'guardian') {
      card.children = dal.childrenOf(this.db, id).map((c) => ({ ...summary(c, names), relation: c.relation }));
    } else {
      card.classTeacherOf = dal
        .allClasses(this.db)
        .filter((c) => c.teacherId === id)
        .map((c) => className(c.grade, c.letter));
    }
    // Every look-up is audited; the card reloading after what was just done to this person is not
    // a new one. Kept in the database, so it holds across restarts and for every transport.
    if (!this.audit.lastConcerns(actor, id, VIEW_AUDIT_WINDOW_MS)) {
      this.audit.append(actor, { action: 'person.view', person: this.personRef(id)! });
    }
    return card;
  }

  find(query: string, options: SearchOptions = {}): SearchResult {
    return this.search.search(query, options);
  }
}

/** How many people of the archive the file listed, returned or left there (only when there are any). */
/** The counts an import's row and audit line keep. */
function importCounts(r: ImportReport) {
  return {
    classes: r.classes,
    students: r.students,
    guardians: r.guardians,
    links: r.links,
    staff: r.staff,
    duplicateRows: r.duplicateRows,
    errors: r.errors.length,
    warnings: r.warnings.length,
    conflicts: r.conflicts.length,
    missing: r.missing.length,
    ...archivedCounts(r),
  };
}

function archivedCounts(r: ImportReport): { restored?: number; keptArchived?: number } {
  const restored = r.archived.filter((a) => a.restored).length;
  const kept = r.archived.length - restored;
  return { ...(restored ? { restored } : {}), ...(kept ? { keptArchived: kept } : {}) };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
