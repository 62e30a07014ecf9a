// Invitation codes at the desk: issue (for a class, a selection or the whole school), reissue,
// revoke, list, and prepare printouts. Every change is audited; a code itself never goes into the
// audit log (only its number and last symbols).
import type { Db } from '../db/database.ts';
import { tx } from '../db/database.ts';
import { isoNow, localDate, type Clock } from '../clock.ts';
import * as dal from '../dal/codes.ts';
import * as rosterDal from '../dal/roster.ts';
import type { Actor, AuditLog } from '../services/audit.ts';
import type { Settings } from '../services/settings.ts';
import type { Roster } from '../roster/service.ts';
import { generateCode } from './generate.ts';
import { checkCodeInput, codeReadings, formatCode } from '../../../src-shared/codes/index.ts';
import { AppError } from '../../../src-shared/result.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { className, fullName } from '../../../src-shared/roster/keys.ts';
import type { Audience, CodeScope, CodeState, CodeView, FamilyGap, IssueReport } from '../../../src-shared/codes/views.ts';
import type { Family, Slip } from '../print/index.ts';

/** How often issuing reports: every this many students (a power of two). */
const ISSUE_PROGRESS_EVERY = 256;

/** Default validity: the end of the school year (31 August) — of the coming one from June on. */
export function defaultValidUntil(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return `${m >= 6 ? y + 1 : y}-08-31`;
}

export function effectiveState(c: { state: dal.StoredState; validUntil: string }, today: string): CodeState {
  if ((c.state === 'active' || c.state === 'printed') && c.validUntil < today) return 'expired';
  return c.state;
}

const tail = (code: string) => code.slice(-3);

const NONE: ReadonlySet<number> = new Set();

const scopeFilter = (scope: CodeScope): { classId?: number; studentIds?: number[]; guardianId?: number } =>
  'classId' in scope
    ? { classId: scope.classId }
    : 'studentIds' in scope
      ? { studentIds: scope.studentIds }
      : 'guardianId' in scope
        ? { guardianId: scope.guardianId }
        : {};

export class Codes {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditLog;
  private readonly settings: Settings;
  private readonly roster: Roster;

  /** Of these codes, those whose latest change the portal does not know yet (set by the core once sync exists). */
  private pendingOnPortal: (ids: readonly number[]) => ReadonlySet<number> = () => NONE;

  constructor(deps: { db: Db; clock: Clock; audit: AuditLog; settings: Settings; roster: Roster }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.audit = deps.audit;
    this.settings = deps.settings;
    this.roster = deps.roster;
  }

  /** Where views learn which codes the portal has not been told about (sync's outbox). */
  seePortal(pending: (ids: readonly number[]) => ReadonlySet<number>): void {
    this.pendingOnPortal = pending;
  }

  today(): string {
    return localDate(this.clock.now());
  }

  validUntil(): string {
    const today = this.today();
    const set = this.settings.get().codesValidUntil;
    if (set && set < today) throw new AppError('code.validity_passed', { date: set });
    return set ?? defaultValidUntil(today);
  }

  /** Resolves `--class 6А` and the like to a scope, or explains what is wrong. */
  classIdByName(name: string): number {
    const found = rosterDal.allClasses(this.db).find((c) => className(c.grade, c.letter) === name);
    if (!found) throw new AppError('roster.class_not_found', { name });
    return found.id;
  }

  private scopeLabel(scope: CodeScope): string {
    if ('classId' in scope) {
      const c = rosterDal.classById(this.db, scope.classId);
      if (!c) throw new AppError('roster.class_not_found', { name: null });
      return t.codes.scopeClass(className(c.grade, c.letter));
    }
    if ('studentIds' in scope) return t.codes.scopeSelection(scope.studentIds.length);
    if ('guardianId' in scope) return this.roster.personRef(scope.guardianId)?.label ?? String(scope.guardianId);
    return t.codes.scopeAll;
  }

  private freshCode(): string {
    for (;;) {
      const code = generateCode();
      if (!dal.codeExists(this.db, code)) return code;
    }
  }

