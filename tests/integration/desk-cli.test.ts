// `kurator year end` and `kurator operator reset-password` as a curator runs them at the office PC,
// and two things a first day at the command line ran into: a folder not set up yet answered
// «Неверный логин или пароль», and a short login at setup was reported as a short full name.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kurator, kuratorAsync } from '../support/cli.ts';
import { CURATOR, makeCore, type TestCore } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';
import { OfficeSecrets } from '../../src-main/core/secrets/key-file.ts';
import { DESK, SIGNED_IN, auditRows, person, snapshot, wide } from '../unit/roster/helpers.ts';

const ROSTER = wide(
  '11А;Орлова;Дарья;Ильинична;05.03.2009;Ж;Орлова Нина Петровна;89020000001;;;;',
  '10А;Белов;Антон;Юрьевич;12.12.2009;М;;;;;;',
);

describe('the command line on a folder not set up, and setup with a bad login', () => {
  it('says the school is not set up instead of «wrong login or password», and every message ends its line', async () => {
    const empty = tempDir();
    const other = tempDir();
    try {
      const [stats, setup, noContact] = await Promise.all([
        kuratorAsync(['stats', '--data-dir', empty.dir], { KURATOR_OPERATOR: 'ab', KURATOR_PASSWORD: 'whatever1' }),
        kuratorAsync(
          [
            'setup',
            '--school',
            'Школа № 1',
            '--registration-url',
            'https://1399.ejgur.ru/hello',
            '--operator',
            'ab',
            '--data-dir',
            empty.dir,
          ],
          {
            KURATOR_PASSWORD: 'Проверка-пароль-12345',
          },
        ),
        kuratorAsync(
          [
            'setup',
            '--school',
            'Школа № 1',
            '--registration-url',
            'https://1399.ejgur.ru/hello',
            '--operator',
            'abc',
            '--data-dir',
            other.dir,
          ],
          {
            KURATOR_PASSWORD: 'Проверка-пароль-12345',
          },
        ),
      ]);
      expect(stats.code).toBe(1);
      expect(stats.stderr).toBe(
        `Ошибка: В папке ${empty.dir} нет данных Kurator. Если школа ещё не настроена, сначала выполните первоначальную настройку (setup); если данные в другой папке, проверьте --data-dir.\n`,
      );
      // A mistyped folder is left as it was: nothing created in it.
      expect(fs.readdirSync(empty.dir)).toEqual([]);
      expect(setup.code).toBe(2);
      expect(setup.stderr.split('\n')[0]).toBe('Ошибка: Логин слишком короткий: нужно не меньше 3 символов.');
      expect(setup.stderr.split('\n')[0]).not.toMatch(/ФИО|Неверный логин/);
      expect(noContact.code, noContact.stderr).toBe(0);
      expect(noContact.stderr).toMatch(/^Внимание: контакт куратора не задан.*\n$/);
      for (const r of [stats, setup, noContact]) expect(r.stderr.endsWith('\n')).toBe(true);
    } finally {
      empty.remove();
      other.remove();
    }
  });
});

