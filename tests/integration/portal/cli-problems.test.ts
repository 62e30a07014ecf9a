// What an IT admin meets on the portal's command line: words that say what happened; when something
// goes wrong, one Russian line saying what and what to do, an exit code that is not 0, no Node stack
// trace and nothing left behind.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteCopy } from '../../support/portal.ts';
import { portalCli, startPortal } from '../../support/portal-process.ts';
import { tempDir } from '../../support/tmp.ts';

/** A port some other program listens on (this test), for as long as the test runs. */
async function takenPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** No stack trace, no English error code: what Node prints for an uncaught error. */
function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toMatch(/EADDRINUSE|EADDRNOTAVAIL|EISDIR|ENOENT|Unknown option/);
}

describe('the portal command line as an IT admin meets it', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dataDir: string;
  beforeAll(async () => {
    tmp = tempDir('kurator-portal-problems-');
    dataDir = path.join(tmp.dir, 'portal');
    await pgliteCopy(path.join(dataDir, 'pgdata'));
  });
  afterAll(() => tmp.remove());

  it('says the port is taken and what to do, instead of a stack trace', async () => {
    const taken = await takenPort();
    try {
      const r = portalCli(['--port', String(taken.port), '--data-dir', dataDir]);
      expect(r.code).toBe(1);
      expectNoStack(r.stderr);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`Порт ${taken.port} уже занят`);
      expect(r.stderr).toContain('--port');
    } finally {
      await taken.close();
    }
  });

  it('says the --listen address is not this computer’s', () => {
    const r = portalCli(['--port', '0', '--listen', '10.99.99.99', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expectNoStack(r.stderr);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('10.99.99.99');
    expect(r.stderr).toContain('--listen');
  });

  it('refuses a backup into a folder or into a folder that does not exist, naming the path, leaving nothing', () => {
    const folder = path.join(tmp.dir, 'backups');
    fs.mkdirSync(folder);
    const intoFolder = portalCli(['backup', '--out', folder, '--data-dir', dataDir]);
    expect(intoFolder.code).toBe(1);
    expectNoStack(intoFolder.stderr);
    expect(intoFolder.stderr).toContain(folder);
    expect(intoFolder.stderr).toContain('папка');
    const missing = path.join(tmp.dir, 'no-such-folder', 'x.tar');
    const intoNowhere = portalCli(['backup', '--out', missing, '--data-dir', dataDir]);
    expect(intoNowhere.code).toBe(1);
    expectNoStack(intoNowhere.stderr);
    expect(intoNowhere.stderr).toContain(path.dirname(missing));
    expect(intoNowhere.stderr).toContain('нет');
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(['backups', 'portal']);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('words a mistyped flag and a school number that is not one in Russian, as wrong usage (exit 2)', () => {
    const address = portalCli(['school', 'add', '--name', 'Школа', '--adress', 'https://1399.ejgur.ru/hello', '--data-dir', dataDir]);
    expect(address.code).toBe(2);
    expectNoStack(address.stderr);
    expect(address.stderr).toContain('Ошибка: Неизвестный параметр --adress');
    const json = portalCli(['school', 'list', '--jsn', '--data-dir', dataDir]);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('Ошибка: Неизвестный параметр --jsn');
    expect(json.stderr).not.toContain('Unknown option');
    const key = portalCli(['school', 'key', '--school', 'abc', '--data-dir', dataDir]);
    expect(key.code).toBe(2);
    expect(key.stderr).not.toMatch(/"code"|invalid_type|\[\s*\{/);
    expect(key.stderr).toContain('--school');
    expect(key.stderr).toContain('«abc»');
  });

  it('school add names the school by its name, and prints the pairing command with the real address and key', () => {
    const address = 'https://1399.ejgur.ru/hello';
    const r = portalCli(['school', 'add', '--name', 'Школа №1399', '--address', address, '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/Школа № \d+ добавлена/);
    expect(r.stdout).toMatch(/Школа «Школа №1399» добавлена \(номер на портале: \d+\)/);
    const key = /([0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){6})/.exec(r.stdout)?.[1];
    expect(key).toBeDefined();
    expect(r.stdout).toContain(`npm run kurator -- portal pair --url ${address} --key ${key}`);
    expect(r.stdout).not.toContain('АДРЕС_РЕГИСТРАЦИИ');
  });

  it('refuses an admin command on a folder that holds no portal, naming it, and creates nothing there', () => {
    const typo = path.join(tmp.dir, 'x', 'portl');
    for (const command of [
      ['school', 'list'],
      ['mail', 'failed'],
      ['school', 'key', '--school', '1'],
    ]) {
      const r = portalCli([...command, '--data-dir', typo]);
      expect(r.code, command.join(' ')).toBe(1);
      expectNoStack(r.stderr);
      expect(r.stderr).toContain(typo);
      expect(r.stdout).not.toContain('Школ на портале пока нет');
    }
    expect(fs.existsSync(path.join(tmp.dir, 'x'))).toBe(false);
  });

  it('school add on a new folder says it makes a new portal there, and the server still starts on a new folder', async () => {
    const fresh = path.join(tmp.dir, 'new-portal');
    const r = portalCli(['school', 'add', '--name', 'Школа №7', '--address', 'https://7.ejgur.ru/hello', '--data-dir', fresh, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout) as object)).toEqual(['school', 'pairingKey']);
    expect(r.stderr).toContain(fresh);
    expect(r.stderr).toContain('новый портал');
    const list = portalCli(['school', 'list', '--data-dir', fresh, '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toBe('');
    const first = path.join(tmp.dir, 'first-start');
    const server = await startPortal(first);
    // What this checks is that the first start made a portal there; a clean stop is cli.test.ts's.
    await server.stop();
    expect(portalCli(['school', 'list', '--data-dir', first]).code).toBe(0);
    // The first start says it is making the database (it may take a minute); stdout keeps its one line.
    expect(server.stderr()).toContain(`Первый запуск: создаётся встроенная база данных в ${path.join(first, 'pgdata')}`);
    expect(server.stdout().trim().split('\n')).toHaveLength(1);
    const again = await startPortal(fresh);
    await again.stop();
    expect(again.stderr()).not.toContain('Первый запуск');
    // Two new embedded databases made and two portal starts: over two minutes on a busy 2-core machine.
  }, 300_000);
});