  /**
   * Issues codes: a student code per student, a parent code per guardian–child link (one per student
   * with no guardian on file). People who registered with theirs get none. With `onlyMissing`, people
   * who hold a valid code keep it; otherwise their code is replaced (the old one revoked, so a lost
   * slip becomes useless).
   */
  issue(
    actor: Actor,
    scope: CodeScope,
    options: {
      audience: Audience;
      onlyMissing: boolean;
      /** Only these parent codes (`targetKey`s): the missing codes of family sheets. */
      onlyTargets?: ReadonlySet<string>;
      /** The audit row's scope, when the scope alone does not say it. */
      label?: string;
    },
    /** The bar: students done of all; it may throw to cancel (inside the transaction: nothing is written). */
    progress?: (phase: 'issue', done: number, total: number) => void,
  ): IssueReport {
    const label = options.label ?? this.scopeLabel(scope);
    const validUntil = this.validUntil();
    const today = this.today();
    const report: IssueReport = { students: 0, parents: 0, skipped: 0, registered: 0, revoked: 0, validUntil };
    tx(this.db, () => {
      const at = isoNow(this.clock);
      const students = dal.targetStudents(this.db, scope);
      const ids = 'all' in scope ? 'all' : students.map((s) => s.id);
      const live = dal.liveCodes(this.db, ids);
      // Whoever registered with their code has an account: a new code would be refused by the portal.
      const used = dal.redeemedTargets(this.db, ids);
      const issueOne = (kind: dal.CodeKind, studentId: number, guardianId: number | null) => {
        const key = dal.targetKey(kind, studentId, guardianId);
        if (options.onlyTargets && !options.onlyTargets.has(key)) return;
        if (used.has(key)) {
          report.skipped++;
          report.registered++;
          return;
        }
        const existing = live.get(key);
        const expired = existing ? effectiveState(existing, today) === 'expired' : false;
        if (existing && options.onlyMissing && !expired) {
          report.skipped++;
          return;
        }
        if (existing) {
          dal.revokeCode(this.db, existing.id, at, expired ? t.codes.reasons.expired : t.codes.reasons.bulkReissue);
          report.revoked++;
        }
        const id = dal.insertCode(this.db, {
          code: this.freshCode(),
          kind,
          studentId,
          guardianId,
          validUntil,
          at,
          issuedBy: actor.operatorId,
        });
        if (existing) dal.setReplacedBy(this.db, existing.id, id);
        if (kind === 'student') report.students++;
        else report.parents++;
      };
      progress?.('issue', 0, students.length);
      for (const [i, s] of students.entries()) {
        if (progress && i > 0 && (i & (ISSUE_PROGRESS_EVERY - 1)) === 0) progress('issue', i, students.length);
        if (options.audience !== 'parents') issueOne('student', s.id, null);
        if (options.audience === 'students') continue;
        if (s.guardians.length === 0) issueOne('parent', s.id, null);
        else {
          for (const g of s.guardians) issueOne('parent', s.id, g);
          // A parent code made before any parent was on file is replaced by the parents' own codes.
          const orphan = live.get(dal.targetKey('parent', s.id, null));
          if (orphan && !options.onlyTargets) {
            dal.revokeCode(this.db, orphan.id, at, t.codes.reasons.parentsKnown);
            report.revoked++;
          }
        }
      }
      progress?.('issue', students.length, students.length);
      this.audit.append(actor, {
        action: 'codes.issue',
        details: { scope: label, audience: options.audience, onlyMissing: options.onlyMissing, ...report },
      });
    });
    return report;
  }

  private personOf(c: dal.CodeRecord) {
    return this.roster.personRef(c.guardianId ?? c.studentId)!;
  }

  /** A new code for the same person; the old one is revoked with the reason, so a lost slip is useless. */
  reissue(actor: Actor, codeId: number, reason: string): CodeView {
    const validUntil = this.validUntil();
    const id = tx(this.db, () => {
      const old = dal.codeById(this.db, codeId);
      if (!old) throw new AppError('code.not_found');
      return this.reissueOne(actor, old, reason, validUntil, isoNow(this.clock));
    });
    return this.views([this.rowOf(id)])[0]!;
  }

