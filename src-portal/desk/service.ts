// Desk requests from the school's office (#9), applied on the portal in the order pushed, each once,
// with the outcome written to the change log for the office; and the reset slip's page behind it:
// the token from the slip's QR (or its short code typed) lets its holder set a new password once.
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import type { PortalSecrets } from '../secrets.ts';
import type { Outbox } from '../mail/outbox.ts';
import type { Accounts } from '../accounts/service.ts';
import type { AccountRow } from '../accounts/sessions.ts';
import { FormRefusal } from '../accounts/service.ts';
import { Tokens } from '../accounts/tokens.ts';
import { logAccount } from '../accounts/changes.ts';
import { queueConfirmation, schoolMailContext, type MailContext } from '../accounts/mail.ts';
import { accountPeople } from '../accounts/people.ts';
import { failAll, longestWait, seconds } from '../accounts/limits.ts';
import { checkNewPassword } from '../registration/validate.ts';
import { codeKeyOf } from '../roster/queries.ts';
import { appendChange, appendChanges } from '../changes/log.ts';
import { tokenDigest } from '../../src-node/tokens.ts';
import { resetCodeDigest } from '../../src-node/code-hash.ts';
import { AppError } from '../../src-shared/result.ts';
import { normalizeEmail, normalizePhone } from '../../src-shared/roster/normalize.ts';
import { readResetCode } from '../../src-shared/tokens/reset-code.ts';
import { isValidCode } from '../../src-shared/codes/code.ts';
import { DeskChange, DeskEndedChange, type DeskEntry, type DeskRefusal } from '../../src-shared/sync/protocol.ts';
import { t } from '../../src-shared/i18n/index.ts';
import type { z } from '../../src-shared/z.ts';
import type { Selectable } from 'kysely';
import type { DeskRequestsTable } from './tables.ts';
import type { Throttle } from '../limits/throttle.ts';

type Entry = z.infer<typeof DeskEntry>;
type Outcome = { outcome: 'done' | 'refused'; refusal: DeskRefusal | null; expiresAt: Date | null };

/** A slip works 24 hours from reaching the portal (and never past the office's `notAfter`). */
export const SLIP_HOURS_FROM_ARRIVAL = 24;

/** A slip as its page knows it: either the token from the QR or the short code typed. */
export type SlipKey = { token: string } | { code: string };

export class PortalDesk {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly secrets: PortalSecrets;
  private readonly outbox: Outbox;
  private readonly accounts: Accounts;

  constructor(deps: { db: Db; clock: Clock; secrets: PortalSecrets; outbox: Outbox; accounts: Accounts }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.secrets = deps.secrets;
    this.outbox = deps.outbox;
    this.accounts = deps.accounts;
    this.accounts.onNewPassword((trx, account, at) => this.endSlips(trx, account, at));
  }

  /**
   * A new password set another way ends the account's slips that worked until now (the slip page
   * refuses a slip older than the password): the office is told, so its desk stops saying «действует
   * до …». A slip's own use marks it used before it sets the password, so it is not among these.
   */
  private async endSlips(trx: Db, account: AccountRow, at: Date): Promise<void> {
    const ended = await trx
      .selectFrom('desk_requests')
      .select('uid')
      .where('school_id', '=', account.school_id)
      .where('account_id', '=', account.id)
      .where('action', '=', 'reset')
      .where('outcome', '=', 'done')
      .where('used_at', 'is', null)
      // In force until now: not older than the password (the slip page's own rule, `slip()`).
      .where('received_at', '>=', account.password_changed_at)
      .where('expires_at', '>', at)
      .execute();
    const changes = ended.map(({ uid }) =>
      DeskEndedChange.parse({ type: 'desk_ended', uid, why: 'password_changed', at: at.toISOString() }),
    );
    await appendChanges(
      trx,
      this.clock,
      account.school_id,
      changes.map((payload) => ({ type: payload.type, payload })),
    );
  }

  /** Applies a push's desk requests in order, inside the push's transaction; one seen before is skipped. */
  async apply(trx: Db, schoolId: number, entries: readonly Entry[]): Promise<void> {
    for (const e of entries) {
      const seen = await trx
        .selectFrom('desk_requests')
        .select('uid')
        .where('school_id', '=', schoolId)
        .where('uid', '=', e.uid)
        .executeTakeFirst();
      if (seen) continue;
      const result = await this.applyOne(trx, schoolId, e);
      const now = this.clock.now();
      await trx
        .insertInto('desk_requests')
        .values({
          school_id: schoolId,
          uid: e.uid,
          action: e.action,
          account_id: result.accountId,
          token_hash: result.outcome === 'done' ? e.tokenHash : null,
          code_hash: result.outcome === 'done' ? e.codeHash : null,
          received_at: now,
          expires_at: result.expiresAt,
          outcome: result.outcome,
          refusal: result.refusal,
          used_at: null,
        })
        .execute();
      const change = DeskChange.parse({
        type: 'desk',
        uid: e.uid,
        outcome: result.outcome,
        refusal: result.refusal,
        expiresAt: result.expiresAt?.toISOString() ?? null,
        at: now.toISOString(),
      });
      await appendChange(trx, this.clock, schoolId, change.type, change);
    }
  }

