// Redeeming codes, atomically: the codes are locked (SELECT … FOR UPDATE; one code of a new account:
// the UPDATE that marks it used, only if unused) and checked again inside the transaction that makes
// the account, links the children, marks the codes used, queues the confirmation mail and writes what
// the office must learn to the change log. Two people racing one code: the second waits for the lock,
// then finds the code used.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import { AppError } from '../../src-shared/result.ts';
import type { PersonName } from '../../src-shared/roster/normalize.ts';
import type { CodeRow } from '../roster/queries.ts';
import { codeRefusal, today, withField, type CodeFacts } from './codes.ts';
import { codeFacts, markCodeUsed } from '../roster/queries.ts';
import { accountChange, accountChangeOf, guardianChange, redemptionChange } from '../accounts/changes.ts';
import { appendChanges, type NewChange } from '../changes/log.ts';
import type { AccountKind } from '../accounts/tables.ts';
import type { AccountRow } from '../accounts/sessions.ts';

/** A code to redeem and the form field it came from (for a refusal next to it). */
export interface CodeClaim {
  uid: string;
  field: string;
}

/** Locks the codes (in uid order, so two transactions never wait on each other in a circle) and checks them again. */
export async function lockCodes(trx: Db, clock: Clock, schoolId: number, claims: readonly CodeClaim[]): Promise<CodeFacts[]> {
  const locked = await codeFacts(trx, schoolId, { uids: claims.map((c) => c.uid) }, true);
  const byUid = new Map(locked.map((f) => [f.code.uid, f]));
  return claims.map((claim) => checked(byUid.get(claim.uid), claim, clock));
}

/** The code's facts if it can be redeemed now, else its refusal on the claim's field. */
function checked(facts: CodeFacts | undefined, claim: CodeClaim, clock: Clock): CodeFacts {
  if (!facts) throw new AppError('register.code_unknown', { field: claim.field });
  const refusal = codeRefusal(facts, today(clock));
  if (refusal) throw withField(refusal, claim.field);
  return facts;
}

/** The constraint a unique violation hit (PostgreSQL and PGlite both say it), or null for any other error. */
export function uniqueViolation(e: unknown): string | null {
  const err = e as { code?: unknown; constraint?: unknown };
  return err && err.code === '23505' && typeof err.constraint === 'string' ? err.constraint : null;
}

export interface ParentAccount {
  id: string;
  schoolId: number;
  login: string;
  personUid: string;
  /** The parent's names, for the office when a code had no parent on file. */
  names: PersonName;
}

/**
 * Links each code's child to a parent account (one insert for all). A code issued while
 * no parent was on file makes this parent the child's guardian (on the portal now, at the office after
 * the next sync). Codes of another adult and children already linked are refused. Returns what the
 * office must hear of the guardians it did not know, and the uids of the children linked now.
 */
export async function linkChildren(
  trx: Db,
  clock: Clock,
  account: ParentAccount,
  codes: readonly (CodeFacts & { field: string })[],
  fresh = false,
): Promise<NewChange[]> {
  const now = clock.now();
  // A new account has no children yet: nothing to look up.
  const rows = fresh ? [] : await trx.selectFrom('account_children').select('student_uid').where('account_id', '=', account.id).execute();
  const linked = new Set(rows.map((r) => r.student_uid));
  const adopted: NewChange[] = [];
  for (const c of codes) {
    if (c.code.kind !== 'parent') throw new AppError('register.code_student', { field: c.field });
    if (c.code.guardian_uid && c.code.guardian_uid !== account.personUid)
      throw new AppError('register.code_other_parent', { field: c.field });
    if (linked.has(c.code.student_uid)) throw new AppError('register.child_linked', { field: c.field });
    linked.add(c.code.student_uid);
    if (!c.code.guardian_uid) adopted.push(await adoptChild(trx, clock, account, c.code.student_uid));
  }
  if (codes.length > 0) {
    await trx
      .insertInto('account_children')
      .values(codes.map((c) => ({ account_id: account.id, student_uid: c.code.student_uid, code_uid: c.code.uid, linked_at: now })))
      .execute();
  }
  return adopted;
}

/**
 * The end of every redemption: the children linked (parents), the codes marked used, then the office
 * hears of any new guardian, the account as it is now, and each code used — in that order, so nothing
 * it reads points at what it has not heard of yet. `created`: the account this transaction made, whose
 * state is in hand (no need to read it back). `markedAt`: the codes were marked used already, then.
 */