  /**
   * Every code a parent holds for their children, reissued in one step (a parent who lost the
   * family sheet): one transaction, one audit row per code. Codes already used are left alone.
   */
  reissueForGuardian(actor: Actor, guardianId: number, reason: string): CodeView[] {
    const validUntil = this.validUntil();
    const ids = tx(this.db, () => {
      const guardian = rosterDal.personById(this.db, guardianId);
      if (!guardian || guardian.kind !== 'guardian') throw new AppError('roster.person_not_found');
      if (guardian.archivedAt) throw new AppError('code.person_archived');
      const at = isoNow(this.clock);
      const mine = dal.liveCodesOfPerson(this.db, guardianId).filter((c) => c.kind === 'parent' && c.guardianId === guardianId);
      if (mine.length === 0) throw new AppError('code.none_to_reissue');
      return mine.map((old) => this.reissueOne(actor, old, reason, validUntil, at));
    });
    return this.views(ids.map((id) => this.rowOf(id)));
  }

  /** Inside a transaction: the old code revoked (when still live), a new one issued for the same target, audited. */
  private reissueOne(actor: Actor, old: dal.CodeRecord, reason: string, validUntil: string, at: string): number {
    // The account exists: a new code would let a second one be registered.
    if (old.state === 'redeemed') throw new AppError('code.redeemed');
    const live = dal.liveCodes(this.db, [old.studentId]).get(dal.targetKey(old.kind, old.studentId, old.guardianId));
    if (live && live.id !== old.id) throw new AppError('code.already_live');
    const student = rosterDal.personById(this.db, old.studentId);
    const guardian = old.guardianId !== null ? rosterDal.personById(this.db, old.guardianId) : undefined;
    if (!student || student.archivedAt || guardian?.archivedAt) throw new AppError('code.person_archived');
    if (live) dal.revokeCode(this.db, live.id, at, reason);
    const newId = dal.insertCode(this.db, {
      code: this.freshCode(),
      kind: old.kind,
      studentId: old.studentId,
      guardianId: old.guardianId,
      validUntil,
      at,
      issuedBy: actor.operatorId,
    });
    if (live) dal.setReplacedBy(this.db, live.id, newId);
    const fresh = dal.codeById(this.db, newId)!;
    this.audit.append(actor, {
      action: 'codes.reissue',
      person: this.personOf(old),
      details: { kind: old.kind, oldCodeId: old.id, oldCodeEnd: tail(old.code), newCodeId: newId, newCodeEnd: tail(fresh.code), reason },
    });
    return newId;
  }

  revoke(actor: Actor, codeId: number, reason: string): CodeView {
    tx(this.db, () => {
      const c = dal.codeById(this.db, codeId);
      if (!c) throw new AppError('code.not_found');
      if (c.state !== 'active' && c.state !== 'printed') throw new AppError('code.not_live');
      dal.revokeCode(this.db, c.id, isoNow(this.clock), reason);
      this.audit.append(actor, {
        action: 'codes.revoke',
        person: this.personOf(c),
        details: { kind: c.kind, codeId: c.id, codeEnd: tail(c.code), reason },
      });
    });
    return this.views([this.rowOf(codeId)])[0]!;
  }

  /** Revokes a leaving person's live codes (called when they are archived). */
  revokeForArchived(personId: number, at: string): number {
    const live = dal.liveCodesOfPerson(this.db, personId);
    for (const c of live) dal.revokeCode(this.db, c.id, at, t.codes.reasons.archived);
    return live.length;
  }

  private rowOf(id: number): dal.CodeRow {
    const row = dal.codeRowById(this.db, id);
    if (!row) throw new AppError('code.not_found');
    return row;
  }

  /** Views of codes the desk shows, each saying whether the portal has been told its latest change. */
  private views(rows: readonly dal.CodeRow[]): CodeView[] {
    const pending = this.pendingOnPortal(rows.map((r) => r.id));
    return rows.map((r) => this.view(r, pending));
  }

  /** `pending`: codes the portal has not been told about yet (printing has no use for it). */
  view(r: dal.CodeRow, pending: ReadonlySet<number> = NONE): CodeView {
    const guardian =
      r.guardianSurname !== null
        ? fullName({ surname: r.guardianSurname, name: r.guardianFirstName ?? '', patronymic: r.guardianPatronymic })
        : null;
    return {
      id: r.id,
      code: formatCode(r.code),
      kind: r.kind,
      state: effectiveState(r, this.today()),
      studentId: r.studentId,
      studentName: fullName({ surname: r.studentSurname, name: r.studentName, patronymic: r.studentPatronymic }),
      className: className(r.grade, r.letter),
      classId: r.classId,
      guardianId: r.guardianId,
      guardianName: guardian,
      relation: r.relation,
      personArchived: r.studentArchivedAt !== null || r.guardianArchivedAt !== null,
      validUntil: r.validUntil,
      issuedAt: r.issuedAt,
      printCount: r.printCount,
      printedAt: r.printedAt,
      revokedAt: r.revokedAt,
      revokeReason: r.revokeReason,
      redeemedAt: r.redeemedAt,
      redeemedLogin: r.redeemedLogin,
      mailedAt: r.mailedAt,
      portalPending: pending.has(r.id),
    };
  }

