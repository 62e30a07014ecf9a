import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { tx } from '../db/database.ts';
import { isoNow, type Clock } from '../clock.ts';
import * as operators from '../dal/operators.ts';
import * as throttle from '../dal/throttle.ts';
import { AppError } from '../../../src-shared/result.ts';
import type { OperatorInfo, SessionInfo } from '../../../src-shared/rpc/types.ts';
import type { Role } from '../../../src-shared/roles.ts';
import type { Actor, AuditLog } from './audit.ts';
import { burnVerification, hashPassword, needsRehash, verifyPassword, type Argon2Cost } from '../../../src-node/passwords.ts';

export interface Session {
  /**
   * This sign-in's own identity, new at every sign-in (never chosen by a client): what the session
   * makes (uploads, printouts) belongs to it and goes when it ends.
   */
  id: string;
  key: string;
  operator: OperatorInfo;
  locked: boolean;
  lastActivity: number;
  /** A digest of the password hash the session was opened with: a new password ends the session. */
  stamp: string;
}

/** The session's view of an operator's password: it changes whenever the password does. */
const passwordStamp = (passwordHash: string): string => createHash('sha256').update(passwordHash).digest('hex').slice(0, 16);

/**
 * Wait imposed after the n-th consecutive wrong password: 1 s, 2 s, 4 s … up to 30 s. The ceiling is
 * low on purpose: anyone who can reach the sign-in (the browser-mode token is enough) can type
 * wrong passwords for an operator, and must not lock them out for minutes.
 */
export const MAX_THROTTLE_MS = 30_000;
export function throttleDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(1000 * 2 ** (failures - 1), MAX_THROTTLE_MS);
}

/** Password checks of one login running at once in this process while it has no failures. */
export const MAX_CLEAN_IN_FLIGHT = 2;

interface Attempt {
  /** Counted as a failure in advance (the login already had failures): cleared only by success. */
  reserved: boolean;
  done(): void;
}

export const actorOf = (op: OperatorInfo, via: Actor['via'] = 'app'): Actor => ({
  operatorId: op.id,
  login: op.login,
  via,
});

const info = (r: operators.OperatorRecord): OperatorInfo => ({
  id: r.id,
  login: r.login,
  fullName: r.fullName,
  role: r.role as Role,
});

/**
 * Operators' credentials, sign-in throttling and the in-memory sessions of the desk app.
 * A session is keyed by its transport's client (an Electron window, a browser tab).
 */
export class Auth {
  private readonly sessions = new Map<string, Session>();
  private readonly inFlight = new Map<string, number>();
  private readonly endListeners: ((session: Session) => void)[] = [];
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditLog;
  private readonly cost: Argon2Cost | undefined;
  private readonly testRun: boolean;
  private readonly idleMinutes: () => number;

  constructor(deps: { db: Db; clock: Clock; audit: AuditLog; cost?: Argon2Cost; testRun?: boolean; idleMinutes: () => number }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.audit = deps.audit;
    this.cost = deps.cost;
    this.testRun = deps.testRun ?? false;
    this.idleMinutes = deps.idleMinutes;
  }

  hash(password: string): Promise<string> {
    return hashPassword(password, this.cost);
  }

  private throttled(waitMs: number): AppError {
    return new AppError('auth.throttled', { seconds: Math.ceil(waitMs / 1000) }, { retryAfterMs: waitMs });
  }

  /**
   * Starts a password check. Failures are counted, not attempts: two right passwords typed at the
   * same moment (two tabs, two overlapping CLI commands) both go through. Parallel guessing stays
   * throttled: while a login has no failures, at most MAX_CLEAN_IN_FLIGHT checks of it run at once
   * here; once it has failures, every attempt counts as one more failure before its check starts
   * (so parallel guesses wait like serial ones) and only a right password clears them.
   */
  private beginAttempt(key: string): Attempt {
    const reserved = tx(this.db, () => {
      const state = throttle.readThrottle(this.db, key);
      if (state && state.failures > 0) {
        const wait = Date.parse(state.lastFailureAt) + throttleDelayMs(state.failures) - this.clock.now().getTime();
        if (wait > 0) throw this.throttled(wait);
        throttle.recordFailure(this.db, key, isoNow(this.clock));
        return true;
      }
      if ((this.inFlight.get(key) ?? 0) >= MAX_CLEAN_IN_FLIGHT) throw this.throttled(1000);
      return false;
    });
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    let open = true;
    return {
      reserved,
      done: () => {
        if (!open) return;
        open = false;
        const n = (this.inFlight.get(key) ?? 1) - 1;
        if (n > 0) this.inFlight.set(key, n);
        else this.inFlight.delete(key);
      },
    };
  }

