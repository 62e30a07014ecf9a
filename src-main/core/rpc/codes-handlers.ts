import type { Core } from '../core.ts';
import type { HandlerGroup } from './types.ts';
import { AppError } from '../../../src-shared/result.ts';
import { prepareInvitations, renderPrintJob } from '../codes/printing.ts';

export function codesHandlers(
  core: Core,
): HandlerGroup<
  | 'issueCodes'
  | 'listCodes'
  | 'reissueCode'
  | 'revokeCode'
  | 'preparePrint'
  | 'checkPrint'
  | 'printPdf'
  | 'markPrinted'
  | 'issueFamilyGaps'
  | 'reissueGuardianCodes'
> {
  const { codes, printJobs } = core;
  return {
    issueCodes: (ctx, input) => {
      const options = { audience: input.audience, onlyMissing: input.onlyMissing };
      if (!('all' in input.scope)) return codes.issue(ctx.actor(), input.scope, options);
      // The whole school: thousands of rows, in the jobs' worker (the bar follows it, cancel rolls it back).
      const scope = input.scope;
      return core.work.run(ctx.owner(), 'issue', true, (control) => core.jobs.issueCodes(ctx.actor(), scope, options, control));
    },
    listCodes: (ctx, input) => {
      const list = codes.list(input);
      // One person's codes show on their card, whose opening is journaled already.
      if (input.personId === undefined) {
        const className =
          input.classId === undefined ? null : (core.roster.classes().find((c) => c.id === input.classId)?.name ?? String(input.classId));
        const people = new Set(list.map((c) => (c.guardianId === null ? `s${c.studentId}` : `g${c.guardianId}`))).size;
        core.reads.codesViewed(ctx.actor(), className, list.length, people);
      }
      return list;
    },
    reissueCode: (ctx, input) => codes.reissue(ctx.actor(), input.codeId, input.reason),
    revokeCode: (ctx, input) => codes.revoke(ctx.actor(), input.codeId, input.reason),
    preparePrint: async (ctx, input) => {
      const prepared = await core.work.run(ctx.owner(), 'print', true, (control) => prepareInvitations(core, input, control));
      const job = printJobs.put(ctx.owner(), prepared.job);
      return {
        printId: job.id,
        path: `print/${job.id}`,
        fileName: prepared.job.fileName,
        codes: prepared.job.codeIds.length,
        missing: prepared.missing,
        familyGaps: prepared.familyGaps,
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
      // Saving a PDF is not printing: the codes are marked printed only when the operator says
      // the pages are on paper (`markPrinted`, via 'pdf').
      const pdf = await renderPrintJob(job.html);
      // Journaled all the same: the file holds live codes.
      if (job.kind !== 'reset' && job.kind !== 'lists' && job.codeIds.length > 0) codes.auditPdf(ctx.actor(), job.codeIds, job.details);
      return { fileName: job.fileName, mimeType: 'application/pdf', content: pdf.toString('base64'), encoding: 'base64' };
    },
    issueFamilyGaps: (ctx, { scope }) => codes.issueFamilyGaps(ctx.actor(), scope),
    reissueGuardianCodes: (ctx, input) => codes.reissueForGuardian(ctx.actor(), input.guardianId, input.reason),
    markPrinted: (ctx, { printId, via }) => {
      const job = printJobs.get(ctx.owner(), printId);
      if (job.kind === 'reset' || job.kind === 'lists') return { codes: 0 }; // no invitation codes on these
      if (job.codeIds.length === 0) throw new AppError('print.nothing');
      codes.markPrinted(ctx.actor(), job.codeIds, { ...job.details, via });
      return { codes: job.codeIds.length };
    },
  };
}