export async function redeemFor(
  trx: Db,
  clock: Clock,
  account: ParentAccount,
  kind: AccountKind,
  codes: readonly (CodeFacts & { field: string })[],
  created?: NewAccountRow,
  markedAt?: Date,
) {
  const adopted = kind === 'parent' ? await linkChildren(trx, clock, account, codes, created !== undefined) : [];
  const at = markedAt ?? (await markUsed(trx, clock, account, codes));
  const state = created
    ? accountChangeOf(created, kind === 'parent' ? codes.map((c) => c.code.student_uid).sort() : [])
    : (await accountChange(trx, account.id)).change;
  const used = codes.map(({ code }) => redemptionChange({ codeUid: code.uid, accountUid: account.id, login: account.login, at }));
  await appendChanges(trx, clock, account.schoolId, [...adopted, { type: state.type, payload: state }, ...used]);
}

/** This parent becomes the guardian of a child whose code was issued while no parent was on file. */
async function adoptChild(trx: Db, clock: Clock, account: ParentAccount, studentUid: string): Promise<NewChange> {
  await trx
    .insertInto('roster_links')
    .values({ school_id: account.schoolId, guardian_uid: account.personUid, student_uid: studentUid, relation: 'other', removed_at: null })
    .onConflict((oc) => oc.columns(['school_id', 'guardian_uid', 'student_uid']).doUpdateSet({ removed_at: null }))
    .execute();
  return guardianChange({ personUid: account.personUid, ...account.names, studentUid, at: clock.now() });
}

/** Marks the codes used by the account (one statement); returns when. */
async function markUsed(
  trx: Db,
  clock: Clock,
  account: { id: string; schoolId: number },
  codes: readonly { code: CodeRow }[],
): Promise<Date> {
  const at = clock.now();
  if (codes.length === 0) return at;
  await trx
    .updateTable('invitation_codes')
    .set({ redeemed_at: at, redeemed_by: account.id })
    .where('school_id', '=', account.schoolId)
    .where(
      'uid',
      'in',
      codes.map((c) => c.code.uid),
    )
    .execute();
  return at;
}

export interface NewAccount {
  schoolId: number;
  kind: AccountKind;
  /** The roster person; null for a parent whose code had no parent on file (a person is made from `fullName`). */
  personUid: string | null;
  personNames: PersonName;
  login: string;
  passwordHash: string;
  email: string | null;
  phone: string | null;
}

/** A portal-made guardian: the parent of a code issued while no parent was on file. */
async function newGuardian(trx: Db, clock: Clock, schoolId: number, name: PersonName): Promise<string> {
  const uid = randomUUID();
  await trx
    .insertInto('roster_people')
    .values({
      school_id: schoolId,
      uid,
      kind: 'guardian',
      ...name,
      birth_date: null,
      class_uid: null,
      archived_at: null,
      origin: 'portal',
      updated_at: clock.now(),
    })
    .execute();
  return uid;
}

/** The row a new account gets (what its first change log entry tells the office, too). */
type NewAccountRow = Omit<AccountRow, 'password_changed_at'>;

async function insertAccount(trx: Db, clock: Clock, a: NewAccount & { id: string; personUid: string }): Promise<NewAccountRow> {
  const now = clock.now();
  const row: NewAccountRow = {
    id: a.id,
    school_id: a.schoolId,
    person_uid: a.personUid,
    login: a.login,
    kind: a.kind,
    password_hash: a.passwordHash,
    email: a.email,
    email_confirmed_at: null,
    phone: a.phone,
    phone_confirmed_at: null,
    registered_at: now,
    last_sign_in_at: now,
    disabled_at: null,
  };
  try {
    await trx
      .insertInto('accounts')
      .values({ ...row, password_changed_at: now })
      .execute();
  } catch (e) {
    const constraint = uniqueViolation(e);
    if (constraint === 'accounts_login') throw new AppError('register.login_taken', { field: 'login' });
    if (constraint === 'accounts_person') {
      throw new AppError(a.kind === 'parent' ? 'register.parent_has_account' : 'register.has_account', { field: 'code' });
    }
    throw e;
  }
  return row;
}

/**
 * Makes the account for the first code's person and redeems every code; returns the account id. One
 * code (the usual case) is checked and marked used in one statement; several are locked in uid order
 * first (and so is one that statement did not mark: it is unknown or used, and the look-up says which).
 */
export async function createAccount(trx: Db, clock: Clock, a: NewAccount, claims: readonly CodeClaim[]): Promise<string> {
  const id = randomUUID();
  const at = clock.now();
  const marked = claims.length === 1 ? await markCodeUsed(trx, a.schoolId, claims[0]!.uid, at, id) : undefined;
  const facts = marked ? [checked(marked, claims[0]!, clock)] : await lockCodes(trx, clock, a.schoolId, claims);
  const personUid = a.personUid ?? (await newGuardian(trx, clock, a.schoolId, a.personNames));
  const row = await insertAccount(trx, clock, { ...a, id, personUid });
  const account = { id, schoolId: a.schoolId, login: a.login, personUid, names: a.personNames };
  await redeemFor(
    trx,
    clock,
    account,
    a.kind,
    facts.map((f, i) => ({ ...f, field: claims[i]!.field })),
    row,
    marked ? at : undefined,
  );
  return id;
}
