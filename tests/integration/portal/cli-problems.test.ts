// What an IT admin meets on the portal's command line: words that say what happened; when something
// goes wrong, one Russian line saying what and what to do, an exit code that is not 0, no Node stack
// trace and nothing left behind.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalCli, startPortal } from '../../support/portal-process.ts';
import { tempDir } from '../../support/tmp.ts';
import { PG_URL } from '../../support/portal.ts';

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
  let made: ReturnType<typeof portalCli>;
  beforeAll(() => {
    tmp = tempDir('kurator-portal-problems-');
    dataDir = path.join(tmp.dir, 'portal');
    // The portal every test here works on is the one the first `school add` makes on a new folder
    // (the last test checks what it said): one new embedded database for the file, not a copy of the
    // prepared one and then two more new ones. The server's own first start is cli-while-busy.test.ts's.
    made = portalCli(['school', 'add', '--name', 'Школа №7', '--address', 'https://7.ejgur.ru/hello', '--data-dir', dataDir, '--json']);
  }, 240_000);
  afterAll(() => tmp.remove());

  it('says the port is taken and what to do, instead of a stack trace', async () => {
    const taken = await takenPort();
    try {
      const r = portalCli(['--port', String(taken.port), '--data-dir', dataDir]);
      expect(r.code).toBe(1);
      expectNoStack(r.stderr);
      // One line: the server opened the folder `school add` made (the port is tried after the
      // database) and took it as a portal, not as a first start.
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toContain('Первый запуск');
      expect(r.stderr).toContain(`Порт ${taken.port} уже занят`);
      expect(r.stderr).toContain('--port');
    } finally {
      await taken.close();
    }
  });

  it('refuses a time zone it does not know, saying how to write one', () => {
    const r = portalCli(['--port', '0', '--time-zone', 'Moscow', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expectNoStack(r.stderr);
    expect(r.stderr.trim().split('\n').at(-1)).toContain('Часовой пояс «Moscow» не известен');
    expect(r.stderr).toContain('Europe/Moscow');
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
    expect(r.stderr).toBe(''); // the folder the first `school add` made is a portal now: nothing about a new one
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

  it('refuses a secret the database was not set up with (a second server without PORTAL_SECRET); --adopt-secret takes it over', async () => {
    const other = { PORTAL_SECRET: randomBytes(32).toString('hex') };
    const refused = portalCli(['school', 'list', '--data-dir', dataDir], other);
    expect(refused.code).toBe(1);
    expectNoStack(refused.stderr);
    expect(refused.stderr).toContain('другим секретом');
    expect(refused.stderr).toContain('PORTAL_SECRET');
    expect(refused.stderr).toContain('--adopt-secret');
    // Nothing changed: with the folder's own key it is the same portal.
    const mine = portalCli(['school', 'list', '--data-dir', dataDir]);
    expect(mine.code).toBe(0);
    expect(mine.stdout).toContain('Школа №7');
    // The admin who lost the key for good starts the server once with --adopt-secret.
    const adopted = await startPortal(dataDir, { env: other, args: ['--adopt-secret'] });
    expect(await adopted.stop(), `${adopted.signal()} ${adopted.stderr()}`).toBe(0);
    expect(portalCli(['school', 'list', '--data-dir', dataDir], other).code).toBe(0);
    const old = portalCli(['school', 'list', '--data-dir', dataDir]);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('другим секретом');
    // Back to the folder's key, so that the tests after this one find the portal as it was.
    const back = await startPortal(dataDir, { args: ['--adopt-secret'] });
    expect(await back.stop(), `${back.signal()} ${back.stderr()}`).toBe(0);
    expect(portalCli(['school', 'list', '--data-dir', dataDir]).code).toBe(0);
  }, 240_000);

  it('says in one line why the PostgreSQL server in DATABASE_URL cannot be used, never its password', () => {
    const url = (password: string, port: string, database: string) => {
      const u = new URL(PG_URL);
      u.password = password;
      u.port = port;
      u.pathname = `/${database}`;
      return u.toString();
    };
    const pgPort = new URL(PG_URL).port || '5432';
    const real = new URL(PG_URL).password;
    const cases: [string, string, string][] = [
      [url('sekret-word', '1', 'kurator'), 'недоступен', ':1 '],
      [url('sekret-word', pgPort, new URL(PG_URL).pathname.slice(1)), 'не принял имя пользователя или пароль', `:${pgPort} `],
      [url(real, pgPort, 'kurator_no_such_db'), 'нет базы «kurator_no_such_db»', 'createdb kurator_no_such_db'],
    ];
    for (const [databaseUrl, says, names] of cases) {
      const r = portalCli(['school', 'list', '--data-dir', dataDir], { DATABASE_URL: databaseUrl });
      expect(r.code, r.stderr).toBe(1);
      expectNoStack(r.stderr);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(says);
      expect(r.stderr).toContain(names);
      expect(r.stderr).not.toContain('sekret-word');
    }
  });

  it('school add on a new folder says it makes a new portal there', () => {
    expect(made.code, made.stderr).toBe(0);
    expect(Object.keys(JSON.parse(made.stdout) as object)).toEqual(['school', 'pairingKey']);
    expect(made.stderr).toContain(dataDir);
    expect(made.stderr).toContain('новый портал');
  });
});
