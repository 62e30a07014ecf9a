// The portal's command line as an IT admin uses it: with the embedded database, commands work whether
// the server runs (through it) or not (on the files directly), and the lock keeps two processes apart.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteCopy } from '../../support/portal.ts';
import { openDb } from '../../../src-portal/db/connect.ts';
import { portalCli, startPortal, type RunningPortal } from '../../support/portal-process.ts';
import { tempDir } from '../../support/tmp.ts';

describe('portal admin commands on the embedded database', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dataDir: string;
  let server: RunningPortal | null = null;
  beforeAll(async () => {
    tmp = tempDir('kurator-portal-cli-');
    dataDir = path.join(tmp.dir, 'portal');
    await pgliteCopy(path.join(dataDir, 'pgdata'));
  });
  afterAll(async () => {
    await server?.stop();
    tmp.remove();
  });

  it('prints the one start line, saying where mail goes', async () => {
    server = await startPortal(dataDir);
    expect(server.startLine).toMatch(
      /^Kurator portal is running at http:\/\/127\.0\.0\.1:\d+\/ — mail is written to .*outbox \(SMTP_URL is not set\)$/,
    );
    expect(server.stdout().trim().split('\n')).toHaveLength(1);
  });

  it('adds a school through the running server, with the --json shape scripts rely on', async () => {
    const address = `${server!.origin}/s/1399/hello`;
    const r = portalCli(['school', 'add', '--name', 'Школа №1399', '--address', address, '--data-dir', dataDir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const made = JSON.parse(r.stdout) as { school: number; pairingKey: string };
    expect(Object.keys(made)).toEqual(['school', 'pairingKey']);
    expect(made.school).toBe(1);
    expect(made.pairingKey).toMatch(/^([0-9a-hjkmnp-tv-z]{4}-){6}[0-9a-hjkmnp-tv-z]{4}$/);
    const page = await fetch(`${address}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Школа №1399');
    const list = portalCli(['school', 'list', '--data-dir', dataDir, '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: 1, name: 'Школа №1399', paired: false })]);
  });

  it('refuses a second server on the same data folder, and bad input with a clear message', async () => {
    const second = portalCli(['--port', '0', '--data-dir', dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/уже запущен \(процесс \d+\)/);
    const bad = portalCli(['school', 'add', '--name', 'Школа', '--address', 'http://school.example.ru/hello', '--data-dir', dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('https://');
    const dup = portalCli(['school', 'add', '--name', 'Другая', '--address', `${server!.origin}/s/1399/hello`, '--data-dir', dataDir]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('уже зарегистрирована школа № 1');
    const usage = portalCli(['school', 'add', '--name', 'Школа', '--data-dir', dataDir]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--address');
    const remove = portalCli(['school', 'remove', '--school', '1', '--data-dir', dataDir]);
    expect(remove.code).toBe(2);
    expect(remove.stderr).toContain('--yes');
    const missing = portalCli(['school', 'key', '--school', '9', '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Школы с номером 9 на портале нет');
  });

  it('backs up the embedded database while it runs', () => {
    const out = path.join(tmp.dir, 'running.tar.gz');
    const r = portalCli(['backup', '--out', out, '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(100_000);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
  });

  it('works on the files directly once the server stopped, and records every command', async () => {
    expect(await server!.stop()).toBe(0);
    server = null;
    expect(fs.existsSync(path.join(dataDir, 'portal.lock'))).toBe(false);
    // One command on the files: each opens the embedded database (~5 s of CPU on a busy machine); the
    // list and a refused key went through the server above (the same operations, not logged either way).
    const key = portalCli(['school', 'key', '--school', '1', '--data-dir', dataDir, '--json']);
    expect(key.code, key.stderr).toBe(0);
    expect(JSON.parse(key.stdout)).toMatchObject({ school: 1 });
    const opened = await openDb({ kind: 'pglite', dir: path.join(dataDir, 'pgdata') });
    try {
      const log = await opened.db.selectFrom('admin_log').select(['command', 'via', 'school_id']).orderBy('id').execute();
      expect(log).toEqual([
        { command: 'school add', via: 'server', school_id: 1 },
        { command: 'backup', via: 'server', school_id: null },
        { command: 'school key', via: 'cli', school_id: 1 },
      ]);
    } finally {
      await opened.close();
    }
  });
});
