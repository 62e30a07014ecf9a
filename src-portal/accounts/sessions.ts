// Sign-in sessions, in the database only (any portal process answers any request). The cookie holds
// 128 random bits; the table holds their SHA-256, so a leaked table lets nobody in. A new session at
// every sign-in; sessions end by signing out, by a password change, or after 30 days (14 idle).
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import { tokenDigest, urlToken } from '../../src-node/tokens.ts';
import type { PageContext } from '../http/app.ts';
import type { AccountsTable, SessionEnd, SessionsTable } from './tables.ts';
import type { Selectable } from 'kysely';

export type AccountRow = Selectable<AccountsTable>;
export type SessionRow = Selectable<SessionsTable>;

export const SESSION_COOKIE = 'kurator_session';
const LIFETIME_MS = 30 * 24 * 3_600_000;
const IDLE_MS = 14 * 24 * 3_600_000;
/** `last_seen_at` is written at most this often (not on every page). */
const TOUCH_MS = 5 * 60_000;

export interface SignedIn {
  session: SessionRow;
  account: AccountRow;
}

export class Sessions {
  private readonly db: Db;
  private readonly clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A new session inside the caller's transaction; returns the cookie value. */
  async start(trx: Db, accountId: string, network: string, userAgent: string | undefined): Promise<string> {
    const token = urlToken(16);
    const now = this.clock.now();
    await trx
      .insertInto('sessions')
      .values({
        id: randomUUID(),
        token_hash: tokenDigest(token),
        account_id: accountId,
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + LIFETIME_MS),
        network,
        user_agent: userAgent?.slice(0, 300) ?? null,
        ended_at: null,
        ended_why: null,
      })
      .execute();
    return token;
  }

  /** The live session of a cookie value and its account, for this school; null when there is none. */
  async find(token: string, schoolId: number): Promise<SignedIn | null> {
    const now = this.clock.now();
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('accounts as a', 'a.id', 's.account_id')
      .selectAll('s')
      .select(['a.school_id'])
      .where('s.token_hash', '=', tokenDigest(token))
      .where('s.ended_at', 'is', null)
      .where('s.expires_at', '>', now)
      .where('s.last_seen_at', '>', new Date(now.getTime() - IDLE_MS))
      .where('a.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row || row.school_id !== schoolId) return null;
    const { school_id: _school, ...session } = row;
    const account = await this.db.selectFrom('accounts').selectAll().where('id', '=', session.account_id).executeTakeFirstOrThrow();
    if (now.getTime() - session.last_seen_at.getTime() > TOUCH_MS) {
      await this.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', session.id).execute();
    }
    return { session, account };
  }

  async end(db: Db, sessionId: string, why: SessionEnd): Promise<void> {
    await db
      .updateTable('sessions')
      .set({ ended_at: this.clock.now(), ended_why: why })
      .where('id', '=', sessionId)
      .where('ended_at', 'is', null)
      .execute();
  }

  /** Ends every live session of the account, but `keep`. */
  async endAll(db: Db, accountId: string, why: SessionEnd, keep?: string): Promise<number> {
    let q = db
      .updateTable('sessions')
      .set({ ended_at: this.clock.now(), ended_why: why })
      .where('account_id', '=', accountId)
      .where('ended_at', 'is', null);
    if (keep) q = q.where('id', '<>', keep);
    return Number((await q.executeTakeFirst()).numUpdatedRows);
  }

  async active(accountId: string): Promise<SessionRow[]> {
    const now = this.clock.now();
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', now)
      .where('last_seen_at', '>', new Date(now.getTime() - IDLE_MS))
      .orderBy('last_seen_at', 'desc')
      .execute();
  }

  /** Drops sessions long over (maintenance). */
  async prune(): Promise<void> {
    const before = new Date(this.clock.now().getTime() - LIFETIME_MS);
    await this.db.deleteFrom('sessions').where('expires_at', '<', before).execute();
  }
}

const cookiePath = (ctx: PageContext): string => ctx.base || '/';

export function setSessionCookie(reply: FastifyReply, ctx: PageContext, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: cookiePath(ctx),
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secure,
    maxAge: LIFETIME_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, ctx: PageContext): void {
  reply.clearCookie(SESSION_COOKIE, { path: cookiePath(ctx), httpOnly: true, sameSite: 'lax', secure: ctx.secure });
}

export const sessionToken = (req: FastifyRequest): string | null => {
  const v = req.cookies[SESSION_COOKIE];
  return v && /^[A-Za-z0-9_-]{22}$/.test(v) ? v : null;
};
