// Cells far longer than any name: a row error naming the field, never an internal error (a database
// CHECK failing) or a stack overflow in name normalization.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRoster } from '../../../src-main/core/roster/import/index.ts';
import { normalizeName } from '../../../src-shared/roster/normalize.ts';
import { makeCore, type TestCore } from '../../support/core.ts';
import { WIDE_HEADER, importBytes, wide } from '../roster/helpers.ts';
import { env } from './helpers.ts';

const GOOD = ['5А', 'Иванов', 'Иван', 'Иванович', '01.02.2015', 'М', 'Иванова Мария Петровна', '89021702876', 'a@b.ru'];
const MILLION = 1_000_000;
const row = (col: number, value: string) => GOOD.map((v, i) => (i === col ? value : v)).join(';');
const columns = WIDE_HEADER.split(';');

describe('a cell of a million characters', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeCore();
  });
  afterAll(() => t.close());

  it.each([
    [1, 'Фамилия', 'Иванов'.repeat(MILLION / 6)],
    [2, 'Имя', 'И И-'.repeat(MILLION / 4)],
    [3, 'Отчество', 'Ив '.repeat(MILLION / 3)],
    [6, 'Мать (ФИО)', `Иванова Мария ${'Петровна '.repeat(MILLION / 9)}`],
  ])('in column %i («%s») rejects its row with the field named; the other rows import', async (col, field, value) => {
    const file = wide(row(col, value), GOOD.join(';').replace('Иван;', 'Пётр;'));
    const report = await importBytes(t.core, file, { dryRun: true });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ line: 2, field: columns[col] ?? field });
    expect(JSON.stringify(report).length).toBeLessThan(10_000); // the value is shown shortened, if at all
    expect(report.students.added).toBe(1);
  });

  it('a full name whose parts outgrow the database is a row error, not a failed write', async () => {
    const header = 'Класс;ФИО;Дата рождения';
    const long = `Иванов Иван ${'Иванович '.repeat(60)}`.trim(); // 600 characters, a 560-character «patronymic»
    const r = await parseRoster(Buffer.from(`${header}\n5А;${long};01.02.2015\n`), 'a.csv', {}, env);
    expect(r.problems).toMatchObject([{ line: 2, field: 'ФИО', severity: 'error' }]);
    const report = await importBytes(t.core, Buffer.from(`${header}\n5А;${long};01.02.2015\n`), { dryRun: true });
    expect(report.errors).toHaveLength(1);
  });

  it('name normalization takes a huge name without overflowing the stack', () => {
    const huge = `${'И И-'.repeat(2_000_000)}И`; // 8 million characters of capitalized parts
    expect(normalizeName(huge)).toBe(huge);
  });
});
