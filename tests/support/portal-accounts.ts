// Accounts written straight into the tables (as registration leaves them), with the contacts a test
// needs confirmed or not: recovery tests start from a person who registered long ago.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src-portal/db/connect.ts';
import { hashPassword } from '../../src-node/passwords.ts';
import { TEST_COST } from './core.ts';

export interface AccountSeed {
  schoolId: number;
  personUid: string;
  login: string;
  kind?: 'student' | 'parent';
  password?: string;
  email?: string | null;
  emailConfirmed?: boolean;
  phone?: string | null;
  phoneConfirmed?: boolean;
  /** A parent's children (student uids). */
  children?: string[];
  /** Hash cost (a portal process verifies at the cost stored in the hash). */
  cost?: Parameters<typeof hashPassword>[1];
}

const REGISTERED = new Date('2026-09-01T08:00:00Z');

export async function addAccount(db: Db, a: AccountSeed): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('accounts')
    .values({
      id,
      school_id: a.schoolId,
      person_uid: a.personUid,
      login: a.login,
      kind: a.kind ?? 'parent',
      password_hash: await hashPassword(a.password ?? 'старый пароль у реки', a.cost ?? TEST_COST),
      email: a.email ?? null,
      email_confirmed_at: a.email && a.emailConfirmed !== false ? REGISTERED : null,
      phone: a.phone ?? null,
      phone_confirmed_at: a.phone && a.phoneConfirmed ? REGISTERED : null,
      registered_at: REGISTERED,
      last_sign_in_at: null,
      disabled_at: null,
      password_changed_at: REGISTERED,
    })
    .execute();
  for (const child of a.children ?? []) {
    await db
      .insertInto('account_children')
      .values({ account_id: id, student_uid: child, code_uid: randomUUID(), linked_at: REGISTERED })
      .execute();
  }
  return id;
}
