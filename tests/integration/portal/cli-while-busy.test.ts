// An admin command while the data folder is taken by something that is not a running server: a server
// still starting, or another command. The admin is told which, and the command waits for it instead
// of saying «уже запущен» about a portal that is not up yet.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalCli, portalCliAsync, startPortal } from '../../support/portal-process.ts';
import { tempDir } from '../../support/tmp.ts';
import { openDb } from '../../../src-portal/db/connect.ts';

/** A live process to name in a lock file, as a server or a command still running would be. */
function holder(): { pid: number; end(): Promise<void>; child: ChildProcess } {
  const child = spawn('sleep', ['120'], { stdio: 'ignore' });
  const ended = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { pid: child.pid!, child, end: async () => (child.kill('SIGKILL'), ended) };
}

const writeLock = (dataDir: string, info: object) => fs.writeFileSync(path.join(dataDir, 'portal.lock'), JSON.stringify(info));

describe('admin commands while the data folder is busy', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dataDir: string;
  const holders: ReturnType<typeof holder>[] = [];
  beforeAll(() => {
    tmp = tempDir('kurator-portal-busy-');
    // Empty: the server's first start makes the portal (and takes its time doing so). The only server
    // first start of the integration tests: cli-problems.test.ts makes its portal with `school add`.
    dataDir = path.join(tmp.dir, 'portal');
  });
  afterAll(async () => {
    for (const h of holders) await h.end();
    tmp.remove();
  });

  it('a command run while the server starts says it is starting, waits, and is done through it', async () => {
    const server = startPortal(dataDir);
    // The server takes the lock first and opens its channel for commands once it is up.
    await expect.poll(() => fs.existsSync(path.join(dataDir, 'portal.lock')), { timeout: 30_000, interval: 20 }).toBe(true);
    const add = ['school', 'add', '--name', 'Школа №1399', '--address', 'https://1399.ejgur.ru/hello', '--data-dir', dataDir];
    const r = await portalCliAsync(add).result;
    const running = await server;
    try {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/запускается \(процесс \d+\)/);
      expect(r.stderr).not.toContain('уже запущен');
      expect(r.stderr).not.toContain('создаётся новый портал'); // the server makes it, and says nothing of it
      expect(r.stdout).toContain('Школа «Школа №1399» добавлена');
    } finally {
      expect(await running.stop()).toBe(0);
    }
    // The first start says it is making the database (it may take a minute); stdout keeps its one line.
    expect(running.stderr()).toContain(`Первый запуск: создаётся встроенная база данных в ${path.join(dataDir, 'pgdata')}`);
    expect(running.stdout().trim().split('\n')).toHaveLength(1);
    const opened = await openDb({ kind: 'pglite', dir: path.join(dataDir, 'pgdata') });
    try {
      const log = await opened.db.selectFrom('admin_log').select(['command', 'via']).execute();
      expect(log).toEqual([{ command: 'school add', via: 'server' }]);
    } finally {
      await opened.close();
    }
  });

  it('a command behind another command says so, and runs once that one has ended', async () => {
    const other = holder();
    holders.push(other);
    writeLock(dataDir, { pid: other.pid, kind: 'command' });
    const waiting = portalCliAsync(['school', 'list', '--data-dir', dataDir, '--json']);
    await expect.poll(() => waiting.stderr(), { timeout: 60_000, interval: 50 }).toContain('Подождите');
    await other.end();
    const r = await waiting.result;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`другая команда портала (процесс ${other.pid})`);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ id: 1, name: 'Школа №1399', paired: false })]);
  });

  it('a second server is told the first is still starting, or that a command has the folder', async () => {
    const first = holder();
    holders.push(first);
    writeLock(dataDir, { pid: first.pid, kind: 'server' });
    const starting = portalCli(['--port', '0', '--data-dir', dataDir]);
    expect(starting.code).toBe(1);
    expect(starting.stderr).toContain(`запускается (процесс ${first.pid})`);
    expect(starting.stderr).not.toContain('уже запущен');
    writeLock(dataDir, { pid: first.pid, kind: 'command' });
    const command = portalCli(['--port', '0', '--data-dir', dataDir]);
    expect(command.code).toBe(1);
    expect(command.stderr).toContain(`команда портала (процесс ${first.pid})`);
    await first.end();
  });
});