  /** A wrong password: counted now unless it was counted in advance. */
  private countFailure(key: string, attempt: Attempt): void {
    if (!attempt.reserved) throttle.recordFailure(this.db, key, isoNow(this.clock));
  }

  private failed(
    actor: Actor,
    action: string,
    details: Record<string, unknown>,
    reason: 'auth.wrong_credentials' | 'auth.wrong_password',
  ): AppError {
    this.audit.append(actor, { action, details });
    return new AppError(reason, { field: 'password' });
  }

  /**
   * Checks an operator's own password (unlock, own password change): throttled and counted like a
   * sign-in; a wrong password is audited with `action`.
   */
  async checkOwnPassword(op: OperatorInfo, password: string, action: string, via: Actor['via'] = 'app'): Promise<void> {
    const attempt = this.beginAttempt(op.login);
    try {
      const record = operators.findOperatorById(this.db, op.id);
      if (!record || !(await verifyPassword(password, record.passwordHash))) {
        this.countFailure(op.login, attempt);
        throw this.failed(actorOf(op, via), action, { reason: 'wrong_password' }, 'auth.wrong_password');
      }
      throttle.clearFailures(this.db, op.login);
    } finally {
      attempt.done();
    }
  }

  /**
   * Checks a login and password (throttled, audited on failure). Used by the desk sign-in and by the CLI.
   * A login no operator has is never stored as typed (it may be a password typed into the wrong field):
   * it is throttled and audited by a short digest keyed with the office key, which no wordlist reverses.
   */
  async authenticate(rawLogin: string, password: string, via: Actor['via']): Promise<OperatorInfo> {
    const login = rawLogin.trim().toLowerCase();
    const op = operators.findOperatorByLogin(this.db, login);
    const key = op ? login : `unknown:${this.audit.digest('unknown-login', login)}`;
    const attempt = this.beginAttempt(key);
    try {
      return await this.checkCredentials(op, login, key, password, via, attempt);
    } finally {
      attempt.done();
    }
  }

  private async checkCredentials(
    op: operators.OperatorRecord | undefined,
    login: string,
    key: string,
    password: string,
    via: Actor['via'],
    attempt: Attempt,
  ): Promise<OperatorInfo> {
    if (!op) {
      await burnVerification(password, this.cost);
      this.countFailure(key, attempt);
      throw this.failed(
        { operatorId: null, login: null, via },
        'auth.sign_in_failed',
        { reason: 'unknown_login', loginDigest: key.slice(8) },
        'auth.wrong_credentials',
      );
    }
    const actor = actorOf(info(op), via);
    if (!(await verifyPassword(password, op.passwordHash))) {
      this.countFailure(key, attempt);
      throw this.failed(actor, 'auth.sign_in_failed', { login, reason: 'wrong_password' }, 'auth.wrong_credentials');
    }
    if (!op.active) {
      throttle.clearFailures(this.db, login);
      this.audit.append(actor, { action: 'auth.sign_in_failed', details: { login, reason: 'inactive' } });
      throw new AppError('auth.disabled');
    }
    const fresh = needsRehash(op.passwordHash, this.cost, { testRun: this.testRun }) ? await this.hash(password) : null;
    tx(this.db, () => {
      throttle.clearFailures(this.db, login);
      if (fresh) operators.rehashOperatorPassword(this.db, op.id, fresh, isoNow(this.clock));
    });
    // The same password under a stronger hash: this process's sessions of the operator stay.
    if (fresh) this.restamp(op.id);
    return info(op);
  }

  /**
   * Signs in on a client. Every sign-in is a new session with a new id, even for the operator
   * already signed in there: nothing a previous session made is reachable from the new one.
   */
  async signIn(key: string, login: string, password: string): Promise<SessionInfo> {
    const op = await this.authenticate(login, password, 'app');
    const previous = this.sessions.get(key);
    if (previous && previous.operator.id !== op.id) this.signOut(key);
    else if (previous) this.end(previous);
    this.audit.append(actorOf(op), { action: 'auth.sign_in' });
    const session: Session = {
      id: randomBytes(24).toString('base64url'),
      key,
      operator: op,
      locked: false,
      lastActivity: this.clock.now().getTime(),
      stamp: this.stampOf(op.id),
    };
    this.sessions.set(key, session);
    return this.describe(session);
  }

