// Looking up a typed invitation code: read as the office reads it, typos caught by the check symbol
// before any look-up (they cost no guess), then the database — throttled per network and per code,
// counting failures only — and one clear refusal each for unknown, used, revoked and expired codes.
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import type { PortalSecrets } from '../secrets.ts';
import { findCode, personByUid, className, type CodeRow, type PersonRow } from '../roster/queries.ts';
import { checkCodeInput, codeReadings } from '../../src-shared/codes/index.ts';
import { isoDay } from '../../src-shared/roster/normalize.ts';
import { AppError } from '../../src-shared/result.ts';
import { REASONS, type Reason } from '../../src-shared/errors.ts';
import type { AccountLimits } from '../accounts/limits.ts';
import { failAll, mustNotWait } from '../accounts/limits.ts';
import type { Throttle } from '../limits/throttle.ts';

export interface CodeFacts {
  code: CodeRow;
  student: PersonRow | undefined;
  /** The guardian on file for a parent code (null when the code was issued while none was). */
  guardian: PersonRow | undefined | null;
  /** For a parent code with a guardian: the guardian–child link is still there. */
  linkLive: boolean;
  className: string;
}

export interface CodeDeps {
  db: Db;
  clock: Clock;
  secrets: PortalSecrets;
  limits: AccountLimits;
}

/** The code's student, guardian and class as the roster has them now (inside the caller's transaction, if any). */
export async function codeFacts(db: Db, code: CodeRow): Promise<CodeFacts> {
  const student = await personByUid(db, code.school_id, code.student_uid);
  let guardian: PersonRow | undefined | null = null;
  let linkLive = true;
  if (code.guardian_uid) {
    guardian = await personByUid(db, code.school_id, code.guardian_uid);
    const link = await db
      .selectFrom('roster_links')
      .select('removed_at')
      .where('school_id', '=', code.school_id)
      .where('guardian_uid', '=', code.guardian_uid)
      .where('student_uid', '=', code.student_uid)
      .executeTakeFirst();
    linkLive = !!link && link.removed_at === null;
  }
  return { code, student, guardian, linkLive, className: (await className(db, code.school_id, student?.class_uid ?? null)) ?? '' };
}

/** Why the code cannot be used now, or null. A code whose people left the school counts as revoked. */
export function codeRefusal(f: CodeFacts, today: string): AppError | null {
  if (f.code.redeemed_at) return new AppError('register.code_used');
  if (f.code.state === 'revoked') return new AppError('register.code_revoked');
  if (f.code.valid_until < today) return new AppError('register.code_expired', { date: f.code.valid_until });
  const gone = (p: PersonRow | undefined | null) => p === undefined || (p !== null && p.archived_at !== null);
  if (gone(f.student) || gone(f.guardian) || !f.linkLive) return new AppError('register.code_revoked');
  return null;
}

export const today = (clock: Clock): string => isoDay(clock.now());

/**
 * The code someone typed, usable now, or the reason it is not (thrown as an AppError on `field`).
 * Typos are refused before the database; while a throttle asks to wait nothing is looked up; every
 * refusal after the look-up counts as a failure of the network and of the code.
 */
export async function lookUpCode(deps: CodeDeps, schoolId: number, typed: string, network: string, field = 'code'): Promise<CodeFacts> {
  const readings = codeReadings(typed);
  if (readings.length === 0) {
    const checked = checkCodeInput(typed);
    throw new AppError('code.malformed', { problem: checked.ok ? { kind: 'checksum' } : checked.problem }, { field });
  }
  const keys = deps.limits.codeKeys(schoolId, network, readings[0]!);
  const pairs: [Throttle, string[]][] = [
    [deps.limits.codeNetwork, keys.network],
    [deps.limits.codeItself, keys.code],
  ];
  await mustNotWait(pairs, 'register.throttled', field);
  const row = await findCode(deps.db, deps.secrets, schoolId, readings);
  const refusal = row ? codeRefusal(await codeFacts(deps.db, row), today(deps.clock)) : new AppError('register.code_unknown');
  if (refusal || !row) {
    await failAll(deps.db, pairs);
    throw withField(refusal!, field);
  }
  return codeFacts(deps.db, row);
}

/** The same refusal, said next to another field. */
export function withField(e: AppError, field: string): AppError {
  const args = REASONS[e.reason].takesParams ? [e.params, { field }] : [{ field }];
  return new (AppError as new (reason: Reason, ...rest: unknown[]) => AppError)(e.reason, ...args);
}
