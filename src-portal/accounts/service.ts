// Accounts after registration: signing in (throttled per account and per network with growing delays,
// never a lock-out), the password and the email, confirming an address. Every change the desk shows
// goes to the change log in its own transaction.
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import type { PortalSecrets } from '../secrets.ts';
import type { Outbox } from '../mail/outbox.ts';
import { burnVerification, hashPassword, needsRehash, verifyPassword, type Argon2Cost } from '../../src-node/passwords.ts';
import { readLogin } from '../../src-shared/auth/login.ts';
import { AppError } from '../../src-shared/result.ts';
import { AccountLimits, failAll, mustNotWait, seconds } from './limits.ts';
import type { Throttle } from '../limits/throttle.ts';
import { Sessions, type AccountRow } from './sessions.ts';
import { Tokens, type TokenRow } from './tokens.ts';
import { HashQueue } from './hashing.ts';
import { logAccount } from './changes.ts';
import { queueConfirmation, queueEmailChanged, queuePasswordChanged, schoolMailContext, type MailContext } from './mail.ts';
import { checkEmail, checkNewPassword, type FieldErrors } from '../registration/validate.ts';
import { accountPeople } from './people.ts';

export interface AccountDeps {
  db: Db;
  clock: Clock;
  secrets: PortalSecrets;
  outbox: Outbox;
  passwordCost: Argon2Cost | undefined;
}

/** A new address asked for to replace a confirmed one, and whether its link still works. */
export type EmailChange = { email: string; state: 'waiting' | 'expired' };

/** Several refusals of one form at once, each on its field. */
export class FormRefusal extends Error {
  readonly errors: FieldErrors;
  constructor(errors: FieldErrors) {
    super(Object.values(errors)[0]?.reason ?? 'form');
    this.name = 'FormRefusal';
    this.errors = errors;
  }
}

/** Resending a confirmation: one a minute, ten a day. */
const RESEND_GAP_MS = 60_000;
const RESEND_PER_DAY = 10;

export class Accounts {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  readonly passwordCost: Argon2Cost | undefined;
  readonly limits: AccountLimits;
  readonly sessions: Sessions;
  readonly tokens: Tokens;
  readonly hashing = new HashQueue();
  /** Told of each new password inside its transaction (`account` as it was before: its previous change). */
  private readonly newPasswordHooks: ((trx: Db, account: AccountRow, at: Date) => Promise<void>)[] = [];

