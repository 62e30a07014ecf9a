// What `audit verify` found, in words: the same sentences in the journal screen and the command line.
import { t } from '../i18n/index.ts';
import type { AuditVerifyResult, PortalAnchorCheck } from '../rpc/types.ts';

/** The journal's chain and its anchor file (the check inside this computer). */
function localText(r: AuditVerifyResult): string {
  const v = t.journal.verify;
  if (r.reason === undefined) return v.ok(r.checked, r.legacy ?? 0);
  const reason = v.reasons[r.reason];
  const where = r.badId !== undefined ? v.badFrom(r.badId) : v.bad;
  const anchored = r.anchorId && (r.reason === 'truncated' || r.reason === 'rewritten') ? ` ${v.anchored(r.anchorId)}` : '';
  return `${where}: ${reason}.${anchored}`;
}

/** What the portal's anchor says, as a sentence after the local one. */
function portalText(p: PortalAnchorCheck, localOk: boolean): string {
  const w = t.journal.verify.portal;
  const id = p.anchorId ?? 0;
  switch (p.state) {
    case 'ok':
      return w.ok(id);
    case 'none':
      return w.none;
    case 'unchecked':
      return w.unchecked(p.problem ?? '');
    case 'other_device':
      return w.otherDevice;
    case 'invalid':
      return w.invalid(id);
    default:
      // A journal found sound here but not by the portal: the portal's finding leads (see verifyText).
      return localOk
        ? `${t.journal.verify.badFrom(p.badId ?? id)}: ${w.reasons[p.state]}. ${w.anchored(id)}`
        : w.alsoFailed(id, w.reasons[p.state]);
  }
}

export function verifyText(r: AuditVerifyResult): string {
  const localOk = r.reason === undefined;
  const p = r.portal;
  if (!p) return localText(r);
  if (localOk && (p.state === 'truncated' || p.state === 'rewritten')) return portalText(p, true);
  return `${localText(r)} ${portalText(p, localOk)}`;
}
