// Mail about an account, queued in the same transaction as the change it tells about.
import type { Db } from '../db/connect.ts';
import type { Outbox } from '../mail/outbox.ts';
import type { Tokens } from './tokens.ts';
import { t } from '../../src-shared/i18n/index.ts';
// One mask for an address everywhere (the desk reads it aloud, the portal writes it in mail).
import { maskEmail } from '../../src-shared/accounts/verdict.ts';

const m = t.portal.accounts.mail;

/** A confirmation link lives a week. */
export const CONFIRM_TTL_MS = 7 * 24 * 3_600_000;

export interface MailContext {
  schoolId: number;
  schoolName: string;
  /** The school's absolute prefix address (`https://1399.ejgur.ru`), for links. */
  origin: string;
}

/** The school's name and its pages' address, for mail sent where no page gives them (a push, a link opened anywhere). */
export async function schoolMailContext(db: Db, schoolId: number): Promise<MailContext> {
  const s = await db.selectFrom('schools').select(['name', 'address']).where('id', '=', schoolId).executeTakeFirstOrThrow();
  return { schoolId, schoolName: s.name, origin: s.address.replace(/\/[^/]*$/, '') };
}

/** A new confirmation token for `email` and its mail: the school's name, the login, one link. */
export async function queueConfirmation(
  trx: Db,
  deps: { tokens: Tokens; outbox: Outbox },
  c: MailContext & { accountId: string; login: string; email: string; changed: boolean },
): Promise<void> {
  const token = await deps.tokens.issue(trx, { accountId: c.accountId, purpose: 'confirm_email', subject: c.email, ttlMs: CONFIRM_TTL_MS });
  const link = `${c.origin}/confirm?t=${token}`;
  await deps.outbox.enqueue(trx, {
    schoolId: c.schoolId,
    kind: 'confirm_email',
    to: c.email,
    subject: m.confirmSubject(c.schoolName),
    text: m.confirmText({ school: c.schoolName, login: c.login, link, changed: c.changed }),
  });
}

/** Tells the previous address that the account's email was changed (`pending`: once the new one is confirmed). */
export async function queueEmailChanged(
  trx: Db,
  outbox: Outbox,
  c: MailContext & { login: string; to: string; newEmail: string; pending: boolean },
) {
  const p = { school: c.schoolName, login: c.login, masked: maskEmail(c.newEmail) };
  await outbox.enqueue(trx, {
    schoolId: c.schoolId,
    kind: 'email_changed',
    to: c.to,
    subject: m.changedSubject(c.schoolName),
    text: c.pending ? m.changePendingText(p) : m.changedText(p),
  });
}

export async function queuePasswordChanged(trx: Db, outbox: Outbox, c: MailContext & { login: string; to: string }) {
  await outbox.enqueue(trx, {
    schoolId: c.schoolId,
    kind: 'password_changed',
    to: c.to,
    subject: m.passwordSubject(c.schoolName),
    text: m.passwordText({ school: c.schoolName, login: c.login }),
  });
}
