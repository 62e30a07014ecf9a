// One import in a worker thread: opens the core on its own connection, runs the job, answers once.
import { parentPort, workerData } from 'node:worker_threads';
import { openCore } from '../core.ts';
import { toWire } from './protocol.ts';
import type { ImportWorkerData, ImportWorkerMessage } from './import-jobs.ts';

const { dataDir, mode, job } = workerData as ImportWorkerData;
const post = (m: ImportWorkerMessage) => parentPort!.postMessage(m);

try {
  const core = await openCore({ dataDir, mode });
  try {
    const bytes = new Uint8Array(job.bytes);
    if (job.kind === 'analyze') {
      const a = await core.roster.analyze(bytes, job.fileName, job.options);
      post({ type: 'done', value: { ...a, problem: a.problem && toWire(a.problem) } });
    } else {
      post({ type: 'done', value: await core.roster.importFile(job.actor, bytes, job.fileName, job.options) });
    }
  } finally {
    core.close();
  }
} catch (e) {
  post({ type: 'failed', error: toWire(e) });
}
