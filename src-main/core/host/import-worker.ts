// One import in a worker thread: opens the core on its own connection, runs the job, answers once.
import { parentPort, workerData } from 'node:worker_threads';
import { openCore } from '../core.ts';
import { toWire } from './protocol.ts';
import { progressHook } from '../roster/import-runner.ts';
import type { ImportWorkerData, ImportWorkerMessage } from './import-jobs.ts';

const { dataDir, mode, job, cancel, report } = workerData as ImportWorkerData;
const post = (m: ImportWorkerMessage) => parentPort!.postMessage(m);
const flag = new Int32Array(cancel);
// Always a hook (cancel works unwatched too); messages only when someone follows the bar.
const progress = progressHook(
  report ? { progress: (phase, done, total) => post({ type: 'progress', phase, done, total }) } : {},
  () => Atomics.load(flag, 0) === 1,
);

try {
  const core = await openCore({ dataDir, mode });
  try {
    const bytes = new Uint8Array(job.bytes);
    if (job.kind === 'analyze') {
      const a = await core.roster.analyze(bytes, job.fileName, job.options, progress);
      post({ type: 'done', value: { ...a, problem: a.problem && toWire(a.problem) } });
    } else {
      post({ type: 'done', value: await core.roster.importFile(job.actor, bytes, job.fileName, job.options, false, undefined, progress) });
    }
  } finally {
    core.close();
  }
} catch (e) {
  post({ type: 'failed', error: toWire(e) });
}
