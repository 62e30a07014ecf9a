// Where an import's heavy work runs: in this thread (the CLI, unit tests) or in a worker thread of its
// own (the running app: see src-main/core/host/import-jobs.ts), so that the core goes on answering
// while a large file is read, matched and written on a second connection.
import type { Actor } from '../services/audit.ts';
import type { ImportOptions } from '../../../src-shared/roster/types.ts';
import type { Analysis, ImportOutcome, Roster } from './service.ts';

export interface ImportRunner {
  /** Reads, detects and dry-runs a file (the wizard's preview). Writes nothing. */
  analyze(bytes: Uint8Array, fileName: string, options: ImportOptions): Promise<Analysis>;
  /** Imports the file in one transaction. */
  importFile(actor: Actor, bytes: Uint8Array, fileName: string, options: ImportOptions): Promise<ImportOutcome>;
}

export const inProcessImports = (roster: Roster): ImportRunner => ({
  analyze: (bytes, fileName, options) => roster.analyze(bytes, fileName, options),
  importFile: (actor, bytes, fileName, options) => roster.importFile(actor, bytes, fileName, options),
});
