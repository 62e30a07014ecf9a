// The reason catalog: every reason has a category and a Russian text; AppError carries reason and
// parameters, and the text is made only when the error is shown.
import { describe, expect, it } from 'vitest';
import { REASONS, codeOf, isReason, type ParamsOf, type PlainReason, type Reason } from '../../src-shared/errors.ts';
import { AppError, failWith } from '../../src-shared/result.ts';
import { errorMessage, t } from '../../src-shared/i18n/index.ts';
import { checkCodeInput } from '../../src-shared/codes/index.ts';

type ParamReason = Exclude<Reason, PlainReason>;

/** Parameters for every reason that takes some: the compiler insists on one entry per reason. */
const SAMPLES: { [R in ParamReason]: ParamsOf<R> } = {
  'input.invalid': { label: 'Пароль', problem: 'Слишком коротко' },
  'app.unknown_method': { method: 'frobnicate' },
  'auth.throttled': { seconds: 3 },
  'settings.validity_past': { date: '2026-08-31' },
  'settings.address_not_portal': { portal: 'https://1399.ejgur.ru/hello' },
  'sync.pair_unreachable': { detail: 'ENOTFOUND' },
  'db.too_new': { found: 9, known: 3 },
  'db.missing': { file: '/tmp/kurator.sqlite' },
  'setup.no_data': { dir: '/home/school/kurator' },
  'portal.time_zone': { zone: 'Moscow' },
  'roster.class_not_found': { name: '9Я' },
  'roster.birth_date_implausible': { check: 'future', shown: '05.03.2030' },
  'roster.duplicate_student': { who: 'Иванов Иван' },
  'roster.duplicate_guardian': { who: 'Иванова Мария' },
  'import.too_large': { sizeMb: 20.1, limitMb: 20 },
  'import.too_large_unpacked': { fileName: 'a.xlsx', limitMb: 400 },
  'import.too_many_rows': { limit: 300_000 },
  'import.image': { fileName: 'a.png' },
  'import.pdf': { fileName: 'a.pdf' },
  'import.office_unreadable': { fileName: 'a.xls' },
  'import.binary': { fileName: 'a.bin' },
  'import.html': { fileName: 'a.xls' },
  'import.zip_not_sheet': { fileName: 'a.zip' },
  'import.workbook_broken': { fileName: 'a.xlsx' },
  'import.sheet_not_found': { sheet: '5В', sheets: ['5А'] },
  'import.unclosed_quote': { line: 3 },
  'import.missing_columns': { missing: ['class'], found: ['A'], garbled: null },
  'import.garbled': { better: 'utf8' },
  'code.validity_passed': { date: '2026-08-31' },
  'code.malformed': { problem: { kind: 'checksum' } },
  'print.bad_code': { code: 'k7m2x9q4tm' },
  'print.bad_layout': { layout: '3' },
  'portal.school_address': { problem: 'not_https' },
  'portal.address_taken': { id: 1, name: 'Школа № 1399' },
  'portal.no_school': { id: 9 },
  'portal.busy': { pid: 4242 },
  'portal.admin_refused': { message: 'Школы с номером 9 на портале нет.' },
  'portal.backup_is_folder': { path: '/srv/backups' },
  'portal.backup_no_folder': { path: '/srv/backups' },
  'portal.backup_unwritable': { path: '/srv/backups/portal.tar.gz' },
  'portal.no_portal_here': { path: '/srv/kurator-portl' },
  'portal.starting': { pid: 4242 },
  'portal.busy_starting': { pid: 4242 },
  'portal.busy_command': { pid: 4242 },
  'sync.pair_wrong_address': { address: 'https://1399.ejgur.ru/hello' },
  // Sync.
  'sync.gap': { expected: 41 },
  'sync.bad_address': { problem: 'query' },
  'sync.address_mismatch': { printed: 'https://1399.ejgur.ru/hello' },
  'sync.unreachable': { detail: 'ECONNREFUSED' },
  'sync.portal_failed': { status: 502 },
  'register.code_expired': { date: '2026-08-31' },
  'register.throttled': { seconds: 8 },
  'register.login_invalid': { problem: 'bad_start' },
  'register.email_typo': { suggestion: 'ivanova@gmail.com' },
  'register.phone_digits': { count: 10 },
  'account.throttled': { seconds: 4 },
  'account.resend_wait': { seconds: 50 },
  'account.email_change_wait': { seconds: 3600 },
  'roster.duplicate_student_archived': { who: 'Иванов Иван, 05.03.2014, 6А' },
  'roster.teacher_has_class': { who: 'Петрова Анна Ивановна', className: '6А' },
  'roster.year_end_recent': { date: '2027-06-20T09:00:00.000Z', until: '2027-12-17T09:00:00.000Z' },
  'operator.login_not_found': { login: 'smirnova' },
  'backup.not_found': { fileName: 'kurator-2026-11-02_07-00-00.sqlite' },
  'backup.no_folder': { folder: '/media/usb' },
  'backup.exists': { path: '/media/usb/kurator-2026-11-02-manual.sqlite' },
  'sync.anchor_refused': { id: 1204 },
  'restore.unreadable': { file: '/media/usb/копия.sqlite' },
  'restore.too_new': { found: 9, known: 4 },
  'restore.journal': { reason: 'truncated', id: 120 },
  'print.family_gaps': { children: 2 },
  'desk.login_unknown': { login: 'petr.ivanov' },
  'reset.throttled': { seconds: 8 },
  'reset.length': { typed: 9 },
  'mail.failed': { detail: '451 try later' },
  'recover.throttled': { seconds: 30 },
  'recover.code_wrong': { left: 3 },
  'recover.messages_limit': { minutes: 40 },
  'app.folder_in_use': { dir: '/home/kurator/.config/Kurator', pid: 4242, mode: 'browser', address: 'http://127.0.0.1:41234/' },
};

