// Where long writes run: in this thread (the CLI, unit tests) or in a worker thread of their own
// (the running app: see src-main/core/host/import-jobs.ts), so that the core goes on answering —
// and the bar can be followed — while a large file is read, matched and written, or codes are issued
// for the whole school, on a second connection. Each is one transaction: a cancel rolls it back.
import type { Actor } from '../services/audit.ts';
import type { ImportOptions } from '../../../src-shared/roster/types.ts';
import type { ProgressHook } from '../../../src-shared/roster/progress.ts';
import type { WorkHook } from '../../../src-shared/work.ts';
import type { Audience, CodeScope, IssueReport } from '../../../src-shared/codes/views.ts';
import type { Analysis, ImportOutcome, Roster } from './service.ts';
import type { RosterSearch } from './search.ts';
import type { Codes } from '../codes/service.ts';
import { stoppable } from '../work.ts';

/** What the caller of a long job may follow and stop. */
export interface JobControl {
  progress?: WorkHook;
  /** Aborted: the job stops at its next progress tick, before anything is committed. */
  signal?: AbortSignal;
  /** Where an import run elsewhere hands over the search index of what it committed. */
  handover?: Pick<RosterSearch, 'expect' | 'adopt'>;
}
export type ImportControl = JobControl;

export interface IssueOptions {
  audience: Audience;
  onlyMissing: boolean;
}

export interface JobRunner {
  /** Reads, detects and dry-runs a file (the wizard's preview). Writes nothing. */
  analyze(bytes: Uint8Array, fileName: string, options: ImportOptions, control?: JobControl): Promise<Analysis>;
  /** Imports the file in one transaction. */
  importFile(actor: Actor, bytes: Uint8Array, fileName: string, options: ImportOptions, control?: JobControl): Promise<ImportOutcome>;
  /** Issues codes (the whole school: thousands of rows) in one transaction. */
  issueCodes(actor: Actor, scope: CodeScope, options: IssueOptions, control?: JobControl): Promise<IssueReport>;
}

/** The hook the importer calls: stops on cancel (a throw inside the transaction rolls it back), reports otherwise. */
export function progressHook(control: JobControl | undefined, cancelled: () => boolean): ProgressHook | undefined {
  if (!control) return undefined;
  return stoppable(control.progress, cancelled, 'import.cancelled');
}

export const inProcessJobs = (roster: Roster, codes: Codes): JobRunner => {
  const aborted = (control?: JobControl) => () => control?.signal?.aborted === true;
  return {
    analyze: async (bytes, fileName, options, control) => roster.analyze(bytes, fileName, options, progressHook(control, aborted(control))),
    importFile: (actor, bytes, fileName, options, control) =>
      roster.importFile(actor, bytes, fileName, options, false, undefined, progressHook(control, aborted(control))),
    issueCodes: async (actor, scope, options, control) =>
      codes.issue(actor, scope, options, stoppable(control?.progress, aborted(control), 'codes.issue_cancelled')),
  };
};
