import type { Db } from '../db/database.ts';
import { tx } from '../db/database.ts';
import { isoNow, type Clock } from '../clock.ts';
import * as operators from '../dal/operators.ts';
import { AppError } from '../../../src-shared/result.ts';
import { operatorPasswordReason } from './operators.ts';
import { IDLE_LOCK_DEFAULT_MINUTES, SetupInput } from '../../../src-shared/schemas/settings.ts';
import { invalidInput } from '../errors.ts';
import type { Actor, AuditLog } from './audit.ts';
import type { Auth } from './auth.ts';
import type { Settings } from './settings.ts';

export type SetupData = SetupInput;

/**
 * First run: school settings and the first operator (a curator), together or not at all. The input
 * is checked here with the setup form's schema whoever calls: settings the schema refuses would
 * leave a school with an operator but settings `Settings.get()` cannot read (set up and not).
 */
export async function completeSetup(
  deps: { db: Db; clock: Clock; audit: AuditLog; auth: Auth; settings: Settings },
  input: SetupData,
  via: Actor['via'],
): Promise<{ login: string }> {
  const { db } = deps;
  const parsed = SetupInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const data = parsed.data;
  if (operators.countOperators(db) > 0) throw new AppError('setup.done');
  const problem = operatorPasswordReason(data.operator.password, data.operator);
  if (problem) throw new AppError(problem, { field: 'operator.password' });
  const passwordHash = await deps.auth.hash(data.operator.password);
  return tx(db, () => {
    if (operators.countOperators(db) > 0) throw new AppError('setup.done');
    deps.settings.write({
      schoolName: data.schoolName,
      registrationUrl: data.registrationUrl,
      curatorContact: data.curatorContact,
      idleLockMinutes: IDLE_LOCK_DEFAULT_MINUTES,
    });
    const login = data.operator.login; // the schema lowers its case
    const id = operators.insertOperator(db, {
      login,
      fullName: data.operator.fullName,
      role: 'curator',
      passwordHash,
      at: isoNow(deps.clock),
    });
    deps.audit.append(
      { operatorId: id, login, via },
      {
        action: 'setup.complete',
        details: { schoolName: data.schoolName, registrationUrl: data.registrationUrl, operator: login },
      },
    );
    return { login };
  });
}
