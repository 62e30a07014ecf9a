// The core in its own thread: the database, the services, the dispatcher, the app's timers. The host
// (browser-mode server, Electron main) only forwards calls here (see protocol.ts), so a long piece of
// work never freezes the window, and a core that dies is started again without taking the app down.
import { parentPort, workerData } from 'node:worker_threads';
import { openCore, type Core } from '../core.ts';
import { createDispatcher } from '../rpc/dispatch.ts';
import { printDocumentFor } from '../codes/print-jobs.ts';
import { startSyncTimer } from '../sync/scheduler.ts';
import { startMaintenance } from '../maintenance.ts';
import { AppError } from '../../../src-shared/result.ts';
import { workerJobs } from './import-jobs.ts';
import { lockDataFolder, type FolderLock } from '../folder-lock.ts';
import { toWire, type CoreWorkerData, type HostOps, type OpRequest, type WorkerMessage } from './protocol.ts';

const data = workerData as CoreWorkerData;
const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);

function operations(core: Core, stop: () => void, closed: () => void): { [K in keyof HostOps]: (...a: Parameters<HostOps[K]>) => unknown } {
  const dispatch = createDispatcher(core);
  return {
    call: (method, args, clientKey) => dispatch(method, args, clientKey),
    printDocument: (printId) => printDocumentFor(core, printId) ?? null,
    rekey: (from, to) => {
      core.auth.rekey(from, to);
      return null;
    },
    checkPrint: (clientKey, printId) => {
      const session = core.auth.current(clientKey);
      const job = core.printJobs.find(printId);
      if (!job || !session || session.locked || job.owner !== session.id) throw new AppError('print.expired');
      core.codes.assertCurrent(job.codeIds);
      return null;
    },
    registrationUrl: () => core.settings.read()?.registrationUrl ?? null,
    close: () => {
      stop();
      core.close();
      closed();
      return null;
    },
  };
}

async function main(): Promise<void> {
  let core: Core;
  // The desktop app's data-folder lock is taken here, not in the window's process, which never loads
  // SQLite. A core started again after a crash finds its predecessor's lock still held by this
  // process, and takes it over (`reclaimOwn`).
  let lock: FolderLock | null = null;
  try {
    if (data.mode === 'electron') lock = lockDataFolder(data.dataDir, 'electron', { reclaimOwn: true });
    core = await openCore({
      dataDir: data.dataDir,
      mode: data.mode,
      jobs: workerJobs({ file: data.importWorkerFile, dataDir: data.dataDir, mode: data.mode, heapMb: data.importHeapMb }),
    });
  } catch (e) {
    lock?.release();
    // The host ends this thread when it reads this.
    post({ type: 'open_failed', error: toWire(e) });
    return;
  }
  const timer = data.timers ? startSyncTimer(core.sync) : null;
  const stopMaintenance = data.timers ? startMaintenance(core) : null;
  const ops = operations(
    core,
    () => {
      timer?.stop();
      stopMaintenance?.();
    },
    // The folder goes once the database's last write is done (the app quitting).
    () => lock?.release(),
  );
  port.on('message', (m: OpRequest) => {
    if (m?.type !== 'op' || !Object.hasOwn(ops, m.op)) return;
    const run = ops[m.op] as (...a: unknown[]) => unknown;
    Promise.resolve()
      .then(() => run(...m.args))
      .then(
        (value) => post({ type: 'reply', id: m.id, ok: true, value }),
        (e: unknown) => post({ type: 'reply', id: m.id, ok: false, error: toWire(e) }),
      );
  });
  post({ type: 'ready' });
}

await main();
