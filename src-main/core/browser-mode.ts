import { spawn } from 'node:child_process';
import { openCore, type Core } from './core.ts';
import { createDispatcher } from './rpc/dispatch.ts';
import { startBrowserServer, type BrowserServer } from './http/server.ts';
import { printDocumentFor } from './codes/print-jobs.ts';
import { startSyncTimer } from './sync/scheduler.ts';
import { startMaintenance } from './maintenance.ts';

export interface BrowserModeOptions {
  dataDir: string;
  port: number;
  staticDir: string;
  open: boolean;
}

/** Opens the system browser; quietly does nothing where there is no desktop to open it on. */
export function openInBrowser(url: string): boolean {
  const platform = process.platform;
  if (platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  const [cmd, args] =
    platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url.replaceAll('&', '^&')]]
      : platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

export async function runBrowserMode(options: BrowserModeOptions): Promise<{ core: Core; server: BrowserServer; stop(): Promise<void> }> {
  const core = await openCore({ dataDir: options.dataDir, mode: 'browser' });
  let server: BrowserServer;
  try {
    server = await startBrowserServer({
      dispatch: createDispatcher(core),
      staticDir: options.staticDir,
      port: options.port,
      printDocument: (id) => printDocumentFor(core, id),
      rekey: (from, to) => core.auth.rekey(from, to),
    });
  } catch (e) {
    core.close();
    throw e;
  }
  const timer = startSyncTimer(core.sync);
  const stopMaintenance = startMaintenance(core);
  const stop = async () => {
    timer.stop();
    stopMaintenance();
    await server.close();
    core.close();
  };
  return { core, server, stop };
}
