// What the office learns about accounts, written to the change log in the same transaction as the
// change itself. Each payload is parsed with the protocol's own schema first, so the portal never
// logs something the office would refuse to read.
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import { appendChange, type NewChange } from '../changes/log.ts';
import { AccountChange, GuardianChange, RedemptionChange } from '../../src-shared/sync/protocol.ts';
import type { z } from '../../src-shared/z.ts';
import type { AccountRow } from './sessions.ts';

export type AccountChangeBody = z.infer<typeof AccountChange>;

/** The account as the desk sees it, read from the database (inside the caller's transaction). */
export async function accountChange(db: Db, accountId: string): Promise<{ schoolId: number; change: AccountChangeBody }> {
  const a = await db
    .selectFrom('accounts')
    .selectAll()
    .select(
      sql<
        string[]
      >`array(SELECT c.student_uid::text FROM account_children c WHERE c.account_id = accounts.id ORDER BY c.linked_at, c.student_uid)`.as(
        'child_uids',
      ),
    )
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { schoolId: a.school_id, change: accountChangeOf(a, a.child_uids) };
}

/** The account as the desk sees it, from its row (read, or just written) and its children's uids in link order. */
export function accountChangeOf(
  a: Omit<AccountRow, 'password_hash' | 'password_changed_at'>,
  childUids: readonly string[],
): AccountChangeBody {
  return AccountChange.parse({
    type: 'account',
    uid: a.id,
    login: a.login,
    kind: a.kind,
    personUid: a.person_uid,
    childUids,
    email: a.email,
    emailConfirmed: a.email_confirmed_at !== null,
    phone: a.phone,
    phoneConfirmed: a.phone_confirmed_at !== null,
    registeredAt: a.registered_at.toISOString(),
    lastSignInAt: a.last_sign_in_at?.toISOString() ?? null,
    disabled: a.disabled_at !== null,
  });
}

/** Appends the account's current state: call it after any change the desk shows (registration, confirmation, sign-in …). */
export async function logAccount(trx: Db, clock: Clock, accountId: string): Promise<void> {
  const { schoolId, change } = await accountChange(trx, accountId);
  await appendChange(trx, clock, schoolId, change.type, change);
}

export function redemptionChange(r: { codeUid: string; accountUid: string; login: string; at: Date }): NewChange {
  const change = RedemptionChange.parse({ type: 'redemption', ...r, at: r.at.toISOString() });
  return { type: change.type, payload: change };
}

export function guardianChange(g: {
  personUid: string;
  surname: string;
  name: string;
  patronymic: string | null;
  studentUid: string;
  at: Date;
}): NewChange {
  const change = GuardianChange.parse({ type: 'guardian', ...g, at: g.at.toISOString() });
  return { type: change.type, payload: change };
}
