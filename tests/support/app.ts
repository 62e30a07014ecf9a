// Starts the app exactly as a user does (`npm start` → scripts/start.ts) in browser mode.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../scripts/project.ts';

export interface RunningApp {
  url: string;
  origin: string;
  token: string;
  stdout: () => string;
  /** The `npm start` process (browser mode runs in it: the server, the core's worker threads). */
  pid: number;
  /** SIGTERM and wait: how it ended (code 0 when it closed everything itself). */
  stop(): Promise<Ended>;
  /** Ends it as a crash or a power cut would: SIGKILL, nothing closed, nothing cleaned up. */
  kill(): Promise<Ended>;
}

export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export async function startBrowserApp(dataDir: string, extraArgs: string[] = []): Promise<RunningApp> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'scripts', 'start.ts'), '--browser', '--no-open', '--port', '0', '--data-dir', dataDir, ...extraArgs],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DISPLAY: '' } },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in time\nstdout: ${out}\nstderr: ${err}`)), 60_000);
    const check = () => {
      const m = /Kurator is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)\n/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code}\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  const u = new URL(url);
  const end = (signal: NodeJS.Signals) =>
    new Promise<Ended>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
      child.once('exit', (code, by) => resolve({ code, signal: by }));
      child.kill(signal);
    });
  return {
    url,
    origin: u.origin,
    token: u.hash.replace('#token=', ''),
    stdout: () => out,
    pid: child.pid!,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
