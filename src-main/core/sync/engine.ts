// One sync round: make sure this database is the school's registered device, push the outbox until it
// is empty, then pull the portal's changes until there are no more. A restored or copied database
// (the portal says it is behind, forked, or has a gap) continues as a new device with a snapshot.
import { randomUUID } from 'node:crypto';
import { tx } from '../db/database.ts';
import { AppError } from '../../../src-shared/result.ts';
import { DeviceState, MAX_PULL_CHANGES, PROTOCOL_VERSION, PullPage, PushResponse } from '../../../src-shared/sync/protocol.ts';
import { chainNext } from '../../../src-node/sync-chain.ts';
import { z } from '../../../src-shared/z.ts';
import type { PortalPairing } from '../secrets/key-file.ts';
import type { PortalClient } from './client.ts';
import { entriesOf } from './entries.ts';
import { applyPage, becomeDevice, type PullDeps } from './pull.ts';
import { sendHead } from './anchor.ts';
import * as store from './store.ts';

export interface RoundResult {
  pushed: number;
  pulled: number;
  pending: number;
}

/** A round's bar: changes sent of those waiting, then changes taken (the portal does not say how many are left). */
export type RoundProgress = (phase: 'push' | 'pull', done: number, total: number) => void;

export interface RoundContext extends PullDeps {
  pairing: PortalPairing;
  client: PortalClient;
  progress?: RoundProgress;
}

/** A round gives up rather than loop for ever: 2,000 pushes of 500 are a million changes. */
const MAX_CALLS = 2000;
/** Reasons that mean this database is not what the portal knows of this device. */
const RENEW = new Set(['sync.device_behind', 'sync.device_forked', 'sync.gap']);

const reasonOf = (e: unknown): string | null => (e instanceof AppError ? e.reason : null);

export async function runRound(ctx: RoundContext): Promise<RoundResult> {
  await ensureDevice(ctx);
  if (!(await inStep(ctx))) {
    renewDevice(ctx, ctx.pairing.schoolId);
    await ensureDevice(ctx);
  }
  const pushed = await pushAll(ctx);
  const pulled = await pullAll(ctx);
  // Last: the head then includes what the pull journaled.
  await sendHead(ctx);
  return { pushed, pulled, pending: store.pendingCount(ctx.db) };
}

/** This database as the school's registered device: a pairing finished, a new device announced. */
async function ensureDevice(ctx: RoundContext): Promise<void> {
  const { db, pairing } = ctx;
  let state = store.readState(db);
  if (state.superseded) throw new AppError('sync.device_superseded');
  if (state.deviceId === null || state.schoolId !== pairing.schoolId) {
    // Paired on the portal, but this database does not know it yet: the pairing was cut short by a
    // crash (its device id is kept), or the database was restored from before the pairing.
    const paired = state.pairingDeviceId;
    tx(db, () =>
      becomeDevice(ctx, {
        schoolId: pairing.schoolId,
        deviceId: paired ?? randomUUID(),
        registered: paired !== null,
        previousDeviceId: null,
        generation: randomUUID(),
      }),
    );
    state = store.readState(db);
  }
  if (state.deviceRegistered) return;
  try {
    await ctx.client.call(
      'POST',
      'new-device',
      { protocol: PROTOCOL_VERSION, deviceId: state.deviceId, replaces: state.previousDeviceId },
      z.object({ deviceId: z.string() }),
    );
  } catch (e) {
    if (reasonOf(e) === 'sync.device_superseded') store.setSuperseded(db);
    throw e;
  }
  store.setRegistered(db, state.deviceId!);
}

/**
 * Whether this database is where the portal thinks this device is: the portal's last number must be
 * one this database acknowledged or has numbered (a lost answer), with the same chain there. A
 * database restored from a backup is behind; a copy that went its own way disagrees on the chain;
 * a portal restored from its backup is behind this database — in each case the office starts over
 * as a new device. What the portal applied of a lost answer is acknowledged here.
 */
async function inStep(ctx: RoundContext): Promise<boolean> {
  const { db } = ctx;
  const there = await ctx.client.call('GET', 'device', undefined, DeviceState);
  const state = store.readState(db);
  if (there.deviceId !== state.deviceId) {
    store.setSuperseded(db);
    throw new AppError('sync.device_superseded');
  }
  if (there.lastSeq < state.ackedSeq) return false;
  if (there.lastSeq === state.ackedSeq) return there.lastChain === state.ackedChain;
  let chain = state.ackedChain;
  for (const row of store.numberedRows(db)) {
    chain = chainNext(chain, row.seq, row.entity, row.key);
    if (row.seq === there.lastSeq) {
      if (chain !== there.lastChain) return false;
      tx(db, () => store.acknowledge(db, row.seq, chain));
      return true;
    }
  }
  return false;
}

/**
 * Continue as a new device: a fresh id, numbers from 1, a snapshot first; the portal is told next.
 * It replaces `replaces` when given (a restore knows the device the database had before), else the
 * device this database was.
 */
export function renewDevice(deps: PullDeps, schoolId: number, replaces?: string | null): void {
  const { db } = deps;
  tx(db, () => {
    const state = store.readState(db);
    becomeDevice(deps, {
      schoolId,
      deviceId: randomUUID(),
      registered: false,
      previousDeviceId: replaces ?? (state.deviceRegistered ? state.deviceId : state.previousDeviceId),
      generation: randomUUID(),
    });
  });
}

async function pushAll(ctx: RoundContext): Promise<number> {
  const { db } = ctx;
  const codeKey = Buffer.from(ctx.pairing.codeKey, 'base64url');
  let pushed = 0;
  let renewed = 0;
  // As many as the portal takes: it said so in its answer to `GET device`, asked before this.
  const stage = () => ({ rows: store.stageBatch(db, ctx.client.pushLimit), state: store.readState(db) });
  let next = tx(db, stage);
  const total = () => pushed + store.pendingCount(db);
  ctx.progress?.('push', 0, total());
  for (let calls = 0; calls < MAX_CALLS && next.rows.length > 0; calls++) {
    const { rows, state } = next;
    const entries = entriesOf(db, rows, state.ackedChain, codeKey);
    try {
      const body = { protocol: PROTOCOL_VERSION, deviceId: state.deviceId, entries };
      const { appliedThrough } = await ctx.client.call('POST', 'push', body, PushResponse);
      const last = entries.find((e) => e.seq === appliedThrough);
      if (!last) throw new AppError('sync.bad_answer');
      // The acknowledgement and the next push's numbers in one transaction (one disk flush, not two).
      next = tx(db, () => {
        pushed += store.acknowledge(db, appliedThrough, last.chain);
        return stage();
      });
      ctx.progress?.('push', pushed, total());
    } catch (e) {
      const reason = reasonOf(e);
      if (reason === 'sync.device_superseded') store.setSuperseded(db);
      if (!reason || !RENEW.has(reason) || renewed++ >= 2) throw e;
      renewDevice(ctx, ctx.pairing.schoolId);
      await ensureDevice(ctx);
      next = tx(db, stage);
    }
  }
  return pushed;
}

async function pullAll(ctx: RoundContext): Promise<number> {
  let pulled = 0;
  for (let calls = 0; calls < MAX_CALLS; calls++) {
    const after = store.readState(ctx.db).pullCursor;
    const page = await ctx.client.call('GET', `pull?after=${after}&limit=${MAX_PULL_CHANGES}`, undefined, PullPage);
    pulled += applyPage(ctx, page);
    ctx.progress?.('pull', pulled, pulled);
    if (!page.more) break;
  }
  return pulled;
}
