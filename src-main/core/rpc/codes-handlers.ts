import type { Core } from '../core.ts';
import type { HandlerGroup } from './types.ts';
import { AppError } from '../../../src-shared/result.ts';
import { prepareInvitations, renderPrintJob } from '../codes/printing.ts';

export function codesHandlers(
  core: Core,
): HandlerGroup<'issueCodes' | 'listCodes' | 'reissueCode' | 'revokeCode' | 'preparePrint' | 'checkPrint' | 'printPdf' | 'markPrinted'> {
  const { codes, printJobs } = core;
  return {
    issueCodes: (ctx, input) => codes.issue(ctx.actor(), input.scope, { audience: input.audience, onlyMissing: input.onlyMissing }),
    listCodes: (_ctx, input) => codes.list(input),
    reissueCode: (ctx, input) => codes.reissue(ctx.actor(), input.codeId, input.reason),
    revokeCode: (ctx, input) => codes.revoke(ctx.actor(), input.codeId, input.reason),
    preparePrint: async (ctx, input) => {
      const prepared = await prepareInvitations(core, input);
      const job = printJobs.put(ctx.owner(), prepared.job);
      return {
        printId: job.id,
        path: `print/${job.id}`,
        fileName: prepared.job.fileName,
        codes: prepared.job.codeIds.length,
        missing: prepared.missing,
      };
    },
    checkPrint: (ctx, { printId }) => {
      const job = printJobs.get(ctx.owner(), printId);
      codes.assertCurrent(job.codeIds);
      return { codes: job.codeIds.length };
    },
    printPdf: async (ctx, { printId }) => {
      const job = printJobs.get(ctx.owner(), printId);
      codes.assertCurrent(job.codeIds);
      const pdf = await renderPrintJob(job.html);
      codes.markPrinted(ctx.actor(), job.codeIds, { ...job.details, via: 'pdf' });
      return { fileName: job.fileName, mimeType: 'application/pdf', content: pdf.toString('base64'), encoding: 'base64' };
    },
    markPrinted: (ctx, { printId, via }) => {
      const job = printJobs.get(ctx.owner(), printId);
      if (job.codeIds.length === 0) throw new AppError('print.nothing');
      codes.markPrinted(ctx.actor(), job.codeIds, { ...job.details, via });
      return { codes: job.codeIds.length };
    },
  };
}
