// Where an import's heavy work runs: in this thread (the CLI, unit tests) or in a worker thread of its
// own (the running app: see src-main/core/host/import-jobs.ts), so that the core goes on answering
// while a large file is read, matched and written on a second connection.
import type { Actor } from '../services/audit.ts';
import type { ImportOptions } from '../../../src-shared/roster/types.ts';
import type { ImportPhase, ProgressHook } from '../../../src-shared/roster/progress.ts';
import { AppError } from '../../../src-shared/result.ts';
import type { Analysis, ImportOutcome, Roster } from './service.ts';
import type { RosterSearch } from './search.ts';

/** What the caller of a long import may follow and stop. */
export interface ImportControl {
  progress?: (phase: ImportPhase, done: number, total: number) => void;
  /** Aborted: the import stops at its next progress tick, before anything is committed. */
  signal?: AbortSignal;
  /** Where an import run elsewhere hands over the search index of what it committed. */
  handover?: Pick<RosterSearch, 'expect' | 'adopt'>;
}

export interface ImportRunner {
  /** Reads, detects and dry-runs a file (the wizard's preview). Writes nothing. */
  analyze(bytes: Uint8Array, fileName: string, options: ImportOptions, control?: ImportControl): Promise<Analysis>;
  /** Imports the file in one transaction. */
  importFile(actor: Actor, bytes: Uint8Array, fileName: string, options: ImportOptions, control?: ImportControl): Promise<ImportOutcome>;
}

/** The hook the importer calls: stops on cancel (a throw inside the transaction rolls it back), reports otherwise. */
export function progressHook(control: ImportControl | undefined, cancelled: () => boolean): ProgressHook | undefined {
  if (!control) return undefined;
  return (phase, done, total) => {
    if (cancelled()) throw new AppError('import.cancelled');
    control.progress?.(phase, done, total);
  };
}

export const inProcessImports = (roster: Roster): ImportRunner => ({
  analyze: (bytes, fileName, options, control) =>
    roster.analyze(
      bytes,
      fileName,
      options,
      progressHook(control, () => control?.signal?.aborted === true),
    ),
  importFile: (actor, bytes, fileName, options, control) =>
    roster.importFile(
      actor,
      bytes,
      fileName,
      options,
      false,
      undefined,
      progressHook(control, () => control?.signal?.aborted === true),
    ),
});
