import type { Db } from '../db/database.ts';
import { tx } from '../db/database.ts';
import { isoNow, type Clock } from '../clock.ts';
import * as dal from '../dal/operators.ts';
import { clearFailures } from '../dal/throttle.ts';
import { AppError } from '../../../src-shared/result.ts';
import { passwordReason, type PasswordReason } from '../../../src-shared/schemas/operators.ts';
import { isCommonPassword } from '../../../src-node/common-passwords.ts';
import type { OperatorRow } from '../../../src-shared/rpc/types.ts';
import type { Role } from '../../../src-shared/roles.ts';
import type { Actor, AuditLog } from './audit.ts';
import type { Auth } from './auth.ts';

const row = (r: dal.OperatorRecord): OperatorRow => ({
  id: r.id,
  login: r.login,
  fullName: r.fullName,
  role: r.role,
  active: r.active,
  createdAt: r.createdAt,
});

const person = (r: { id: number; fullName: string; login: string }) => ({
  kind: 'operator' as const,
  id: r.id,
  label: `${r.fullName} (${r.login})`,
});

export interface NewOperatorInput {
  fullName: string;
  login: string;
  role: Role;
  password: string;
}

/** The password policy for an operator: not their login, not their name, not a common password. */
export function operatorPasswordReason(password: string, op: { login: string; fullName: string }): PasswordReason | null {
  return passwordReason(password, { login: op.login, names: [op.fullName], isCommon: isCommonPassword });
}

export class Operators {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditLog;
  private readonly auth: Auth;

  constructor(deps: { db: Db; clock: Clock; audit: AuditLog; auth: Auth }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.audit = deps.audit;
    this.auth = deps.auth;
  }

  count(): number {
    return dal.countOperators(this.db);
  }

  list(): OperatorRow[] {
    return dal.listOperators(this.db).map(row);
  }

  private assertPassword(password: string, op: { login: string; fullName: string }, field = 'password'): void {
    const problem = operatorPasswordReason(password, op);
    if (problem) throw new AppError(problem, { field });
  }

  /** Hashes outside the transaction (slow), then inserts and audits in one. */
  async create(actor: Actor, input: NewOperatorInput): Promise<OperatorRow> {
    this.assertPassword(input.password, input);
    const passwordHash = await this.auth.hash(input.password);
    return tx(this.db, () => {
      if (dal.findOperatorByLogin(this.db, input.login)) {
        throw new AppError('operator.login_taken', { field: 'login' });
      }
      const id = dal.insertOperator(this.db, { ...input, passwordHash, at: isoNow(this.clock) });
      const created = dal.findOperatorById(this.db, id)!;
      this.audit.append(actor, {
        action: 'operator.create',
        person: person(created),
        details: { login: created.login, role: created.role },
      });
      return row(created);
    });
  }

  update(actor: Actor, patch: { id: number; fullName?: string; role?: Role; active?: boolean }): OperatorRow {
    const updated = tx(this.db, () => {
      const before = dal.findOperatorById(this.db, patch.id);
      if (!before) throw new AppError('operator.not_found');
      dal.updateOperator(this.db, patch.id, patch, isoNow(this.clock));
      if (dal.countActiveCurators(this.db) === 0) throw new AppError('operator.last_curator');
      const after = dal.findOperatorById(this.db, patch.id)!;
      const changed: Record<string, unknown> = {};
      if (before.fullName !== after.fullName) changed.fullName = after.fullName;
      if (before.role !== after.role) changed.role = after.role;
      if (before.active !== after.active) changed.active = after.active;
      if (Object.keys(changed).length > 0) {
        this.audit.append(actor, { action: 'operator.update', person: person(after), details: { changed } });
      }
      return after;
    });
    if (!updated.active) this.auth.endSessionsOf(updated.id);
    else this.auth.refreshOperator({ id: updated.id, login: updated.login, fullName: updated.fullName, role: updated.role });
    return row(updated);
  }

  async resetPassword(actor: Actor, id: number, password: string, sessionKey?: string): Promise<void> {
    const target = dal.findOperatorById(this.db, id);
    if (!target) throw new AppError('operator.not_found');
    this.assertPassword(password, target);
    const hash = await this.auth.hash(password);
    tx(this.db, () => {
      dal.setOperatorPassword(this.db, id, hash, isoNow(this.clock));
      this.audit.append(actor, { action: 'operator.password_reset', person: person(target) });
    });
    this.auth.endSessionsOf(id, sessionKey);
  }

  /**
   * A new password set at the office PC without signing in (the only curator forgot theirs):
   * whoever can read the data folder may do it, as they could copy the database anyway. Checked
   * by the password policy, audited with the computer's user, the sign-in throttle cleared; the
   * operator's sessions end (in another process too: see `Auth.current`).
   */
  async resetPasswordAtOffice(login: string, password: string, where: { osUser: string; host: string }): Promise<OperatorRow> {
    const target = dal.findOperatorByLogin(this.db, login.trim().toLowerCase());
    if (!target) throw new AppError('operator.login_not_found', { login });
    this.assertPassword(password, target);
    const hash = await this.auth.hash(password);
    tx(this.db, () => {
      dal.setOperatorPassword(this.db, target.id, hash, isoNow(this.clock));
      clearFailures(this.db, target.login);
      this.audit.append(
        { operatorId: null, login: null, via: 'cli' },
        { action: 'operator.password_reset_local', person: person(target), details: { login: target.login, ...where } },
      );
    });
    this.auth.endSessionsOf(target.id);
    return row(target);
  }

  /** Changes one's own password: the current one is checked (throttled); other sessions end. */
  async changeOwn(actor: Actor & { operatorId: number }, current: string, next: string, sessionKey?: string): Promise<void> {
    const me = dal.findOperatorById(this.db, actor.operatorId);
    if (!me) throw new AppError('operator.not_found');
    this.assertPassword(next, me, 'next');
    try {
      await this.auth.checkOwnPassword(
        { id: me.id, login: me.login, fullName: me.fullName, role: me.role },
        current,
        'auth.password_change_failed',
        actor.via,
      );
    } catch (e) {
      if (e instanceof AppError && e.reason === 'auth.wrong_password')
        throw new AppError('operator.wrong_current_password', { field: 'current' });
      throw e;
    }
    const hash = await this.auth.hash(next);
    tx(this.db, () => {
      dal.setOperatorPassword(this.db, me.id, hash, isoNow(this.clock));
      this.audit.append(actor, { action: 'auth.password_change' });
    });
    this.auth.endSessionsOf(me.id, sessionKey);
  }
}
