// The portal's side of sync protocol v1 (src-shared/sync/protocol.ts; DEVELOPERS.md «Sync»): pairing
// an office with its school, the office's device (a restored or copied database becomes a new one),
// pushes applied exactly once (the device's last sequence number and chain stored in the transaction
// that applies them), and pulls from the change log.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import type { PortalSecrets } from '../secrets.ts';
import type { Schools, School } from '../schools/service.ts';
import { tokenDigest, urlToken } from '../../src-node/tokens.ts';
import { readTypedToken } from '../../src-shared/tokens/typed.ts';
import { CHAIN_START, chainNext } from '../../src-node/sync-chain.ts';
import { AppError } from '../../src-shared/result.ts';
import { codeKeyOf } from '../roster/queries.ts';
import { readChanges } from '../changes/log.ts';
import { entryKey, MAX_PULL_CHANGES, type Entry } from '../../src-shared/sync/protocol.ts';
import { parseSchoolAddress } from '../../src-shared/sync/address.ts';
import type { z } from '../../src-shared/z.ts';
import type {
  AnchorRequest,
  NewDeviceRequest,
  PairRequest,
  PairResponse,
  PortalAnchor,
  PullResponse,
  PushRequest,
} from '../../src-shared/sync/protocol.ts';
import { applyEntries, type ApplyContext } from './apply.ts';
import { heldHeads, storeHead } from './anchor.ts';
import type { SyncPairingsTable } from './tables.ts';
import type { Selectable } from 'kysely';

type Pairing = Selectable<SyncPairingsTable>;

export class PortalSync {
  /** Called after a push committed, with the numbers it applied (tests check each is applied once). */
  onApplied: ((schoolId: number, deviceId: string, seqs: number[]) => void) | null = null;
  /** Desk requests (#9): applied inside the push's transaction; `committed` after it commits. */
  desk: { apply: NonNullable<ApplyContext['desk']>; committed(): void } | null = null;
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly secrets: PortalSecrets;
  private readonly schools: Schools;

  constructor(deps: { db: Db; clock: Clock; secrets: PortalSecrets; schools: Schools }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.secrets = deps.secrets;
    this.schools = deps.schools;
    // A new pairing key also revokes the office's sync secret: that office must pair again.
    deps.schools.hooks.onNewKey.push((trx, schoolId) => this.forget(trx, schoolId));
    deps.schools.hooks.paired.push(async (db, schoolId) => (await pairingOf(db, schoolId)) !== undefined);
  }