  constructor(deps: AccountDeps) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.outbox = deps.outbox;
    this.passwordCost = deps.passwordCost;
    this.limits = new AccountLimits(deps.db, deps.clock, deps.secrets);
    this.sessions = new Sessions(deps.db, deps.clock);
    this.tokens = new Tokens(deps.db, deps.clock);
  }

  /** Another feature's part in a new password (the desk ends the account's slips), in its transaction. */
  onNewPassword(hook: (trx: Db, account: AccountRow, at: Date) => Promise<void>): void {
    this.newPasswordHooks.push(hook);
  }

  /** A new password's hash (after those who are signing in). */
  hash(password: string): Promise<string> {
    return this.hashing.run('new-password', () => hashPassword(password, this.passwordCost));
  }

  /** Checks a password someone is signing in with; unknown logins cost the same work. */
  private verify(password: string, stored: string | null): Promise<boolean> {
    return this.hashing.run('sign-in', async () => {
      if (stored) return verifyPassword(password, stored);
      await burnVerification(password, this.passwordCost);
      return false;
    });
  }

  /**
   * Checks a login and password; on success a new session (returns its cookie value). Unknown logins
   * cost the same hashing as known ones. Failures count per login and per network; a correct password
   * clears the login's count, never the network's.
   */
  async signIn(schoolId: number, typedLogin: string, password: string, network: string, userAgent?: string) {
    if (typedLogin.includes('@')) throw new AppError('account.login_is_email', { field: 'login' });
    const login = readLogin(typedLogin);
    const keys = this.limits.signInKeys(network, login);
    const pairs: [Throttle, string[]][] = [
      [this.limits.signInAccount, keys.account],
      [this.limits.signInNetwork, keys.network],
    ];
    await mustNotWait(this.db, this.clock, pairs, 'account.throttled');
    const account = login ? await this.db.selectFrom('accounts').selectAll().where('login', '=', login).executeTakeFirst() : undefined;
    const mine = account && account.school_id === schoolId ? account : undefined;
    const ok = await this.verify(password, mine?.password_hash ?? null);
    if (!ok || !mine) {
      await failAll(this.db, pairs);
      throw new AppError('account.wrong_credentials', { field: 'login' });
    }
    if (mine.disabled_at) throw new AppError('account.disabled');
    const rehash = needsRehash(mine.password_hash, this.passwordCost) ? await this.hash(password) : null;
    const token = await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ last_sign_in_at: this.clock.now(), ...(rehash ? { password_hash: rehash } : {}) })
        .where('id', '=', mine.id)
        .execute();
      await this.limits.signInAccount.clear(trx, keys.account);
      const t = await this.sessions.start(trx, mine.id, network, userAgent);
      await logAccount(trx, this.clock, mine.id);
      return t;
    });
    return { token, account: mine };
  }

  /** The current password, checked under the sign-in throttle of the account's login. */
  async checkCurrentPassword(account: AccountRow, password: string, network: string, field = 'current'): Promise<void> {
    const keys = this.limits.signInKeys(network, account.login);
    const pairs: [Throttle, string[]][] = [[this.limits.signInAccount, keys.account]];
    await mustNotWait(this.db, this.clock, pairs, 'account.throttled', field);
    if (!(await this.verify(password, account.password_hash))) {
      await failAll(this.db, pairs);
      throw new FormRefusal({ [field]: new AppError('account.wrong_password', { field }) });
    }
  }

  /** A new password (the current one required); every other session of the account ends. */
  /**
   * A new password in force (inside the caller's transaction): every other session ends, and the
   * login's count of wrong passwords is forgotten — whoever set it proved the account theirs (a
   * letter, an SMS, a slip from the desk, the current password), and was otherwise still told to wait
   * after the tries that made them reset it. The network's count stays: it guards other logins.
   */
  async storeNewPassword(trx: Db, account: AccountRow, hash: string, keepSession?: string): Promise<void> {
    const now = this.clock.now();
    await trx.updateTable('accounts').set({ password_hash: hash, password_changed_at: now }).where('id', '=', account.id).execute();
    for (const hook of this.newPasswordHooks) await hook(trx, account, now);
    await this.sessions.endAll(trx, account.id, 'password_changed', keepSession);
    await this.limits.signInAccount.clear(trx, this.limits.signInAccountKeys(account.login));
    // No session kept, none trusted (a reset by letter, SMS or slip): a new address asked for in one
    // and still waiting dies with them, or whoever knew the old password would get recovery by it.
    if (!keepSession) await this.tokens.dropUnused(trx, account.id, 'confirm_email', account.email);
  }

  async changePassword(
    account: AccountRow,
    keepSession: string,
    f: { current: string; password: string; password2: string },
    network: string,
    mail: MailContext,
  ): Promise<void> {
    const people = await accountPeople(this.db, account);
    const errors = checkNewPassword(f.password, f.password2, { login: account.login, ...people });
    if (Object.keys(errors).length) throw new FormRefusal(errors);
    await this.checkCurrentPassword(account, f.current, network);
    const hash = await this.hash(f.password);
    await this.db.transaction().execute(async (trx) => {
      await this.storeNewPassword(trx, account, hash, keepSession);
      if (account.email && account.email_confirmed_at) {
        await queuePasswordChanged(trx, this.outbox, { ...mail, login: account.login, to: account.email });
      }
    });
    this.outbox.kick();
  }

  /**
   * A new address (or none, for a student), to be confirmed; the previous address is told. A confirmed
   * address stays in force until the new one is confirmed — letters and recovery still reach the
   * person, also when the new one was mistyped — and the new one waits as the newest confirmation link.
   */
  async changeEmail(account: AccountRow, f: { email: string; password: string; emailSeen: string }, network: string, mail: MailContext) {
    const checked = checkEmail(f.email, account.kind === 'parent', f.emailSeen);
    if (checked.error) throw new FormRefusal({ email: checked.error });
    if (checked.email === account.email) {
      // The address in force typed again while a change waits: the holder wants to keep it.
      if (account.email_confirmed_at && (await this.emailChange(account))) {
        await this.cancelPendingEmail(account);
        return 'kept';
      }
      throw new FormRefusal({ email: new AppError('account.email_same', { field: 'email' }) });
    }
    await this.checkCurrentPassword(account, f.password, network, 'password');
    const changes = [`email-change:${account.id}`];
    const wait = await this.limits.emailChanges.waitMs(changes);
    if (wait > 0)
      throw new FormRefusal({
        email: new AppError('account.email_change_wait', { seconds: seconds(wait) }, { field: 'email', retryAfterMs: wait }),
      });
    const pending = !!(checked.email && account.email && account.email_confirmed_at);
    await this.db.transaction().execute(async (trx) => {
      // Links to an address asked for before lead nowhere now: only the newest may become the address.
      await this.tokens.dropUnused(trx, account.id, 'confirm_email');
      await this.limits.emailChanges.fail(trx, changes);
      if (!pending) {
        await trx.updateTable('accounts').set({ email: checked.email, email_confirmed_at: null }).where('id', '=', account.id).execute();
        await logAccount(trx, this.clock, account.id);
      }
      if (checked.email) {
        await queueConfirmation(trx, this, { ...mail, accountId: account.id, login: account.login, email: checked.email, changed: true });
      }
      if (account.email) {
        const c = { ...mail, login: account.login, to: account.email, newEmail: checked.email ?? '—', pending };
        await queueEmailChanged(trx, this.outbox, c);
      }
    });
    this.outbox.kick();
    return pending ? 'pending' : 'changed';
  }

  /**
   * A change of a confirmed address asked for and not confirmed (null: none): still `waiting` for its
   * link, or `expired` (the link's week is over; shown until maintenance forgets the link a week later,
   * or else the change would vanish without a word).
   */
  async emailChange(account: AccountRow): Promise<EmailChange | null> {
    if (!account.email_confirmed_at) return null;
    const newest = await this.tokens.latest(account.id, 'confirm_email');
    if (!newest || newest.used_at || !newest.subject || newest.subject === account.email) return null;
    return { email: newest.subject, state: newest.expires_at > this.clock.now() ? 'waiting' : 'expired' };
  }

  /** Drops a change of address that waits for confirmation: the confirmed address stays. */
  async cancelPendingEmail(account: AccountRow): Promise<void> {
    if (!account.email_confirmed_at) return;
    await this.tokens.dropUnused(this.db, account.id, 'confirm_email');
  }

  /** Sends the confirmation again (to an address waiting to replace the confirmed one, if any): not sooner than a minute after the last, at most ten a day. */
  async resendConfirmation(account: AccountRow, mail: MailContext): Promise<string> {
    // A change whose link expired gets a new one: the holder asked for that address with their password.
    const email = (await this.emailChange(account))?.email ?? (account.email_confirmed_at ? null : account.email);
    if (!email) throw new AppError('account.no_email');
    const recent = await this.tokens.recent(account.id, 'confirm_email', 24 * 3_600_000);
    const now = this.clock.now().getTime();
    const sinceLast = recent.last ? now - recent.last.getTime() : Infinity;
    if (sinceLast < RESEND_GAP_MS || recent.count >= RESEND_PER_DAY) {
      const wait = sinceLast < RESEND_GAP_MS ? RESEND_GAP_MS - sinceLast : 24 * 3_600_000 - sinceLast;
      throw new AppError('account.resend_wait', { seconds: Math.max(1, Math.ceil(wait / 1000)) }, { retryAfterMs: wait });
    }
    const changed = email !== account.email;
    await this.db
      .transaction()
      .execute((trx) => queueConfirmation(trx, this, { ...mail, accountId: account.id, login: account.login, email, changed }));
    this.outbox.kick();
    return email;
  }

  /**
   * What the confirmation page shows before its button is pressed. `done`: the link was used and its
   * address is the account's, confirmed — the letter opened again later, which is no error.
   */
  async confirmationFor(token: string): Promise<{ email: string; login: string; done: boolean }> {
    const used = await this.tokens.find(token, 'confirm_email');
    const account = used
      ? await this.db.selectFrom('accounts').selectAll().where('id', '=', used.account_id).executeTakeFirst()
      : undefined;
    if (used?.used_at && account?.email && account.email_confirmed_at && account.email === used.subject) {
      return { email: account.email, login: account.login, done: true };
    }
    const row = await this.tokens.peek(token, 'confirm_email');
    if (!account || !(await this.confirms(this.db, row, account))) throw new AppError('account.link_invalid');
    return { email: row.subject!, login: account.login, done: false };
  }

  /**
   * Whether a usable token confirms its address: the account's own, or the newest address asked for
   * (an older link to an address since replaced stays dead, as it did when addresses changed at once).
   */
  private async confirms(db: Db, row: TokenRow, account: AccountRow): Promise<boolean> {
    if (!row.subject) return false;
    if (row.subject === account.email) return true;
    return (await this.tokens.latest(account.id, 'confirm_email', db))?.subject === row.subject;
  }

  /**
   * Confirms the address the token was made for: the account's, or the new one waiting to replace it.
   * A confirmed address so replaced is told (it was told the change waited; now it took effect).
   */
  async confirmEmail(token: string): Promise<{ email: string; accountId: string }> {
    const done = await this.db.transaction().execute(async (trx) => {
      const row = await this.tokens.use(trx, token, 'confirm_email');
      const account = await trx.selectFrom('accounts').selectAll().where('id', '=', row.account_id).forUpdate().executeTakeFirstOrThrow();
      if (!(await this.confirms(trx, row, account))) throw new AppError('account.link_invalid');
      const email = row.subject!;
      await trx.updateTable('accounts').set({ email, email_confirmed_at: this.clock.now() }).where('id', '=', account.id).execute();
      await this.tokens.dropUnused(trx, account.id, 'confirm_email');
      await logAccount(trx, this.clock, row.account_id);
      if (account.email && account.email_confirmed_at && account.email !== email) {
        const mail = await schoolMailContext(trx, account.school_id);
        await queueEmailChanged(trx, this.outbox, { ...mail, login: account.login, to: account.email, newEmail: email, pending: false });
      }
      return { email, accountId: row.account_id };
    });
    this.outbox.kick();
    return done;
  }
}
