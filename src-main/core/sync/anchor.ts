// The journal's head anchored on the portal (#11): sent at the end of every round (read from the
// database, so rows another process wrote — the CLI beside the app — go up too), and checked by
// `audit verify` against what the portal holds. The portal never lets it go back silently; see
// src-portal/sync/anchor.ts.
import { AnchorAnswer, PortalAnchor, PROTOCOL_VERSION } from '../../../src-shared/sync/protocol.ts';
import type { AuditVerifyResult, PortalAnchorCheck } from '../../../src-shared/rpc/types.ts';
import { errorMessage } from '../../../src-shared/i18n/index.ts';
import { asAppError } from '../errors.ts';
import { AppError } from '../../../src-shared/result.ts';
import type { AuditLog } from '../services/audit.ts';
import type { Db } from '../db/database.ts';
import type { PortalClient } from './client.ts';
import * as store from './store.ts';

/**
 * Sends the head as this round's device. A refusal (the journal is behind what this device sent
 * before, or no longer has the row the portal holds) fails the round with a reason the curator sees:
 * the portal keeps it as evidence, and `audit verify` names what is missing.
 */
export async function sendHead(ctx: { db: Db; audit: AuditLog; client: PortalClient }): Promise<void> {
  const head = ctx.audit.portalHead();
  const deviceId = store.readState(ctx.db).deviceId;
  if (!head || !deviceId) return;
  let answer;
  try {
    // The head the portal holds, and this journal's row at its number: the new head must stand on it.
    const held = (await ctx.client.call('GET', 'anchor?earlier=0', undefined, PortalAnchor)).head;
    const previous = held && held.deviceId === deviceId ? ctx.audit.rowAt(held.id) : null;
    const body = { protocol: PROTOCOL_VERSION, deviceId, head, previous };
    answer = await ctx.client.call('POST', 'anchor', body, AnchorAnswer);
  } catch (e) {
    // A portal of a version before anchors: the roster still syncs; `audit verify` says it was not checked.
    if (e instanceof AppError && e.reason === 'sync.portal_failed' && (e as AppError<'sync.portal_failed'>).params.status === 404) return;
    throw e;
  }
  if (answer.outcome === 'refused') throw new AppError('sync.anchor_refused', { id: head.id });
}

/** What the portal's anchor says of this journal; `unchecked` (with why) when the portal does not answer. */
export async function checkPortalAnchor(deps: { db: Db; audit: AuditLog; client: PortalClient }): Promise<PortalAnchorCheck> {
  let anchor: PortalAnchor;
  try {
    anchor = await deps.client.call('GET', 'anchor', undefined, PortalAnchor);
  } catch (e) {
    const known = asAppError(e);
    return { state: 'unchecked', problem: known ? errorMessage(known) : String(e) };
  }
  return deps.audit.checkPortal(anchor, store.readState(deps.db).deviceId);
}

/** The journal's check with the portal's anchor beside it: a portal that disagrees fails the check. */
export function withPortal(local: AuditVerifyResult, portal: PortalAnchorCheck | null): AuditVerifyResult {
  if (!portal) return local;
  const failed = portal.state === 'truncated' || portal.state === 'rewritten' || portal.state === 'invalid';
  return { ...local, ok: local.ok && !failed, portal };
}

/** The details of an «audit.verify» row: the result, the portal's part as a coded word (the problem text stays out). */
export function verifyDetails(r: AuditVerifyResult): Record<string, unknown> {
  const { portal, ...local } = r;
  if (!portal) return local;
  return { ...local, portal: portal.state, ...(portal.anchorId !== undefined ? { portalAnchorId: portal.anchorId } : {}) };
}
