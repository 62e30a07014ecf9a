// Self-service access recovery (#8). The «we sent it if it matched» answers (forgot login, forgot
// password) are the same whether an account matched or not, and cost the same: the message is queued in
// the database in the request's transaction (the worker sends it), an unknown case does the same
// queries and the same sealing, and every such answer takes at least `answerFloorMs`.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import type { PortalSecrets } from '../secrets.ts';
import type { Outbox } from '../mail/outbox.ts';
import { seal, open } from '../mail/crypto.ts';
import { urlToken, tokenDigest } from '../../src-node/tokens.ts';
import { AppError } from '../../src-shared/result.ts';
import { t } from '../../src-shared/i18n/index.ts';
import { normalizeEmail, normalizePhone, parseTypedDate } from '../../src-shared/roster/normalize.ts';
import { hiddenDigits, maskPhone } from '../../src-shared/accounts/verdict.ts';
import { readLogin } from '../../src-shared/auth/login.ts';
import { Throttle } from '../limits/throttle.ts';
import { failAll, longestWait, seconds } from '../accounts/limits.ts';
import { FormRefusal, type Accounts } from '../accounts/service.ts';
import type { AccountRow } from '../accounts/sessions.ts';
import type { MailContext } from '../accounts/mail.ts';
import { accountPeople } from '../accounts/people.ts';
import { logAccount } from '../accounts/changes.ts';
import { checkNewPassword, checkPhone, type FieldErrors } from '../registration/validate.ts';
import { Captchas } from './captcha.ts';
import { SmsCodes } from './sms-codes.ts';
import { messageBudget, recordEvent } from './events.ts';
import type { RecoveryPolicy } from './limits.ts';

const r = t.portal.recover;

/** A reset link lives an hour; the token an SMS code leads to, ten minutes. */
export const RESET_LINK_TTL_MS = 3_600_000;
const SMS_RESET_TTL_MS = 10 * 60_000;
/** The SMS steps carry the login in a sealed field for this long. */
const STEP_TTL_MS = 15 * 60_000;
export interface RecoveryContext extends MailContext {
  /** Whom to ask, for the «password changed» notice (the school's curator contact). */
  help: string;
}

export interface RecoveryDeps {
  db: Db;
  clock: Clock;
  secrets: PortalSecrets;
  outbox: Outbox;
  accounts: Accounts;
  policy: RecoveryPolicy;
  captcha: boolean;
}

export class Recovery {
  readonly captchas: Captchas;
  readonly codes: SmsCodes;
  readonly policy: RecoveryPolicy;
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly outbox: Outbox;
  private readonly accounts: Accounts;
  private readonly key: Buffer;
  private readonly network: Throttle;
  private readonly target: Throttle;
  private readonly account: Throttle;

  constructor(d: RecoveryDeps) {
    this.db = d.db;
    this.clock = d.clock;
    this.outbox = d.outbox;
    this.accounts = d.accounts;
    this.policy = d.policy;
    this.key = d.secrets.derive('recovery');
    this.captchas = new Captchas({ db: d.db, clock: d.clock, key: d.secrets.derive('captcha'), enabled: d.captcha });
    this.codes = new SmsCodes(d.clock, d.secrets.derive('sms-codes'));
    this.network = new Throttle(d.db, d.clock, d.policy.network);
    this.target = new Throttle(d.db, d.clock, d.policy.target);
    this.account = new Throttle(d.db, d.clock, d.policy.account);
  }

  private digest(text: string): string {
    return createHmac('sha256', this.key).update(text, 'utf8').digest('base64url').slice(0, 32);
  }

  /** Throttle keys: never typed text, only keyed digests of it. */
  private requestPairs(network: string, targets: string[]): [Throttle, string[]][] {
    return [
      [this.network, [`rec-net:${network}`]],
      [this.target, targets.map((x) => `rec-target:${this.digest(x)}`)],
    ];
  }

  private async mustNotWait(pairs: [Throttle, string[]][]): Promise<void> {
    const wait = await longestWait(this.db, this.clock, pairs);
    if (wait > 0) throw new AppError('recover.throttled', { seconds: seconds(wait) }, { retryAfterMs: wait });
  }

  /** Waits out the rest of the answer floor (real time: it is about what a client can measure). */
  private async floor(started: number): Promise<void> {
    const rest = started + this.policy.answerFloorMs - performance.now();
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  }

