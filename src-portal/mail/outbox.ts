// The mail outbox: a message is queued in the same transaction as what it tells about (a registration,
// a reset), so an answer never depends on whether mail got out, and nothing is sent for a change that
// rolled back. A worker in every portal process sends what is due (see worker.ts).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import { open, seal } from './crypto.ts';
import type { OutgoingMail } from './transport.ts';
import type { OutgoingSms } from '../sms/sender.ts';

export interface QueuedMail {
  schoolId: number | null;
  /** What it is for (`confirm_email`, `password_changed` …): shown to the admin, never the content. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface QueuedSms {
  schoolId: number | null;
  /** What it is for (`login_reminder`, `sms_code` …). */
  kind: string;
  /** `+79…` */
  to: string;
  text: string;
}

/** A claimed message: a mail, or an SMS (same table, same encryption, same retries). */
export type ClaimedMessage = { id: string; attempts: number } & (
  { channel: 'mail'; mail: OutgoingMail } | { channel: 'sms'; sms: OutgoingSms }
);

export interface FailedMail {
  id: string;
  schoolId: number | null;
  kind: string;
  to: string;
  createdAt: string;
  attempts: number;
  lastError: string | null;
  /** Null while it is still being retried. */
  failedAt: string | null;
  nextAttemptAt: string | null;
}

/** Waits after the 1st, 2nd … failed attempt; after the last, the message is given up. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];

export class Outbox {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly key: Buffer;
  readonly from: string;
  /**
   * Wakes this process's worker. Call it after the transaction that queued a message committed (the
   * worker cannot see the message before); without it the message still goes out at the next poll.
   */
  kick: () => void = () => undefined;

  constructor(deps: { db: Db; clock: Clock; key: Buffer; from: string }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.key = deps.key;
    this.from = deps.from;
  }

  /** Queues a message inside the caller's transaction (`trx`). */
  async enqueue(trx: Db, mail: QueuedMail): Promise<string> {
    const id = randomUUID();
    const now = this.clock.now();
    const body: OutgoingMail = { from: this.from, to: mail.to, subject: mail.subject, text: mail.text };
    if (mail.html) body.html = mail.html;
    await trx
      .insertInto('mail_outbox')
      .values({
        id,
        school_id: mail.schoolId,
        kind: mail.kind,
        to_address: mail.to,
        body: seal(this.key, JSON.stringify(body)),
        created_at: now,
        next_attempt_at: now,
        claimed_until: null,
        sent_at: null,
        failed_at: null,
        last_error: null,
      })
      .execute();
    return id;
  }

  /** Queues an SMS inside the caller's transaction: the worker sends it like mail. */
  async enqueueSms(trx: Db, sms: QueuedSms): Promise<string> {
    const id = randomUUID();
    const now = this.clock.now();
    const body: OutgoingSms = { to: sms.to, text: sms.text };
    await trx
      .insertInto('mail_outbox')
      .values({
        id,
        school_id: sms.schoolId,
        kind: sms.kind,
        channel: 'sms',
        to_address: sms.to,
        body: seal(this.key, JSON.stringify(body)),
        created_at: now,
        next_attempt_at: now,
        claimed_until: null,
        sent_at: null,
        failed_at: null,
        last_error: null,
      })
      .execute();
    return id;
  }

  /**
   * Takes up to `limit` due messages for this worker for `leaseMs` (another process skips them; if this
   * one dies, they become due again when the lease ends).
   */
  async claim(limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    const now = this.clock.now();
    const rows = await sql<{ id: string; body: string; attempts: number; channel: 'mail' | 'sms' }>`
      UPDATE mail_outbox SET claimed_until = ${new Date(now.getTime() + leaseMs)}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM mail_outbox
        WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ${now}
          AND (claimed_until IS NULL OR claimed_until <= ${now})
        ORDER BY next_attempt_at LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, body, attempts, channel`.execute(this.db);
    return rows.rows.map((r): ClaimedMessage => {
      const body: unknown = JSON.parse(open(this.key, r.body));
      return r.channel === 'sms'
        ? { id: r.id, attempts: r.attempts, channel: 'sms', sms: body as OutgoingSms }
        : { id: r.id, attempts: r.attempts, channel: 'mail', mail: body as OutgoingMail };
    });
  }

  async sent(id: string): Promise<void> {
    await this.db
      .updateTable('mail_outbox')
      .set({ sent_at: this.clock.now(), body: null, claimed_until: null })
      .where('id', '=', id)
      .execute();
  }

  async failed(id: string, attempts: number, error: string): Promise<void> {
    const now = this.clock.now();
    const delay = RETRY_DELAYS_MS[attempts - 1];
    const giveUp = delay === undefined;
    await this.db
      .updateTable('mail_outbox')
      .set({
        last_error: error.slice(0, 500),
        claimed_until: null,
        next_attempt_at: new Date(now.getTime() + (delay ?? 0)),
        failed_at: giveUp ? now : null,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Messages that gave up, and those that failed at least once and are waiting for their next try. */
  async problems(): Promise<FailedMail[]> {
    const rows = await this.db
      .selectFrom('mail_outbox')
      .select(['id', 'school_id', 'kind', 'to_address', 'created_at', 'attempts', 'last_error', 'failed_at', 'next_attempt_at'])
      .where('sent_at', 'is', null)
      .where('last_error', 'is not', null)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      schoolId: r.school_id,
      kind: r.kind,
      to: r.to_address,
      createdAt: r.created_at.toISOString(),
      attempts: r.attempts,
      lastError: r.last_error,
      failedAt: r.failed_at?.toISOString() ?? null,
      nextAttemptAt: r.failed_at ? null : r.next_attempt_at.toISOString(),
    }));
  }

  /**
   * `mail retry`: every message `problems()` lists is due now — one still waiting for its next try
   * too (the admin who fixed the mail server expects it sent now, not after hours of backoff). Those
   * that gave up get another round of attempts; one a worker holds right now is left to it.
   */
  async retryFailed(): Promise<number> {
    const now = this.clock.now();
    const r = await this.db
      .updateTable('mail_outbox')
      .set({
        failed_at: null,
        attempts: sql<number>`CASE WHEN failed_at IS NULL THEN attempts ELSE 0 END`,
        next_attempt_at: now,
      })
      .where('sent_at', 'is', null)
      .where('last_error', 'is not', null)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
