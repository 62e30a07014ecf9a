// Looking up a typed invitation code: read as the office reads it, typos caught by the check symbol
// before any look-up (they cost no guess), then the database — throttled per network and per code,
// counting failures only — and one clear refusal each for unknown, used, revoked and expired codes.
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import type { PortalSecrets } from '../secrets.ts';
import { sql } from 'kysely';
import { codeFactsQuery, codeKeyOf, toCodeFacts, type CodeFacts, type FactsRow, type PersonRow } from '../roster/queries.ts';
import { codeDigest } from '../../src-node/code-hash.ts';
import { checkCodeInput, codeReadings } from '../../src-shared/codes/index.ts';
import { isoDay } from '../../src-shared/roster/normalize.ts';
import { AppError } from '../../src-shared/result.ts';
import { REASONS, type Reason } from '../../src-shared/errors.ts';
import type { AccountLimits } from '../accounts/limits.ts';
import { failAll, throttled, throttleRowsOf, throttleRowsQuery, waitOf } from '../accounts/limits.ts';
import type { Throttle } from '../limits/throttle.ts';
import type { ThrottleRow } from '../accounts/limits.ts';

export type { CodeFacts };

export interface CodeDeps {
  db: Db;
  clock: Clock;
  secrets: PortalSecrets;
  limits: AccountLimits;
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
 * A code found by what someone typed, and the account its person has, if any (the student's or the
 * guardian's); with a login asked about, whether an account has taken it.
 */
export type FoundCode = CodeFacts & { accountId: string | null; login: { name: string; taken: boolean } | null };

/** A signed-in parent typing a code (on «Дети»): their own used code is told apart. */
export interface CodeTyper {
  accountId: string;
  personUid: string;
}

/**
 * The code someone typed, usable now, or the reason it is not (thrown as an AppError on `field`).
 * Typos are refused before the database; while a throttle asks to wait nothing found is used; every
 * refusal after the look-up counts as a failure of the network and of the code — but a signed-in
 * parent's own used code, whose child is already in their account, is no guess: it is said so.
 */
export async function lookUpCode(
  deps: CodeDeps,
  schoolId: number,
  typed: string,
  network: string,
  field = 'code',
  login?: string,
  typer?: CodeTyper,
): Promise<FoundCode> {
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
  const key = codeKeyOf(deps.secrets, schoolId);
  const { throttles, found } = await codeWithAccount(
    deps.db,
    schoolId,
    readings.map((r) => codeDigest(key, r)),
    login,
    pairs,
  );
  const wait = waitOf(deps.clock, pairs, throttles);
  if (wait > 0) throw throttled('register.throttled', wait, field);
  const refusal = found ? codeRefusal(found, today(deps.clock)) : new AppError('register.code_unknown');
  if (found && refusal?.reason === 'register.code_used' && typer && (await alreadyTheirs(deps.db, found, typer))) {
    throw new AppError('register.child_linked', { field });
  }
  if (refusal || !found) {
    await failAll(deps.db, pairs);
    throw withField(refusal!, field);
  }
  return found;
}

/** A used parent code of the typer's own (or of no adult on file), whose child is in their account. */
async function alreadyTheirs(db: Db, found: FoundCode, typer: CodeTyper): Promise<boolean> {
  if (found.code.kind !== 'parent' || (found.code.guardian_uid !== null && found.code.guardian_uid !== typer.personUid)) return false;
  const row = await db
    .selectFrom('account_children')
    .select('student_uid')
    .where('account_id', '=', typer.accountId)
    .where('student_uid', '=', found.code.student_uid)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The code among these hashes with its facts, its person's account and whether `login` is taken, and
 * the rows of the throttles' keys, in one query (while a throttle asks to wait, what was found is not used).
 */
async function codeWithAccount(
  db: Db,
  schoolId: number,
  hashes: readonly string[],
  login: string | undefined,
  pairs: [Throttle, string[]][],
): Promise<{ throttles: ThrottleRow[]; found: FoundCode | undefined }> {
  const taken = login === undefined ? sql`NULL::boolean` : sql`EXISTS (SELECT 1 FROM accounts a WHERE a.login = ${login})`;
  const extra = sql`, (SELECT a.id FROM accounts a WHERE a.school_id = c.school_id
      AND a.person_uid = CASE WHEN c.kind = 'student' THEN c.student_uid ELSE c.guardian_uid END) AS account_id,
      ${taken} AS login_taken`;
  type Row = FactsRow & { throttles: unknown; account_id: string | null; login_taken: boolean | null };
  const { rows } = await sql<Row>`
    SELECT t.throttles, f.* FROM (${throttleRowsQuery(pairs)}) AS t
    LEFT JOIN (${codeFactsQuery(schoolId, { hashes }, false, extra)}) AS f ON true
    ORDER BY f.uid`.execute(db);
  const { throttles, account_id, login_taken, ...facts } = rows[0]!;
  if (facts.uid === null) return { throttles: throttleRowsOf(throttles), found: undefined };
  const asked = login === undefined || login_taken === null ? null : { name: login, taken: login_taken };
  return { throttles: throttleRowsOf(throttles), found: { ...toCodeFacts(facts), accountId: account_id, login: asked } };
}

/** The same refusal, said next to another field. */
export function withField(e: AppError, field: string): AppError {
  const args = REASONS[e.reason].takesParams ? [e.params, { field }] : [{ field }];
  return new (AppError as new (reason: Reason, ...rest: unknown[]) => AppError)(e.reason, ...args);
}