  /**
   * What a matched case does besides its own rows, done for an unknown one: a message sealed (and
   * thrown away), a token made and digested, the change log's tail read.
   */
  private async equalWork(trx: Db, schoolId: number): Promise<void> {
    const token = urlToken(16);
    seal(randomBytes(32), JSON.stringify({ to: 'nobody@kurator.invalid', text: token.repeat(20), digest: tokenDigest(token) }));
    await sql`SELECT coalesce(max(cursor), 0) AS c FROM change_log WHERE school_id = ${schoolId}`.execute(trx);
    await messageBudget(trx, this.clock, randomUUID(), token, this.policy.messagesPerHour);
  }

  // ---- forgot login ----------------------------------------------------------------------------

  /**
   * Sends the login of every account whose confirmed email or phone and birth date (a student's own,
   * or any of a parent's children) match, to that confirmed contact. Says nothing about what matched.
   */
  async forgotLogin(
    schoolId: number,
    f: { email: string; phone: string; birthDate: string },
    network: string,
    ctx: RecoveryContext,
    /** «Forgot both»: a letter also carries a link for a new password (an SMS cannot: the login only). */
    withResetLink = false,
  ) {
    const started = performance.now();
    const errors: FieldErrors = {};
    const email = f.email.trim() ? normalizeEmail(f.email) : null;
    if (f.email.trim() && !email) errors.email = new AppError('recover.email_invalid', { field: 'email' });
    const phone = f.phone.trim() ? normalizePhone(f.phone) : null;
    if (f.phone.trim() && !phone?.startsWith('+79')) errors.phone = new AppError('recover.phone_invalid', { field: 'phone' });
    if (!f.email.trim() && !f.phone.trim()) errors.email = new AppError('recover.contact_required', { field: 'email' });
    const date = parseTypedDate(f.birthDate);
    // A whole date that is no day of the calendar (31.11.2014) is not an incomplete one: say which.
    const noSuchDay = !date.ok && date.reason === 'impossible' && /\d{4}/.test(f.birthDate);
    if (!date.ok)
      errors.birth_date = new AppError(noSuchDay ? 'recover.birth_date_impossible' : 'recover.birth_date', { field: 'birth_date' });
    if (Object.keys(errors).length || !date.ok) throw new FormRefusal(errors);
    const pairs = this.requestPairs(
      network,
      [email, phone].filter((x): x is string => !!x),
    );
    await this.mustNotWait(pairs);

    const matched = await this.matchByContact(schoolId, email, phone && phone.startsWith('+79') ? phone : null, date.value);
    await this.db.transaction().execute(async (trx) => {
      await failAll(trx, pairs);
      if (matched.length === 0) return this.equalWork(trx, schoolId);
      // A family often shares an address or a phone: one message to it with every login, or the
      // address's hourly limit would drop the later accounts' letters.
      const groups = new Map<string, { channel: 'email' | 'sms'; to: string; accounts: AccountRow[] }>();
      for (const a of matched) {
        const byEmail = !!email && a.email === email && a.email_confirmed_at !== null;
        const to = byEmail ? a.email! : a.phone!;
        const channel = byEmail ? 'email' : 'sms';
        const group = groups.get(`${channel}:${to}`) ?? { channel, to, accounts: [] };
        group.accounts.push(a);
        groups.set(`${channel}:${to}`, group);
      }
      for (const { channel, to, accounts } of groups.values()) {
        const withLink = channel === 'email' && withResetLink;
        const allowed: AccountRow[] = [];
        for (const a of accounts) if ((await messageBudget(trx, this.clock, a.id, to, this.policy.messagesPerHour)).ok) allowed.push(a);
        if (allowed.length) await this.enqueueLogins(trx, schoolId, { channel, to, accounts: allowed, withLink }, ctx);
        for (const a of accounts) {
          const outcome = allowed.includes(a) ? 'sent' : 'limited';
          await recordEvent(trx, this.clock, a, { action: 'login_reminder', channel, outcome, network, target: to });
          // The desk sees the link as it sees one asked for alone; it rode in the same letter, so no
          // target: the hourly cap counts the letter once (it counted it twice, and cut «both» to two).
          if (withLink) await recordEvent(trx, this.clock, a, { action: 'reset_link', channel, outcome, network });
        }
      }
    });
    // The floor first: the message then goes out after the answer, not inside the time a client measures.
    await this.floor(started);
    this.outbox.kick();
  }

