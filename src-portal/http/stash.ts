// A secret that arrives in a URL (an invitation code from a QR, a one-time link's token) is moved out
// of it at once: a 303 to the same page without the query, the secret riding along in an encrypted,
// HttpOnly, ten-minute cookie scoped to the school. So it is not left in the address bar, the history,
// a Referer or a log line, and the page still works without JavaScript.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { open, seal } from '../mail/crypto.ts';
import type { Portal } from '../portal.ts';
import type { PageContext } from './app.ts';

const STASH_MS = 10 * 60_000;
/** The longest value kept: a sealed SMS step with the longest login a form takes fits (a cookie stays under 1.5 KB). */
const STASH_MAX = 1000;

const cookiePath = (ctx: PageContext) => ctx.base || '/';

/**
 * Where a secret of one kind waits: its URL parameter, and the cookie it rides in. Links of different
 * kinds may share a parameter (`t`) but never a cookie, or a page would take another link's secret for
 * its own (a confirmation link opened before a slip's page made the slip «не действует»).
 */
export interface StashSlot {
  param: string;
  cookie: string;
}

/**
 * Returns 'redirected' when the secret was in the URL (the reply is sent), else the stashed value
 * (or null when there is none or it expired).
 */
export function stashFromQuery(
  portal: Portal,
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: PageContext,
  slot: StashSlot,
): 'redirected' | string | null {
  const key = portal.secrets.derive('stash');
  const name = `stash_${slot.cookie}`;
  const query = req.query as Record<string, unknown>;
  const fromUrl = typeof query[slot.param] === 'string' ? (query[slot.param] as string) : null;
  if (fromUrl !== null) {
    stashValue(portal, reply, ctx, slot, fromUrl);
    ctx.redirect(req.schoolPath);
    return 'redirected';
  }
  const raw = req.cookies[name];
  if (!raw) return null;
  try {
    const v = JSON.parse(open(key, raw)) as { name: string; until: number; value: string };
    return v.name === name && v.until > portal.clock.now().getTime() ? v.value : null;
  } catch {
    return null;
  }
}

/** Stashes a secret the server made itself (an SMS code's reset token), as if it had come in the URL. */
export function stashValue(portal: Portal, reply: FastifyReply, ctx: PageContext, slot: StashSlot, value: string): void {
  const name = `stash_${slot.cookie}`;
  const until = portal.clock.now().getTime() + STASH_MS;
  reply.setCookie(name, seal(portal.secrets.derive('stash'), JSON.stringify({ name, until, value: value.slice(0, STASH_MAX) })), {
    path: cookiePath(ctx),
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secure,
    maxAge: STASH_MS / 1000,
  });
}

export function clearStash(reply: FastifyReply, ctx: PageContext, slot: StashSlot): void {
  reply.clearCookie(`stash_${slot.cookie}`, { path: cookiePath(ctx) });
}

/** The invitation code of a QR (`?code=`). */
export const CODE_SLOT: StashSlot = { param: 'code', cookie: 'code' };
/** An email confirmation link's token (`/confirm?t=`). */
export const CONFIRM_SLOT: StashSlot = { param: 't', cookie: 'confirm' };
/** A desk slip's token (`/reset?t=`). */
export const SLIP_SLOT: StashSlot = { param: 't', cookie: 'slip' };
/** A recovery reset token (`/recover/reset?r=`, or made by the server after an SMS code). */
export const RECOVERY_SLOT: StashSlot = { param: 'r', cookie: 'r' };
/** A password just set by recovery, for the «Пароль изменён» page (a mark, no secret). */
export const RESET_DONE_SLOT: StashSlot = { param: 'done', cookie: 'rdone' };
/** The sealed login of the SMS recovery steps, between a step's POST and the next step's page. */
export const SMS_STEP_SLOT: StashSlot = { param: 'step', cookie: 'smsstep' };
