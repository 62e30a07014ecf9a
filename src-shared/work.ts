// Long work the desk follows on one bar (one mechanism for all of it): the import's check and the
// import itself, issuing codes for the whole school, preparing many slips, a backup, a sync round.
// The core keeps each session's latest work; the UI polls it (`workProgress`) and may cancel it
// (`workCancel`) where that is safe: before a commit (nothing is written) or before anything is.

export type WorkTask = 'analyze' | 'import' | 'issue' | 'print' | 'backup' | 'sync';

/**
 * What the work is doing: `read` rows of a file parsed, `apply` people matched (and written),
 * `issue` students given codes, `slips` slips drawn (their QR codes), `copy` pages of the database
 * copied, `push`/`pull` changes sent to / taken from the portal, `index` the search brought up to
 * date after an import's commit (nothing left to cancel then).
 */
export type WorkPhase = 'read' | 'apply' | 'issue' | 'slips' | 'copy' | 'push' | 'pull' | 'index';

/** Phases that come after the work's commit: the bar offers no cancel in them. */
export const AFTER_COMMIT: readonly WorkPhase[] = ['index'];

export interface WorkProgress {
  task: WorkTask;
  phase: WorkPhase;
  done: number;
  total: number;
  /** Whether cancel is offered (never in the middle of something that cannot be undone cleanly). */
  cancellable: boolean;
  /** Cancel was asked for; it takes effect at the next tick (before any commit), or not at all. */
  cancelling: boolean;
}

/** Called as the work goes; it may throw to cancel (before any commit: nothing is written). */
export type WorkHook = (phase: WorkPhase, done: number, total: number) => void;
