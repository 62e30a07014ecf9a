// IPC glue: one channel per RPC method, each checking its sender before the dispatcher parses the
// argument with zod. Written against structural types so Node tests can drive it with fakes.
import { METHOD_NAMES, ipcChannel } from '../../src-shared/rpc/methods.ts';
import { fail, failWith, type Result } from '../../src-shared/result.ts';
import { asAppError } from '../core/errors.ts';
import type { Dispatch } from '../core/rpc/dispatch.ts';
import type { z } from '../../src-shared/z.ts';
import type { SenderFrameLike } from './security.ts';

export interface IpcEventLike {
  sender: { id: number };
  senderFrame: SenderFrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

export type SenderCheck = (event: IpcEventLike) => boolean;

export const refused = (): Result<never> => failWith('app.untrusted_sender');

export function rpcHandler(method: string, dispatch: Dispatch, trusted: SenderCheck) {
  return async (event: IpcEventLike, args?: unknown): Promise<Result<unknown>> => {
    if (!trusted(event)) return refused();
    return dispatch(method, args, `ipc:${event.sender.id}`);
  };
}

export function registerRpc(ipcMain: IpcMainLike, dispatch: Dispatch, trusted: SenderCheck): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), rpcHandler(method, dispatch, trusted));
  }
}

/**
 * A platform IPC channel (save dialog, printing): same sender check, argument parsed with its schema,
 * failures returned as data.
 */
export function platformHandler<S extends z.ZodType, R>(
  schema: S,
  trusted: SenderCheck,
  run: (input: z.output<S>, event: IpcEventLike) => Promise<R>,
) {
  return async (event: IpcEventLike, args?: unknown): Promise<Result<R>> => {
    if (!trusted(event)) return refused();
    const parsed = schema.safeParse(args);
    if (!parsed.success) return failWith('input.invalid', { label: null, problem: null });
    try {
      return { ok: true, value: await run(parsed.data, event) };
    } catch (e) {
      // The same mapping as the RPC dispatcher: a busy database is «busy», not an internal error.
      const known = asAppError(e);
      if (known) return fail(known.toRpcError());
      console.error(e);
      return failWith('app.internal');
    }
  };
}
