// Six-digit codes sent by SMS (a new password, a phone's confirmation): a keyed digest in the table
// (a plain hash of six digits is reversed by trying a million), 10 minutes, at most 5 wrong tries, used
// once. Only the newest code of an account and purpose counts.
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import { AppError } from '../../src-shared/result.ts';
import type { SmsCodePurpose } from './tables.ts';

export const SMS_CODE_TTL_MS = 10 * 60_000;
export const SMS_CODE_TRIES = 5;

export class SmsCodes {
  private readonly clock: Clock;
  private readonly key: Buffer;

  constructor(clock: Clock, key: Buffer) {
    this.clock = clock;
    this.key = key;
  }

  private digest(id: string, code: string): string {
    return createHmac('sha256', this.key).update(`${id}:${code}`).digest('hex');
  }

  /** A new code in the caller's transaction; returns the six digits (for the SMS only). */
  async issue(trx: Db, c: { accountId: string; purpose: SmsCodePurpose; phone: string }): Promise<string> {
    const id = randomUUID();
    const code = String(randomInt(1_000_000)).padStart(6, '0');
    const now = this.clock.now();
    await trx
      .insertInto('sms_codes')
      .values({
        id,
        account_id: c.accountId,
        purpose: c.purpose,
        phone: c.phone,
        code_hash: this.digest(id, code),
        created_at: now,
        expires_at: new Date(now.getTime() + SMS_CODE_TTL_MS),
      })
      .execute();
    return code;
  }

  /** How many codes of this purpose the account was sent in the last hour. */
  async sentLastHour(db: Db, accountId: string, purpose: SmsCodePurpose): Promise<{ count: number; oldest: Date | null }> {
    const rows = await db
      .selectFrom('sms_codes')
      .select('created_at')
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('created_at', '>', new Date(this.clock.now().getTime() - 3_600_000))
      .orderBy('created_at')
      .execute();
    return { count: rows.length, oldest: rows[0]?.created_at ?? null };
  }

  /**
   * Checks `typed` against the newest code (locked in the caller's transaction). Right: the code is
   * used up and its phone returned. Wrong: one try fewer — the refusal says how many are left, and a
   * code out of tries (or time) is refused as used up. `wrong` tells the caller what happened, so it
   * can record it in the same transaction before the refusal is thrown.
   */
  async use(
    trx: Db,
    accountId: string,
    purpose: SmsCodePurpose,
    typed: string,
  ): Promise<{ phone: string } | { wrong: AppError; exhausted: boolean }> {
    const now = this.clock.now();
    const row = await trx
      .selectFrom('sms_codes')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .orderBy('created_at', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.used_at || row.expires_at <= now || row.attempts >= SMS_CODE_TRIES) {
      return { wrong: new AppError('recover.code_used_up', { field: 'code' }), exhausted: false };
    }
    const clean = typed.replace(/\D/g, '');
    const a = Buffer.from(this.digest(row.id, clean));
    const b = Buffer.from(row.code_hash);
    if (clean.length === 6 && a.length === b.length && timingSafeEqual(a, b)) {
      await trx.updateTable('sms_codes').set({ used_at: now }).where('id', '=', row.id).execute();
      return { phone: row.phone };
    }
    const attempts = row.attempts + 1;
    await trx.updateTable('sms_codes').set({ attempts }).where('id', '=', row.id).execute();
    const left = SMS_CODE_TRIES - attempts;
    return left > 0
      ? { wrong: new AppError('recover.code_wrong', { left }, { field: 'code' }), exhausted: false }
      : { wrong: new AppError('recover.code_used_up', { field: 'code' }), exhausted: true };
  }

  /** Drops codes a day past their expiry (maintenance). */
  async prune(db: Db): Promise<void> {
    await db
      .deleteFrom('sms_codes')
      .where('expires_at', '<', new Date(this.clock.now().getTime() - 24 * 3_600_000))
      .execute();
  }
}
