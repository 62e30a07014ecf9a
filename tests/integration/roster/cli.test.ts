// `npm run kurator -- import | stats | find` as scripts call them: real processes, real files.
// Every signed-in call costs a process start (and a scrypt at the cheap test cost): keep them few.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kurator } from '../../support/cli.ts';
import { makeCore, type TestCore } from '../../support/core.ts';
import type { KindCounts } from '../../../src-shared/roster/report.ts';
import { FIXTURES } from '../../unit/roster-import/helpers.ts';
import { DESK, SIGNED_IN, auditRows, counts, importBytes, person, snapshot, wide } from '../../unit/roster/helpers.ts';
import { kuratorAsync } from '../../support/cli.ts';
import { upsertAccount } from '../../../src-main/core/sync/store.ts';

const SHARED = path.join(FIXTURES, 'roster-wide-cp1251.csv');
const FIRST_KEYS = ['classes', 'students', 'guardians', 'links', 'duplicateRows', 'errors'];

interface ImportJson {
  classes: KindCounts;
  students: KindCounts;
  guardians: KindCounts;
  links: KindCounts;
  staff: KindCounts;
  duplicateRows: number;
  errors: { line: number; field: string; message: string }[];
  warnings: unknown[];
  conflicts: unknown[];
  missing: unknown[];
  dryRun: boolean;
}

/** The one JSON line a `--json` command prints. */
function jsonLine<T>(r: { code: number; stdout: string; stderr: string }): T {
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stdout.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as T;
}

