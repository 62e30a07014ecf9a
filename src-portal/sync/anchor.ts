// The office journal's head, anchored on the portal with every sync round (#11; protocol: `AuditHead`).
// The portal cannot check a head (it never sees the journal): it remembers the newest one per school
// and never lets it go back silently. A head from the same device that is behind the one held, the
// same number with another hash, or one whose `previous` (the office's row at the held number) is not
// the held head, is refused and kept as evidence beside the held head, which stays; a new
// device (a restored or copied database) starts a new head, the old one kept as evidence; a head a
// device moves past is kept as a checkpoint once a day. `audit verify` checks the held head and the
// device's earlier ones.
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { AnchorAnswer, AnchorRequest, PortalAnchor } from '../../src-shared/sync/protocol.ts';
import type { z } from '../../src-shared/z.ts';
import type { AuditAnchorsTable } from './tables.ts';

type Held = Selectable<AuditAnchorsTable>;
type Outcome = z.infer<typeof AnchorAnswer>['outcome'];

const DAY_MS = 24 * 60 * 60_000;
/** Most earlier heads `GET anchor` returns (the newest): years of daily checkpoints. */
const MAX_EARLIER = 1000;

/** Stores `head` sent by `deviceId` (the school's current device; the caller holds its pairing row locked). */
export async function storeHead(
  trx: Db,
  now: Date,
  schoolId: number,
  deviceId: string,
  { head, previous }: Pick<z.infer<typeof AnchorRequest>, 'head' | 'previous'>,
): Promise<Outcome> {
  const held = await trx.selectFrom('audit_anchors').selectAll().where('school_id', '=', schoolId).executeTakeFirst();
  const fresh = { device_id: deviceId, head_id: head.id, head_hash: head.hash, head_mac: head.mac, received_at: now, confirmed_at: now };
  if (!held) {
    await trx
      .insertInto('audit_anchors')
      .values({ school_id: schoolId, ...fresh })
      .execute();
    return 'stored';
  }
  if (held.device_id !== deviceId) {
    await keep(trx, now, held, 'replaced', { deviceId, head });
    await replace(trx, schoolId, fresh);
    return 'replaced';
  }
  if (head.id === held.head_id && head.hash === held.head_hash) {
    await trx.updateTable('audit_anchors').set({ confirmed_at: now }).where('school_id', '=', schoolId).execute();
    return 'same';
  }
  const standsOnHeld = previous !== null && previous.id === held.head_id && previous.hash === held.head_hash;
  if (head.id <= held.head_id || !standsOnHeld) {
    // The first refusal over a held head is the evidence; the same every minute after it adds nothing.
    const known = await trx
      .selectFrom('audit_anchor_evidence')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('kind', '=', 'refused')
      .where('device_id', '=', held.device_id)
      .where('head_id', '=', held.head_id)
      .where('head_hash', '=', held.head_hash)
      .executeTakeFirst();
    if (!known) await keep(trx, now, held, 'refused', { deviceId, head });
    return 'refused';
  }
  if (await checkpointDue(trx, held)) await keep(trx, now, held, 'checkpoint', null);
  await replace(trx, schoolId, fresh);
  return 'stored';
}

/** The head held and the earlier heads of the same device that the journal must still have. */
export async function heldHeads(db: Db, schoolId: number, limit = MAX_EARLIER): Promise<PortalAnchor> {
  const held = await db.selectFrom('audit_anchors').selectAll().where('school_id', '=', schoolId).executeTakeFirst();
  if (!held) return { head: null, earlier: [] };
  const earlier = await db
    .selectFrom('audit_anchor_evidence')
    .select(['kind', 'device_id', 'head_id', 'head_hash', 'head_mac', 'held_since'])
    .where('school_id', '=', schoolId)
    .where('device_id', '=', held.device_id)
    .where('kind', 'in', ['checkpoint', 'refused'])
    .orderBy('at', 'desc')
    .limit(Math.min(Math.max(limit, 0), MAX_EARLIER))
    .execute();
  return {
    head: { deviceId: held.device_id, id: held.head_id, hash: held.head_hash, mac: held.head_mac, at: held.received_at.toISOString() },
    earlier: earlier.map((e) => ({
      kind: e.kind as 'checkpoint' | 'refused',
      deviceId: e.device_id,
      id: e.head_id,
      hash: e.head_hash,
      mac: e.head_mac,
      at: e.held_since.toISOString(),
    })),
  };
}

/** A head moved past is kept when the device's last checkpoint is a day older than it (or there is none). */
async function checkpointDue(trx: Db, held: Held): Promise<boolean> {
  const last = await trx
    .selectFrom('audit_anchor_evidence')
    .select('held_since')
    .where('school_id', '=', held.school_id)
    .where('device_id', '=', held.device_id)
    .where('kind', '=', 'checkpoint')
    .orderBy('held_since', 'desc')
    .limit(1)
    .executeTakeFirst();
  return !last || held.received_at.getTime() - last.held_since.getTime() >= DAY_MS;
}

async function replace(trx: Db, schoolId: number, fresh: Omit<Held, 'school_id'>): Promise<void> {
  await trx.updateTable('audit_anchors').set(fresh).where('school_id', '=', schoolId).execute();
}

async function keep(
  trx: Db,
  now: Date,
  held: Held,
  kind: 'checkpoint' | 'refused' | 'replaced',
  sent: { deviceId: string; head: { id: number; hash: string } } | null,
): Promise<void> {
  await trx
    .insertInto('audit_anchor_evidence')
    .values({
      id: randomUUID(),
      school_id: held.school_id,
      kind,
      at: now,
      device_id: held.device_id,
      head_id: held.head_id,
      head_hash: held.head_hash,
      head_mac: held.head_mac,
      held_since: held.received_at,
      sent_device_id: sent?.deviceId ?? null,
      sent_id: sent?.head.id ?? null,
      sent_hash: sent?.head.hash ?? null,
    })
    .execute();
}
