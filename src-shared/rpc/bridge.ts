// What the Electron preload exposes as `window.kurator`: one narrow function per RPC method plus a
// few platform functions (native dialogs, printing). Browser mode has no bridge: it speaks HTTP.
import type { MethodName } from './methods.ts';
import type { Result } from '../result.ts';
import type { FilePayload } from './types.ts';

export type RpcBridge = { [M in MethodName]: (args: unknown) => Promise<Result<unknown>> };

export const PLATFORM_CHANNELS = {
  saveFile: 'kurator-platform:saveFile',
  printers: 'kurator-platform:printers',
  printDocument: 'kurator-platform:printDocument',
  savePdf: 'kurator-platform:savePdf',
  chooseFolder: 'kurator-platform:chooseFolder',
} as const;

export interface PrinterInfo {
  name: string;
  displayName: string;
}

export interface PlatformBridge {
  /** Shows the native save dialog and writes the file; `null` when the user cancels. */
  saveFile(file: FilePayload): Promise<Result<{ path: string } | null>>;
  /** The system's printers and the one used last on this computer. */
  printers(): Promise<Result<{ printers: PrinterInfo[]; last: string | null }>>;
  /** Prints a prepared printout through the system dialog; `printed` is false when cancelled. */
  printDocument(args: { printId: string; deviceName?: string }): Promise<Result<{ printed: boolean }>>;
  /** Saves a prepared printout as PDF (Chromium's printToPDF); `null` when the user cancels. */
  savePdf(args: { printId: string; fileName: string }): Promise<Result<{ path: string } | null>>;
  /** The system's folder dialog (where to save a backup: a folder, a USB stick); `null` when cancelled. */
  chooseFolder(args: { title: string }): Promise<Result<{ path: string } | null>>;
}

export interface KuratorBridge {
  rpc: RpcBridge;
  platform: PlatformBridge;
}
