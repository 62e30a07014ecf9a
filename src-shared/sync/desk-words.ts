// A desk request's state in words for the desk (person card, `accounts show`): waiting / done /
// refused (why), and for a reset slip whether it was used, replaced by a newer one, or until when it
// works — the same words in the window and on the command line.
import { t } from '../i18n/index.ts';
import type { DeskRequestView } from './views.ts';

/** Where a delivered (or not yet delivered) reset slip stands: used, replaced, ended, expired, working until …. */
export function resetSlipState(r: DeskRequestView, now: Date): string {
  const d = t.deskAccounts.reset;
  if (r.usedAt) return d.used(r.usedAt);
  if (r.replacedAt) return d.replaced(r.replacedAt);
  if (r.endedAt) return d.ended(r.endedAt);
  if (!r.expiresAt) return d.notDelivered;
  return new Date(r.expiresAt) <= now ? d.expired(r.expiresAt) : d.delivered(r.expiresAt);
}

/** A reset slip that may still set a password: not refused, used or replaced, and not past its end. */
export function slipInForce(r: Omit<DeskRequestView, 'inForce'>, now: Date): boolean {
  if (r.action !== 'reset' || r.state === 'refused' || r.usedAt || r.replacedAt || r.endedAt) return false;
  const end = r.expiresAt ?? r.notAfter;
  return !end || new Date(end) > now;
}

/** «выполнен — бланк действует до …», «отклонён: учётная запись заблокирована …», «ждёт портала». */
export function requestState(r: DeskRequestView, now: Date): string {
  const d = t.deskAccounts;
  const state = r.state === 'refused' ? d.refused(r.refusal) : d.states[r.state];
  return r.action === 'reset' && r.state !== 'refused' ? `${state} — ${resetSlipState(r, now)}` : state;
}