const text = (reason: Reason): string => {
  const entry = t.reasons[reason] as string | ((p: unknown) => string);
  return typeof entry === 'function' ? entry((SAMPLES as Record<string, unknown>)[reason]) : entry;
};

describe('the reason catalog', () => {
  const reasons = Object.keys(REASONS) as Reason[];

  it('names each reason `area.what` and gives it a category', () => {
    expect(reasons.length).toBeGreaterThan(50);
    for (const r of reasons) {
      expect(r).toMatch(/^[a-z]+\.[a-z_]+$/);
      expect(codeOf(r), r).toMatch(/^[a-z_]+$/);
    }
    expect(isReason('code.redeemed')).toBe(true);
    expect(isReason('toString')).toBe(false);
  });

  it('has a Russian text for every reason, a function exactly where the reason takes parameters', () => {
    expect(Object.keys(t.reasons).sort()).toEqual([...reasons].sort());
    for (const r of reasons) {
      expect(typeof t.reasons[r] === 'function', r).toBe(REASONS[r].takesParams);
      expect(text(r), r).toMatch(/[А-Яа-яЁё]/);
    }
    expect(Object.keys(SAMPLES).sort()).toEqual(reasons.filter((r) => REASONS[r].takesParams).sort());
  });

  it('fills in the parameters', () => {
    expect(text('auth.throttled')).toBe('Слишком много неудачных попыток. Повторите через 3 секунды.');
    expect(text('import.too_large')).toBe('Файл слишком большой: 20,1 МБ, а можно не больше 20 МБ. Разделите список на несколько файлов.');
    expect(text('import.too_many_rows')).toBe('В файле больше 300\u00A0000 строк. Разделите список на несколько файлов.');
    expect(text('roster.class_not_found')).toBe('Класс «9Я» не найден.');
    expect(t.reasons['roster.class_not_found']({ name: null })).toBe('Класс не найден.');
    expect(text('input.invalid')).toBe('Пароль: Слишком коротко');
    expect(t.reasons['input.invalid']({ label: null, problem: null })).toBe('Проверьте введённые данные.');
    expect(text('settings.validity_past')).toContain('Дата 31.08.2026 уже прошла');
    expect(text('roster.birth_date_implausible')).toBe('Дата рождения «05.03.2030» ещё не наступила.');
  });

  it('prefixes missing columns with the encoding warning when the text looks garbled', () => {
    const plain = t.reasons['import.missing_columns']({ missing: ['class', 'fullName'], found: ['A', 'B'], garbled: null });
    expect(plain).toBe(
      'Нет обязательных столбцов: «Класс», «ФИО (или Фамилия и Имя)». Заголовки в файле: «A», «B». Переименуйте столбцы или укажите, какой из них что значит (в окне загрузки или, в командной строке, --map "Заголовок=Класс").',
    );
    const garbled = t.reasons['import.missing_columns']({
      missing: ['class', 'fullName'],
      found: ['A', 'B'],
      garbled: { better: 'cp1251' },
    });
    expect(garbled).toBe(`${t.importer.file.garbled('cp1251')} ${plain}`);
  });

  it('says the same about a malformed code as the code check does', () => {
    for (const typed of ['', 'k7m2x9q4tu', 'k7m2 ж9q4tk', 'k7m2x9q4t', 'k7m2x9q4tkk', 'k7m2x9q4tm']) {
      const r = checkCodeInput(typed);
      if (r.ok) throw new Error(`${typed} passed`);
      expect(t.reasons['code.malformed']({ problem: r.problem }), typed).toBe(r.message);
    }
  });
});

describe('AppError', () => {
  it('carries the reason, its category and parameters; its message is the reason, not text', () => {
    const e = new AppError('auth.throttled', { seconds: 4 }, { retryAfterMs: 3500 });
    expect(e).toMatchObject({ reason: 'auth.throttled', code: 'throttled', params: { seconds: 4 }, retryAfterMs: 3500 });
    expect(e.message).toBe('auth.throttled');
    const plain = new AppError('operator.login_taken', { field: 'login' });
    expect(plain).toMatchObject({ reason: 'operator.login_taken', code: 'conflict', params: undefined, field: 'login' });
  });

  it('becomes an RpcError with the Russian message at the edge', () => {
    expect(new AppError('auth.throttled', { seconds: 4 }, { retryAfterMs: 3500 }).toRpcError()).toEqual({
      code: 'throttled',
      reason: 'auth.throttled',
      message: 'Слишком много неудачных попыток. Повторите через 4 секунды.',
      retryAfterMs: 3500,
    });
    expect(failWith('code.redeemed')).toEqual({
      ok: false,
      error: { code: 'conflict', reason: 'code.redeemed', message: errorMessage(new AppError('code.redeemed')) },
    });
    expect(errorMessage(new AppError('code.redeemed'))).toContain('Этот код уже использован');
  });
});