describe('kurator operator reset-password and year end', () => {
  let t: TestCore;
  const run = (args: string[], env: Record<string, string> = SIGNED_IN) => kurator([...args, '--data-dir', t.dir], env);

  beforeAll(async () => {
    t = await makeCore();
    await t.core.roster.importFile(DESK, ROSTER, 'list.csv');
    t.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: false });
    await t.core.operators.create(DESK, { fullName: 'Петров Иван Иванович', login: 'petrov', role: 'deputy', password: 'Zamestitel2026' });
  });
  afterAll(() => t.close());

  it('year end: --dry-run shows the plan and changes nothing; no --yes without a terminal; a deputy may not', async () => {
    const before = snapshot(t.core);
    const dry = run(['year', 'end', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('11А  → выпуск, 1 ученик в архив');
    expect(dry.stdout).toContain('10А  → 11А  1 ученик');
    expect(dry.stdout).toContain('В архив: 1 ученик и 1 родитель; будет отозвано: 2 кода.');
    expect(dry.stdout).toContain('Ничего не изменено (--dry-run).');
    const unconfirmed = run(['year', 'end']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('добавьте --yes');
    const deputy = run(['year', 'end', '--yes'], { KURATOR_OPERATOR: 'petrov', KURATOR_PASSWORD: 'Zamestitel2026' });
    expect(deputy.code).toBe(1);
    expect(deputy.stderr).toContain('только куратору');
    const after = snapshot(t.core);
    expect(after.people).toEqual(before.people);
    expect(after.classes).toEqual(before.classes);
    expect(auditRows(t.core, 'roster.year_end_dry_run')).toHaveLength(1);
  });

  it('year end --yes: backup, classes up, graduates archived; a second run is refused', async () => {
    const r = run(['year', 'end', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    const backup = /Резервная копия до перевода: (.+\.sqlite)/.exec(r.stdout)?.[1];
    expect(backup && fs.existsSync(backup)).toBe(true);
    expect(person(t.core, 'Белов', 'Антон').className).toBe('11А');
    expect(person(t.core, 'Орлова', 'Дарья').archivedAt).not.toBeNull();
    expect(auditRows(t.core, 'roster.year_end')[0]!.details).toMatchObject({ via: 'cli', graduated: 1, revoked: 2 });
    const again = run(['year', 'end', '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Перевод на следующий учебный год уже сделан \d\d\.\d\d\.\d{4}/);
  });

  // Setup takes the curator's contact only, and nothing else on the command line set the deputy's or the hours.
  it('settings: shows the contacts, a curator sets and clears them (audited), a deputy and a too long one are refused', () => {
    const shown = run(['settings']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Контакт куратора: Каб. 204, пн–пт 9:00–17:00');
    expect(shown.stdout).toContain('Часы приёма: не указано');
    const set = run(['settings', '--deputy', 'Иванова Н. П., каб. 101', '--hours', 'вт и чт 15:00–18:00', '--json']);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({
      schoolName: 'ГБОУ Школа № 1399',
      registrationUrl: 'https://1399.ejgur.ru/hello',
      curatorContact: 'Каб. 204, пн–пт 9:00–17:00',
      deputyContact: 'Иванова Н. П., каб. 101',
      supportHours: 'вт и чт 15:00–18:00',
      mailServer: null,
    });
    expect(t.core.settings.get()).toMatchObject({ deputyContact: 'Иванова Н. П., каб. 101', supportHours: 'вт и чт 15:00–18:00' });
    expect(auditRows(t.core, 'settings.update').at(-1)!.details).toMatchObject({
      changed: { deputyContact: 'Иванова Н. П., каб. 101', supportHours: 'вт и чт 15:00–18:00' },
    });
    const deputy = run(['settings', '--hours', ''], { KURATOR_OPERATOR: 'petrov', KURATOR_PASSWORD: 'Zamestitel2026' });
    expect(deputy.code).toBe(1);
    expect(deputy.stderr).toContain('только куратору');
    const long = run(['settings', '--contact', 'к'.repeat(301)]);
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(/^Ошибка: Контакт куратора/);
    expect(t.core.settings.get().supportHours).toBe('вт и чт 15:00–18:00');
    const cleared = run(['settings', '--hours', '']);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stdout).toContain('Часы приёма: не указано');
  });

  // A trial: pairing said «Исправьте адрес регистрации в настройках школы», and the command line
  // answered «Неизвестный параметр --registration-url»: a school without a window could not correct it.
  it('settings --registration-url: a curator corrects the address printed on the slips; a bad one is refused and changes nothing', () => {
    const bad = run(['settings', '--registration-url', 'ftp://1399.ejgur.ru/hello']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Ошибка: Адрес/);
    expect(t.core.settings.get().registrationUrl).toBe('https://1399.ejgur.ru/hello');
    const set = run(['settings', '--registration-url', 'https://1399.ejgur.ru/hi', '--json']);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ registrationUrl: 'https://1399.ejgur.ru/hi' });
    // newest first
    expect(auditRows(t.core, 'settings.update')[0]!.details).toMatchObject({
      changed: { registrationUrl: 'https://1399.ejgur.ru/hi' },
    });
    expect(run(['settings', '--registration-url', 'https://1399.ejgur.ru/hello']).code).toBe(0);
  });

  // «Отправить коды по почте» said «Почтовый сервер школы не настроен (Настройки школы → …)» and the
  // command line had no way to set one.
  it('settings --mail-server: the school’s SMTP server set from the command line, the password from the environment only', () => {
    const inUrl = run([
      'settings',
      '--mail-server',
      'smtp://kurator:secret@mail.school1399.ru:587',
      '--mail-from',
      'Школа <k@school1399.ru>',
    ]);
    expect(inUrl.code).toBe(2);
    expect(inUrl.stderr).toContain('KURATOR_SMTP_PASSWORD');
    const noFrom = run(['settings', '--mail-server', 'smtp://kurator@mail.school1399.ru']);
    expect(noFrom.code).toBe(2);
    expect(noFrom.stderr).toContain('--mail-from');
    expect(t.core.settings.get().mailServer).toBeNull();
    const set = run(
      ['settings', '--mail-server', 'smtps://kurator@mail.school1399.ru', '--mail-from', 'Школа № 1399 <k@school1399.ru>', '--json'],
      { ...SIGNED_IN, KURATOR_SMTP_PASSWORD: 'пароль почты' },
    );
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout).mailServer).toEqual({
      url: 'smtps://kurator@mail.school1399.ru:465',
      from: 'Школа № 1399 <k@school1399.ru>',
    });
    expect(t.core.settings.get().mailServer).toEqual({
      host: 'mail.school1399.ru',
      port: 465,
      secure: true,
      user: 'kurator',
      from: 'Школа № 1399 <k@school1399.ru>',
    });
    expect(new OfficeSecrets(t.dir).smtpPassword()).toBe('пароль почты');
    expect(run(['settings']).stdout).toContain('Почта для приглашений: smtps://kurator@mail.school1399.ru:465, отправитель Школа № 1399');
    // A new sender alone keeps the server and the password; "" turns mail off.
    expect(run(['settings', '--mail-from', 'Кабинет 204 <k@school1399.ru>']).code).toBe(0);
    expect(t.core.settings.get().mailServer).toMatchObject({ host: 'mail.school1399.ru', from: 'Кабинет 204 <k@school1399.ru>' });
    expect(new OfficeSecrets(t.dir).smtpPassword()).toBe('пароль почты');
    expect(run(['settings', '--mail-server', '']).code).toBe(0);
    expect(t.core.settings.get().mailServer).toBeNull();
  });

  it('operator reset-password: no sign-in, the policy applies, audited, the old password stops working', async () => {
    const reset = (password: string | undefined, login = CURATOR.login) =>
      run(['operator', 'reset-password', '--login', login], password === undefined ? {} : { KURATOR_NEW_PASSWORD: password });
    const noPassword = reset(undefined);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('KURATOR_NEW_PASSWORD');
    const unknown = reset('Новый-пароль-2027', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('Ошибка: Оператора с логином «nobody» нет.\n');
    const weak = reset('curator123');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('Пароль не должен содержать логин');
    expect(auditRows(t.core, 'operator.password_reset_local')).toEqual([]);

    const done = reset('Новый-пароль-2027');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Пароль оператора curator изменён');
    const [row] = auditRows(t.core, 'operator.password_reset_local');
    expect(row).toMatchObject({
      operatorId: null,
      personKind: 'operator',
      details: { login: 'curator', via: 'cli', osUser: expect.any(String) },
    });
    expect(run(['stats']).stderr).toContain('Неверный логин или пароль');
    // The refused attempt above starts the sign-in throttle (a 1-second wait after one failure).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = run(['stats'], { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: 'Новый-пароль-2027' });
    expect(after.code, after.stderr).toBe(0);
  });
});
