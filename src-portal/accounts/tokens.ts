// One-time tokens (email confirmation now; password and desk resets later): 128 random bits in a link,
// SHA-256 in the table, bound to an account and a purpose, used up by the POST that commits.
import type { Selectable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import { tokenDigest, urlToken } from '../../src-node/tokens.ts';
import { AppError } from '../../src-shared/result.ts';
import type { TokenPurpose, TokensTable } from './tables.ts';

export type TokenRow = Selectable<TokensTable>;

/** What `issue` makes: 16 random bytes in base64url. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}$/;

export class Tokens {
  private readonly db: Db;
  private readonly clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  async issue(trx: Db, t: { accountId: string; purpose: TokenPurpose; subject: string | null; ttlMs: number }): Promise<string> {
    const token = urlToken(16);
    const now = this.clock.now();
    await trx
      .insertInto('tokens')
      .values({
        token_hash: tokenDigest(token),
        purpose: t.purpose,
        account_id: t.accountId,
        subject: t.subject,
        created_at: now,
        expires_at: new Date(now.getTime() + t.ttlMs),
      })
      .execute();
    return token;
  }

  /**
   * The token's row, used or not (undefined: no such token). A text that is not a token's shape was
   * cut short or added to on its way from the letter: that is said apart from a used or unknown link.
   */
  async find(token: string, purpose: TokenPurpose, db: Db = this.db, lock = false): Promise<TokenRow | undefined> {
    if (!TOKEN_SHAPE.test(token)) throw new AppError('account.link_broken');
    let q = db.selectFrom('tokens').selectAll().where('token_hash', '=', tokenDigest(token)).where('purpose', '=', purpose);
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  /** The token's row if it is usable now (to show a page before the POST); throws the reason otherwise. */
  async peek(token: string, purpose: TokenPurpose, db: Db = this.db, lock = false): Promise<TokenRow> {
    const row = await this.find(token, purpose, db, lock);
    if (!row) throw new AppError('account.link_invalid');
    if (row.used_at) throw new AppError('account.link_used');
    if (row.expires_at <= this.clock.now()) throw new AppError('account.link_expired');
    return row;
  }

  /** Locks the token in the caller's transaction, checks it and marks it used. */
  async use(trx: Db, token: string, purpose: TokenPurpose): Promise<TokenRow> {
    const row = await this.peek(token, purpose, trx, true);
    await trx.updateTable('tokens').set({ used_at: this.clock.now() }).where('token_hash', '=', row.token_hash).execute();
    return row;
  }

  /** The account's newest token of this purpose, used or not. */
  async latest(accountId: string, purpose: TokenPurpose, db: Db = this.db): Promise<TokenRow | undefined> {
    return db
      .selectFrom('tokens')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Forgets the account's unused tokens of this purpose, but those for `keep`: their links then lead nowhere. */
  async dropUnused(trx: Db, accountId: string, purpose: TokenPurpose, keep?: string | null): Promise<void> {
    let q = trx.deleteFrom('tokens').where('account_id', '=', accountId).where('purpose', '=', purpose).where('used_at', 'is', null);
    if (keep) q = q.where('subject', '<>', keep);
    await q.execute();
  }

  /** When the account's last token of this purpose was made, and how many since `sinceMs` ago. */
  async recent(accountId: string, purpose: TokenPurpose, sinceMs: number): Promise<{ count: number; last: Date | null }> {
    const since = new Date(this.clock.now().getTime() - sinceMs);
    const r = await this.db
      .selectFrom('tokens')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('created_at').as('last')])
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return { count: Number(r.count), last: r.last ? new Date(r.last) : null };
  }

  /** Drops tokens a week past their expiry (maintenance). */
  async prune(): Promise<void> {
    await this.db
      .deleteFrom('tokens')
      .where('expires_at', '<', new Date(this.clock.now().getTime() - 7 * 24 * 3_600_000))
      .execute();
  }
}
