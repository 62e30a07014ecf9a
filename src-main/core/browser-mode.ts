import { spawn } from 'node:child_process';
import { startBrowserServer, type BrowserServer } from './http/server.ts';
import { startCoreHost, type CoreHost, type CoreHostOptions } from './host/core-host.ts';
import { SOURCE_WORKERS } from './host/files.ts';
import { lockDataFolder } from './folder-lock.ts';

export interface BrowserModeOptions {
  dataDir: string;
  port: number;
  staticDir: string;
  open: boolean;
  /** Tests only: other worker scripts or heap limits (see CoreHostOptions). */
  host?: Partial<Omit<CoreHostOptions, 'dataDir' | 'mode'>>;
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

/**
 * The HTTP server on this thread, the core in a worker (its timers too: daily backup, journal
 * summaries, sync rounds): a long import or a crash of the core never stops the server. The data
 * folder is taken first (`app.folder_in_use` when another app has it: nothing touched).
 */
export async function runBrowserMode(
  options: BrowserModeOptions,
): Promise<{ host: CoreHost; server: BrowserServer; stop(): Promise<void> }> {
  const lock = lockDataFolder(options.dataDir, 'browser');
  let host: CoreHost;
  let server: BrowserServer;
  try {
    host = await startCoreHost({ ...SOURCE_WORKERS, ...options.host, dataDir: options.dataDir, mode: 'browser' });
  } catch (e) {
    lock.release();
    throw e;
  }
  try {
    server = await startBrowserServer({
      dispatch: host.dispatch,
      staticDir: options.staticDir,
      port: options.port,
      printDocument: async (id) => (await host.request('printDocument', id)) ?? undefined,
      rekey: (from, to) => host.request('rekey', from, to).then(() => undefined),
    });
  } catch (e) {
    await host.close();
    lock.release();
    throw e;
  }
  // Its origin only: the token stays with whoever started it.
  lock.announce(`${new URL(server.url).origin}/`);
  const stop = async () => {
    try {
      await server.close();
      await host.close();
    } finally {
      lock.release();
    }
  };
  return { host, server, stop };
}