  /** One message with the logins of `m.accounts` (by letter, with a reset link for each if `withLink`). */
  private async enqueueLogins(
    trx: Db,
    schoolId: number,
    m: { channel: 'email' | 'sms'; to: string; accounts: AccountRow[]; withLink: boolean },
    ctx: RecoveryContext,
  ): Promise<void> {
    const logins = m.accounts.map((a) => a.login);
    if (m.channel === 'sms') {
      await this.outbox.enqueueSms(trx, { schoolId, kind: 'login_reminder', to: m.to, text: r.smsText.login(ctx.schoolName, logins) });
      return;
    }
    if (!m.withLink) {
      const text = r.mail.loginText({ school: ctx.schoolName, logins, origin: ctx.origin, help: ctx.help });
      await this.outbox.enqueue(trx, { schoolId, kind: 'login_reminder', to: m.to, subject: r.mail.loginSubject(ctx.schoolName), text });
      return;
    }
    const links: { login: string; link: string }[] = [];
    for (const a of m.accounts) {
      const token = await this.accounts.tokens.issue(trx, {
        accountId: a.id,
        purpose: 'reset_password',
        subject: a.email!,
        ttlMs: RESET_LINK_TTL_MS,
      });
      links.push({ login: a.login, link: `${ctx.origin}/recover/reset?r=${token}` });
    }
    await this.outbox.enqueue(trx, {
      schoolId,
      kind: 'reset_link',
      to: m.to,
      subject: r.mail.loginAndResetSubject(ctx.schoolName),
      text: r.mail.loginAndResetText({ school: ctx.schoolName, links, origin: ctx.origin, help: ctx.help }),
    });
  }

  /** Accounts with this confirmed email or phone and a person (or child) born on `birthDate`: one query, also when nothing matches. */
  private async matchByContact(schoolId: number, email: string | null, phone: string | null, birthDate: string): Promise<AccountRow[]> {
    const rows = await sql<AccountRow>`
      SELECT a.* FROM accounts a
      WHERE a.school_id = ${schoolId} AND a.disabled_at IS NULL
        AND ((a.email = ${email ?? ''} AND a.email_confirmed_at IS NOT NULL)
          OR (a.phone = ${phone ?? ''} AND a.phone_confirmed_at IS NOT NULL))
        AND (EXISTS (SELECT 1 FROM roster_people p
                     WHERE p.school_id = a.school_id AND p.uid = a.person_uid AND p.birth_date = ${birthDate}::date)
          OR EXISTS (SELECT 1 FROM account_children c
                     JOIN roster_people p ON p.school_id = a.school_id AND p.uid = c.student_uid
                     WHERE c.account_id = a.id AND p.birth_date = ${birthDate}::date))
      ORDER BY a.registered_at`.execute(this.db);
    return rows.rows;
  }

  // ---- forgot password by email ---------------------------------------------------------------

  private async accountByLogin(schoolId: number, typed: string): Promise<AccountRow | undefined> {
    const login = readLogin(typed);
    if (!login) return undefined;
    const a = await this.db.selectFrom('accounts').selectAll().where('login', '=', login).executeTakeFirst();
    return a && a.school_id === schoolId && !a.disabled_at ? a : undefined;
  }

  /** A reset link to the account's confirmed email, if it has one. Says nothing about what matched. */
  async forgotPassword(schoolId: number, typedLogin: string, network: string, ctx: RecoveryContext): Promise<void> {
    const started = performance.now();
    const login = readLogin(typedLogin);
    mustBeLogin(typedLogin);
    const pairs = this.requestPairs(network, [`login:${login || typedLogin.trim().toLowerCase()}`]);
    await this.mustNotWait(pairs);
    const a = await this.accountByLogin(schoolId, typedLogin);
    await this.db.transaction().execute(async (trx) => {
      await failAll(trx, pairs);
      if (!a?.email || !a.email_confirmed_at) return this.equalWork(trx, schoolId);
      const budget = await messageBudget(trx, this.clock, a.id, a.email, this.policy.messagesPerHour);
      if (budget.ok) {
        const token = await this.accounts.tokens.issue(trx, {
          accountId: a.id,
          purpose: 'reset_password',
          subject: a.email,
          ttlMs: RESET_LINK_TTL_MS,
        });
        await this.outbox.enqueue(trx, {
          schoolId,
          kind: 'reset_link',
          to: a.email,
          subject: r.mail.resetSubject(ctx.schoolName),
          text: r.mail.resetText({
            school: ctx.schoolName,
            login: a.login,
            link: `${ctx.origin}/recover/reset?r=${token}`,
            origin: ctx.origin,
            help: ctx.help,
          }),
        });
      }
      await recordEvent(trx, this.clock, a, {
        action: 'reset_link',
        channel: 'email',
        outcome: budget.ok ? 'sent' : 'limited',
        network,
        target: a.email,
      });
    });
    // The floor first: the message then goes out after the answer, not inside the time a client measures.
    await this.floor(started);
    this.outbox.kick();
  }

