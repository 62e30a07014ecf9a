// What `audit verify` found, in words: the same sentence in the journal screen and the command line.
import { t } from '../i18n/index.ts';
import type { AuditVerifyResult } from '../rpc/types.ts';

export function verifyText(r: AuditVerifyResult): string {
  const v = t.journal.verify;
  if (r.ok) return v.ok(r.checked, r.legacy ?? 0);
  const reason = v.reasons[r.reason ?? 'hash'];
  const where = r.badId !== undefined ? v.badFrom(r.badId) : v.bad;
  const anchored = r.anchorId && (r.reason === 'truncated' || r.reason === 'rewritten') ? ` ${v.anchored(r.anchorId)}` : '';
  return `${where}: ${reason}.${anchored}`;
}
