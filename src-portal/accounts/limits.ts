// The throttles of registration and sign-in, and the keys they count failures under. Keys never hold
// what someone typed (a code, a login that may be a password): only a keyed digest of it.
import { createHmac } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import type { PortalSecrets } from '../secrets.ts';
import { delayAfter, Throttle, type ThrottlePolicy } from '../limits/throttle.ts';
import { AppError } from '../../src-shared/result.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Code look-ups per network: a school's Wi-Fi is one address, and at a parent meeting thirty parents
 * register through it — only failures count (unknown, used, revoked, expired codes), and forty are free.
 * A guesser then waits 2 s, 4 s … up to 10 minutes per guess: 45 random bits stay out of reach.
 */
export const CODE_NETWORK: ThrottlePolicy = { free: 40, baseMs: 2_000, maxMs: 10 * MINUTE, forgetMs: 6 * HOUR };
/** One code tried again and again (a used or revoked one, or a slip passed around). */
export const CODE_ITSELF: ThrottlePolicy = { free: 5, baseMs: 5_000, maxMs: 10 * MINUTE, forgetMs: 6 * HOUR };
/** Wrong passwords for one login: a few free, then 1 s, 2 s … capped at 5 minutes; never a lock-out. */
export const SIGN_IN_ACCOUNT: ThrottlePolicy = { free: 5, baseMs: 1_000, maxMs: 5 * MINUTE, forgetMs: 6 * HOUR };
/** Wrong passwords from one network, whatever the login (a sweep over many logins). */
export const SIGN_IN_NETWORK: ThrottlePolicy = { free: 50, baseMs: 1_000, maxMs: 5 * MINUTE, forgetMs: 6 * HOUR };

/**
 * Changes of an account's email address: each sends a letter to whatever address the holder typed,
 * so five a day (the fifth then waits a day after it) — otherwise the school's mail carries anything to anyone.
 */
export const EMAIL_CHANGES: ThrottlePolicy = { free: 4, baseMs: 24 * HOUR, maxMs: 24 * HOUR, forgetMs: 24 * HOUR };

export class AccountLimits {
  readonly codeNetwork: Throttle;
  readonly codeItself: Throttle;
  readonly signInAccount: Throttle;
  readonly signInNetwork: Throttle;
  readonly emailChanges: Throttle;
  private readonly key: Buffer;
  private readonly db: Db;
  private readonly clock: Clock;

  constructor(db: Db, clock: Clock, secrets: PortalSecrets) {
    this.db = db;
    this.clock = clock;
    this.codeNetwork = new Throttle(db, clock, CODE_NETWORK);
    this.codeItself = new Throttle(db, clock, CODE_ITSELF);
    this.signInAccount = new Throttle(db, clock, SIGN_IN_ACCOUNT);
    this.signInNetwork = new Throttle(db, clock, SIGN_IN_NETWORK);
    this.emailChanges = new Throttle(db, clock, EMAIL_CHANGES);
    this.key = secrets.derive('throttle-keys');
  }

  /** Forgets failures older than every policy remembers (maintenance). */
  async prune(): Promise<void> {
    const oldest = Math.max(
      CODE_NETWORK.forgetMs,
      CODE_ITSELF.forgetMs,
      SIGN_IN_ACCOUNT.forgetMs,
      SIGN_IN_NETWORK.forgetMs,
      EMAIL_CHANGES.forgetMs,
    );
    await this.db
      .deleteFrom('throttles')
      .where('last_failure_at', '<', new Date(this.clock.now().getTime() - oldest))
      .execute();
  }

  private digest(text: string): string {
    return createHmac('sha256', this.key).update(text, 'utf8').digest('base64url').slice(0, 32);
  }

  codeKeys(schoolId: number, network: string, cleanCode: string | null): { network: string[]; code: string[] } {
    return {
      network: [`code-net:${network}`],
      code: cleanCode ? [`code:${this.digest(`${schoolId}:${cleanCode}`)}`] : [],
    };
  }

  signInKeys(network: string, login: string): { network: string[]; account: string[] } {
    return { network: [`signin-net:${network}`], account: this.signInAccountKeys(login) };
  }

  signInAccountKeys(login: string): string[] {
    return [`signin:${this.digest(login)}`];
  }
}

/** A throttle's row as a look-up reads it. */
export interface ThrottleRow {
  key: string;
  failures: number;
  last_failure_at: Date;
}

/** Waits on several throttles at once (one query for all their keys): the longest wait wins. */
export async function longestWait(db: Db, clock: Clock, pairs: [Throttle, string[]][]): Promise<number> {
  const keys = pairs.flatMap(([, k]) => k);
  if (keys.length === 0) return 0;
  const rows = await db.selectFrom('throttles').selectAll().where('key', 'in', keys).execute();
  return waitOf(clock, pairs, rows);
}

/** `longestWait` of rows read otherwise. */
export function waitOf(clock: Clock, pairs: [Throttle, string[]][], rows: readonly ThrottleRow[]): number {
  const now = clock.now().getTime();
  let wait = 0;
  for (const r of rows) {
    const policy = pairs.find(([, k]) => k.includes(r.key))![0].policy;
    const last = r.last_failure_at.getTime();
    if (now - last <= policy.forgetMs) wait = Math.max(wait, last + delayAfter(r.failures, policy) - now);
  }
  return Math.max(0, wait);
}

/**
 * The rows of these throttles' keys (at least one) as one JSON array in one row (column `throttles`),
 * for a look-up that reads them along with what it looks up; `throttleRowsOf` reads the column.
 */
export function throttleRowsQuery(pairs: [Throttle, string[]][]): RawBuilder<{ throttles: unknown }> {
  const keys = pairs.flatMap(([, k]) => k);
  return sql`
    SELECT coalesce(jsonb_agg(jsonb_build_object('key', key, 'failures', failures,
             'at', floor(extract(epoch FROM last_failure_at) * 1000))), '[]'::jsonb) AS throttles
    FROM throttles WHERE key IN (${sql.join(keys)})`;
}

export const throttleRowsOf = (column: unknown): ThrottleRow[] =>
  (column as { key: string; failures: number; at: number | string }[]).map((r) => ({
    key: r.key,
    failures: r.failures,
    last_failure_at: new Date(Number(r.at)),
  }));

export async function failAll(db: Db, pairs: [Throttle, string[]][]): Promise<void> {
  for (const [t, keys] of pairs) await t.fail(db, keys);
}

export const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** Refuses while a throttle asks to wait. */
export async function mustNotWait(
  db: Db,
  clock: Clock,
  pairs: [Throttle, string[]][],
  reason: 'register.throttled' | 'account.throttled',
  field?: string,
): Promise<void> {
  const wait = await longestWait(db, clock, pairs);
  if (wait > 0) throw throttled(reason, wait, field);
}

/** The refusal while a throttle asks to wait `wait` ms. */
export const throttled = (reason: 'register.throttled' | 'account.throttled', wait: number, field?: string): AppError =>
  new AppError(reason, { seconds: seconds(wait) }, { retryAfterMs: wait, ...(field ? { field } : {}) });