  /**
   * A code someone brings to the desk, typed any way (case, spaces, hyphens, o/0, i/l/1, the Russian
   * layout's look-alikes): whose it is and what state. Audited as a look-up (never the whole code).
   */
  lookup(actor: Actor, text: string): { code?: CodeView; problem?: string } {
    const checked = checkCodeInput(text);
    if (!checked.ok) return { problem: checked.message };
    // Usually one reading; when a code typed with the Russian layout reads two ways, the one on file.
    const row = codeReadings(text)
      .map((code) => dal.codeRowByCode(this.db, code))
      .find((r) => r !== undefined);
    if (!row) return { problem: t.codes.unknownCode };
    const view = this.views([row])[0]!;
    this.audit.append(actor, {
      action: 'codes.lookup',
      person: this.personOf(row),
      details: { codeId: row.id, codeEnd: tail(row.code), state: view.state },
    });
    return { code: view };
  }

  list(filter: { classId?: number; personId?: number; liveOnly?: boolean }): CodeView[] {
    const rows = filter.personId !== undefined ? dal.codesOfPerson(this.db, filter.personId) : dal.codeRows(this.db, filter);
    return this.views(rows);
  }

  /** Valid codes of a scope for printing, and how many people of it have none. */
  printable(scope: CodeScope, audience: Audience): { rows: dal.CodeRow[]; missing: number } {
    const today = this.today();
    const students = dal.targetStudents(this.db, scope);
    // Valid codes and the ones someone registered with (a redeemed code never expires).
    const usable = dal
      .codeRows(this.db, { ...scopeFilter(scope), liveOnly: true, withRedeemed: true })
      .filter((r) => effectiveState(r, today) !== 'expired')
      .filter((r) => audience === 'all' || (audience === 'students') === (r.kind === 'student'));
    const rows = usable.filter((r) => r.state !== 'redeemed');
    // Who should get a slip but has no valid code: a student; each parent (or, with no parent on
    // file, the student's one parent code — which also stands in for parents added later). Someone
    // who registered with their code needs none.
    const have = new Set(usable.map((r) => dal.targetKey(r.kind, r.studentId, r.guardianId)));
    let missing = 0;
    for (const s of students) {
      if (audience !== 'parents' && !have.has(dal.targetKey('student', s.id, null))) missing++;
      if (audience === 'students' || have.has(dal.targetKey('parent', s.id, null))) continue;
      if (s.guardians.length === 0) missing++;
      else missing += s.guardians.filter((g) => !have.has(dal.targetKey('parent', s.id, g))).length;
    }
    return { rows, missing };
  }

  /** The issue date and validity every slip prints, and whether the code replaced another one. */
  private dates(rows: readonly dal.CodeRow[]): (r: dal.CodeRow) => { issuedOn: string; validUntil: string; reissued: boolean } {
    const replacing = dal.replacingCodeIds(
      this.db,
      rows.map((r) => r.studentId),
    );
    return (r) => ({ issuedOn: localDate(new Date(r.issuedAt)), validUntil: r.validUntil, reissued: replacing.has(r.id) });
  }

  slips(rows: readonly dal.CodeRow[]): Slip[] {
    const datesOf = this.dates(rows);
    return rows.map((r) => {
      const v = this.view(r);
      const slip: Slip = { code: r.code, kind: r.kind, className: v.className, studentName: v.studentName, ...datesOf(r) };
      if (r.kind === 'parent' && v.guardianName) {
        slip.guardianLine = `${t.codes.relationCap[r.relation ?? 'other'] ?? ''}: ${v.guardianName}`;
      }
      return slip;
    });
  }

