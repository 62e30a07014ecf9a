// Files that are not a roster: refused with `invalid_input` and an `import.*` reason (its Russian
// text is checked in tests/unit/errors.test.ts).

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectFormat, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, parseRoster } from '../../../src-main/core/roster/import/index.ts';
import { AppError } from '../../../src-shared/result.ts';
import { MAX_UNPACKED_BYTES } from '../../../src-main/core/roster/import/limits.ts';
import { odsRepeatBomb, xlsxBomb } from '../../support/hostile-files.ts';
import { env, makeZip, utf8 } from './helpers.ts';

const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

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
    expect(await refusal(PNG, 'список.csv')).toMatchObject({ reason: 'import.image', params: { fileName: 'список.csv' } });
  });

  it('a ZIP that is not a workbook', async () => {
    const zip = makeZip({ 'readme.txt': 'hello', 'data/list.csv': 'Класс;ФИО' });
    expect(await refusal(zip, 'список.zip')).toMatchObject({ reason: 'import.zip_not_sheet', params: { fileName: 'список.zip' } });
  });

  it('a damaged workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист1').getCell('A1').value = 'Класс';
    const full = new Uint8Array(await wb.xlsx.writeBuffer());
    const cut = full.subarray(0, Math.floor(full.length * 0.6));
    expect(await refusal(cut, 'список.xlsx')).toMatchObject({ reason: 'import.workbook_broken', params: { fileName: 'список.xlsx' } });
  });

  it('a ZIP bomb is refused by the bytes it inflates to, whatever its directory declares', async () => {
    // 300 MiB of spaces behind a directory that claims 1 KB: refused once 256 MB have come out.
    expect(await refusal(xlsxBomb(300), 'список.xlsx')).toMatchObject({
      reason: 'import.too_large_unpacked',
      params: { fileName: 'список.xlsx', limitMb: MAX_UNPACKED_BYTES / 1024 / 1024 },
    });
    // The .ods bomb: tests/integration/roster/hostile-files.test.ts (with the process's peak memory).
  });

  it('declared sizes are not trusted the other way either: a workbook claiming 4 GB is read by what it holds', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист1').addRows([
      ['Класс', 'Фамилия', 'Имя', 'Дата рождения'],
      ['5А', 'Иванов', 'Иван', '01.02.2015'],
    ]);
    const zip = Buffer.from(await wb.xlsx.writeBuffer());
    for (let p = zip.indexOf(CENTRAL); p !== -1; p = zip.indexOf(CENTRAL, p + 4)) zip.writeUInt32LE(0xfffffffe, p + 24);
    expect((await parseRoster(new Uint8Array(zip), 'список.xlsx', {}, env)).students).toHaveLength(1);
  });

  it('an .ods asking for one value in a billion cells is refused before they are built', async () => {
    expect((await refusal(odsRepeatBomb(16_384, 1_000_000), 'список.ods')).reason).toBe('import.too_many_rows');
  });

  it('an Office file that is no readable workbook (password, damage, a Word document)', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await refusal(ole, 'список.xls')).toMatchObject({ reason: 'import.office_unreadable', params: { fileName: 'список.xls' } });
  });

  it('a PDF, an HTML page, other binary data', async () => {
    expect((await refusal(utf8('%PDF-1.7\n...'), 'список.pdf')).reason).toBe('import.pdf');
    expect((await refusal(utf8('<html><body><table><tr><td>Класс</td></tr></table></body></html>'), 'список.xls')).reason).toBe(
      'import.html',
    );
    expect(await refusal(new Uint8Array([1, 2, 3, 0, 5, 6, 7, 8]), 'x.csv')).toMatchObject({
      reason: 'import.binary',
      params: { fileName: 'x.csv' },
    });
  });

  it('an empty file, a file of blank lines, an empty workbook sheet', async () => {
    expect((await refusal(new Uint8Array(0), 'x.csv')).reason).toBe('import.empty');
    expect((await refusal(utf8('\uFEFF\r\n;;;\r\n  \r\n'), 'x.csv')).reason).toBe('import.empty');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист1');
    expect((await refusal(new Uint8Array(await wb.xlsx.writeBuffer()), 'x.xlsx')).reason).toBe('import.empty');
  });

  it('a header-only file', async () => {
    const bytes = utf8('Класс;Фамилия;Имя;Дата рождения\r\n;;;\r\n');
    expect((await refusal(bytes, 'x.csv')).reason).toBe('import.header_only');
    await expect(detectFormat(bytes, 'x.csv')).rejects.toMatchObject({ reason: 'import.header_only' });
  });

  it('headers that map to nothing: names the missing columns and the headers found', async () => {
    const bytes = iconv.encode('Номер;Наименование;Сумма\r\n1;Тетрадь;25\r\n', 'win1251');
    expect(await refusal(bytes, 'x.csv')).toMatchObject({
      reason: 'import.missing_columns',
      params: { missing: ['class', 'fullName', 'birthDate'], found: ['Номер', 'Наименование', 'Сумма'], garbled: null },
    });
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
    expect(await refusal(bytes, 'x.csv')).toMatchObject({
      reason: 'import.missing_columns',
      params: { missing: ['class', 'birthDate'], found: ['Фамилия', 'Имя', 'Мать'] },
    });
    const noName = utf8('Класс;Фамилия;Дата рождения\r\n1А;Иванов;01.01.2019\r\n');
    expect((await refusal(noName, 'x.csv')).params).toMatchObject({ missing: ['name'] });
  });

  it('a long file with students but no birth date column', async () => {
    const bytes = utf8('Роль;ФИО;Класс\r\nученик;Иванов Иван;1А\r\n');
    expect((await refusal(bytes, 'x.csv')).reason).toBe('import.no_birth_date_column');
  });

  it('an unterminated quote', async () => {
    const bytes = utf8(
      'Класс;ФИО;Дата рождения\r\n1А;Иванов Иван;01.01.2019\r\n1А;"Петров Пётр;01.01.2019\r\n1А;Сидоров Сидор;01.01.2019\r\n',
    );
    expect(await refusal(bytes, 'x.csv')).toMatchObject({ reason: 'import.unclosed_quote', params: { line: 3 } });
  });

  it('an over-limit file, by size and by rows', async () => {
    expect(MAX_IMPORT_BYTES).toBe(20 * 1024 * 1024);
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x41);
    expect(await refusal(big, 'x.csv')).toMatchObject({ reason: 'import.too_large', params: { sizeMb: 20.1, limitMb: 20 } });
    const rows = `Класс;ФИО;Дата рождения\n${'1А;Иванов Иван;01.01.2019\n'.repeat(MAX_IMPORT_ROWS)}`;
    expect(await refusal(utf8(rows), 'x.csv')).toMatchObject({ reason: 'import.too_many_rows', params: { limit: MAX_IMPORT_ROWS } });
  });
});
