// The host's side of the core worker (browser mode and the Electron shell share it): starts the
// worker with a heap limit, forwards calls, and starts it again when it dies. Sessions live in the
// worker, so a restart signs everyone out: a client that had been talking to the dead worker gets
// `core.restarted` (the UI says what happened and asks to sign in again) instead of a bare «sign in».
import { Worker } from 'node:worker_threads';
import { AppError, fail, failWith, type Result } from '../../../src-shared/result.ts';
import { asAppError } from '../errors.ts';
import type { Dispatch } from '../rpc/dispatch.ts';
import { fromWire, type CoreWorkerData, type OpArgs, type OpName, type OpRequest, type OpResult, type WorkerMessage } from './protocol.ts';

export interface CoreHostOptions {
  dataDir: string;
  mode: CoreWorkerData['mode'];
  /** The core worker's script and the import worker's (.ts sources under Node, bundled .js in Electron). */
  workerFile: string | URL;
  importWorkerFile: string;
  /** Heap limit of the core worker, MB. */
  heapMb?: number;
  /** Heap limit of each import worker, MB. */
  importHeapMb?: number;
  /** The app's own timers in the worker (daily backup, journal summaries, sync rounds). */
  timers?: boolean;
  /** Told after the core was started again (for the log). */
  onRestart?: (restarts: number) => void;
}

export interface CoreHost {
  /** The dispatcher's signature: the transports stay as they were. */
  dispatch: Dispatch;
  request<K extends OpName>(op: K, ...args: OpArgs<K>): Promise<Awaited<OpResult<K>>>;
  /** How many times the core was started again after dying. */
  readonly restarts: number;
  close(): Promise<void>;
}

/** Enough for a 100,000-student school with room to spare; a runaway stays far below the machine's memory. */
export const CORE_HEAP_MB = 2048;
export const IMPORT_HEAP_MB = 2048;
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

interface Pending {
  resolve(value: unknown): void;
  reject(e: unknown): void;
}

interface Running {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Starts the core worker and resolves once it has opened the database (rejects with the reason it could not). */
function spawn(options: CoreHostOptions, onDeath: (r: Running, error: unknown) => void): Promise<Running> {
  const data: CoreWorkerData = {
    dataDir: options.dataDir,
    mode: options.mode,
    importWorkerFile: options.importWorkerFile,
    importHeapMb: options.importHeapMb ?? IMPORT_HEAP_MB,
    timers: options.timers ?? true,
  };
  const worker = new Worker(options.workerFile, {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? CORE_HEAP_MB },
  });
  const running: Running = { worker, pending: new Map() };
  return new Promise((resolve, reject) => {
    let ready = false;
    let error: unknown = null;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') {
        ready = true;
        resolve(running);
      } else if (m.type === 'open_failed') {
        reject(fromWire(m.error));
        void worker.terminate();
      } else {
        const p = running.pending.get(m.id);
        running.pending.delete(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(fromWire(m.error));
      }
    });
    worker.on('error', (e) => (error = e));
    worker.on('exit', (code) => {
      if (!ready) reject(error ?? new Error(`the core worker exited with ${code}`));
      else onDeath(running, error ?? new Error(`the core worker exited with ${code}`));
    });
  });
}

export async function startCoreHost(options: CoreHostOptions): Promise<CoreHost> {
  let closing = false;
  let restarts = 0;
  let nextId = 1;
  /** Clients that called the running worker; after a restart, those whose session it held. */
  let seen = new Set<string>();
  let orphaned = new Set<string>();
  let current: Promise<Running>;

  const onDeath = (dead: Running, error: unknown) => {
    if (closing) return;
    console.error('Kurator: the core stopped and is being started again:', error);
    for (const p of dead.pending.values()) p.reject(new AppError('core.restarted'));
    dead.pending.clear();
    orphaned = new Set([...orphaned, ...seen]);
    seen = new Set();
    restarts++;
    current = restart();
    current.then(() => options.onRestart?.(restarts)).catch(() => undefined);
  };

  /** Starts the worker again, waiting longer after each failure (a disk that went away, …). */
  async function restart(): Promise<Running> {
    for (let wait = RETRY_FIRST_MS; ; wait = Math.min(wait * 2, RETRY_MAX_MS)) {
      try {
        return await spawn(options, onDeath);
      } catch (e) {
        if (closing) throw e;
        console.error('Kurator: the core did not start again:', e);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  current = spawn(options, onDeath);
  await current; // the first start's failure (a database not ours, a newer version) is the caller's

  async function request<K extends OpName>(op: K, ...args: OpArgs<K>): Promise<Awaited<OpResult<K>>> {
    const running = await current;
    const id = nextId++;
    return new Promise<Awaited<OpResult<K>>>((resolve, reject) => {
      running.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const message: OpRequest<K> = { type: 'op', id, op, args };
      running.worker.postMessage(message);
    });
  }

  const dispatch: Dispatch = async (method, args, clientKey) => {
    seen.add(clientKey);
    let result: Result<unknown>;
    try {
      result = await request('call', method, args, clientKey);
    } catch (e) {
      const known = asAppError(e);
      if (!known) throw e;
      if (known.reason === 'core.restarted') orphaned.delete(clientKey);
      return fail(known.toRpcError());
    }
    // The session this client had died with the old worker: say why it must sign in again (once).
    if (!result.ok && result.error.reason === 'auth.required' && orphaned.delete(clientKey)) return failWith('core.restarted');
    return result;
  };

  return {
    dispatch,
    request,
    get restarts() {
      return restarts;
    },
    close: async () => {
      const running = await current;
      closing = true;
      try {
        await request('close');
      } finally {
        await running.worker.terminate();
      }
    },
  };
}
