// All SQL of the office's side of sync: the device state, the outbox the triggers fill (migration
// 0005), reading what an outbox row names as it is now, and what pulls bring down (accounts,
// redemptions, recovery events). Callers hold the transaction; nothing here awaits.
import { sql, type Db } from '../db/database.ts';
import { CHAIN_START } from '../../../src-node/sync-chain.ts';
import type { RecoveryChange } from '../../../src-shared/sync/protocol.ts';
import type { z } from '../../../src-shared/z.ts';

export interface SyncStateRow {
  schoolId: number | null;
  deviceId: string | null;
  deviceRegistered: number;
  previousDeviceId: string | null;
  pairingDeviceId: string | null;
  superseded: number;
  nextSeq: number;
  ackedSeq: number;
  ackedChain: string;
  pullCursor: number;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

export function readState(db: Db): SyncStateRow {
  return sql(
    db,
    `SELECT school_id AS schoolId, device_id AS deviceId, device_registered AS deviceRegistered, previous_device_id AS previousDeviceId,
       pairing_device_id AS pairingDeviceId, superseded, next_seq AS nextSeq, acked_seq AS ackedSeq, acked_chain AS ackedChain,
       pull_cursor AS pullCursor, last_attempt_at AS lastAttemptAt, last_success_at AS lastSuccessAt, last_error AS lastError,
       last_error_at AS lastErrorAt
     FROM sync_state WHERE id = 1`,
  ).get() as SyncStateRow;
}

/** The device id a pairing attempt uses: made once and kept until the pairing is done. */
export function pairingDevice(db: Db, fresh: string): string {
  sql(db, 'UPDATE sync_state SET pairing_device_id = coalesce(pairing_device_id, ?) WHERE id = 1').run(fresh);
  return readState(db).pairingDeviceId!;
}

/**
 * This database becomes a device of the school, numbering from 1: what it had queued is dropped and
 * a snapshot of everything is queued instead (the portal archives what the snapshot leaves out).
 */
export function startDevice(
  db: Db,
  d: { schoolId: number; deviceId: string; registered: boolean; previousDeviceId: string | null; generation: string },
): void {
  sql(
    db,
    `UPDATE sync_state SET school_id = ?, device_id = ?, device_registered = ?, previous_device_id = ?, pairing_device_id = NULL,
       superseded = 0, next_seq = 1, acked_seq = 0, acked_chain = ? WHERE id = 1`,
  ).run(d.schoolId, d.deviceId, d.registered ? 1 : 0, d.previousDeviceId, CHAIN_START);
  sql(db, 'DELETE FROM sync_outbox').run();
  enqueueSnapshot(db, d.generation);
}

function enqueueSnapshot(db: Db, generation: string): void {
  const one = sql(db, 'INSERT INTO sync_outbox (entity, key, snap) VALUES (?, ?, 1)');
  one.run('snapshot', `begin:${generation}`);
  if (sql(db, "SELECT 1 FROM settings WHERE key = 'schoolName'").get()) one.run('school', 'school');
  sql(db, "INSERT INTO sync_outbox (entity, key, snap) SELECT 'class', uid, 1 FROM classes ORDER BY id").run();
  sql(db, "INSERT INTO sync_outbox (entity, key, snap) SELECT 'person', uid, 1 FROM people WHERE kind <> 'staff' ORDER BY id").run();
  sql(
    db,
    `INSERT INTO sync_outbox (entity, key, snap) SELECT 'link', g.uid || '/' || s.uid, 1
       FROM guardianships l JOIN people g ON g.id = l.guardian_id JOIN people s ON s.id = l.student_id ORDER BY l.student_id, l.guardian_id`,
  ).run();
  sql(db, "INSERT INTO sync_outbox (entity, key, snap) SELECT 'code', uid, 1 FROM invitation_codes ORDER BY id").run();
  // Desk requests the portal has not answered yet (a request it applied is not applied again).
  sql(db, "INSERT INTO sync_outbox (entity, key, snap) SELECT 'desk', uid, 1 FROM desk_requests WHERE state = 'waiting' ORDER BY id").run();
  one.run('snapshot', `end:${generation}`);
}

export function setRegistered(db: Db, deviceId: string): void {
  sql(db, 'UPDATE sync_state SET device_registered = 1 WHERE id = 1 AND device_id = ?').run(deviceId);
}

export function setSuperseded(db: Db): void {
  sql(db, 'UPDATE sync_state SET superseded = 1 WHERE id = 1').run();
}

/**
 * Unpaired: the database is no device any more; the accounts learned so far stay for the desk, and
 * `school_id` stays as the school they came from (a pairing with another school forgets them).
 */
export function resetDevice(db: Db): void {
  sql(
    db,
    `UPDATE sync_state SET device_id = NULL, device_registered = 0, previous_device_id = NULL, pairing_device_id = NULL,
       superseded = 0, next_seq = 1, acked_seq = 0, acked_chain = ?, pull_cursor = 0, last_error = NULL, last_error_at = NULL WHERE id = 1`,
  ).run(CHAIN_START);
  sql(db, 'DELETE FROM sync_outbox').run();
}

export function recordOutcome(db: Db, at: string, error: { reason: string; params: unknown } | null): void {
  if (error) {
    sql(db, 'UPDATE sync_state SET last_attempt_at = ?, last_error = ?, last_error_at = ? WHERE id = 1').run(at, JSON.stringify(error), at);
  } else {
    sql(db, 'UPDATE sync_state SET last_attempt_at = ?, last_success_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1').run(
      at,
      at,
    );
  }
}

/** A pairing taken again: the failure that asked for it is over; the next round says how it goes. */
export function clearError(db: Db): void {
  sql(db, 'UPDATE sync_state SET last_error = NULL, last_error_at = NULL WHERE id = 1').run();
}

export function pendingCount(db: Db): number {
  return (sql(db, 'SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n;
}

/** The outbox's last row id (AUTOINCREMENT: never reused): it moves whenever a change is queued. */
export function lastQueued(db: Db): number {
  return (sql(db, "SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'").get() as { seq: number } | undefined)?.seq ?? 0;
}

/**
 * Of `ids`, the invitation codes whose change waits in the outbox: what the portal does not know about
 * them yet. Asked for the codes a card or a class shows, while the outbox may hold a first snapshot of
 * every code of the school: each is looked up in the unnumbered rows' partial index and among the few
 * rows numbered for a push (since migration 0011 the planner takes that index for `seq IS NULL`).
 */
export function pendingCodeIds(db: Db, ids: readonly number[]): Set<number> {
  if (ids.length === 0) return new Set();
  const rows = sql(
    db,
    `SELECT c.id FROM invitation_codes c WHERE c.id IN (SELECT value FROM json_each(?))
       AND (EXISTS (SELECT 1 FROM sync_outbox o
                    WHERE o.seq IS NULL AND o.entity = 'code' AND o.key = c.uid)
            OR c.uid IN (SELECT key FROM sync_outbox WHERE seq > 0 AND entity = 'code'))`,
  )
    .pluck()
    .all(JSON.stringify(ids)) as number[];
  return new Set(rows);
}

// ---- push ----------------------------------------------------------------------------------------

export interface OutboxRow {
  seq: number;
  entity: string;
  key: string;
  gone: string | null;
}

/**
 * The next push: rows already numbered (sent before, perhaps applied — they are sent again exactly
 * so), topped up to `max` with the oldest unnumbered rows, which get the next numbers now.
 */
export function stageBatch(db: Db, max: number): OutboxRow[] {
  const numbered = (sql(db, 'SELECT count(*) AS n FROM sync_outbox WHERE seq IS NOT NULL').get() as { n: number }).n;
  if (numbered < max) {
    const next = readState(db).nextSeq;
    const given = sql(
      db,
      // The rows are taken first and numbered after: a window over every unnumbered row (SQLite
      // numbers them all before the limit) made each of a first sync's ~26 pushes read the whole rest.
      `UPDATE sync_outbox SET seq = n.seq
       FROM (SELECT id, ? + row_number() OVER (ORDER BY id) - 1 AS seq
             FROM (SELECT id FROM sync_outbox WHERE seq IS NULL ORDER BY id LIMIT ?)) AS n
       WHERE sync_outbox.id = n.id`,
    ).run(next, max - numbered).changes;
    if (given) sql(db, 'UPDATE sync_state SET next_seq = ? WHERE id = 1').run(next + given);
  }
  return sql(db, 'SELECT seq, entity, key, gone FROM sync_outbox WHERE seq IS NOT NULL ORDER BY seq LIMIT ?').all(max) as OutboxRow[];
}

/** The rows numbered for sending and not yet acknowledged, in order. */
export function numberedRows(db: Db): OutboxRow[] {
  return sql(db, 'SELECT seq, entity, key, gone FROM sync_outbox WHERE seq IS NOT NULL ORDER BY seq').all() as OutboxRow[];
}

/** The portal applied everything up to `seq`, whose chain is `chain`. */
export function acknowledge(db: Db, seq: number, chain: string): number {
  const done = sql(db, 'DELETE FROM sync_outbox WHERE seq IS NOT NULL AND seq <= ?').run(seq).changes;
  sql(db, 'UPDATE sync_state SET acked_seq = max(acked_seq, ?), acked_chain = ? WHERE id = 1 AND acked_seq <= ?').run(seq, chain, seq);
  return done;
}

/** What the portal shows of the school, from the school's settings. */
const SCHOOL_KEYS = ['schoolName', 'curatorContact', 'deputyContact', 'supportHours'] as const;

export function schoolNow(db: Db): Partial<Record<(typeof SCHOOL_KEYS)[number], string>> {
  const rows = sql(db, 'SELECT key, value FROM settings WHERE key IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(SCHOOL_KEYS),
  ) as { key: string; value: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as string]));
}

export interface ClassNow {
  uid: string;
  grade: number;
  letter: string;
}

export interface PersonNow {
  uid: string;
  kind: 'student' | 'guardian' | 'staff';
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string | null;
  classUid: string | null;
  archived: number;
}

export interface LinkNow {
  key: string;
  relation: string;
}

export interface CodeNow {
  uid: string;
  code: string;
  kind: 'student' | 'parent';
  state: string;
  validUntil: string;
  revokeReason: string | null;
  replaced: number;
  studentUid: string;
  guardianUid: string | null;
}

/** What the rows of a push name, as they are now: one query per kind, keyed by uid (a link by 'g/s'). */
export interface Now {
  classes: Map<string, ClassNow>;
  people: Map<string, PersonNow>;
  links: Map<string, LinkNow>;
  codes: Map<string, CodeNow>;
}

const byKey = <T>(rows: T[], key: (r: T) => string) => new Map(rows.map((r) => [key(r), r]));

export function readNow(db: Db, rows: readonly OutboxRow[]): Now {
  const keys = (entity: string) => JSON.stringify(rows.filter((r) => r.entity === entity).map((r) => r.key));
  const classes = sql(db, 'SELECT uid, grade, letter FROM classes WHERE uid IN (SELECT value FROM json_each(?))').all(
    keys('class'),
  ) as ClassNow[];
  const people = sql(
    db,
    `SELECT p.uid, p.kind, p.surname, p.name, p.patronymic, p.birth_date AS birthDate, c.uid AS classUid,
       p.archived_at IS NOT NULL AS archived
     FROM people p LEFT JOIN classes c ON c.id = p.class_id WHERE p.uid IN (SELECT value FROM json_each(?))`,
  ).all(keys('person')) as PersonNow[];
  const links = sql(
    db,
    `WITH k AS (SELECT value AS key, substr(value, 1, 36) AS g, substr(value, 38) AS s FROM json_each(?))
     SELECT k.key, l.relation FROM k JOIN people g ON g.uid = k.g JOIN people s ON s.uid = k.s
       JOIN guardianships l ON l.guardian_id = g.id AND l.student_id = s.id`,
  ).all(keys('link')) as LinkNow[];
  const codes = sql(
    db,
    `SELECT c.uid, c.code, c.kind, c.state, c.valid_until AS validUntil, c.revoke_reason AS revokeReason,
       c.replaced_by IS NOT NULL AS replaced, s.uid AS studentUid, g.uid AS guardianUid
     FROM invitation_codes c JOIN people s ON s.id = c.student_id LEFT JOIN people g ON g.id = c.guardian_id
     WHERE c.uid IN (SELECT value FROM json_each(?))`,
  ).all(keys('code')) as CodeNow[];
  return {
    classes: byKey(classes, (r) => r.uid),
    people: byKey(people, (r) => r.uid),
    links: byKey(links, (r) => r.key),
    codes: byKey(codes, (r) => r.uid),
  };
}

// ---- pull ----------------------------------------------------------------------------------------

export function setPullCursor(db: Db, cursor: number): void {
  sql(db, 'UPDATE sync_state SET pull_cursor = max(pull_cursor, ?) WHERE id = 1').run(cursor);
}

/** Another school's change log: read from its beginning. */
export function restartPull(db: Db): void {
  sql(db, 'UPDATE sync_state SET pull_cursor = 0 WHERE id = 1').run();
}

/**
 * What came down from a school the office no longer syncs with: its accounts and their recovery
 * events are not on the school it pairs with now, and a code used there counts as registered no more —
 * revoked (who used it kept), so the next snapshot has the new school refuse it and the desk may issue
 * a new one. Returns how many of each.
 */
export function forgetSchoolMirror(db: Db, at: string, reason: string): { accounts: number; codes: number } {
  sql(db, 'DELETE FROM portal_recovery_events').run();
  const accounts = sql(db, 'DELETE FROM portal_accounts').run().changes;
  const codes = sql(db, "UPDATE invitation_codes SET state = 'revoked', revoked_at = ?, revoke_reason = ? WHERE state = 'redeemed'").run(
    at,
    reason,
  ).changes;
  return { accounts, codes };
}

export interface AccountRow {
  uid: string;
  personUid: string;
  login: string;
  kind: 'student' | 'parent';
  childUids: string[];
  email: string | null;
  emailConfirmed: boolean;
  phone: string | null;
  phoneConfirmed: boolean;
  registeredAt: string;
  lastSignInAt: string | null;
  disabled: boolean;
}

export function upsertAccount(db: Db, a: AccountRow, cursor: number): void {
  sql(
    db,
    `INSERT INTO portal_accounts (uid, person_uid, login, kind, child_uids, email, email_confirmed, phone, phone_confirmed, registered_at,
       last_sign_in_at, disabled, cursor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (uid) DO UPDATE SET person_uid = excluded.person_uid, login = excluded.login, kind = excluded.kind,
       child_uids = excluded.child_uids, email = excluded.email, email_confirmed = excluded.email_confirmed, phone = excluded.phone,
       phone_confirmed = excluded.phone_confirmed, registered_at = excluded.registered_at, last_sign_in_at = excluded.last_sign_in_at,
       disabled = excluded.disabled, cursor = excluded.cursor
     WHERE excluded.cursor > portal_accounts.cursor`,
  ).run(
    a.uid,
    a.personUid,
    a.login,
    a.kind,
    JSON.stringify(a.childUids),
    a.email,
    a.emailConfirmed ? 1 : 0,
    a.phone,
    a.phoneConfirmed ? 1 : 0,
    a.registeredAt,
    a.lastSignInAt,
    a.disabled ? 1 : 0,
    cursor,
  );
}

/** A code used on the portal; one the desk revoked meanwhile stays revoked, but says who used it. */
export function markRedeemed(db: Db, r: { codeUid: string; accountUid: string; login: string; at: string }): void {
  sql(
    db,
    `UPDATE invitation_codes SET state = CASE state WHEN 'revoked' THEN 'revoked' ELSE 'redeemed' END,
       redeemed_at = ?, redeemed_login = ?, redeemed_account = ? WHERE uid = ?`,
  ).run(r.at, r.login, r.accountUid, r.codeUid);
}

/** A recovery event on a portal account (#8); the same event pulled again changes nothing. */
export function addRecoveryEvent(db: Db, e: Omit<z.infer<typeof RecoveryChange>, 'type'>, cursor: number): void {
  sql(
    db,
    `INSERT INTO portal_recovery_events (uid, account_uid, login, at, action, channel, outcome, network, cursor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING`,
  ).run(e.uid, e.accountUid, e.login, e.at, e.action, e.channel, e.outcome, e.network, cursor);
}

export const personIdByUid = (db: Db, uid: string): number | undefined =>
  (sql(db, 'SELECT id FROM people WHERE uid = ?').get(uid) as { id: number } | undefined)?.id;

// ---- one round at a time -------------------------------------------------------------------------

/** Takes the round for `holder` ('pid:token') when no one holds it, its holder is gone, or it lapsed. */
export function takeRound(db: Db, holder: string, now: string, until: string, holderAlive: (holder: string) => boolean): boolean {
  const current = sql(db, 'SELECT round_holder AS holder, round_until AS until FROM sync_state WHERE id = 1').get() as {
    holder: string | null;
    until: string | null;
  };
  if (current.holder && current.holder !== holder && current.until! > now && holderAlive(current.holder)) return false;
  sql(db, 'UPDATE sync_state SET round_holder = ?, round_until = ? WHERE id = 1').run(holder, until);
  return true;
}

export function releaseRound(db: Db, holder: string): void {
  sql(db, 'UPDATE sync_state SET round_holder = NULL, round_until = NULL WHERE id = 1 AND round_holder = ?').run(holder);
}
