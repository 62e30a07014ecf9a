// The message channel between the host (the browser-mode HTTP server, the Electron main process) and
// the core's worker thread. The host keeps the transport; the worker runs the dispatcher. Messages are
// structured clones between threads of our own process, so TypeScript types describe them; what came
// from outside (an RPC argument) is parsed by the dispatcher's zod schemas in the worker as before.
import { AppError, type ErrorExtra, type FieldIssue, type Result } from '../../../src-shared/result.ts';
import { isReason, REASONS } from '../../../src-shared/errors.ts';
import type { Mode } from '../core.ts';

/** What the host asks of the core besides RPC calls, with the answer each gets. */
export interface HostOps {
  /** An RPC call exactly as a transport received it. */
  call(method: string, args: unknown, clientKey: string): Result<unknown>;
  /** The HTML of a prepared printout for the preview frame, or null (see `printDocumentFor`). */
  printDocument(printId: string): string | null;
  /** Moves a client's session to a new key (browser mode, after a sign-in). */
  rekey(from: string, to: string): null;
  /** The Electron print window's check: the printout belongs to this client's unlocked session. */
  checkPrint(clientKey: string, printId: string): Result<null>;
  /** The school's registration address (the one external host the desktop app may open). */
  registrationUrl(): string | null;
  /** Stops the timers and closes the database. */
  close(): null;
}

export type OpName = keyof HostOps;
export type OpArgs<K extends OpName> = Parameters<HostOps[K]>;
export type OpResult<K extends OpName> = ReturnType<HostOps[K]>;

export interface OpRequest<K extends OpName = OpName> {
  type: 'op';
  id: number;
  op: K;
  args: OpArgs<K>;
}

/** An AppError as it crosses a thread: the reason and its parameters, no text. */
export interface WireError {
  reason: string;
  params?: unknown;
  extra?: ErrorExtra;
  /** For a thrown value that is no AppError (a bug): its message, for the log. */
  message?: string;
}

export type WorkerMessage =
  | { type: 'ready' }
  /** The core could not be opened (a database not ours, a newer version, …). */
  | { type: 'open_failed'; error: WireError }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: WireError };

export interface CoreWorkerData {
  dataDir: string;
  mode: Exclude<Mode, 'cli'>;
  /** The import worker's script (a .ts file under Node, the bundled .js in Electron). */
  importWorkerFile: string;
  /** Heap limit of each import worker, in MB. */
  importHeapMb: number;
  /** The daily backup, journal summaries and sync rounds: off only in tests that want a quiet core. */
  timers: boolean;
}

export function toWire(e: unknown): WireError {
  if (e instanceof AppError) {
    const extra: ErrorExtra = {};
    if (e.field !== undefined) extra.field = e.field;
    if (e.retryAfterMs !== undefined) extra.retryAfterMs = e.retryAfterMs;
    if (e.issues !== undefined) extra.issues = e.issues as FieldIssue[];
    return { reason: e.reason, params: e.params, extra };
  }
  return { reason: 'app.internal', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

/** The AppError again on this side of the channel; a bug stays a plain Error (logged, «internal»). */
export function fromWire(w: WireError): Error {
  if (w.message !== undefined || !isReason(w.reason)) return new Error(w.message ?? w.reason);
  const args = REASONS[w.reason].takesParams ? [w.params, w.extra] : [w.extra];
  return new (AppError as unknown as new (reason: string, ...rest: unknown[]) => AppError)(w.reason, ...args);
}
