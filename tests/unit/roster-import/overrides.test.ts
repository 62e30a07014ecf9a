// Every detection can be overridden through ImportOptions: encoding, separator, layout, mapping.

import { describe, expect, it } from 'vitest';
import { detectFormat, parseRoster } from '../../../src-main/core/roster/import/index.ts';
import type { ColumnMapping } from '../../../src-shared/roster/types.ts';
import { env, fixture, utf8 } from './helpers.ts';

describe('overrides', () => {
  it('encoding: a cp1251 file read as UTF-8 is garbage, and a UTF-8 file read as cp1251 too', async () => {
    const cp = fixture('roster-wide-cp1251.csv');
    expect((await detectFormat(cp, 'a.csv')).encoding).toBe('cp1251');
    const forced = await detectFormat(cp, 'a.csv', { encoding: 'utf8' });
    expect(forced.encoding).toBe('utf8');
    expect(forced.header[0]).toContain('\uFFFD');
    expect(forced.mapping).toEqual({ 8: 'email' }); // «Email ������» still says «email»
    await expect(parseRoster(cp, 'a.csv', { encoding: 'utf8' }, env)).rejects.toMatchObject({
      reason: 'import.missing_columns',
      params: { garbled: { better: 'cp1251' } },
    });

    const u = fixture('long-utf8.csv');
    const mojibake = await detectFormat(u, 'b.csv', { encoding: 'cp1251' });
    expect(mojibake.encoding).toBe('cp1251');
    expect(mojibake.header[0]).toBe('Р РѕР»СЊ'); // «Роль» in UTF-8 bytes read as Windows-1251
  });

  it('separator: forcing one changes how rows split', async () => {
    const bytes = fixture('wide-utf8-bom-comma.csv');
    const forced = await detectFormat(bytes, 'a.csv', { separator: ';' });
    expect(forced.separator).toBe(';');
    expect(forced.header).toHaveLength(1);
    expect(forced.mapping).toEqual({});
    // «Фамилия, Имя» in one cell of a tab file: tab is detected; forcing «,» splits the cell
    const tsv = utf8('Класс\tФамилия, Имя\tДата рождения\n5А\tИванов, Иван\t01.01.2015\n5А\tПетров, Пётр\t02.02.2015\n');
    expect((await detectFormat(tsv, 't.txt')).header).toEqual(['Класс', 'Фамилия, Имя', 'Дата рождения']);
    const commas = await detectFormat(tsv, 't.txt', { separator: ',' });
    expect(commas.header).toEqual(['Класс Фамилия', 'Имя Дата рождения']); // headers are space-cleaned
    expect(commas.sample).toEqual([
      ['5А\tИванов', ' Иван\t01.01.2015'],
      ['5А\tПетров', ' Пётр\t02.02.2015'],
    ]);
  });

  it('layout: a long file read as wide, a wide file read as long', async () => {
    const long = fixture('long-utf8.csv');
    const wide = await parseRoster(long, 'long.csv', { layout: 'wide' }, env);
    expect(wide.format.layout).toBe('wide');
    expect(wide.students.map((s) => s.line)).toEqual([4, 5, 8, 9]);
    expect(wide.guardians).toEqual([]);
    expect(wide.staff).toEqual([]);
    expect(wide.rowsRejected).toBe(9);
    expect(wide.problems.filter((p) => p.line === 2).map((p) => p.field)).toEqual(['Дата рождения', 'Класс']);

    await expect(parseRoster(fixture('wide-utf8-bom-comma.csv'), 'wide.csv', { layout: 'long' }, env)).rejects.toMatchObject({
      reason: 'import.missing_columns',
      params: { missing: ['role'] },
    });
  });

  it('mapping: swapping the mother and father columns swaps the relations', async () => {
    const bytes = fixture('roster-wide-cp1251.csv');
    const detected = await detectFormat(bytes, 'a.csv');
    const swapped: ColumnMapping = {
      ...detected.mapping,
      6: 'fatherFullName',
      7: 'fatherPhone',
      8: 'fatherEmail',
      9: 'motherFullName',
      10: 'motherPhone',
      11: 'motherEmail',
    };
    const before = await parseRoster(bytes, 'a.csv', {}, env);
    const after = await parseRoster(bytes, 'a.csv', { mapping: swapped }, env);
    expect(after.format.mapping).toEqual(swapped);
    const count = (r: typeof before, rel: string) => r.links.filter((l) => l.relation === rel).length;
    expect([count(before, 'mother'), count(before, 'father')]).toEqual([550, 337]);
    expect([count(after, 'mother'), count(after, 'father')]).toEqual([337, 550]);
    expect(after.guardians).toHaveLength(774);
    expect(after.problems.find((p) => p.line === 23)?.field).toBe('Email матери'); // the header as written, whatever it maps to
  });

  it('mapping: columns nobody could recognize, keys as strings (as they come over RPC)', async () => {
    const bytes = utf8('A;B;C;D;E\r\n5А;Иванов Иван Иванович;01.02.2015;Иванова Анна;8 900 123 45 67\r\n5А;Петров;03.03.2015;;\r\n');
    const mapping = {
      '0': 'class',
      '1': 'fullName',
      '2': 'birthDate',
      '3': 'motherFullName',
      '4': 'motherPhone',
    } as unknown as ColumnMapping;
    const r = await parseRoster(bytes, 'x.csv', { mapping }, env);
    expect(r.format.header).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(r.students).toEqual([
      {
        key: 'иванов иван иванович|2015-02-01',
        line: 2,
        surname: 'Иванов',
        name: 'Иван',
        patronymic: 'Иванович',
        birthDate: '2015-02-01',
        sex: null,
        className: '5А',
        externalId: null,
      },
    ]);
    expect(r.guardians).toEqual([
      {
        key: 'иванова анна|+79001234567|',
        lines: [2],
        surname: 'Иванова',
        name: 'Анна',
        patronymic: null,
        phone: '+79001234567',
        email: null,
      },
    ]);
    expect(r.problems).toEqual([
      { line: 3, field: 'B', severity: 'error', message: 'Нужны хотя бы фамилия и имя, через пробел.', value: 'Петров' },
    ]);
  });
});
