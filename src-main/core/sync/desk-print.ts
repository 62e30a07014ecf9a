// A desk reset with its slip: the request is written (and journaled), one sync round is tried so the
// slip can say until when it works (the portal answers at once when it is reachable), and the slip is
// rendered through the ordinary print path (preview, printer, PDF). Offline the slip says it works
// from the next sync on, at most the school's limit after printing.
import type { Core } from '../core.ts';
import type { Actor } from '../services/audit.ts';
import type { PrintJobData } from '../codes/print-jobs.ts';
import { resetSlipHtml } from '../print/reset-slip.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import type { DeskRequestView } from '../../../src-shared/sync/views.ts';
import type { DeskInput } from './desk.ts';

export interface PreparedReset {
  job: PrintJobData;
  request: DeskRequestView;
  login: string;
}

export async function prepareReset(core: Core, actor: Actor, personId: number, input: DeskInput): Promise<PreparedReset> {
  const slip = core.deskRequests.reset(actor, personId, input);
  try {
    await core.sync.freshRound();
  } catch {
    // Unreachable or refused: the request waits in the outbox, the slip says so, the status shows why.
  }
  const request = core.deskRequests.byUid(slip.request)!;
  const settings = core.settings.get();
  const html = await resetSlipHtml({
    schoolName: settings.schoolName,
    curatorContact: settings.curatorContact,
    personName: core.roster.personRef(personId)?.label ?? '',
    login: slip.login,
    link: slip.link,
    page: slip.page,
    code: slip.code,
    expiresAt: request.state === 'done' ? request.expiresAt : null,
    notAfter: slip.notAfter,
  });
  return {
    job: { kind: 'reset', html, codeIds: [], fileName: t.deskAccounts.slip.fileName(slip.login), details: { request: slip.request } },
    request,
    login: slip.login,
  };
}