  /**
   * The parent codes for family sheets of a scope: those in the scope, and the valid codes the same
   * parents hold for their other children (a sibling in another class), so that each parent's sheet
   * has all their children — whichever class is being printed.
   */
  familyRows(scope: CodeScope, rows: readonly dal.CodeRow[]): dal.CodeRow[] {
    const out = rows.filter((r) => r.kind === 'parent');
    if ('all' in scope || 'guardianId' in scope) return out;
    const today = this.today();
    const have = new Set(out.map((r) => r.id));
    const guardianIds = [...new Set(out.flatMap((r) => (r.guardianId === null ? [] : [r.guardianId])))];
    for (const r of dal.codeRows(this.db, { guardianIds, liveOnly: true })) {
      if (r.kind !== 'parent' || have.has(r.id) || effectiveState(r, today) === 'expired') continue;
      have.add(r.id);
      out.push(r);
    }
    return out;
  }

  /**
   * The children that family sheets of a scope would leave out: a parent on the sheets holds no valid
   * code for them (a sibling in a class whose codes are not issued yet, a parent added later).
   */
  familyGaps(scope: CodeScope): FamilyGap[] {
    return dal.familyGapRows(this.db, scope, this.today()).map((r) => ({
      guardianId: r.guardianId,
      guardianName: fullName({ surname: r.guardianSurname, name: r.guardianFirstName, patronymic: r.guardianPatronymic }),
      studentId: r.studentId,
      studentName: fullName({ surname: r.studentSurname, name: r.studentName, patronymic: r.studentPatronymic }),
      className: className(r.grade, r.letter),
    }));
  }

  /** Issues exactly the parent codes `familyGaps` names (nobody's valid code is replaced), audited as one issue. */
  issueFamilyGaps(actor: Actor, scope: CodeScope): IssueReport {
    const gaps = this.familyGaps(scope);
    const targets = new Set(gaps.map((g) => dal.targetKey('parent', g.studentId, g.guardianId)));
    const studentIds = [...new Set(gaps.map((g) => g.studentId))];
    const label = t.codes.scopeFamilyGaps(this.scopeLabel(scope));
    if (studentIds.length === 0) return { students: 0, parents: 0, skipped: 0, registered: 0, revoked: 0, validUntil: this.validUntil() };
    return this.issue(actor, { studentIds }, { audience: 'parents', onlyMissing: true, onlyTargets: targets, label });
  }

  /** One sheet per parent with their codes for each of their children (see `familyRows`). */
  families(rows: readonly dal.CodeRow[]): Family[] {
    const datesOf = this.dates(rows);
    const groups = new Map<string, { names: string[]; children: Family['children'][number][]; sortKey: string }>();
    for (const r of rows) {
      if (r.kind !== 'parent') continue;
      const v = this.view(r);
      const key = r.guardianId !== null ? `g${r.guardianId}` : `s${r.studentId}`;
      let g = groups.get(key);
      if (!g) {
        g = { names: v.guardianName ? [v.guardianName] : [], children: [], sortKey: `${v.className}|${v.guardianName ?? v.studentName}` };
        groups.set(key, g);
      }
      g.children.push({ studentName: v.studentName, className: v.className, code: r.code, ...datesOf(r) });
    }
    return [...groups.values()]
      .sort((a, b) => a.sortKey.localeCompare(b.sortKey, 'ru'))
      .map((g) => ({ guardianNames: g.names, children: g.children }));
  }

  /** A printout prepared earlier may only be printed while all its codes are still valid. */
  assertCurrent(codeIds: readonly number[]): void {
    if (dal.countLive(this.db, codeIds) !== codeIds.length) throw new AppError('print.stale');
  }

  /** Journals a printout saved as a PDF: a file of live codes, printed or not (that is `markPrinted`). */
  auditPdf(actor: Actor, codeIds: readonly number[], details: Record<string, unknown>): void {
    this.audit.append(actor, { action: 'codes.pdf', details: { ...details, codes: codeIds.length } });
  }

  /** Marks the codes of a printout printed (count and time) and audits it. */
  markPrinted(actor: Actor, codeIds: readonly number[], details: Record<string, unknown>): void {
    tx(this.db, () => {
      this.assertCurrent(codeIds);
      dal.markPrinted(this.db, codeIds, isoNow(this.clock));
      this.audit.append(actor, { action: 'codes.print', details: { ...details, codes: codeIds.length } });
    });
  }
}
