// `npm run kurator -- restore --from FILE [--yes]` (issue #10): the copy is checked and described
// before anything is touched, the curator is asked unless --yes, the state before is saved, and the
// journal reads clean afterwards.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kurator } from '../support/cli.ts';
import { tempDir } from '../support/tmp.ts';
import { CURATOR, setUpDataDir } from '../support/core.ts';

const tmp = tempDir();
const dataDir = path.join(tmp.dir, 'data');
const curator = { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password };
const deputy = { KURATOR_OPERATOR: 'petrov', KURATOR_PASSWORD: 'Zamestitel2026' };
const copy = path.join(tmp.dir, 'usb', 'копия.sqlite');
const run = (args: string[], env = curator) => kurator([...args, '--data-dir', dataDir], env);
const students = () => JSON.parse(run(['stats', '--json']).stdout) as { students: number };

describe('kurator restore', () => {
  beforeAll(async () => {
    await setUpDataDir(dataDir, {
      prepare: (core) =>
        core.operators.create(
          { operatorId: 1, login: CURATOR.login, via: 'cli' },
          { fullName: 'Петров Иван Иванович', login: 'petrov', role: 'deputy', password: 'Zamestitel2026' },
        ),
    });
    const made = run(['backup', '--out', copy]);
    expect(made.code, made.stderr).toBe(0);
    expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
    const csv = path.join(tmp.dir, 'класс.csv');
    fs.writeFileSync(csv, 'Класс;Фамилия;Имя;Дата рождения\n6А;Семёнов;Пётр;05.03.2014\n');
    expect(run(['import', csv]).code).toBe(0);
    expect(students().students).toBe(1);
  });
  afterAll(() => tmp.remove());

  it('is for the curator only', () => {
    const r = run(['restore', '--from', copy, '--yes'], deputy);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('только куратору');
    expect(students().students).toBe(1);
  });

  it('refuses a copy whose journal was cut, saying so, and changes nothing', () => {
    const cut = path.join(tmp.dir, 'cut.sqlite');
    fs.copyFileSync(copy, cut);
    const db = new Database(cut);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').run();
    db.close();
    const r = run(['restore', '--from', cut, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Журнал копии не проходит проверку');
    expect(r.stderr).toContain('удалены последние записи');
    expect(students().students).toBe(1);
  });

  it('describes the copy and asks; without a terminal it wants --yes', () => {
    const r = run(['restore', '--from', copy]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`Копия: копия.sqlite`);
    expect(r.stdout).toContain('Журнал копии: Журнал цел');
    expect(r.stderr).toContain('--yes');
    expect(students().students).toBe(1);
  });

  it('restores with --yes: the state before saved, the journal clean and saying what happened', () => {
    const r = run(['restore', '--from', copy, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Восстановлено. Прежние данные сохранены:');
    expect(students().students).toBe(0);
    const saved = fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.endsWith('-before-restore.sqlite'));
    expect(saved).toHaveLength(1);
    const before = new Database(path.join(dataDir, 'backups', saved[0]!), { readonly: true });
    expect(before.prepare("SELECT count(*) FROM people WHERE kind = 'student'").pluck().get()).toBe(1);
    before.close();
    const verify = run(['audit', 'verify']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('Журнал цел');
    const csv = path.join(tmp.dir, 'journal.csv');
    expect(run(['audit', 'export', '--out', csv]).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toContain('audit.restored');
  });
});
