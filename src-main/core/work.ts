// Each session's long work, as the bar shows it (src-shared/work.ts): what it is doing, how far it
// has got, and a cancel that the work reads at its next tick. The bar follows a session's newest work.
import { AppError } from '../../src-shared/result.ts';
import { AFTER_COMMIT, type WorkHook, type WorkPhase, type WorkProgress, type WorkTask } from '../../src-shared/work.ts';

/** What a cancelled piece of work throws: nothing was written. */
export type CancelReason = 'import.cancelled' | 'codes.issue_cancelled' | 'print.cancelled';

export interface WorkControl {
  progress: WorkHook;
  /** Aborted: the work stops at its next tick, before anything is committed. */
  signal: AbortSignal;
}

interface Running {
  task: WorkTask;
  progress: WorkProgress | null;
  abort: AbortController;
  cancellable: boolean;
}

export class Work {
  private readonly running = new Map<string, Running>();

  /** Runs `fn` as the session's work; `cancellable`: whether the bar offers cancel. */
  async run<T>(owner: string, task: WorkTask, cancellable: boolean, fn: (control: WorkControl) => Promise<T>): Promise<T> {
    const job: Running = { task, progress: null, abort: new AbortController(), cancellable };
    const older = this.running.get(owner);
    // The same work started again (a wizard, a print dialog whose options changed): the older run is
    // stopped, not waited for. Other work goes on; the bar follows the newest.
    if (older?.task === task && older.cancellable) older.abort.abort();
    this.running.set(owner, job);
    try {
      return await fn({
        signal: job.abort.signal,
        progress: (phase, done, total) => {
          // Once the work has committed there is nothing to cancel: the bar stops offering it.
          if (AFTER_COMMIT.includes(phase)) job.cancellable = false;
          job.progress = { task, phase, done, total, cancellable: job.cancellable, cancelling: job.abort.signal.aborted };
        },
      });
    } finally {
      if (this.running.get(owner) === job) this.running.delete(owner);
    }
  }

  current(owner: string): WorkProgress | null {
    return this.running.get(owner)?.progress ?? null;
  }

  /** Asks the session's work to stop; false when none runs or it cannot be cancelled. */
  cancel(owner: string): boolean {
    const job = this.running.get(owner);
    if (!job?.cancellable) return false;
    job.abort.abort();
    if (job.progress) job.progress = { ...job.progress, cancelling: true };
    return true;
  }
}

/** A hook that reports, and throws `reason` at the first tick after a cancel (or right away, when already cancelled). */
export function stoppable<P extends WorkPhase>(
  report: ((phase: P, done: number, total: number) => void) | undefined,
  cancelled: () => boolean,
  reason: CancelReason,
): (phase: P, done: number, total: number) => void {
  return (phase, done, total) => {
    if (cancelled()) throw new AppError(reason);
    report?.(phase, done, total);
  };
}
