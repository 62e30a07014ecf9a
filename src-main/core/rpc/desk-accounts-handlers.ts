// The walk-in desk's actions on portal accounts (#9): every one a request the portal applies, journaled
// with the operator, the person, the reason and «документ проверен». Curators and deputies alike.
import type { Core } from '../core.ts';
import type { HandlerGroup } from './types.ts';
import { prepareReset } from '../sync/desk-print.ts';
import { listsFile, listsPrintJob } from '../sync/lists-files.ts';
import { mailCodes, mailReadiness } from '../codes/mailing.ts';
import { OfficeSecrets } from '../secrets/key-file.ts';

export function deskAccountsHandlers(
  core: Core,
): HandlerGroup<
  | 'listDeskRequests'
  | 'deskReset'
  | 'deskRequest'
  | 'getRegistrationProgress'
  | 'prepareAccountLists'
  | 'exportAccountLists'
  | 'setMailServer'
  | 'mailCodes'
  | 'mailCodesReadiness'
> {
  const { deskRequests, printJobs } = core;
  return {
    listDeskRequests: (_ctx, { id }) => deskRequests.of(id),
    deskReset: async (ctx, input) => {
      const prepared = await prepareReset(core, ctx.actor(), input.personId, input);
      const job = printJobs.put(ctx.owner(), prepared.job);
      return { printId: job.id, path: `print/${job.id}`, fileName: prepared.job.fileName, request: prepared.request };
    },
    deskRequest: (ctx, input) => {
      const why = { reason: input.reason, documentChecked: input.documentChecked };
      const uid =
        input.action === 'contacts'
          ? deskRequests.contacts(ctx.actor(), input.personId, { ...why, email: input.email, phone: input.phone })
          : deskRequests.simple(ctx.actor(), input.personId, input.action, why);
      // Up at once when the portal answers; the card shows «ждёт портала» until then.
      void core.sync.round({ wait: false }).catch(() => undefined);
      return deskRequests.byUid(uid)!;
    },
    getRegistrationProgress: (_ctx, { classId }) => core.accounts.registration(classId ?? null),
    prepareAccountLists: (ctx, { classId }) => {
      const job = printJobs.put(ctx.owner(), listsPrintJob(core, ctx.actor(), classId ?? null));
      return { printId: job.id, path: `print/${job.id}`, fileName: job.fileName };
    },
    exportAccountLists: async (ctx, { classId }) => {
      const file = await listsFile(core, ctx.actor(), classId ?? null);
      return {
        fileName: file.fileName,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        content: file.bytes.toString('base64'),
        encoding: 'base64',
      };
    },
    setMailServer: (ctx, { server, password }) => {
      if (password !== undefined) new OfficeSecrets(core.dataDir).setSmtpPassword(password);
      return core.settings.update(ctx.actor(), { mailServer: server });
    },
    mailCodes: (ctx, scope) => mailCodes(core, ctx.actor(), scope),
    mailCodesReadiness: (_ctx, scope) => mailReadiness(core, scope),
  };
}