  /** Called with every session that ends (sign-out, replaced, operator disabled): its things go with it. */
  onSessionEnd(listener: (session: Session) => void): void {
    this.endListeners.push(listener);
  }

  private end(s: Session): void {
    if (this.sessions.get(s.key) === s) this.sessions.delete(s.key);
    for (const l of this.endListeners) l(s);
  }

  signOut(key: string): void {
    const s = this.sessions.get(key);
    if (!s) return;
    this.end(s);
    this.audit.append(actorOf(s.operator), { action: 'auth.sign_out' });
  }

  /** Moves a client's session to a new client key (the HTTP transport renews it at sign-in). */
  rekey(from: string, to: string): void {
    const s = this.sessions.get(from);
    if (!s || this.sessions.has(to)) return;
    this.sessions.delete(from);
    s.key = to;
    this.sessions.set(to, s);
  }

  /** A live session by its id (a printout's owner). */
  bySessionId(id: string): Session | undefined {
    for (const s of this.sessions.values()) if (s.id === id) return this.current(s.key);
    return undefined;
  }

  lock(key: string, reason: 'manual' | 'idle' = 'manual'): SessionInfo {
    const s = this.require(key);
    if (!s.locked) {
      s.locked = true;
      this.audit.append(actorOf(s.operator), { action: reason === 'idle' ? 'auth.idle_lock' : 'auth.lock' });
    }
    return this.describe(s);
  }

  async unlock(key: string, password: string): Promise<SessionInfo> {
    const s = this.require(key);
    if (!s.locked) return this.describe(s);
    const op = operators.findOperatorById(this.db, s.operator.id);
    if (!op || !op.active) {
      this.end(s);
      throw new AppError('auth.disabled_session_ended');
    }
    await this.checkOwnPassword(s.operator, password, 'auth.unlock_failed');
    this.audit.append(actorOf(s.operator), { action: 'auth.unlock' });
    s.locked = false;
    s.lastActivity = this.clock.now().getTime();
    return this.describe(s);
  }

  /**
   * The session of a client, locked first when it has been idle too long. Undefined when signed out.
   */
  current(key: string): Session | undefined {
    const s = this.sessions.get(key);
    // The password was changed or reset elsewhere (another window, `kurator operator reset-password`
    // in another process): whoever held this session no longer knows the password.
    if (s && this.stampOf(s.operator.id) !== s.stamp) {
      this.sessions.delete(key);
      return undefined;
    }
    if (s && !s.locked && this.clock.now().getTime() - s.lastActivity >= this.idleMinutes() * 60_000) {
      this.lock(key, 'idle');
    }
    return s;
  }

  touch(key: string): void {
    const s = this.sessions.get(key);
    if (s && !s.locked) s.lastActivity = this.clock.now().getTime();
  }

  describe(s: Session): SessionInfo {
    return { operator: s.operator, locked: s.locked, idleLockMinutes: this.idleMinutes() };
  }

  /** Ends every session of an operator (disabled, or password reset by a curator). */
  endSessionsOf(operatorId: number, exceptKey?: string): void {
    for (const [key, s] of [...this.sessions]) {
      if (s.operator.id === operatorId && key !== exceptKey) this.end(s);
    }
    // The session that changed its own password goes on with the new one.
    this.restamp(operatorId);
  }

  private stampOf(operatorId: number): string {
    const record = operators.findOperatorById(this.db, operatorId);
    return record ? passwordStamp(record.passwordHash) : '';
  }

  private restamp(operatorId: number): void {
    const stamp = this.stampOf(operatorId);
    for (const s of this.sessions.values()) if (s.operator.id === operatorId) s.stamp = stamp;
  }

  /** Keeps a session's operator info in step with edits (name, role). */
  refreshOperator(op: OperatorInfo): void {
    for (const s of this.sessions.values()) if (s.operator.id === op.id) s.operator = op;
  }

  private require(key: string): Session {
    const s = this.sessions.get(key);
    if (!s) throw new AppError('auth.required');
    return s;
  }
}
