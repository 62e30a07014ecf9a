// The portal as a user starts it (`npm run portal` → src-portal/main.ts), in a child process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { inject } from 'vitest';
import { ROOT } from '../../scripts/project.ts';
import { tempDir } from './tmp.ts';

const MAIN = path.join(ROOT, 'src-portal', 'main.ts');

export interface RunningPortal {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  origin: string;
  /** The whole start line. */
  startLine: string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM and wait; resolves with the exit code (null when a signal ended it: see `signal()`). */
  stop(): Promise<number | null>;
  /** The signal that ended the process, if one did. */
  signal(): NodeJS.Signals | null;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  child: ChildProcess;
}

/** The environment of a portal process: nothing of the test's own database or mail settings leaks in. */
const portalEnv = (env: Record<string, string>) => ({
  ...process.env,
  DATABASE_URL: '',
  SMTP_URL: '',
  PORTAL_DATA_DIR: '',
  PORTAL_SECRET: '',
  ...env,
});

/**
 * A new portal data folder. In the e2e project it already holds the migrated embedded database its
 * global setup provides (as `kurator-pglite-template-*`, tests/support/portal.ts): a portal creating
 * its own spends ~10 s of CPU on initdb and migrations, which tests/integration cover.
 */
export function portalDataDir(prefix: string): { dir: string; remove(): void } {
  const data = tempDir(prefix);
  const template = inject('pgliteTemplate');
  if (template) cpSync(template, path.join(data.dir, 'pgdata'), { recursive: true });
  return data;
}

export async function startPortal(
  dataDir: string,
  options: { env?: Record<string, string>; args?: string[] } = {},
): Promise<RunningPortal> {
  const child = spawn(process.execPath, [MAIN, '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])], {
    cwd: ROOT,
    env: portalEnv(options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  let signal: NodeJS.Signals | null = null;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, by) => {
      signal = by;
      resolve(code);
    }),
  );
  const startLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`portal did not start in time\nstdout: ${out}\nstderr: ${err}`)), 90_000);
    const check = () => {
      const line = out.split('\n').find((l) => l.startsWith('Kurator portal is running at '));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`portal exited with ${code}\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  const origin = /running at (http:\/\/[^/ ]+)\//.exec(startLine)![1]!;
  return {
    origin,
    startLine,
    stdout: () => out,
    stderr: () => err,
    signal: () => signal,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface PortalCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run portal -- …` as a script runs it. */
export function portalCli(args: string[], env: Record<string, string> = {}): PortalCliResult {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, env: portalEnv(env), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** `npm run portal -- …` without blocking the test (while a server it talks to starts in parallel). */
export function portalCliAsync(args: string[], env: Record<string, string> = {}): { result: Promise<PortalCliResult>; stderr(): string } {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: portalEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return {
    result: new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))),
    stderr: () => stderr,
  };
}

/**
 * A port nobody listens on right now, for a process that must be told its port before it starts.
 *
 * It comes from just below the kernel's ephemeral range: a port from `listen(0)` would be free for
 * the kernel to hand to an outgoing connection or to another `listen(0)` (this test's SMTP server)
 * before the portal binds it, and a clean-clone CI run lost a file to EADDRINUSE that way.
 * `KURATOR_TEST_PORTS=47400-47499` keeps a run to the ports it was given (developers sharing a machine).
 */
export async function freePort(): Promise<number> {
  const [low] = ephemeralRange();
  const given = /^(\d+)-(\d+)$/.exec(process.env.KURATOR_TEST_PORTS ?? '');
  const first = given ? Number(given[1]) : Math.max(1024, low - 10_000);
  const span = given ? Number(given[2]) - first + 1 : low - first;
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = first + ((start + i) % span);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port in ${first}–${first + span - 1}`);
}

function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low! > 1024 + 1000 && high! >= low!) return [low!, high!];
  } catch {
    // Not Linux: the IANA range, which Windows and macOS use.
  }
  return [49152, 65535];
}

function canListen(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