  // ---- the new password (from the link, or after the SMS code) ---------------------------------

  /** The account a reset token is for (the GET shows the form only; nothing is used up). */
  async resetFor(token: string): Promise<{ login: string }> {
    const row = await resetLink(() => this.accounts.tokens.peek(token, 'reset_password'));
    const a = await this.db.selectFrom('accounts').selectAll().where('id', '=', row.account_id).executeTakeFirstOrThrow();
    if (!stillReaches(a, row.subject)) throw new AppError('recover.link_used');
    return { login: a.login };
  }

  /**
   * Sets the new password and uses the token up; every session ends (the person signs in anew), the
   * other reset links die, and every confirmed contact is told.
   */
  async resetPassword(token: string, f: { password: string; password2: string }, network: string, ctx: RecoveryContext): Promise<void> {
    const peeked = await resetLink(() => this.accounts.tokens.peek(token, 'reset_password'));
    const a = await this.db.selectFrom('accounts').selectAll().where('id', '=', peeked.account_id).executeTakeFirstOrThrow();
    const errors = checkNewPassword(f.password, f.password2, { login: a.login, ...(await accountPeople(this.db, a)) });
    if (Object.keys(errors).length) throw new FormRefusal(errors);
    const hash = await this.accounts.hash(f.password);
    await this.db.transaction().execute(async (trx) => {
      const row = await resetLink(() => this.accounts.tokens.use(trx, token, 'reset_password'));
      const now = this.clock.now();
      const current = await trx.selectFrom('accounts').selectAll().where('id', '=', row.account_id).forUpdate().executeTakeFirstOrThrow();
      if (!stillReaches(current, row.subject)) throw new AppError('recover.link_used');
      await this.accounts.storeNewPassword(trx, current, hash);
      await trx
        .updateTable('tokens')
        .set({ used_at: now })
        .where('account_id', '=', current.id)
        .where('purpose', '=', 'reset_password')
        .where('used_at', 'is', null)
        .execute();
      await this.tellPasswordChanged(trx, current, ctx);
      const channel = row.subject?.startsWith('sms:') ? 'sms' : 'email';
      await recordEvent(trx, this.clock, current, { action: 'password_reset', channel, outcome: 'done', network });
    });
    this.outbox.kick();
  }

  private async tellPasswordChanged(trx: Db, a: AccountRow, ctx: RecoveryContext): Promise<void> {
    if (a.email && a.email_confirmed_at) {
      await this.outbox.enqueue(trx, {
        schoolId: a.school_id,
        kind: 'password_changed',
        to: a.email,
        subject: r.mail.changedSubject(ctx.schoolName),
        text: r.mail.changedText({ school: ctx.schoolName, login: a.login, help: ctx.help }),
      });
    }
    if (a.phone && a.phone_confirmed_at) {
      await this.outbox.enqueueSms(trx, {
        schoolId: a.school_id,
        kind: 'password_changed',
        to: a.phone,
        text: r.smsText.changed(ctx.schoolName, a.login),
      });
    }
  }

  // ---- forgot password by SMS ------------------------------------------------------------------

  /** The login carried between the SMS steps, sealed (nobody can start at step two with another login). */
  private step(login: string): string {
    return seal(this.key, JSON.stringify({ login, until: this.clock.now().getTime() + STEP_TTL_MS }));
  }

  private loginOfStep(step: string): string {
    try {
      const v = JSON.parse(open(this.key, step)) as { login: string; until: number };
      if (v.until > this.clock.now().getTime()) return v.login;
    } catch {
      // A damaged or foreign value reads as an expired step.
    }
    throw new AppError('recover.step_expired');
  }