describe('kurator import / stats / find on the shared fixture', () => {
  let t: TestCore;
  const run = (...args: string[]) => kurator([...args, '--data-dir', t.dir], SIGNED_IN);

  beforeAll(async () => {
    t = await makeCore();
  });
  afterAll(() => t.close());

  it('wrong usage exits 2 with a Russian message and writes nothing', async () => {
    const before = snapshot(t.core);
    const cases: [string[], string][] = [
      [['import', path.join(t.dir, 'нет-такого.csv')], 'Файл не найден:'],
      [['import', SHARED, '--frobnicate'], 'Неизвестный параметр --frobnicate'],
      [['import', SHARED, '--layout', 'diagonal'], '--layout: wide или long'],
      [['find', 'иванова', '--limit', '0'], '--limit: целое число от 1 до 1000'],
      [['find', 'иванова', '--limit', 'ten'], '--limit: целое число от 1 до 1000'],
      [['stats', 'extra'], 'Лишние аргументы: extra'],
    ];
    // Refused before the database is opened: cheap enough to run side by side.
    const results = await Promise.all(cases.map(([args]) => kuratorAsync([...args, '--data-dir', t.dir], SIGNED_IN)));
    cases.forEach(([args, message], i) => {
      const r = results[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(`Ошибка: ${message}`);
      expect(r.stderr).toContain('Использование: npm run kurator --');
      expect(r.stdout).toBe('');
    });
    expect(snapshot(t.core)).toEqual(before);
  });

  it('import --dry-run --json: the full report, nothing written but the audit row', () => {
    const before = snapshot(t.core);
    const report = jsonLine<ImportJson>(run('import', SHARED, '--dry-run', '--json'));
    expect(report).toMatchObject({ dryRun: true, students: counts(550, 0, 0), guardians: counts(774, 0, 0) });
    const after = snapshot(t.core);
    expect({ ...after, audit: before.audit }).toEqual(before);
    expect(auditRows(t.core, 'roster.import_dry_run')).toEqual([
      expect.objectContaining({
        operatorLogin: 'curator',
        details: expect.objectContaining({ fileName: 'roster-wide-cp1251.csv', students: counts(550, 0, 0), via: 'cli' }),
      }),
    ]);
  });

  it('import --json: the counts the issue names, first and in its order', () => {
    const report = jsonLine<ImportJson>(run('import', SHARED, '--json'));
    expect(Object.keys(report).slice(0, FIRST_KEYS.length)).toEqual(FIRST_KEYS);
    expect(report).toMatchObject({
      classes: counts(22, 0, 0),
      students: counts(550, 0, 0),
      guardians: counts(774, 0, 0),
      links: counts(887, 0, 0),
      staff: counts(0, 0, 0),
      duplicateRows: 1,
      dryRun: false,
      conflicts: [],
      missing: [],
    });
    expect(report.errors).toEqual([
      // Each refused row names whom it is about, as the file writes it.
      { line: 553, field: 'Дата рождения', message: 'Такой даты не существует: «31.02.2013».', who: 'Невалидов Леонид Герасимович' },
      { line: 554, field: 'Фамилия', message: 'Не заполнено поле «Фамилия».', who: 'Дарья Кирилловна' },
    ]);
    expect(report.warnings).toEqual([expect.objectContaining({ line: 23, field: 'Email матери' })]);
    expect(t.core.roster.stats()).toMatchObject({ classes: 22, students: 550, guardians: 774, links: 887, staff: 0 });
    expect(auditRows(t.core, 'roster.import')).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ fileName: 'roster-wide-cp1251.csv', errors: 2, duplicateRows: 1, via: 'cli' }),
      }),
    ]);
  });

  it('a second import of the same file changes nothing', () => {
    const before = snapshot(t.core);
    const report = jsonLine<ImportJson>(run('import', SHARED, '--json'));
    expect(report).toMatchObject({
      classes: counts(0, 0, 22),
      students: counts(0, 0, 550),
      guardians: counts(0, 0, 774),
      links: counts(0, 0, 887),
      duplicateRows: 1,
      conflicts: [],
      missing: [],
    });
    const after = snapshot(t.core);
    expect(after.people).toEqual(before.people);
    expect(after.links).toEqual(before.links);
    expect(after.version).toBe(before.version);
  });

  it('stats --json prints exactly the five counts', () => {
    const r = run('stats', '--json');
    expect(r.stdout).toBe('{"classes":22,"students":550,"guardians":774,"links":887,"staff":0}\n');
  });

  it('find --json --limit: id, kind, fullName, and class/birthDate only where there are some', () => {
    const hits = jsonLine<Record<string, unknown>[]>(run('find', 'пономарев', '--json', '--limit', '4'));
    const expected = t.core.roster.find('пономарев', { limit: 4 });
    expect(expected.total).toBeGreaterThan(4);
    expect(hits).toHaveLength(4);
    expect(hits).toEqual(
      expected.hits.map((h) => ({
        id: h.id,
        kind: h.kind,
        fullName: h.fullName,
        ...(h.class ? { class: h.class, birthDate: h.birthDate } : {}),
      })),
    );
    expect(new Set(hits.map((h) => h.kind))).toEqual(new Set(['student', 'guardian']));
    for (const h of hits) {
      expect(Object.keys(h)).toEqual(h.kind === 'student' ? ['id', 'kind', 'fullName', 'class', 'birthDate'] : ['id', 'kind', 'fullName']);
    }
  });

  // The search box says when it shows near matches; the command line listed them as if they were exact.
  it('find says when nothing matched as typed and near matches are shown', () => {
    const exact = run('find', 'пономарев');
    expect(exact.stdout).not.toContain('Точно так никого нет');
    const near = run('find', 'пономорев'); // a letter off
    expect(near.stdout.split('\n')[0]).toBe('Точно так никого нет — показаны похожие: с опечаткой в букву или в другом падеже.');
    expect(near.stdout).toMatch(/Пономарев/);
  });

  it('find reads a code off a slip and a portal login as the search box does', () => {
    const student = t.core.roster.find('пономарев', { limit: 1, kind: 'student' }).hits[0]!;
    t.core.codes.issue(DESK, { studentIds: [student.id] }, { audience: 'students', onlyMissing: true });
    const code = t.core.codes.list({ liveOnly: true }).find((c) => c.studentId === student.id && c.kind === 'student')!.code;
    // As a parent reads it out: upper case, spaces for hyphens.
    const bySlip = run('find', code.toUpperCase().replaceAll('-', ' '));
    expect(bySlip.code, bySlip.stderr).toBe(0);
    const [said, first] = bySlip.stdout.split('\n');
    expect(said).toMatch(new RegExp(`^Код ${code} \\(.+\\) — .*${student.fullName}`));
    expect(first).toContain(student.fullName);
    const wrong = code.slice(0, -1) + (code.at(-1) === 'a' ? 'b' : 'a');
    expect(run('find', wrong).stdout).toContain('Похоже на код приглашения, но:');
    // A login the portal gave them (brought down by sync).
    const uid = (t.core.db.prepare('SELECT uid FROM people WHERE id = ?').get(student.id) as { uid: string }).uid;
    upsertAccount(
      t.core.db,
      {
        uid: '6c1d2e3f-4a5b-4c7d-8e9f-0a1b2c3d4e5f',
        personUid: uid,
        login: 'ponomarev.pupil',
        kind: 'student',
        childUids: [],
        email: null,
        emailConfirmed: false,
        phone: null,
        phoneConfirmed: false,
        registeredAt: '2026-09-02T10:00:00.000Z',
        lastSignInAt: null,
        disabled: false,
      },
      1,
    );
    const byLogin = run('find', 'ponomarev.pupil');
    expect(byLogin.stdout.split('\n').slice(0, 2)).toEqual([
      'Учётная запись портала с логином «ponomarev.pupil»:',
      expect.stringContaining(student.fullName),
    ]);
    // Only its beginning, in capitals: the same person, and the login in full (only the whole login was found).
    for (const start of ['ponomarev.pu', 'PONOMAREV'])
      expect(run('find', start).stdout.split('\n').slice(0, 2)).toEqual(byLogin.stdout.split('\n').slice(0, 2));
  });

  it('says when the file looks read in the wrong encoding, and which one reads it', () => {
    const before = snapshot(t.core);
    const english = path.join(t.dir, 'english-headers.csv');
    fs.writeFileSync(
      english,
      'class;full name;birth date\n5А;Иванов Пётр Сергеевич;01.02.2015\n5А;Петрова Анна Ильинична;03.04.2015\n',
      'utf8',
    );
    // One after the other: sign-ins side by side are throttled.
    const refused = run('import', SHARED, '--encoding', 'utf8', '--dry-run');
    const warned = run('import', english, '--encoding', 'cp1251', '--dry-run');
    // Russian headers garbled: no column is recognized, and the message says why.
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'Похоже, текст прочитан не в той кодировке. В кодировке Windows-1251 (кириллица) эти же данные читаются правильно.',
    );
    expect(refused.stderr).toContain('Нет обязательн');
    // Headers in English still read: the dry run goes on, with the warning on stderr …
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toContain('В кодировке UTF-8 эти же данные читаются правильно.');
    // … but a script does not write garbled names: refused unless --force.
    const written = run('import', english, '--encoding', 'cp1251');
    expect(written.code).not.toBe(0);
    expect(written.stderr).toContain('Ничего не записано: укажите кодировку (--encoding) или, если текст верен, добавьте --force.');
    expect({ ...snapshot(t.core), audit: before.audit }).toEqual(before);
    const forced = run('import', english, '--encoding', 'cp1251', '--force', '--json');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('В кодировке UTF-8 эти же данные читаются правильно.');
  });
});

