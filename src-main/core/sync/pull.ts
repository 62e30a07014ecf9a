// What the office does with a page of the portal's changes: accounts into the desk's mirror, codes
// marked used, parents who registered with a code issued while no parent was on file added to the
// roster (audited), recovery events kept for the person's card. A page and the cursor after it are
// stored in one transaction, so a page is applied once however often it is fetched; a change seen
// before (a cursor not past the stored one) is passed over.
import { tx, type Db } from '../db/database.ts';
import { isoNow, type Clock } from '../clock.ts';
import * as rosterDal from '../dal/roster.ts';
import type { Actor, AuditLog, PersonRef } from '../services/audit.ts';
import { AppError } from '../../../src-shared/result.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { fullName, nameKey } from '../../../src-shared/roster/keys.ts';
import { Change, CHANGE_TYPES, type PullPage } from '../../../src-shared/sync/protocol.ts';
import type { z } from '../../../src-shared/z.ts';
import * as store from './store.ts';
import { applyEnded, applyOutcome } from './desk.ts';

/** Who the journal says did what the portal reported. */
const PORTAL: Actor = { operatorId: null, login: null, via: 'app' };

export interface PullDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  personRef(id: number): PersonRef | undefined;
}

/** Applies a page; returns how many changes it applied. */
export function applyPage(deps: PullDeps, page: z.infer<typeof PullPage>): number {
  const changes = page.changes.filter((c) => CHANGE_TYPES.includes(c.type)).map(readChange);
  return tx(deps.db, () => {
    const after = store.readState(deps.db).pullCursor;
    const fresh = changes.filter((c) => c.cursor > after);
    for (const c of fresh) applyChange(deps, c);
    store.setPullCursor(deps.db, page.next);
    return fresh.length;
  });
}

function readChange(raw: unknown): Change {
  const parsed = Change.safeParse(raw);
  if (!parsed.success) throw new AppError('sync.bad_answer');
  return parsed.data;
}

function applyChange(deps: PullDeps, c: Change): void {
  switch (c.type) {
    case 'account':
      return store.upsertAccount(deps.db, c, c.cursor);
    case 'redemption':
      return store.markRedeemed(deps.db, c);
    case 'guardian':
      return learnGuardian(deps, c);
    case 'desk':
      return applyOutcome(deps, c);
    case 'desk_ended':
      return applyEnded(deps, c);
    case 'recovery':
      return store.addRecoveryEvent(deps.db, c, c.cursor);
  }
}

/**
 * The office pairs with another school than the one its pull came from (the school was removed from
 * the portal and added again, under a new id): that school's change log is read from its beginning,
 * and what came down from the one before is forgotten (store.forgetSchoolMirror). Inside a transaction;
 * journaled as the curator's who paired, or as the portal's when a round finds it out.
 */
export function leaveSchool(deps: PullDeps, from: number, to: number, actor: Actor = PORTAL): void {
  const forgotten = store.forgetSchoolMirror(deps.db, isoNow(deps.clock), t.codes.reasons.schoolLeft);
  store.restartPull(deps.db);
  deps.audit.append(actor, {
    action: 'portal.school_changed',
    details: { fromSchool: from, toSchool: to, accountsForgotten: forgotten.accounts, usedCodesRevoked: forgotten.codes },
  });
}

/**
 * `store.startDevice`, after leaving the school this database's pull came from when it is another one
 * (a pairing with the school added again, a database restored from before that pairing). Inside a transaction.
 */
export function becomeDevice(deps: PullDeps, device: Parameters<typeof store.startDevice>[1], actor?: Actor): void {
  const from = store.readState(deps.db).schoolId;
  if (from !== null && from !== device.schoolId) leaveSchool(deps, from, device.schoolId, actor);
  store.startDevice(deps.db, device);
}

/** A parent the portal registered: a new guardian of the child, with the portal's uid for them. */
function learnGuardian(deps: PullDeps, g: Extract<Change, { type: 'guardian' }>): void {
  const { db } = deps;
  if (store.personIdByUid(db, g.personUid) !== undefined) return;
  const at = isoNow(deps.clock);
  const names = { surname: g.surname, name: g.name, patronymic: g.patronymic };
  const id = rosterDal.insertPerson(db, rosterDal.newPerson('guardian', names, nameKey(names)), at, g.personUid);
  const studentId = store.personIdByUid(db, g.studentUid);
  if (studentId !== undefined) rosterDal.insertLink(db, { guardianId: id, studentId, relation: 'other' }, at);
  rosterDal.bumpRosterVersion(db);
  const student = studentId !== undefined ? deps.personRef(studentId)?.label : undefined;
  deps.audit.append(PORTAL, {
    action: 'portal.guardian',
    person: { kind: 'guardian', id, label: fullName(names) },
    details: { ...(student ? { student } : {}), registeredAt: g.at },
  });
}