  private async applyOne(trx: Db, schoolId: number, e: Entry): Promise<Outcome & { accountId: string | null }> {
    const account = await trx.selectFrom('accounts').selectAll().where('id', '=', e.accountUid).forUpdate().executeTakeFirst();
    const refuse = (refusal: DeskRefusal, accountId: string | null = null) => ({
      outcome: 'refused' as const,
      refusal,
      expiresAt: null,
      accountId,
    });
    if (!account || account.school_id !== schoolId) return refuse('no_account');
    if (account.person_uid !== e.personUid) return refuse('other_person', account.id);
    const now = this.clock.now();
    const done = (expiresAt: Date | null = null) => ({ outcome: 'done' as const, refusal: null, expiresAt, accountId: account.id });
    switch (e.action) {
      case 'reset': {
        const notAfter = new Date(e.notAfter!);
        if (notAfter <= now) return refuse('expired', account.id);
        if (account.disabled_at) return refuse('locked', account.id);
        // A newer slip replaces any earlier one not yet used.
        await trx
          .updateTable('desk_requests')
          .set({ expires_at: now })
          .where('account_id', '=', account.id)
          .where('action', '=', 'reset')
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .execute();
        const byArrival = new Date(now.getTime() + SLIP_HOURS_FROM_ARRIVAL * 3_600_000);
        return done(byArrival < notAfter ? byArrival : notAfter);
      }
      case 'contacts': {
        const email = e.email === null ? null : normalizeEmail(e.email);
        const phone = e.phone === null ? null : normalizePhone(e.phone);
        if ((e.email !== null && !email) || (e.phone !== null && !phone)) return refuse('bad_contact', account.id);
        if (email) {
          await trx.updateTable('accounts').set({ email, email_confirmed_at: null }).where('id', '=', account.id).execute();
          const mail = await schoolMailContext(trx, schoolId);
          const tokens = new Tokens(trx, this.clock);
          await queueConfirmation(
            trx,
            { tokens, outbox: this.outbox },
            { ...mail, accountId: account.id, login: account.login, email, changed: true },
          );
        }
        if (phone) await trx.updateTable('accounts').set({ phone, phone_confirmed_at: null }).where('id', '=', account.id).execute();
        await logAccount(trx, this.clock, account.id);
        return done();
      }
      case 'lock':
        await trx.updateTable('accounts').set({ disabled_at: now }).where('id', '=', account.id).execute();
        await this.accounts.sessions.endAll(trx, account.id, 'disabled');
        await logAccount(trx, this.clock, account.id);
        return done();
      case 'unlock':
        await trx.updateTable('accounts').set({ disabled_at: null }).where('id', '=', account.id).execute();
        await logAccount(trx, this.clock, account.id);
        return done();
      case 'sign_out_all':
        await this.accounts.sessions.endAll(trx, account.id, 'sign_out_all');
        return done();
    }
  }

  /** Sends what the push queued (call after it committed). */
  committed(): void {
    this.outbox.kick();
  }

  private throttlePairs(schoolId: number, network: string, clean: string | null): [Throttle, string[]][] {
    const keys = this.accounts.limits.codeKeys(schoolId, network, clean ? `reset:${clean}` : null);
    return [
      [this.accounts.limits.codeNetwork, keys.network],
      [this.accounts.limits.codeItself, keys.code],
    ];
  }

