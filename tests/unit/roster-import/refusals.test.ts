// Files that are not a roster: refused with `invalid_input` and a clear Russian message.

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectFormat, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, parseRoster } from '../../../src-main/core/roster/import/index.ts';
import { AppError } from '../../../src-shared/result.ts';
import { env, makeZip, utf8 } from './helpers.ts';

async function refusal(bytes: Uint8Array, fileName: string, options = {}): Promise<AppError> {
  try {
    await parseRoster(bytes, fileName, options, env);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('invalid_input');
    return e as AppError;
  }
  throw new Error('the file was not refused');
}

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
]);

describe('refusals', () => {
  it('a PNG', async () => {
    expect((await refusal(PNG, 'список.csv')).message).toBe(
      'Файл «список.csv» — это изображение, а не таблица. Выберите файл CSV или Excel (XLSX).',
    );
  });

  it('a ZIP that is not a workbook', async () => {
    const zip = makeZip({ 'readme.txt': 'hello', 'data/list.csv': 'Класс;ФИО' });
    expect((await refusal(zip, 'список.zip')).message).toBe(
      'Файл «список.zip» — архив, но не книга Excel. Выберите файл CSV или Excel (XLSX); таблицу LibreOffice (.ods) сохраните как .xlsx.',
    );
  });

  it('a damaged workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист1').getCell('A1').value = 'Класс';
    const full = new Uint8Array(await wb.xlsx.writeBuffer());
    const cut = full.subarray(0, Math.floor(full.length * 0.6));
    expect((await refusal(cut, 'список.xlsx')).message).toBe(
      'Не удалось прочитать книгу Excel «список.xlsx»: файл повреждён или сохранён не полностью.',
    );
  });

  it('a ZIP bomb posing as a workbook is refused before it is unpacked', async () => {
    const zip = Buffer.from(makeZip({ 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': 'x' }));
    // claim 4 GB − 1 unpacked for the sheet in the central directory
    const central = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(0xfffffffe, central + 24);
    expect((await refusal(new Uint8Array(zip), 'список.xlsx')).message).toBe(
      'Книга Excel «список.xlsx» слишком велика в распакованном виде (больше 400 МБ). Оставьте в ней только список учеников или сохраните его как CSV.',
    );
  });

  it('an old .xls or a password-protected workbook', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await refusal(ole, 'список.xls')).message).toContain('книга Excel старого формата (.xls) или книга, защищённая паролем');
  });

  it('a PDF, an HTML page, other binary data', async () => {
    expect((await refusal(utf8('%PDF-1.7\n...'), 'список.pdf')).message).toContain('это документ PDF');
    expect((await refusal(utf8('<html><body><table><tr><td>Класс</td></tr></table></body></html>'), 'список.xls')).message).toContain(
      'веб-страница (HTML)',
    );
    expect((await refusal(new Uint8Array([1, 2, 3, 0, 5, 6, 7, 8]), 'x.csv')).message).toBe(
      'Файл «x.csv» не похож на таблицу. Выберите файл CSV (текст с разделителями) или Excel (XLSX).',
    );
  });

  it('an empty file, a file of blank lines, an empty workbook sheet', async () => {
    expect((await refusal(new Uint8Array(0), 'x.csv')).message).toBe('Файл пустой: в нём нет ни одной строки.');
    expect((await refusal(utf8('\uFEFF\r\n;;;\r\n  \r\n'), 'x.csv')).message).toBe('Файл пустой: в нём нет ни одной строки.');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист1');
    expect((await refusal(new Uint8Array(await wb.xlsx.writeBuffer()), 'x.xlsx')).message).toBe('Файл пустой: в нём нет ни одной строки.');
  });

  it('a header-only file', async () => {
    const bytes = utf8('Класс;Фамилия;Имя;Дата рождения\r\n;;;\r\n');
    expect((await refusal(bytes, 'x.csv')).message).toBe('В файле есть только строка заголовков, а учеников нет.');
    await expect(detectFormat(bytes, 'x.csv')).rejects.toThrow('В файле есть только строка заголовков, а учеников нет.');
  });

  it('headers that map to nothing: names the missing columns and the headers found', async () => {
    const bytes = iconv.encode('Номер;Наименование;Сумма\r\n1;Тетрадь;25\r\n', 'win1251');
    expect((await refusal(bytes, 'x.csv')).message).toBe(
      'Нет обязательных столбцов: «Класс», «ФИО (или Фамилия и Имя)», «Дата рождения». Заголовки в файле: «Номер», «Наименование», «Сумма». Переименуйте столбцы или укажите их соответствие вручную.',
    );
    // the wizard still gets the format to map the columns by hand
    const f = await detectFormat(bytes, 'x.csv');
    expect(f).toMatchObject({
      encoding: 'cp1251',
      separator: ';',
      header: ['Номер', 'Наименование', 'Сумма'],
      mapping: {},
      sample: [['1', 'Тетрадь', '25']],
    });
  });

  it('some required columns missing', async () => {
    const bytes = utf8('Фамилия;Имя;Мать\r\nИванов;Иван;Иванова Мария\r\n');
    expect((await refusal(bytes, 'x.csv')).message).toBe(
      'Нет обязательных столбцов: «Класс», «Дата рождения». Заголовки в файле: «Фамилия», «Имя», «Мать». Переименуйте столбцы или укажите их соответствие вручную.',
    );
    const noName = utf8('Класс;Фамилия;Дата рождения\r\n1А;Иванов;01.01.2019\r\n');
    expect((await refusal(noName, 'x.csv')).message).toContain('Нет обязательного столбца: «Имя».');
  });

  it('a long file with students but no birth date column', async () => {
    const bytes = utf8('Роль;ФИО;Класс\r\nученик;Иванов Иван;1А\r\n');
    expect((await refusal(bytes, 'x.csv')).message).toBe('В файле есть ученики, но нет столбца «Дата рождения».');
  });

  it('an unterminated quote', async () => {
    const bytes = utf8(
      'Класс;ФИО;Дата рождения\r\n1А;Иванов Иван;01.01.2019\r\n1А;"Петров Пётр;01.01.2019\r\n1А;Сидоров Сидор;01.01.2019\r\n',
    );
    expect((await refusal(bytes, 'x.csv')).message).toBe(
      'В строке 3 открыта кавычка, которая нигде не закрыта: файл повреждён или разделитель выбран неверно.',
    );
  });

  it('an over-limit file, by size and by rows', async () => {
    expect(MAX_IMPORT_BYTES).toBe(20 * 1024 * 1024);
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x41);
    expect((await refusal(big, 'x.csv')).message).toBe(
      'Файл слишком большой: 20,1 МБ, а можно не больше 20 МБ. Разделите список на несколько файлов.',
    );
    const rows = `Класс;ФИО;Дата рождения\n${'1А;Иванов Иван;01.01.2019\n'.repeat(MAX_IMPORT_ROWS)}`;
    expect((await refusal(utf8(rows), 'x.csv')).message).toBe('В файле больше 300\u00A0000 строк. Разделите список на несколько файлов.');
  });
});