describe('kurator import on the other fixtures', () => {
  // The counts the parser tests (roster-import/csv-fixtures.test.ts) expect, as the database takes them.
  const FILES: {
    file: string;
    classes: number;
    students: number;
    guardians: number;
    links: number;
    staff: number;
    duplicateRows: number;
    errors: [number, string][];
  }[] = [
    {
      file: 'wide-utf8-bom-comma.csv',
      classes: 5,
      students: 9,
      guardians: 5,
      links: 10,
      staff: 0,
      duplicateRows: 1,
      errors: [
        [10, 'Класс'],
        [11, 'Д.р.'],
      ],
    },
    {
      file: 'fio-utf8-tab.txt',
      classes: 3,
      students: 4,
      guardians: 3,
      links: 5,
      staff: 0,
      duplicateRows: 0,
      errors: [
        [5, 'Дата рождения'],
        [6, 'Ф.И.О. ученика'],
      ],
    },
    {
      file: 'long-utf8.csv',
      classes: 3,
      students: 4,
      guardians: 3,
      links: 4,
      staff: 2,
      duplicateRows: 0,
      errors: [
        [7, 'Ребёнок'],
        [13, 'Ребёнок'],
        [14, 'Роль'],
      ],
    },
    {
      file: 'wide-cp1251-comma.csv',
      classes: 1,
      students: 3,
      guardians: 4,
      links: 4,
      staff: 0,
      duplicateRows: 0,
      errors: [
        [6, 'Фамилия'],
        [7, 'Дата рождения'],
      ],
    },
  ];
  const cores: TestCore[] = [];
  afterAll(() => cores.forEach((c) => c.close()));

  it('import with the expected counts; a second import changes nothing', async () => {
    await Promise.all(
      FILES.map(async (f) => {
        const t = await makeCore();
        cores.push(t);
        const args = ['import', path.join(FIXTURES, f.file), '--json', '--data-dir', t.dir];
        const first = jsonLine<ImportJson>(await kuratorAsync(args, SIGNED_IN));
        expect(first, f.file).toMatchObject({
          classes: counts(f.classes, 0, 0),
          students: counts(f.students, 0, 0),
          guardians: counts(f.guardians, 0, 0),
          links: counts(f.links, 0, 0),
          staff: counts(f.staff, 0, 0),
          duplicateRows: f.duplicateRows,
          conflicts: [],
          missing: [],
        });
        expect(
          first.errors.map((e) => [e.line, e.field]),
          f.file,
        ).toEqual(f.errors);
        const stats = t.core.roster.stats();
        expect(stats, f.file).toMatchObject({
          classes: f.classes,
          students: f.students,
          guardians: f.guardians,
          links: f.links,
          staff: f.staff,
        });

        const before = snapshot(t.core);
        const second = jsonLine<ImportJson>(await kuratorAsync(args, SIGNED_IN));
        expect(second, f.file).toMatchObject({
          classes: counts(0, 0, f.classes),
          students: counts(0, 0, f.students),
          guardians: counts(0, 0, f.guardians),
          links: counts(0, 0, f.links),
          staff: counts(0, 0, f.staff),
          conflicts: [],
          missing: [],
        });
        const after = snapshot(t.core);
        expect(after.people, f.file).toEqual(before.people);
        expect(after.classes, f.file).toEqual(before.classes);
        expect(after.links, f.file).toEqual(before.links);
        expect(after.version, f.file).toBe(before.version);
      }),
    );
  });
});

