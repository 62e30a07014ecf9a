// What the Electron preload exposes as `window.kurator`: one narrow function per RPC method plus a
// few platform functions (native dialogs, printing). Browser mode has no bridge: it speaks HTTP.
import type { MethodName } from './methods.ts';
import type { Result } from '../result.ts';
import type { FilePayload } from './types.ts';

export type RpcBridge = { [M in MethodName]: (args: unknown) => Promise<Result<unknown>> };

export const PLATFORM_CHANNELS = {
  saveFile: 'kurator-platform:saveFile',
} as const;

export interface PlatformBridge {
  /** Shows the native save dialog and writes the file; `null` when the user cancels. */
  saveFile(file: FilePayload): Promise<Result<{ path: string } | null>>;
}

export interface KuratorBridge {
  rpc: RpcBridge;
  platform: PlatformBridge;
}
