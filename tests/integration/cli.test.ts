import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { kurator } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';

const tmp = tempDir();
const dataDir = path.join(tmp.dir, 'data');
const signedIn = { KURATOR_OPERATOR: 'admin', KURATOR_PASSWORD: 'Kurator2026' };

describe('CLI', () => {
  afterAll(() => tmp.remove());

  it('explains wrong usage and exits non-zero', () => {
    const none = kurator([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Использование: npm run kurator');
    const unknown = kurator(['frobnicate', '--data-dir', dataDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Неизвестная команда: «frobnicate»');
    const missing = kurator(['setup', '--school', 'Школа', '--data-dir', dataDir], { KURATOR_PASSWORD: 'Kurator2026' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Не указан обязательный параметр --registration-url');
    const badOption = kurator(['backup', '--outt', 'x', '--data-dir', dataDir]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('Неизвестный параметр --outt');
    expect(fs.existsSync(path.join(dataDir, 'kurator.sqlite'))).toBe(false);
  });

  it('setup: validates, then creates the school and the first curator', () => {
    const badUrl = kurator(['setup', '--school', 'Школа', '--registration-url', 'ejgur', '--operator', 'admin', '--data-dir', dataDir], {
      KURATOR_PASSWORD: 'Kurator2026',
    });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('Адрес регистрации');
    const plainHttp = kurator(
      ['setup', '--school', 'Школа', '--registration-url', 'http://1399.ejgur.ru/hello', '--operator', 'admin', '--data-dir', dataDir],
      { KURATOR_PASSWORD: 'Kurator2026' },
    );
    expect(plainHttp.code).toBe(2);
    expect(plainHttp.stderr).toContain('должен начинаться с https://');
    const noPassword = kurator([
      'setup',
      '--school',
      'Школа',
      '--registration-url',
      'https://1399.ejgur.ru/hello',
      '--operator',
      'admin',
      '--data-dir',
      dataDir,
    ]);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('KURATOR_PASSWORD');
    const weak = kurator(
      ['setup', '--school', 'Школа', '--registration-url', 'https://1399.ejgur.ru/hello', '--operator', 'admin', '--data-dir', dataDir],
      {
        KURATOR_PASSWORD: 'admin12345',
      },
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('не должен содержать логин');
    const ok = kurator(
      [
        'setup',
        '--school',
        'ГБОУ Школа № 1399',
        '--registration-url',
        'https://1399.ejgur.ru/hello',
        '--operator',
        'admin',
        '--data-dir',
        dataDir,
      ],
      { KURATOR_PASSWORD: 'Kurator2026' },
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Настройка завершена');
    const again = kurator(
      ['setup', '--school', 'Другая школа', '--registration-url', 'https://a.ru/hello', '--operator', 'other', '--data-dir', dataDir],
      {
        KURATOR_PASSWORD: 'Kurator2026',
      },
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('уже настроена');
  });

  it('signs in for every other command, from the environment', () => {
    const wrong = kurator(['audit', 'verify', '--data-dir', dataDir], { KURATOR_OPERATOR: 'admin', KURATOR_PASSWORD: 'wrong-pass1' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Неверный логин или пароль');
    const noTerminal = kurator(['audit', 'verify', '--data-dir', dataDir]);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain('KURATOR_OPERATOR');
  });

  it('backup makes a checked copy and is audited', async () => {
    await new Promise((r) => setTimeout(r, 1100)); // the wrong password above costs a 1 s wait
    const out = path.join(tmp.dir, 'copies', 'kurator-copy.sqlite');
    const r = kurator(['backup', '--out', out, '--data-dir', dataDir], signedIn);
    expect(r.code, r.stderr).toBe(0);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT login FROM operators').all()).toEqual([{ login: 'admin' }]);
    copy.close();
    if (process.platform !== 'win32') expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(kurator(['backup', '--out', out, '--data-dir', dataDir], signedIn).code).toBe(2);
  });

  it('audit export writes a spreadsheet-safe CSV; audit verify passes, then catches an edit', () => {
    const csv = path.join(tmp.dir, 'audit.csv');
    const exported = kurator(['audit', 'export', '--out', csv, '--data-dir', dataDir], signedIn);
    expect(exported.code, exported.stderr).toBe(0);
    if (process.platform !== 'win32') expect(fs.statSync(csv).mode & 0o777).toBe(0o600); // names of people, readable by us alone
    const content = fs.readFileSync(csv, 'utf8');
    // Times in the school's local time, the zone named; details in words, as on screen.
    expect(content).toMatch(/^\uFEFF№;Время \([^)]*UTC[+−]\d+[^)]*\);Оператор/);
    expect(content).toContain('backup.create');
    expect(content).toContain('через: командная строка');
    expect(content).not.toContain('""via""');
    const badDate = kurator(['audit', 'export', '--out', csv, '--from', '31.13.2026', '--data-dir', dataDir], signedIn);
    expect(badDate.code).toBe(2);

    const ok = kurator(['audit', 'verify', '--data-dir', dataDir], signedIn);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Журнал цел: проверено записей — \d+\./);

    const db = new Database(path.join(dataDir, 'kurator.sqlite'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET operator_login = 'someone' WHERE id = 2").run();
    db.close();
    const bad = kurator(['audit', 'verify', '--data-dir', dataDir], signedIn);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Журнал повреждён, начиная с записи № 2');
  });

  it('uses KURATOR_DATA_DIR when --data-dir is absent', () => {
    const r = kurator(['audit', 'export', '--out', path.join(tmp.dir, 'b.csv')], { ...signedIn, KURATOR_DATA_DIR: dataDir });
    expect(r.code, r.stderr).toBe(0);
  });
});
