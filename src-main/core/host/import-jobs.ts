// Imports (and issuing codes for the whole school) in a worker thread of their own, each on its own
// SQLite connection. WAL lets the core's connection go on reading the last committed roster (search,
// cards, classes) while the import reads, matches and writes; the core's thread stays free to answer
// the bar's polls; and a file that exhausts the import worker's heap ends that worker only.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../src-shared/result.ts';
import type { ImportControl, IssueOptions, JobRunner } from '../roster/import-runner.ts';
import type { WorkPhase } from '../../../src-shared/work.ts';
import type { CodeScope, IssueReport } from '../../../src-shared/codes/views.ts';
import type { Analysis, ImportOutcome } from '../roster/service.ts';
import type { Actor } from '../services/audit.ts';
import type { ImportOptions } from '../../../src-shared/roster/types.ts';
import { fromWire, type CoreWorkerData, type WireError } from './protocol.ts';
import type { PackedSearchIndex } from '../roster/search-data.ts';

export type ImportJob =
  | { kind: 'analyze'; bytes: Uint8Array; fileName: string; options: ImportOptions }
  | { kind: 'import'; actor: Actor; bytes: Uint8Array; fileName: string; options: ImportOptions }
  | { kind: 'issue'; actor: Actor; scope: CodeScope; options: IssueOptions };

export interface ImportWorkerData {
  dataDir: string;
  mode: CoreWorkerData['mode'];
  job: ImportJob;
  /**
   * Three Int32 (see `Slot`): the cancel flag the core's thread sets (the import reads it at each
   * progress tick), and the roster versions the import's commit moves between, which the import
   * sets just before its commit (-1 before) so that the core's searches wait for its index.
   */
  shared: SharedArrayBuffer;
  /** Whether anyone follows the progress (no messages otherwise). */
  report: boolean;
}

/** What an analysis looks like on the wire: its problem as a reason, not an AppError. */
export type WireAnalysis = Omit<Analysis, 'problem'> & { problem: WireError | null };

type JobValue = WireAnalysis | ImportOutcome | IssueReport;

export const Slot = { cancel: 0, from: 1, to: 2 } as const;

export type ImportWorkerMessage =
  | { type: 'progress'; phase: WorkPhase; done: number; total: number }
  /** The job's answer; `indexFollows`: it changed the roster, and the index of the result comes next. */
  | { type: 'done'; value: JobValue; indexFollows: boolean }
  | { type: 'index'; version: number; packed: PackedSearchIndex }
  | { type: 'failed'; error: WireError };

export interface WorkerJobsOptions {
  file: string;
  dataDir: string;
  mode: CoreWorkerData['mode'];
  heapMb: number;
}

function runJob(o: WorkerJobsOptions, job: ImportJob, control?: ImportControl): Promise<JobValue> {
  return new Promise((resolve, reject) => {
    const shared = new SharedArrayBuffer(4 * 3);
    const flag = new Int32Array(shared);
    flag[Slot.from] = flag[Slot.to] = -1;
    const stop = () => Atomics.store(flag, Slot.cancel, 1);
    if (control?.signal?.aborted) stop();
    control?.signal?.addEventListener('abort', stop, { once: true });
    const release = control?.handover?.expect(() => {
      const to = Atomics.load(flag, Slot.to);
      return to < 0 ? null : { from: Atomics.load(flag, Slot.from), to };
    });
    const data: ImportWorkerData = { dataDir: o.dataDir, mode: o.mode, job, shared, report: control?.progress !== undefined };
    const worker = new Worker(o.file, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: o.heapMb } });
    let settled = false;
    let outcome: JobValue | undefined;
    const settle = (fn: () => void) => {
      settled = true;
      release?.();
      fn();
    };
    let died: unknown = null;
    worker.on('message', (m: ImportWorkerMessage) => {
      if (m.type === 'progress') return control?.progress?.(m.phase, m.done, m.total);
      if (m.type === 'done' && m.indexFollows) outcome = m.value;
      else if (m.type === 'done') settle(() => resolve(m.value));
      else if (m.type === 'index') {
        control?.handover?.adopt(m.version, m.packed);
        settle(() => resolve(outcome!));
      } else if (outcome) {
        // Committed; only the index failed: the next search rebuilds it.
        console.error('Kurator: the search index was not built after the import:', fromWire(m.error));
        settle(() => resolve(outcome!));
      } else settle(() => reject(fromWire(m.error)));
    });
    worker.on('error', (e) => (died = e));
    worker.on('exit', () => {
      if (settled) return;
      // Committed, but no index came (the worker failed building it): the next search rebuilds.
      if (outcome) return settle(() => resolve(outcome!));
      release?.();
      const outOfMemory = (died as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (!outOfMemory) console.error('Kurator: the import worker ended:', died);
      // The worker's connection is closed with its thread: an open transaction is rolled back.
      reject(new AppError(outOfMemory ? 'import.out_of_memory' : 'import.worker_failed'));
    });
  });
}

export function workerJobs(o: WorkerJobsOptions): JobRunner {
  return {
    analyze: async (bytes, fileName, options, control) => {
      const a = (await runJob(o, { kind: 'analyze', bytes, fileName, options }, control)) as WireAnalysis;
      return { ...a, problem: a.problem && (fromWire(a.problem) as AppError) };
    },
    importFile: async (actor, bytes, fileName, options, control) =>
      (await runJob(o, { kind: 'import', actor, bytes, fileName, options }, control)) as ImportOutcome,
    issueCodes: async (actor, scope, options, control) =>
      (await runJob(o, { kind: 'issue', actor, scope, options }, control)) as IssueReport,
  };
}
