// The school's real-world-like export (tests/fixtures/roster/roster-wide-cp1251.csv, a byte copy of
// the shared fixture; see its README): the counts a correct import must give.

import { beforeAll, describe, expect, it } from 'vitest';
import { parseRoster } from '../../../src-main/core/roster/import/index.ts';
import type { ParsedRoster } from '../../../src-shared/roster/types.ts';
import { env, fixture } from './helpers.ts';

describe('shared fixture roster-wide-cp1251.csv', () => {
  let r: ParsedRoster;
  beforeAll(async () => {
    r = await parseRoster(fixture('roster-wide-cp1251.csv'), 'roster-wide-cp1251.csv', {}, env);
  });

  it('is read as a wide cp1251 CSV with ;', () => {
    expect(r.format).toMatchObject({ kind: 'csv', encoding: 'cp1251', separator: ';', layout: 'wide', sheet: null, sheets: [] });
    expect(r.format.header).toEqual([
      'Класс',
      'Фамилия',
      'Имя',
      'Отчество',
      'Дата рождения',
      'Пол',
      'Мать (ФИО)',
      'Телефон матери',
      'Email матери',
      'Отец (ФИО)',
      'Телефон отца',
      'Email отца',
    ]);
    expect(r.format.sample).toHaveLength(10);
    expect(r.format.sample[0]?.[1]).toBe('Крюкова');
  });

  it('gives 22 classes, 550 students, 774 parents, 887 links', () => {
    expect(r.classes).toEqual([
      '1А',
      '1Б',
      '2А',
      '2Б',
      '3А',
      '3Б',
      '4А',
      '4Б',
      '5А',
      '5Б',
      '6А',
      '6Б',
      '7А',
      '7Б',
      '8А',
      '8Б',
      '9А',
      '9Б',
      '10А',
      '10Б',
      '11А',
      '11Б',
    ]);
    expect(r.students).toHaveLength(550);
    expect(r.guardians).toHaveLength(774);
    expect(r.links).toHaveLength(887);
    expect(r.staff).toEqual([]);
    expect(r.rowsTotal).toBe(553);
    expect(new Set(r.students.map((s) => s.key)).size).toBe(550);
    expect(new Set(r.guardians.map((g) => g.key)).size).toBe(774);
  });

  it('reports the exact duplicate row with both line numbers', () => {
    expect(r.duplicateRows).toEqual([{ line: 7, duplicateOf: 6 }]);
    expect(r.students.filter((s) => s.surname === 'Жуков' && s.name === 'Панфил')).toHaveLength(1);
  });

  it('rejects exactly lines 553 and 554', () => {
    expect(r.rowsRejected).toBe(2);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([
      { line: 553, field: 'Дата рождения', severity: 'error', message: 'Такой даты не существует: «31.02.2013».', value: '31.02.2013' },
      { line: 554, field: 'Фамилия', severity: 'error', message: 'Не заполнено поле «Фамилия».' },
    ]);
    expect(r.students.some((s) => s.surname === 'Невалидов')).toBe(false);
  });

  it('keeps the hostile first name verbatim', () => {
    const s = r.students.find((x) => x.line === 22);
    expect(s).toMatchObject({ surname: 'Денисова', name: '<img src=x onerror=alert(1)>', patronymic: 'Артемовна', className: '1А' });
  });

  it('drops the =HYPERLINK email with a warning naming its line and field, keeps the parent', () => {
    expect(r.problems.filter((p) => p.severity === 'warning')).toEqual([
      {
        line: 23,
        field: 'Email матери',
        severity: 'warning',
        message: 'Адрес эл. почты «=HYPERLINK("http://evil.example","x")» не распознан: поле не импортировано.',
        value: '=HYPERLINK("http://evil.example","x")',
      },
    ]);
    const mother = r.guardians.find((g) => g.surname === 'Ларионова' && g.name === 'Маргарита');
    expect(mother).toMatchObject({ phone: '+79031687487', email: null, lines: [23] });
  });

  it('normalizes messy values and matches parents across spellings, rows and classes', () => {
    expect(r.students.find((s) => s.line === 26)).toMatchObject({
      surname: 'Лобанов',
      name: 'Глеб',
      className: '1А',
      birthDate: '2019-07-13',
      sex: 'M',
    });
    expect(r.students.find((s) => s.line === 28)).toMatchObject({ surname: 'Романова' }); // « Романова »
    // «Пономарева Иванна Вячеславовна»: 8-964-5998153, +7 964 599 81 53 and 89645998153 are one phone, in 1А and 2А
    const ponomareva = r.guardians.find((g) => g.surname === 'Пономарева' && g.name === 'Иванна');
    expect(ponomareva).toMatchObject({ phone: '+79645998153', email: 'faina_sharova53@ya.ru', lines: [4, 5, 64] });
    const karpov = r.guardians.find((g) => g.surname === 'Карпов' && g.name === 'Вячеслав');
    expect(karpov).toMatchObject({ patronymic: 'Григорьевич' }); // КАРПОВ ВЯЧЕСЛАВ ГРИГОРЬЕВИЧ
    for (const g of r.guardians) {
      if (g.phone !== null) expect(g.phone).toMatch(/^\+7\d{10}$/);
      if (g.email !== null) expect(g.email).toBe(g.email.toLowerCase().trim());
    }
    for (const s of r.students) expect(s.className).toMatch(/^(?:[1-9]|1[01])[А-Я]$/);
    const students = new Set(r.students.map((s) => s.key));
    const guardians = new Set(r.guardians.map((g) => g.key));
    for (const l of r.links) {
      expect(students.has(l.studentKey)).toBe(true);
      expect(guardians.has(l.guardianKey)).toBe(true);
    }
    expect(r.links.filter((l) => l.relation === 'mother')).toHaveLength(550);
  });

  it('gives the same keys when parsed again', async () => {
    const again = await parseRoster(fixture('roster-wide-cp1251.csv'), 'roster-wide-cp1251.csv', {}, env);
    expect(again).toEqual(r);
  });
});
