// Every recovery event is kept on its account (time, action, channel, outcome, network) and goes down
// to the office in the same transaction, so the desk sees «восстановление пароля по SMS 12.09 10:41».
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import { appendChange } from '../changes/log.ts';
import { RecoveryChange, type RECOVERY_ACTIONS, type RECOVERY_OUTCOMES } from '../../src-shared/sync/protocol.ts';

export interface RecoveryEvent {
  action: (typeof RECOVERY_ACTIONS)[number];
  channel: 'email' | 'sms';
  outcome: (typeof RECOVERY_OUTCOMES)[number];
  network: string;
  /**
   * The address or phone a message went to (`sent` only): the hourly cap counts the events that have
   * one, so an event about a message another event already counted (the link in a «both» letter) has none.
   */
  target?: string | null;
}

export async function recordEvent(
  trx: Db,
  clock: Clock,
  account: { id: string; school_id: number; login: string },
  e: RecoveryEvent,
): Promise<void> {
  const id = randomUUID();
  const at = clock.now();
  await trx
    .insertInto('recovery_events')
    .values({
      id,
      school_id: account.school_id,
      account_id: account.id,
      at,
      action: e.action,
      channel: e.channel,
      outcome: e.outcome,
      target: e.outcome === 'sent' ? (e.target ?? null) : null,
      network: e.network,
    })
    .execute();
  const change = RecoveryChange.parse({
    type: 'recovery',
    uid: id,
    accountUid: account.id,
    login: account.login,
    at: at.toISOString(),
    action: e.action,
    channel: e.channel,
    outcome: e.outcome,
    network: e.network,
  });
  await appendChange(trx, clock, account.school_id, change.type, change);
}

/**
 * Messages sent to this account or this address/phone in the last hour, and when the next may go
 * (`waitMs` 0: now). Runs the same query for an unknown account (a fresh id), so both cost the same.
 */
export async function messageBudget(
  db: Db,
  clock: Clock,
  accountId: string,
  target: string,
  perHour: number,
): Promise<{ ok: boolean; waitMs: number }> {
  const now = clock.now().getTime();
  const since = new Date(now - 3_600_000);
  const rows = await sql<{ at: Date }>`
    SELECT at FROM recovery_events
    WHERE outcome = 'sent' AND target IS NOT NULL AND at > ${since} AND (account_id = ${accountId} OR target = ${target})
    ORDER BY at DESC LIMIT ${perHour}`.execute(db);
  if (rows.rows.length < perHour) return { ok: true, waitMs: 0 };
  const oldest = new Date(rows.rows.at(-1)!.at).getTime();
  return { ok: false, waitMs: Math.max(1, oldest + 3_600_000 - now) };
}