  /**
   * The account's confirmed phone — or, for an unknown login or one without a confirmed phone, a made-up
   * one that stays the same for that login: the page looks the same, and its digits never match.
   */
  private phoneFor(login: string, a: AccountRow | undefined): { phone: string; real: boolean } {
    if (a?.phone && a.phone_confirmed_at) return { phone: a.phone, real: true };
    const n = BigInt(`0x${createHmac('sha256', this.key).update(`fake-phone:${login}`).digest('hex').slice(0, 15)}`);
    return { phone: `+79${String(n % 1_000_000_000n).padStart(9, '0')}`, real: false };
  }

  /** Step one: the login → the phone with its middle digits hidden, and the sealed step for the next form. */
  async smsStart(schoolId: number, typedLogin: string, network: string): Promise<{ masked: string; step: string }> {
    mustBeLogin(typedLogin);
    const login = readLogin(typedLogin) || typedLogin.trim().toLowerCase();
    const pairs = this.requestPairs(network, [`login:${login}`]);
    await this.mustNotWait(pairs);
    await failAll(this.db, pairs);
    const { phone } = this.phoneFor(login, await this.accountByLogin(schoolId, login));
    return { masked: maskPhone(phone), step: this.step(login) };
  }

  /** What a step shows again (the digits page after a wrong try). */
  async smsMasked(schoolId: number, step: string): Promise<string> {
    const login = this.loginOfStep(step);
    return maskPhone(this.phoneFor(login, await this.accountByLogin(schoolId, login)).phone);
  }

  /** Step two: the hidden digits; when they match, a 6-digit code goes by SMS. */
  async smsDigits(schoolId: number, step: string, digits: string, network: string, schoolName: string): Promise<{ masked: string }> {
    const login = this.loginOfStep(step);
    const pairs: [Throttle, string[]][] = [
      [this.account, [`rec-acct:${this.digest(login)}`]],
      [this.network, [`rec-net:${network}`]],
    ];
    await this.mustNotWait(pairs);
    const a = await this.accountByLogin(schoolId, login);
    const { phone, real } = this.phoneFor(login, a);
    const right = real && digits.replace(/\D/g, '') === hiddenDigits(phone);
    if (!right || !a) {
      await this.db.transaction().execute(async (trx) => {
        await failAll(trx, pairs);
        if (a && real) await recordEvent(trx, this.clock, a, { action: 'sms_digits', channel: 'sms', outcome: 'wrong', network });
      });
      throw new FormRefusal({ digits: new AppError('recover.digits_wrong', { field: 'digits' }) });
    }
    const sent = await this.db.transaction().execute(async (trx) => {
      const budget = await messageBudget(trx, this.clock, a.id, phone, this.policy.messagesPerHour);
      if (budget.ok) {
        const code = await this.codes.issue(trx, { accountId: a.id, purpose: 'reset_password', phone });
        await this.outbox.enqueueSms(trx, { schoolId, kind: 'sms_code', to: phone, text: r.smsText.code(schoolName, code) });
      }
      await recordEvent(trx, this.clock, a, {
        action: 'sms_code',
        channel: 'sms',
        outcome: budget.ok ? 'sent' : 'limited',
        network,
        target: phone,
      });
      return budget;
    });
    if (!sent.ok) throw new AppError('recover.messages_limit', { minutes: Math.ceil(sent.waitMs / 60_000) }, { field: 'digits' });
    this.outbox.kick();
    return { masked: maskPhone(phone) };
  }

  /** Step three: the code from the SMS → a reset token (ten minutes) for the new-password page. */
  async smsCode(schoolId: number, step: string, typed: string, network: string): Promise<string> {
    const login = this.loginOfStep(step);
    const pairs: [Throttle, string[]][] = [[this.account, [`rec-acct:${this.digest(login)}`]]];
    await this.mustNotWait(pairs);
    const a = await this.accountByLogin(schoolId, login);
    if (!a) throw new AppError('recover.code_used_up', { field: 'code' });
    const result = await this.db.transaction().execute(async (trx): Promise<{ token: string } | { error: AppError }> => {
      const used = await this.codes.use(trx, a.id, 'reset_password', typed);
      if ('phone' in used) {
        const token = await this.accounts.tokens.issue(trx, {
          accountId: a.id,
          purpose: 'reset_password',
          subject: `sms:${used.phone}`,
          ttlMs: SMS_RESET_TTL_MS,
        });
        return { token };
      }
      if (used.wrong.reason === 'recover.code_wrong' || used.exhausted) {
        await failAll(trx, pairs);
        await recordEvent(trx, this.clock, a, {
          action: 'sms_code',
          channel: 'sms',
          outcome: used.exhausted ? 'exhausted' : 'wrong',
          network,
        });
      }
      return { error: used.wrong };
    });
    if ('error' in result) throw new FormRefusal({ code: result.error });
    return result.token;
  }