  /**
   * The office pairs with its one-time key and a device id of its own making. Refused while another
   * office is paired; the same device asking again (its first answer was lost) gets a new secret.
   */
  async pair(school: School, req: z.infer<typeof PairRequest>): Promise<z.infer<typeof PairResponse>> {
    const typed = readTypedToken(req.pairingKey);
    if (!school.pairing_key_hash || !typed || !sameDigest(tokenDigest(typed), school.pairing_key_hash)) throw new AppError('sync.bad_key');
    if (req.address !== undefined && !samePage(req.address, school))
      throw new AppError('sync.pair_wrong_address', { address: school.address });
    const secret = urlToken(32);
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await sql`SELECT id FROM schools WHERE id = ${school.id} FOR UPDATE`.execute(trx);
      const current = await pairingOf(trx, school.id);
      if (current && current.device_id !== req.deviceId) throw new AppError('sync.already_paired');
      const known = await trx
        .selectFrom('sync_devices')
        .select('superseded_at')
        .where('school_id', '=', school.id)
        .where('device_id', '=', req.deviceId)
        .executeTakeFirst();
      if (known?.superseded_at) throw new AppError('sync.device_superseded');
      const fresh = { secret_hash: tokenDigest(secret), device_id: req.deviceId, last_seq: 0, last_chain: CHAIN_START };
      await trx
        .insertInto('sync_pairings')
        .values({ school_id: school.id, ...fresh, generation: randomUUID(), paired_at: now })
        .onConflict((oc) => oc.column('school_id').doUpdateSet({ ...fresh, paired_at: now }))
        .execute();
      if (!known) await trx.insertInto('sync_devices').values({ school_id: school.id, device_id: req.deviceId, created_at: now }).execute();
    });
    return {
      schoolId: school.id,
      schoolName: school.name,
      syncSecret: secret,
      codeKey: codeKeyOf(this.secrets, school.id).toString('base64url'),
    };
  }

  /** The pairing a sync secret belongs to; every call but `pair` is authenticated so. */
  async authenticate(schoolId: number, authorization: string | undefined): Promise<Pairing> {
    return checkSecret(await pairingOf(this.db, schoolId), authorization);
  }

  /** The office unpairs: its secret stops working, and another office may pair with the school's key. */
  async unpair(pairing: Pairing): Promise<void> {
    await this.db.transaction().execute((trx) => this.forget(trx, pairing.school_id));
  }

  private async forget(trx: Db, schoolId: number): Promise<void> {
    await trx.deleteFrom('sync_pairings').where('school_id', '=', schoolId).execute();
    await trx
      .updateTable('sync_devices')
      .set({ superseded_at: this.clock.now() })
      .where('school_id', '=', schoolId)
      .where('superseded_at', 'is', null)
      .execute();
  }

  /**
   * A restored or copied database found itself behind or forked: it continues as a new device (a
   * snapshot follows), replacing the current one. Asking again for the same new device is fine; a
   * device that was itself replaced cannot take the school back.
   */
  async newDevice(pairing: Pairing, req: z.infer<typeof NewDeviceRequest>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const current = await lockPairing(trx, pairing.school_id);
      if (current.device_id === req.deviceId) return;
      const seen = await trx
        .selectFrom('sync_devices')
        .select('device_id')
        .where('school_id', '=', current.school_id)
        .where('device_id', '=', req.deviceId)
        .executeTakeFirst();
      if (seen || req.replaces !== current.device_id) throw new AppError('sync.device_superseded');
      const now = this.clock.now();
      await trx
        .updateTable('sync_devices')
        .set({ superseded_at: now })
        .where('school_id', '=', current.school_id)
        .where('device_id', '=', current.device_id)
        .execute();
      await trx.insertInto('sync_devices').values({ school_id: current.school_id, device_id: req.deviceId, created_at: now }).execute();
      await trx
        .updateTable('sync_pairings')
        .set({ device_id: req.deviceId, last_seq: 0, last_chain: CHAIN_START })
        .where('school_id', '=', current.school_id)
        .execute();
    });
  }

  /**
   * Applies a push: entries the device sent before (up to its last sequence number, agreeing with its
   * chain there) are skipped, new ones applied in order, and the new last number and chain stored in
   * the same transaction. Returns the last number applied.
   */
  async push(schoolId: number, authorization: string | undefined, req: z.infer<typeof PushRequest>): Promise<number> {
    const entries = req.entries;
    entries.forEach((e, i) => {
      if (i > 0 && e.seq !== entries[i - 1]!.seq + 1) throw new AppError('sync.bad_request');
    });
    let applied: number[] = [];
    const through = await this.db.transaction().execute(async (trx) => {
      // Authenticated on the locked row itself: one query less per push (a first sync is dozens).
      const current = checkSecret(await lockPairing(trx, schoolId), authorization);
      if (current.device_id !== req.deviceId) throw new AppError('sync.device_superseded');
      const fresh = checkSequence(current, entries);
      if (fresh.length === 0) return current.last_seq;
      const now = this.clock.now();
      const desk = this.desk ? (t: Db, s: number, e: Parameters<NonNullable<ApplyContext['desk']>>[2]) => this.desk!.apply(t, s, e) : null;
      const ctx = { trx, schoolId: current.school_id, now, schools: this.schools, desk };
      const generation = await applyEntries(ctx, current.generation, fresh);
      const last = fresh.at(-1)!;
      await trx
        .updateTable('sync_pairings')
        .set({ last_seq: last.seq, last_chain: last.chain, generation, last_push_at: now })
        .where('school_id', '=', current.school_id)
        .execute();
      applied = fresh.map((e) => e.seq);
      return last.seq;
    });
    if (applied.length) {
      this.desk?.committed();
      this.onApplied?.(schoolId, req.deviceId, applied);
    }
    return through;
  }

  /**
   * The office journal's head, sent with every round by the school's current device (see anchor.ts):
   * stored on the locked pairing row, so heads of one school are taken one at a time.
   */
  async anchor(schoolId: number, authorization: string | undefined, req: z.infer<typeof AnchorRequest>) {
    return this.db.transaction().execute(async (trx) => {
      const current = checkSecret(await lockPairing(trx, schoolId), authorization);
      if (current.device_id !== req.deviceId) throw new AppError('sync.device_superseded');
      return { outcome: await storeHead(trx, this.clock.now(), current.school_id, req.deviceId, req) };
    });
  }

  /** What the portal holds of the office journal's head, for `audit verify`. */
  async heldAnchor(pairing: Pairing, earlier?: number): Promise<z.infer<typeof PortalAnchor>> {
    return heldHeads(this.db, pairing.school_id, earlier);
  }

  /** A page of the change log after `after`, in commit order. */
  async pull(pairing: Pairing, after: number, limit: number): Promise<z.infer<typeof PullResponse>> {
    const n = Math.min(Math.max(limit, 1), MAX_PULL_CHANGES);
    const rows = await readChanges(this.db, pairing.school_id, after, n + 1);
    const page = rows.slice(0, n);
    // A change's payload is its body without the type (changes/log.ts): the office parses it by type.
    const changes = page.map((r) => ({ ...r.payload, cursor: r.cursor, type: r.type })) as z.infer<typeof PullResponse>['changes'];
    return { changes, next: page.at(-1)?.cursor ?? after, more: rows.length > n };
  }
}

