// One running app per data folder: a second `npm start -- --browser` on a folder another app has
// open refuses (its server, timers and sync rounds would write the same database and key file),
// says who has it, and exits 1. The CLI beside a running app is normal and keeps working. A crash
// (SIGKILL) leaves nothing that blocks the next start. Real processes, started as a user does.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/project.ts';
import { startBrowserApp, type RunningApp } from '../support/app.ts';
import { kuratorAsync } from '../support/cli.ts';
import { CURATOR, setUpDataDir } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';

const SIGNED_IN = { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password };

/** Every file under the folder with its size, mode and times: what a refused start must leave as it was. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
    const st = fs.statSync(path.join(dir, entry));
    out[entry] = `${st.size} ${st.mode.toString(8)} ${st.mtimeMs} ${st.ctimeMs}`;
  }
  return out;
}

/** The desktop app's stand-in (tests/support/hold-data-folder.ts), holding the folder once it says so. */
async function desktopApp(dataDir: string): Promise<{ pid: number; kill(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'tests', 'support', 'hold-data-folder.ts'), dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('held\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code}: ${err}`)));
  });
  return {
    pid: child.pid!,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** `npm start -- --browser` expected to end by itself: its exit code and what it said. */
function startExpectingExit(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'scripts', 'start.ts'), '--browser', '--no-open', '--port', '0', '--data-dir', dataDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DISPLAY: '' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // A second app that did start would run forever: give it the time a start takes, then end it.
  const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
  // 'close', not 'exit': all it wrote on stderr has been read.
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('one running app per data folder', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function folder(): Promise<string> {
    const data = tempDir();
    cleanup.push(() => data.remove());
    await setUpDataDir(data.dir);
    return data.dir;
  }

  async function app(dir: string): Promise<RunningApp> {
    const running = await startBrowserApp(dir);
    cleanup.push(async () => void (await running.stop()));
    return running;
  }

  it('a second browser mode on the same folder refuses, says who has it, and exits 1; the CLI beside it works', async () => {
    const dir = await folder();
    const first = await app(dir);

    const second = await startExpectingExit(dir);
    expect(second.code, second.stderr).toBe(1);
    expect(second.stdout).not.toContain('Kurator is running');
    expect(second.stderr).toContain('уже открыта');
    expect(second.stderr).toContain(dir);
    expect(second.stderr).toContain(String(first.pid));
    expect(second.stderr).toContain(`${first.origin}/`);
    expect(second.stderr).not.toContain(first.token); // the address, never the key to it
    expect(second.stderr).not.toMatch(/\n\s+at /); // a sentence, not a stack trace

    // A short command beside the running app is normal: it shares the database (WAL).
    const stats = await kuratorAsync(['stats', '--json', '--data-dir', dir], SIGNED_IN);
    expect(stats.code, stats.stderr).toBe(0);
    expect(await fetch(first.origin + '/').then((r) => r.status)).toBe(200);

    // Once the first has stopped, the folder is free again.
    await first.stop();
    const next = await app(dir);
    expect(await fetch(next.origin + '/').then((r) => r.status)).toBe(200);
  });

  it('two started at the same moment on a new folder: exactly one runs', async () => {
    const data = tempDir();
    cleanup.push(() => data.remove());
    const dir = path.join(data.dir, 'Kurator'); // not there yet: both would create it
    const [a, b] = await Promise.allSettled([startBrowserApp(dir), startBrowserApp(dir)]);
    for (const r of [a, b]) if (r.status === 'fulfilled') cleanup.push(async () => void (await r.value.stop()));
    const refused = [a, b].filter((r) => r.status === 'rejected').map((r) => String(r.reason));
    expect(refused, refused.join('\n')).toHaveLength(1);
    expect(refused[0]).toContain('app exited with 1');
    expect(refused[0]).toContain('уже открыта');
  });

  it('an app killed with SIGKILL does not block the next start', async () => {
    const dir = await folder();
    const crashed = await app(dir);
    await crashed.kill();
    const next = await app(dir);
    expect(next.pid).not.toBe(crashed.pid);
    expect(await fetch(next.origin + '/').then((r) => r.status)).toBe(200);
    // And the one after it is refused again: the lock is the new app's now.
    const third = await startExpectingExit(dir);
    expect(third.code, third.stderr).toBe(1);
    expect(third.stderr).toContain(String(next.pid));
  });

  it('the desktop app holding the folder: browser mode refuses and changes nothing there; after a crash it starts', async () => {
    const dir = await folder();
    const desktop = await desktopApp(dir);
    cleanup.push(() => desktop.kill());
    const before = snapshot(dir);

    const refused = await startExpectingExit(dir);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`работает приложение «Куратор» (процесс ${desktop.pid})`);
    expect(snapshot(dir)).toEqual(before);

    await desktop.kill();
    const next = await app(dir);
    expect(await fetch(next.origin + '/').then((r) => r.status)).toBe(200);
  });
});
