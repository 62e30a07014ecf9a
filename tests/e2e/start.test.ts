// `npm start` on a machine where Electron cannot run falls back to browser mode by itself.
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, electronBinary } from '../../scripts/project.ts';
import { tempDir } from '../support/tmp.ts';
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
    expect(err).toContain('Electron не запускается');
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
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(err).toContain(`Ошибка: База данных создана более новой версией «Куратора» (версия схемы ${MIGRATIONS.length + 1}`);
    expect(err).not.toContain('db.too_new');
    data.remove();
  });

  it('rejects a bad --port with a clear message', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.ts'), '--port', 'восемь'], { cwd: ROOT });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(2);
    expect(err).toContain('--port: ожидается номер порта');
  });
});