/** The pairing, if the Bearer token is its sync secret. */
function checkSecret(pairing: Pairing | undefined, authorization: string | undefined): Pairing {
  const secret = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (!secret || !pairing || !sameDigest(tokenDigest(secret), pairing.secret_hash)) throw new AppError('sync.unpaired');
  return pairing;
}

async function pairingOf(db: Db, schoolId: number): Promise<Pairing | undefined> {
  return db.selectFrom('sync_pairings').selectAll().where('school_id', '=', schoolId).executeTakeFirst();
}

/** The pairing row, locked until the transaction ends: one push of a school at a time. */
async function lockPairing(trx: Db, schoolId: number): Promise<Pairing> {
  const row = await trx.selectFrom('sync_pairings').selectAll().where('school_id', '=', schoolId).forUpdate().executeTakeFirst();
  if (!row) throw new AppError('sync.unpaired');
  return row;
}

/**
 * Which entries are new: a push must start at most one past what the device sent before (else a gap);
 * one that starts earlier must reach the last applied number (else the database is behind: restored)
 * and agree with the chain there (else it is a copy that went its own way); the chain must run on
 * through the push.
 */
export function checkSequence(current: { last_seq: number; last_chain: string }, entries: readonly Entry[]): Entry[] {
  const first = entries[0]!;
  const lastSeq = current.last_seq;
  if (first.seq > lastSeq + 1) throw new AppError('sync.gap', { expected: lastSeq + 1 });
  if (entries.at(-1)!.seq < lastSeq) throw new AppError('sync.device_behind');
  let previous = first.seq === lastSeq + 1 ? current.last_chain : null;
  for (const e of entries) {
    if (previous !== null && e.chain !== chainNext(previous, e.seq, e.entity, entryKey(e))) throw new AppError('sync.device_forked');
    if (e.seq === lastSeq && e.chain !== current.last_chain) throw new AppError('sync.device_forked');
    previous = e.chain;
  }
  return entries.filter((e) => e.seq > lastSeq);
}

function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The office's address names the school's page (host and prefix brought the request here already). */
function samePage(address: string, school: School): boolean {
  const location = parseSchoolAddress(address);
  return typeof location !== 'string' && location.landing === school.landing;
}