  // ---- phone confirmation on the account page --------------------------------------------------

  /** A 6-digit code to the phone typed (at most `messagesPerHour` an hour per account). */
  async sendPhoneCode(account: AccountRow, typed: string, schoolName: string): Promise<string> {
    if (!typed.trim()) throw new FormRefusal({ phone: new AppError('recover.phone_required', { field: 'phone' }) });
    const checked = checkPhone(typed);
    if (checked.error || !checked.phone) throw new FormRefusal({ phone: checked.error! });
    const phone = checked.phone;
    const recent = await this.codes.sentLastHour(this.db, account.id, 'confirm_phone');
    if (recent.count >= this.policy.messagesPerHour && recent.oldest) {
      const waitMs = recent.oldest.getTime() + 3_600_000 - this.clock.now().getTime();
      throw new FormRefusal({
        phone: new AppError('recover.messages_limit', { minutes: Math.max(1, Math.ceil(waitMs / 60_000)) }, { field: 'phone' }),
      });
    }
    await this.db.transaction().execute(async (trx) => {
      const code = await this.codes.issue(trx, { accountId: account.id, purpose: 'confirm_phone', phone });
      await this.outbox.enqueueSms(trx, {
        schoolId: account.school_id,
        kind: 'confirm_phone',
        to: phone,
        text: r.smsText.confirm(schoolName, code),
      });
    });
    this.outbox.kick();
    return phone;
  }

  /** The code from the SMS: the phone it went to becomes the account's confirmed phone. */
  async confirmPhone(account: AccountRow, typed: string): Promise<string> {
    const result = await this.db.transaction().execute(async (trx): Promise<{ phone: string } | { error: AppError }> => {
      const used = await this.codes.use(trx, account.id, 'confirm_phone', typed);
      if (!('phone' in used)) return { error: used.wrong };
      await trx
        .updateTable('accounts')
        .set({ phone: used.phone, phone_confirmed_at: this.clock.now() })
        .where('id', '=', account.id)
        .execute();
      await logAccount(trx, this.clock, account.id);
      return { phone: used.phone };
    });
    if ('error' in result) throw new FormRefusal({ code: result.error });
    return result.phone;
  }

  /** The phone a confirmation code was last sent to (the code page shows it). */
  async pendingPhone(accountId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('sms_codes')
      .select('phone')
      .where('account_id', '=', accountId)
      .where('purpose', '=', 'confirm_phone')
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row?.phone ?? null;
  }

  /** Maintenance: old pictures and codes. */
  async prune(): Promise<void> {
    await this.captchas.prune();
    await this.codes.prune(this.db);
  }
}

/**
 * A reset token's refusal in the recovery's own words: the shared token store speaks of the email
 * confirmation («войдите и отправьте письмо ещё раз»), wrong advice for someone who forgot the password.
 */
async function resetLink<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof AppError && e.reason === 'account.link_used') throw new AppError('recover.link_used');
    if (e instanceof AppError && e.reason === 'account.link_invalid') throw new AppError('recover.link_unknown');
    if (e instanceof AppError && e.reason === 'account.link_expired') throw new AppError('recover.link_expired');
    throw e;
  }
}

/** The login field of a recovery form: filled, and not an email address (no login has an «@»: that says nothing of accounts). */
function mustBeLogin(typed: string): void {
  if (!typed.trim()) throw new FormRefusal({ login: new AppError('recover.login_required', { field: 'login' }) });
  if (typed.includes('@')) throw new FormRefusal({ login: new AppError('recover.login_is_email', { field: 'login' }) });
}

/** A reset token still reaches its account only while the contact it went to is still confirmed there. */
function stillReaches(a: AccountRow, subject: string | null): boolean {
  if (!subject) return false;
  if (subject.startsWith('sms:')) return a.phone === subject.slice(4) && a.phone_confirmed_at !== null;
  return a.email === subject && a.email_confirmed_at !== null;
}