  /** The slip's request row if it is usable now; throws `reset.invalid`/`reset.expired` (typed codes are throttled). */
  async slip(schoolId: number, key: SlipKey, network: string, db: Db = this.db, lock = false): Promise<Selectable<DeskRequestsTable>> {
    let hash: { column: 'token_hash' | 'code_hash'; value: string };
    let pairs: [Throttle, string[]][] = [];
    /** Ten symbols typed (a slip printed before the check symbol — or the printed eleven less one). */
    let ten: string | null = null;
    if ('token' in key) {
      hash = { column: 'token_hash', value: tokenDigest(key.token) };
    } else {
      const read = readResetCode(key.code);
      // A typo the check symbol catches, or a code too short or too long: said as such, no look-up.
      if (!read.ok) {
        if (read.problem === 'typo') throw new AppError('reset.typo', { field: 'code' });
        throw new AppError('reset.length', { typed: read.typed }, { field: 'code' });
      }
      if (read.legacy) ten = read.secret;
      // Inside the committing transaction the code was checked a moment ago: the throttle (another
      // connection) is not asked again there.
      if (!lock) pairs = this.throttlePairs(schoolId, network, read.secret);
      const wait = await longestWait(this.db, this.clock, pairs);
      if (wait > 0) throw new AppError('reset.throttled', { seconds: seconds(wait) }, { retryAfterMs: wait, field: 'code' });
      hash = { column: 'code_hash', value: resetCodeDigest(codeKeyOf(this.secrets, schoolId), read.secret) };
    }
    let q = db
      .selectFrom('desk_requests')
      .selectAll()
      .where('school_id', '=', schoolId)
      .where('action', '=', 'reset')
      .where('outcome', '=', 'done')
      .where(hash.column, '=', hash.value);
    if (lock) q = q.forUpdate();
    const row = await q.executeTakeFirst();
    const field = 'code' in key ? { field: 'code' } : {};
    if (!row || row.used_at || !row.account_id) {
      if (pairs.length) await failAll(this.db, pairs);
      // Ten symbols that open no slip: an invitation code typed here, or the slip's eleven less one.
      if (!row && ten)
        throw isValidCode(ten) ? new AppError('reset.invitation_code', field) : new AppError('reset.length', { typed: 10 }, field);
      throw new AppError('reset.invalid', field);
    }
    if (!row.expires_at || row.expires_at <= this.clock.now()) {
      // A newer slip ended this one (apply: «A newer slip replaces any earlier one»): say so, or the
      // parent holding the older slip reads «expired» a minute after it was printed.
      const newer = await db
        .selectFrom('desk_requests')
        .select('uid')
        .where('school_id', '=', schoolId)
        .where('account_id', '=', row.account_id)
        .where('action', '=', 'reset')
        .where('outcome', '=', 'done')
        .where('uid', '!=', row.uid)
        .where('received_at', '>=', row.expires_at ?? row.received_at)
        .executeTakeFirst();
      throw new AppError(newer ? 'reset.replaced' : 'reset.expired', field);
    }
    // The slip says it stops working once the password is changed: also when the person changed it
    // themselves (an emailed link, the account page) after the slip reached the portal.
    const account = await db.selectFrom('accounts').select('password_changed_at').where('id', '=', row.account_id).executeTakeFirst();
    if (account && account.password_changed_at > row.received_at) throw new AppError('reset.password_changed', field);
    return row;
  }

  /** The login a slip is for (shown on the page). */
  async loginOf(row: Selectable<DeskRequestsTable>): Promise<string> {
    const a = await this.db
      .selectFrom('accounts')
      .select(['login', 'disabled_at'])
      .where('id', '=', row.account_id!)
      .executeTakeFirstOrThrow();
    // Said before a new password is typed: it was refused only after, and the password was lost.
    if (a.disabled_at) throw new AppError('reset.locked');
    return a.login;
  }

  /**
   * The new password: the slip is used up, the old password stops, every session ends, the
   * confirmed email is told, and the office learns the slip was used.
   */
  async setPassword(schoolId: number, key: SlipKey, f: { password: string; password2: string }, network: string, mail: MailContext) {
    const first = await this.slip(schoolId, key, network);
    const account = await this.db.selectFrom('accounts').selectAll().where('id', '=', first.account_id!).executeTakeFirstOrThrow();
    if (account.disabled_at) throw new AppError('reset.locked');
    const people = await accountPeople(this.db, account);
    const errors = checkNewPassword(f.password, f.password2, { login: account.login, ...people });
    if (Object.keys(errors).length) throw new FormRefusal(errors);
    const hash = await this.accounts.hash(f.password);
    await this.db.transaction().execute(async (trx) => {
      const row = await this.slip(schoolId, key, network, trx, true);
      const now = this.clock.now();
      await trx.updateTable('desk_requests').set({ used_at: now }).where('school_id', '=', schoolId).where('uid', '=', row.uid).execute();
      await this.accounts.storeNewPassword(trx, account, hash);
      if (account.email && account.email_confirmed_at) {
        const m = t.deskAccounts.portal;
        await this.outbox.enqueue(trx, {
          schoolId,
          kind: 'desk_reset_used',
          to: account.email,
          subject: m.mailSubject(mail.schoolName),
          text: m.mailText({ school: mail.schoolName, login: account.login }),
        });
      }
      const change = DeskChange.parse({
        type: 'desk',
        uid: row.uid,
        outcome: 'used',
        refusal: null,
        expiresAt: null,
        at: now.toISOString(),
      });
      await appendChange(trx, this.clock, schoolId, change.type, change);
    });
    this.outbox.kick();
    return { login: account.login };
  }
}
