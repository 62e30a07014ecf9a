// `npm start` on a machine where Electron cannot run falls back to browser mode by itself.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, electronBinary } from '../../scripts/project.ts';
import { tempDir } from '../support/tmp.ts';
import { startBrowserApp } from '../support/app.ts';
import { APPLICATION_ID } from '../../src-main/core/db/database.ts';
import { MIGRATIONS } from '../../src-main/core/db/migrations/index.ts';

const electron = electronBinary({ ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' });
const canRunElectron = !('missing' in electronBinary());
if (canRunElectron) console.warn('[e2e] start.test: skipped: Electron can run here, so npm start opens the desktop app instead');

describe.skipIf(canRunElectron)('npm start without a usable Electron', () => {
  it('says why and serves browser mode', async () => {
    expect('missing' in electron).toBe(true);
    const data = tempDir();
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.ts'), '--no-open', '--port', '0', '--data-dir', data.dir], {
      cwd: ROOT,
      env: { ...process.env, DISPLAY: '' },
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Kurator is running at (\S+)\n/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(err)));
    });
    // Said on stderr, the address on stdout: two pipes, read in whichever order their data comes.
    await expect.poll(() => err).toContain('Electron не запускается');
    const res = await fetch(new URL('/', url));
    expect(res.status).toBe(200);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    data.remove();
  });

  it('refuses a database from a newer version with the Russian message, not a stack trace', async () => {
    const data = tempDir();
    const raw = new Database(path.join(data.dir, 'kurator.sqlite'));
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.ts'), '--no-open', '--port', '0', '--data-dir', data.dir], {
      cwd: ROOT,
      env: { ...process.env, DISPLAY: '' },
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // 'close', not 'exit': the process may have exited before all it wrote on stderr has been read.
    const code = await new Promise((r) => child.once('close', r));
    expect(code).toBe(1);
    expect(err).toContain(`Ошибка: База данных создана более новой версией «Куратора» (версия схемы ${MIGRATIONS.length + 1}`);
    expect(err).not.toContain('db.too_new');
    data.remove();
  });

  it('rejects a bad --port with a clear message', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.ts'), '--port', 'восемь'], { cwd: ROOT });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((r) => child.once('close', r));
    expect(code).toBe(2);
    expect(err).toContain('--port: ожидается номер порта');
  });
});

describe('npm start -- --browser opening the browser', () => {
  it('prints the address with the token, but hands the browser a token-free one-time launch address', async () => {
    const data = tempDir();
    // A stand-in for xdg-open that writes down its command line, as any local user could read it.
    const bin = path.join(data.dir, 'bin');
    const seen = path.join(data.dir, 'xdg-open.args');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${seen}'\n`, { mode: 0o755 });
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'scripts', 'start.ts'), '--browser', '--port', '0', '--data-dir', path.join(data.dir, 'data')],
      { cwd: ROOT, env: { ...process.env, DISPLAY: ':0', PATH: `${bin}:${process.env.PATH ?? ''}` } },
    );
    let out = '';
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^(Kurator is running at .*)\n/m.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(out)));
    });
    try {
      const printed = /^Kurator is running at http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})$/.exec(line);
      expect(printed, line).not.toBeNull();
      const token = printed![2]!;
      await expect.poll(() => fs.existsSync(seen), { timeout: 60_000 }).toBe(true);
      const opened = fs.readFileSync(seen, 'utf8').trim();
      expect(opened).not.toContain(token);
      const launch = new RegExp(`^http://127\\.0\\.0\\.1:${printed![1]}/#launch=([A-Za-z0-9_-]+)$`).exec(opened);
      expect(launch, opened).not.toBeNull();
      const exchanged = await fetch(`http://127.0.0.1:${printed![1]}/launch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: launch![1] }),
      });
      expect(await exchanged.json()).toEqual({ token });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      data.remove();
    }
  });
});

describe('npm start -- --browser stopped by a signal', () => {
  // A supervisor or a test may send SIGTERM the moment the address line appears: the app must close
  // its database and end with 0, not die of the signal's default action with the database open.
  it('ends cleanly on a SIGTERM sent the moment it says it runs, every time', async () => {
    const data = tempDir();
    try {
      for (let round = 0; round < 6; round++) {
        const app = await startBrowserApp(data.dir);
        expect(await app.stop(), `round ${round}`).toEqual({ code: 0, signal: null });
      }
    } finally {
      data.remove();
    }
  }, 180_000);
});

describe('npm start with a wrong command line or a port another program holds', () => {
  it('words a mistyped option in Russian', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.ts'), '--browsr'], { cwd: ROOT });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((r) => child.once('close', r));
    expect(code).toBe(2);
    expect(err).toContain('Неизвестный параметр --browsr');
    expect(err).not.toContain('Unknown option');
  });

  it('says so in one Russian line and what to do, without a stack trace', async () => {
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as net.AddressInfo).port;
    const data = tempDir();
    try {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'scripts', 'start.ts'), '--browser', '--no-open', '--port', String(port), '--data-dir', data.dir],
        { cwd: ROOT },
      );
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise((r) => child.once('close', r));
      expect(code).toBe(1);
      expect(err).not.toMatch(/\n\s+at |EADDRINUSE/);
      expect(err.trim().split('\n')).toEqual([
        `Ошибка: Порт ${port} уже занят другой программой. Укажите другой порт (--port) или остановите ту программу.`,
      ]);
    } finally {
      await new Promise((r) => other.close(r));
      data.remove();
    }
  });
});
