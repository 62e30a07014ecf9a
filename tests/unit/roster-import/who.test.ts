// A refused row used to say only its line number: it names whom it is about too, as the file
// writes the name, in the report the wizard shows, the CLI prints and the report file saves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../support/core.ts';
import { csv, importBytes, wide } from '../roster/helpers.ts';
import { importText } from '../../../src-main/core/cli/roster-commands.ts';

describe('refused rows name the person', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  it('in the wide layout, from Фамилия/Имя/Отчество', async () => {
    const report = await importBytes(
      t.core,
      wide(
        '6А;Невалидов;Леонид;Герасимович;31.02.2013;М;;;;;;',
        '6А;;Дарья;Кирилловна;01.02.2014;Ж;;;;;;',
        '6А;Годный;Олег;;01.02.2014;М;;;;;;',
      ),
      { dryRun: true },
    );
    expect(report.errors.map((e) => [e.line, e.who])).toEqual([
      [2, 'Невалидов Леонид Герасимович'],
      [3, 'Дарья Кирилловна'],
    ]);
    expect(importText('список.csv', report)).toContain(
      'строка 2 (Невалидов Леонид Герасимович), «Дата рождения»: Такой даты не существует',
    );
  });

  it('in the long layout and with one ФИО column, a parent row too', async () => {
    const report = await importBytes(
      t.core,
      csv(
        'Роль;ФИО;Дата рождения;Класс;Ребёнок',
        'ученик;Иванова Анна Сергеевна;11.10.2013;7Б;',
        'мать;Петрова Мария Ивановна;;;Петров Глеб',
        'ученик;Сидоров;01.01.2014;7Б;',
      ),
      { dryRun: true },
    );
    expect(report.errors.map((e) => [e.line, e.who])).toEqual([
      [3, 'Петрова Мария Ивановна'],
      [4, 'Сидоров'],
    ]);
  });
});
