// How far a long import has got: the wizard's bar. `read`: rows of the file parsed; `apply`: people
// matched and written (or, in the preview, matched and rolled back).
export type ImportPhase = 'read' | 'apply';

export interface ImportProgress {
  /** The wizard's step: the check (preview) or the import itself. */
  step: 'analyze' | 'import';
  phase: ImportPhase;
  done: number;
  total: number;
  /** Cancel was asked for; it takes effect at the next tick before the commit, or not at all. */
  cancelling: boolean;
}

/** Called every thousand rows or so; it may throw to cancel (before the commit only: nothing is written). */
export type ProgressHook = (phase: ImportPhase, done: number, total: number) => void;

/** How often the importer reports: every this many rows (a power of two, tested with a mask). */
export const PROGRESS_EVERY = 1024;
