// XLSX: generated here with exceljs (dates as real dates and as serial numbers, phones as numbers,
// rich text, formulas with cached results, a merged class column, a title above the header, two sheets).

import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, parseRoster, readTable } from '../../../src-main/core/roster/import/index.ts';
import { cellText } from '../../../src-main/core/roster/import/xlsx.ts';
import { env } from './helpers.ts';

async function makeWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('5А');
  a.getCell('A1').value = 'Список учащихся 5А класса на 01.09.2026';
  a.mergeCells('A1:F1');
  a.getRow(3).values = ['Класс', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'ФИО матери', 'Телефон матери', 'Email матери'];
  a.getRow(4).values = [
    '5А',
    { richText: [{ text: 'Соко' }, { font: { bold: true }, text: 'лова' }] },
    'Алиса',
    'Игоревна',
    new Date(Date.UTC(2015, 2, 5)),
    'Ж',
    'Соколова Ирина Павловна',
    89161234567,
    { formula: 'LOWER("IRINA@MAIL.RU")', result: 'irina@mail.ru' },
  ];
  a.getCell('E4').numFmt = 'dd.mm.yyyy';
  a.getRow(5).values = [
    null,
    'Волков',
    'Денис',
    'Андреевич',
    42248,
    'м',
    'Волкова Анна Сергеевна',
    9169876543,
    { text: 'Anna@Ya.ru', hyperlink: 'mailto:anna@ya.ru' },
  ];
  a.getRow(6).values = [
    null,
    'ЗАЙЦЕВ',
    'ЕГОР',
    null,
    '12.12.2014',
    'М',
    'Зайцева Ольга',
    '8 916 555-44-33',
    { formula: 'HYPERLINK("http://evil.example","x")', result: 'x' },
  ];
  a.getRow(7).values = [null, 'Лисицына', 'Ева', 'Олеговна', { formula: 'DATE(2015,2,30)+"x"', result: { error: '#VALUE!' } }, 'Ж'];
  a.mergeCells('A4:A7');
  const b = wb.addWorksheet('5Б');
  b.getRow(1).values = ['ФИО', 'Класс', 'Д.р.', 'Мать', 'Телефон матери'];
  b.getRow(2).values = ['Орлова Мила Петровна', '5Б', new Date(Date.UTC(2014, 9, 10)), 'Орлова Ирина Павловна', '+7 916 111-22-33'];
  b.getCell('C2').numFmt = 'dd.mm.yyyy';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('XLSX', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await makeWorkbook();
  });

  it('reads the first sheet as strings: dates, serials, numbers, rich text, cached formula results', async () => {
    const t = await readTable(bytes, 'Список.xlsx');
    expect(t).toMatchObject({ kind: 'xlsx', encoding: null, separator: null, sheet: '5А', sheets: ['5А', '5Б'] });
    expect(t.lineOf).toEqual([1, 3, 4, 5, 6, 7]);
    expect(t.rows[2]).toEqual([
      '5А',
      'Соколова',
      'Алиса',
      'Игоревна',
      '2015-03-05',
      'Ж',
      'Соколова Ирина Павловна',
      '89161234567',
      'irina@mail.ru',
    ]);
    expect(t.rows[3]).toEqual(['5А', 'Волков', 'Денис', 'Андреевич', '42248', 'м', 'Волкова Анна Сергеевна', '9169876543', 'Anna@Ya.ru']);
    expect(t.rows[5]?.[4]).toBe('');
  });

  it('parses the first sheet: header under a title, merged class cells', async () => {
    const r = await parseRoster(bytes, 'Список.xlsx', {}, env);
    const { sample, ...format } = r.format;
    expect(format).toEqual({
      kind: 'xlsx',
      encoding: null,
      garbled: false,
      betterEncoding: null,
      separator: null,
      sheet: '5А',
      sheets: ['5А', '5Б'],
      layout: 'wide',
      header: ['Класс', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'ФИО матери', 'Телефон матери', 'Email матери'],
      mapping: {
        0: 'class',
        1: 'surname',
        2: 'name',
        3: 'patronymic',
        4: 'birthDate',
        5: 'sex',
        6: 'motherFullName',
        7: 'motherPhone',
        8: 'motherEmail',
      },
    });
    expect(sample).toHaveLength(4);
    expect(r.students).toEqual([
      {
        key: 'соколова алиса игоревна|2015-03-05',
        line: 4,
        surname: 'Соколова',
        name: 'Алиса',
        patronymic: 'Игоревна',
        birthDate: '2015-03-05',
        sex: 'F',
        className: '5А',
        externalId: null,
      },
      {
        key: 'волков денис андреевич|2015-09-01',
        line: 5,
        surname: 'Волков',
        name: 'Денис',
        patronymic: 'Андреевич',
        birthDate: '2015-09-01',
        sex: 'M',
        className: '5А',
        externalId: null,
      },
      {
        key: 'зайцев егор|2014-12-12',
        line: 6,
        surname: 'Зайцев',
        name: 'Егор',
        patronymic: null,
        birthDate: '2014-12-12',
        sex: 'M',
        className: '5А',
        externalId: null,
      },
    ]);
    expect(r.guardians).toEqual([
      {
        key: 'соколова ирина павловна|+79161234567|irina@mail.ru',
        lines: [4],
        surname: 'Соколова',
        name: 'Ирина',
        patronymic: 'Павловна',
        phone: '+79161234567',
        email: 'irina@mail.ru',
      },
      {
        key: 'волкова анна сергеевна|+79169876543|anna@ya.ru',
        lines: [5],
        surname: 'Волкова',
        name: 'Анна',
        patronymic: 'Сергеевна',
        phone: '+79169876543',
        email: 'anna@ya.ru',
      },
      {
        key: 'зайцева ольга|+79165554433|',
        lines: [6],
        surname: 'Зайцева',
        name: 'Ольга',
        patronymic: null,
        phone: '+79165554433',
        email: null,
      },
    ]);
    expect(r.links.map((l) => [l.studentKey, l.relation, l.line])).toEqual([
      ['соколова алиса игоревна|2015-03-05', 'mother', 4],
      ['волков денис андреевич|2015-09-01', 'mother', 5],
      ['зайцев егор|2014-12-12', 'mother', 6],
    ]);
    expect(r.classes).toEqual(['5А']);
    expect(r.rowsTotal).toBe(4);
    expect(r.rowsRejected).toBe(1);
    expect(r.problems).toEqual([
      {
        line: 6,
        field: 'Email матери',
        severity: 'warning',
        message: 'Адрес эл. почты «x» не распознан: поле не импортировано.',
        value: 'x',
      },
      { line: 7, field: 'Дата рождения', severity: 'error', message: 'Не указана дата рождения.' },
    ]);
  });

  it('reads the chosen sheet', async () => {
    const r = await parseRoster(bytes, 'Список.xlsx', { sheet: '5Б' }, env);
    expect(r.format).toMatchObject({ sheet: '5Б', sheets: ['5А', '5Б'], header: ['ФИО', 'Класс', 'Д.р.', 'Мать', 'Телефон матери'] });
    expect(r.students).toEqual([
      {
        key: 'орлова мила петровна|2014-10-10',
        line: 2,
        surname: 'Орлова',
        name: 'Мила',
        patronymic: 'Петровна',
        birthDate: '2014-10-10',
        sex: null,
        className: '5Б',
        externalId: null,
      },
    ]);
    expect(r.guardians).toEqual([
      {
        key: 'орлова ирина павловна|+79161112233|',
        lines: [2],
        surname: 'Орлова',
        name: 'Ирина',
        patronymic: 'Павловна',
        phone: '+79161112233',
        email: null,
      },
    ]);
    expect((await detectFormat(bytes, 'Список.xlsx', { sheet: '5Б' })).sample).toEqual([
      ['Орлова Мила Петровна', '5Б', '2014-10-10', 'Орлова Ирина Павловна', '+7 916 111-22-33'],
    ]);
  });

  it('refuses an unknown sheet, naming the sheets', async () => {
    await expect(parseRoster(bytes, 'Список.xlsx', { sheet: '5В' })).rejects.toMatchObject({
      reason: 'import.sheet_not_found',
      params: { sheet: '5В', sheets: ['5А', '5Б'] },
    });
  });

  it('goes by the content, not the file name', async () => {
    const r = await parseRoster(bytes, 'Список.csv', {}, env);
    expect(r.format.kind).toBe('xlsx');
  });

  it('turns cell values into text without evaluating anything', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(89021702876)).toBe('89021702876');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(new Date(Date.UTC(2012, 2, 5, 13, 30)))).toBe('2012-03-05');
    expect(cellText({ richText: [{ text: 'Ив' }, { text: 'анов' }] })).toBe('Иванов');
    expect(cellText({ formula: 'A1*2', result: 42 })).toBe('42');
    expect(cellText({ formula: 'TODAY()' })).toBe('');
    expect(cellText({ sharedFormula: 'A1', result: new Date(Date.UTC(2013, 0, 1)) })).toBe('2013-01-01');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText({ text: { richText: [{ text: 'a@b.ru' }] }, hyperlink: 'mailto:a@b.ru' })).toBe('a@b.ru');
  });
});