// The window maps unrecognised columns by hand; the command line said «укажите их соответствие
// вручную» and had no way to do it.
describe('kurator import --map', () => {
  let t: TestCore;
  afterAll(() => t?.close());

  it('maps a file’s own headers to the columns the importer knows, by name', async () => {
    t = await makeCore();
    const file = path.join(FIXTURES, 'unknown-headers.csv');
    const plain = await kuratorAsync(['import', file, '--data-dir', t.dir], SIGNED_IN);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('--map');
    const map = ['Столбец А=Фамилия', 'Столбец Б=Имя', 'столбец в=Отчество', 'Столбец Г=Дата рождения', 'Столбец Д=класс'];
    const bad = await kuratorAsync(['import', file, '--map', 'Столбец Е=Класс', '--data-dir', t.dir], SIGNED_IN);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--map: в файле нет столбца «Столбец Е». Заголовки в файле: «Столбец А», «Столбец Б»');
    const unknown = await kuratorAsync(['import', file, '--map', 'Столбец Д=Клас', '--data-dir', t.dir], SIGNED_IN);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--map: «Клас» — не столбец, который знает загрузка');
    expect(t.core.roster.stats().students).toBe(0);
    const args = ['import', file, ...map.flatMap((m) => ['--map', m]), '--json', '--data-dir', t.dir];
    const done = jsonLine<ImportJson>(await kuratorAsync(args, SIGNED_IN));
    expect(done.errors).toEqual([]);
    expect(t.core.roster.stats()).toMatchObject({ classes: 2, students: 3 });
    expect(t.core.roster.find('Кузнецова Вера').hits[0]).toMatchObject({ class: '6А', birthDate: '2013-12-12' });
  });
});

describe('kurator import after archiving', () => {
  let t: TestCore;
  afterAll(() => t?.close());

  it('names the people in the archive and keeps them there unless --restore-archived', async () => {
    t = await makeCore();
    const file = path.join(t.dir, '7А.csv');
    fs.writeFileSync(file, wide('7А;Орлов;Никита;;15.07.2011;М;Орлова Елена;;;;;', '7А;Лисина;Ия;;01.02.2011;Ж;;;;;;'));
    await importBytes(t.core, fs.readFileSync(file));
    const orlov = person(t.core, 'Орлов', 'Никита');
    const mother = person(t.core, 'Орлова', 'Елена');
    t.core.roster.setArchived(DESK, [orlov.id], true);
    const run = (...args: string[]) => kurator([...args, '--data-dir', t.dir], SIGNED_IN);

    const kept = jsonLine<ImportJson & { archived: { id: number; fullName: string; restored: boolean }[] }>(run('import', file, '--json'));
    expect(kept.archived.map((a) => [a.id, a.fullName, a.restored])).toEqual([[orlov.id, 'Орлов Никита', false]]);
    expect(person(t.core, 'Орлов', 'Никита').archivedAt).not.toBeNull();
    const text = run('import', file, '--dry-run');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('В архиве и остаются там: 1 (чтобы вернуть их, повторите с --restore-archived)');
    expect(text.stdout).toMatch(/Орлов Никита.*7А/);

    const back = run('import', file, '--restore-archived');
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain('Возвращаются из архива (--restore-archived): 1');
    expect(person(t.core, 'Орлов', 'Никита').archivedAt).toBeNull();
    expect(person(t.core, 'Орлова', 'Елена').id).toBe(mother.id);
    expect(auditRows(t.core, 'person.restore').map((r) => [r.personLabel, r.details])).toEqual([
      ['Орлов Никита (7А)', { fromFile: '7А.csv', via: 'cli' }],
    ]);
  });
});

describe('kurator import reads LibreOffice and Excel 97–2003 files too', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeCore();
  });
  afterAll(() => t.close());

  it.each(['roster-wide.ods', 'roster-wide.xls'])('%s: the fixture’s true counts, lines 553 and 554 rejected', async (file) => {
    const r = await kuratorAsync(['import', path.join(FIXTURES, file), '--dry-run', '--json', '--data-dir', t.dir], SIGNED_IN);
    const json = jsonLine<ImportJson>(r);
    expect([json.classes.added, json.students.added, json.guardians.added, json.links.added]).toEqual([22, 550, 774, 887]);
    expect(json.errors.map((e) => e.line)).toEqual([553, 554]);
  });
});
