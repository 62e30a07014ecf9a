// One import (or whole-school issuing) in a worker thread: opens the core on its own connection, runs the job, answers once.
// An import that changed the roster also builds the search index of what it committed and hands it
// to the core's thread, which would otherwise rebuild it at its next search (seconds, answering
// nothing meanwhile).
import { parentPort, workerData } from 'node:worker_threads';
import { openCore, type Core } from '../core.ts';
import { toWire } from './protocol.ts';
import { progressHook, type JobControl } from '../roster/import-runner.ts';
import { stoppable } from '../work.ts';
import { buildSearchData, loadSearchSource, packSearchIndex } from '../roster/search-data.ts';
import * as dal from '../dal/roster.ts';
import { Slot, type ImportJob, type ImportWorkerData, type ImportWorkerMessage } from './import-jobs.ts';

const { dataDir, mode, job, shared, report } = workerData as ImportWorkerData;
const post = (m: ImportWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
const flag = new Int32Array(shared);
// Always a hook (cancel works unwatched too); messages only when someone follows the bar.
const follow: JobControl = report ? { progress: (phase, done, total) => post({ type: 'progress', phase, done, total }) } : {};
const cancelled = () => Atomics.load(flag, Slot.cancel) === 1;
const progress = progressHook(follow, cancelled);

async function importFile(core: Core, j: Extract<ImportJob, { kind: 'import' }>, bytes: Uint8Array): Promise<void> {
  const committing = (c: { from: number; to: number }) => {
    Atomics.store(flag, Slot.from, c.from);
    Atomics.store(flag, Slot.to, c.to);
  };
  let outcome;
  try {
    outcome = await core.roster.importFile(j.actor, bytes, j.fileName, j.options, false, undefined, progress, committing);
  } catch (e) {
    Atomics.store(flag, Slot.to, -1); // not committed after all
    throw e;
  }
  const changed = Atomics.load(flag, Slot.to) !== Atomics.load(flag, Slot.from);
  post({ type: 'done', value: outcome, indexFollows: changed });
  if (!changed) return;
  // Seconds at a district's size: the bar says so instead of standing at «written N of N».
  follow.progress?.('index', 0, 1);
  // The roster and its version read together (one snapshot); the index is built outside the read.
  const { version, source } = core.db.transaction(() => ({ version: dal.rosterVersion(core.db), source: loadSearchSource(core.db) }))();
  const { packed, transfer } = packSearchIndex(buildSearchData(source));
  post({ type: 'index', version, packed }, transfer);
}

try {
  const core = await openCore({ dataDir, mode });
  try {
    const bytes = 'bytes' in job ? new Uint8Array(job.bytes) : new Uint8Array();
    if (job.kind === 'analyze') {
      const a = await core.roster.analyze(bytes, job.fileName, job.options, progress);
      post({ type: 'done', value: { ...a, problem: a.problem && toWire(a.problem) }, indexFollows: false });
    } else if (job.kind === 'import') {
      await importFile(core, job, bytes);
    } else {
      const issued = core.codes.issue(job.actor, job.scope, job.options, stoppable(follow.progress, cancelled, 'codes.issue_cancelled'));
      post({ type: 'done', value: issued, indexFollows: false });
    }
  } finally {
    core.close();
  }
} catch (e) {
  post({ type: 'failed', error: toWire(e) });
}
