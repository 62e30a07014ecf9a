// Matching people inside one file, and the long layout's finer rules, on inline CSV.

import { describe, expect, it } from 'vitest';
import { parseRoster } from '../../../src-main/core/roster/import/index.ts';
import { splitChildReference } from '../../../src-main/core/roster/import/children.ts';
import { env, utf8 } from './helpers.ts';

const parse = (text: string) => parseRoster(utf8(text), 'x.csv', {}, env);
const WIDE = 'Класс;ФИО;Дата рождения;Мать;Телефон матери;Email матери;Отец;Телефон отца;Email отца\n';

describe('students', () => {
  it('the same student with other values: the first row wins, the second is rejected', async () => {
    const r = await parse(`${WIDE}5А;Иванов Иван;01.01.2015;;;;;;\n5Б;ИВАНОВ ИВАН;1.1.2015;;;;;;\n`);
    expect(r.students).toHaveLength(1);
    expect(r.students[0]).toMatchObject({ className: '5А', line: 2 });
    expect(r.rowsRejected).toBe(1);
    expect(r.problems).toEqual([
      {
        line: 3,
        field: 'ФИО',
        severity: 'error',
        message:
          'Этот ученик (те же ФИО и дата рождения) уже есть в строке 2, но с другими данными. Строка не импортирована: исправьте файл, если данные строки 2 неверны.',
      },
    ]);
  });

  it('the same values written differently are a duplicate, not a conflict', async () => {
    const r = await parse(
      `${WIDE}5А;Иванов Иван;01.01.2015;Иванова Анна;89001234567;;;;\n5 а;ИВАНОВ  ИВАН;2015-01-01;иванова анна;+7 900 123-45-67;;;;\n`,
    );
    expect(r.students).toHaveLength(1);
    expect(r.duplicateRows).toEqual([{ line: 3, duplicateOf: 2 }]);
    expect(r.problems).toEqual([]);
    expect(r.links).toHaveLength(1);
  });

  it('an exact copy of a rejected row is a duplicate, reported once', async () => {
    const r = await parse(`${WIDE}5А;Иванов;01.01.2015;;;;;;\n5А;Иванов;01.01.2015;;;;;;\n`);
    expect(r.rowsRejected).toBe(1);
    expect(r.duplicateRows).toEqual([{ line: 3, duplicateOf: 2 }]);
    expect(r.problems).toHaveLength(1);
  });

  it('reports every error of a rejected row', async () => {
    const r = await parse('Класс;Фамилия;Имя;Дата рождения\n15;;Иван;вчера\n');
    expect(r.problems.map((p) => [p.field, p.severity])).toEqual([
      ['Фамилия', 'error'],
      ['Дата рождения', 'error'],
      ['Класс', 'error'],
    ]);
    expect(r.rowsRejected).toBe(1);
  });

  it('implausible birth dates', async () => {
    const r = await parse('Класс;ФИО;Дата рождения\n5А;А Б;01.01.2030\n5А;В Г;01.01.1990\n5А;Д Е;01.01.2023\n');
    expect(r.problems.map((p) => p.message)).toEqual([
      'Дата рождения «01.01.2030» ещё не наступила.',
      'Дата рождения «01.01.1990»: ученику больше 25 лет. Проверьте год.',
      'Дата рождения «01.01.2023»: ученику меньше 5 лет. Проверьте год.',
    ]);
  });
});

describe('parents in a wide file', () => {
  it('name+phone and name+email chain into one person across classes; conflicting emails warn', async () => {
    const r = await parse(
      WIDE +
        '1А;Орлов Лев;01.01.2019;Орлова Анна Петровна;89001112233;;;;\n' +
        '5Б;Орлова Ева;01.01.2015;ОРЛОВА АННА ПЕТРОВНА;+7 900 111 22 33;anna@mail.ru;;;\n' +
        '9В;Орлов Ян;01.01.2011;Орлова Анна Петровна;;ANNA@mail.ru;;;\n' +
        '9В;Орлов Илья;01.02.2011;Орлова Анна Петровна;89001112233;other@mail.ru;;;\n',
    );
    expect(r.guardians).toEqual([
      {
        key: 'орлова анна петровна|+79001112233|anna@mail.ru',
        lines: [2, 3, 4, 5],
        surname: 'Орлова',
        name: 'Анна',
        patronymic: 'Петровна',
        phone: '+79001112233',
        email: 'anna@mail.ru',
      },
    ]);
    expect(r.links).toHaveLength(4);
    expect(r.problems).toEqual([
      {
        line: 5,
        field: 'Email матери',
        severity: 'warning',
        message:
          'Орлова Анна Петровна: разные адреса эл. почты — «anna@mail.ru» и «other@mail.ru» (строки 3, 5). Оставлено первое: «anna@mail.ru».',
        value: 'other@mail.ru',
      },
    ]);
  });

  it('namesakes with different contacts are different people; a shared family phone does not merge two names', async () => {
    const r = await parse(
      WIDE +
        '1А;Смирнов Лев;01.01.2019;Смирнова Анна;89001112233;;Смирнов Олег;89001112233;\n' +
        '2А;Кузнецов Ян;01.01.2018;Смирнова Анна;89009998877;;;;\n',
    );
    expect(r.guardians.map((g) => [g.surname, g.name, g.phone])).toEqual([
      ['Смирнова', 'Анна', '+79001112233'],
      ['Смирнов', 'Олег', '+79001112233'],
      ['Смирнова', 'Анна', '+79009998877'],
    ]);
  });

  it('a parent without contacts joins the sibling row’s parent when the co-parent is the same person', async () => {
    const r = await parse(
      WIDE +
        '1А;Попов Лев;01.01.2019;Попова Анна;89001112233;;Попов Олег;;\n' +
        '3А;Попова Ева;01.01.2017;Попова Анна;89001112233;;Попов Олег;;\n' +
        '5А;Попов Ян;01.01.2015;;;;Попов Олег;;\n',
    );
    expect(r.guardians.map((g) => [g.surname, g.name, g.lines])).toEqual([
      ['Попова', 'Анна', [2, 3]],
      ['Попов', 'Олег', [2, 3]],
      ['Попов', 'Олег', [4]], // no co-parent, no contacts: cannot be told from a namesake
    ]);
    expect(r.links).toHaveLength(5);
  });

  it('the same person twice for one child gives one link', async () => {
    const r = await parseRoster(
      utf8(
        'Класс;ФИО;Дата рождения;Мать;Телефон матери;Опекун;Телефон опекуна\n1А;Попов Лев;01.01.2019;Попова Анна;89001112233;Попова Анна;89001112233\n',
      ),
      'x.csv',
      {},
      env,
    );
    expect(r.guardians).toHaveLength(1);
    expect(r.links).toEqual([
      { studentKey: 'попов лев|2019-01-01', guardianKey: 'попова анна|+79001112233|', relation: 'mother', line: 2 },
    ]);
  });
});

describe('long layout', () => {
  it('relation column, «родитель», child class and birth date, students after parents', async () => {
    const r = await parse(
      'Роль;ФИО;Кем приходится;Телефон;Ребёнок;Класс ребёнка;Дата рождения ребёнка;Класс;Дата рождения\n' +
        'родитель;Зуева Ирина;мать;89001112233;Зуев Иван;2А;;;\n' +
        'родитель;Зуев Пётр;папа;89001112244;Зуев Иван;;01.01.2015;;\n' +
        'родитель;Зуева Галина;бабушка;;Зуев Иван;;;2А;\n' +
        'отец;Зуев Пётр;;89001112244;Зуев Иван;3Б;;;\n' +
        ';Носов Ян;;;;;;;\n' +
        'ученик;Зуев Иван;;;;;;2А;01.01.2018\n' +
        'ученик;Зуев Иван;;;;;;5А;01.01.2015\n',
    );
    expect(r.students.map((s) => [s.className, s.line])).toEqual([
      ['2А', 7],
      ['5А', 8],
    ]);
    expect(r.links.map((l) => [l.studentKey, l.relation, l.line])).toEqual([
      ['зуев иван|2018-01-01', 'mother', 2],
      ['зуев иван|2015-01-01', 'father', 3],
      ['зуев иван|2018-01-01', 'other', 4], // the row's own class breaks the tie
    ]);
    expect(r.guardians.map((g) => [g.surname, g.name, g.lines])).toEqual([
      ['Зуева', 'Ирина', [2]],
      ['Зуев', 'Пётр', [3]],
      ['Зуева', 'Галина', [4]],
    ]);
    expect(r.problems).toEqual([
      {
        line: 5,
        field: 'Ребёнок',
        severity: 'error',
        message: 'Ученик «Зуев Иван» (класс 3Б) не найден среди учеников этого файла (или его строка отклонена).',
        value: 'Зуев Иван',
      },
      {
        line: 6,
        field: 'Роль',
        severity: 'error',
        message: 'Не указана роль (ученик, мать, отец, законный представитель, учитель, классный руководитель).',
      },
    ]);
  });

  it('the child written «Фамилия Имя Отчество (1а)»: any class spelling, without the class, the class in its own column', async () => {
    const r = await parse(
      'Роль;ФИО;Телефон;Ребёнок;Класс;Дата рождения\n' +
        'мама;Зуева Ирина;89001112233;Зуев Иван Петрович (2а);;\n' +
        'папа;Зуев Пётр;89001112244;Зуев Иван Петрович (5 А);;\n' +
        'бабушка;Зуева Галина;;Зуев Иван Петрович (2-А);;\n' +
        'мама;Лисина Ольга;89001112255;Лисин Ян Ильич;;\n' +
        'папа;Лисин Илья;89001112266;ЛИСИН ЯН, 3б;;\n' +
        'мама;Носова Вера;89001112277;Носов Лев;3Б;\n' +
        'ученик;Зуев Иван Петрович;;;2А;01.01.2018\n' +
        'ученик;Зуев Иван Петрович;;;5А;01.01.2015\n' +
        'ученик;Лисин Ян Ильич;;;3Б;02.02.2017\n' +
        'ученик;Носов Лев;;;3Б;03.03.2017\n' +
        'ученик;Носов Лев;;;4А;04.04.2016\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.rowsRejected).toBe(0);
    expect(r.links.map((l) => [l.line, l.studentKey, l.relation])).toEqual([
      [2, 'зуев иван петрович|2018-01-01', 'mother'],
      [3, 'зуев иван петрович|2015-01-01', 'father'],
      [4, 'зуев иван петрович|2018-01-01', 'other'],
      [5, 'лисин ян ильич|2017-02-02', 'mother'],
      [6, 'лисин ян ильич|2017-02-02', 'father'],
      [7, 'носов лев|2017-03-03', 'mother'], // the parent row's own class column
    ]);
  });

  it("reads the class after the child's name only when it is a class", () => {
    expect(splitChildReference('Зуев Иван Петрович (1а)')).toEqual({ name: 'Зуев Иван Петрович', className: '1А' });
    expect(splitChildReference('Зуев Иван Петрович (1 А)')).toEqual({ name: 'Зуев Иван Петрович', className: '1А' });
    expect(splitChildReference('Зуев Иван Петрович(11-Б класс)')).toEqual({ name: 'Зуев Иван Петрович', className: '11Б' });
    expect(splitChildReference('Зуев Иван, 5"В"')).toEqual({ name: 'Зуев Иван', className: '5В' });
    expect(splitChildReference('Зуев Иван (Ваня)')).toEqual({ name: 'Зуев Иван (Ваня)', className: null });
    expect(splitChildReference('Зуев Иван (15а)')).toEqual({ name: 'Зуев Иван (15а)', className: null });
    expect(splitChildReference('Зуев Иван')).toEqual({ name: 'Зуев Иван', className: null });
  });

  it('a child reference that fits several students names them all', async () => {
    const ok = await parse(
      'Роль;ФИО;Телефон;Ребёнок;Класс;Дата рождения\n' +
        'мама;Зуева Ирина;89001112233;Зуев Иван;;\n' +
        'мама;Зуева Ирина;89001112233;Зуев Иван (7в);;\n' +
        'ученик;Зуев Иван Петрович;;;2А;01.01.2018\n' +
        'ученик;Зуев Иван Сергеевич;;;5А;01.01.2015\n',
    );
    expect(ok.problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [
        2,
        'Ребёнок',
        'Ребёнок «Зуев Иван» подходит к нескольким ученикам файла: Зуев Иван Петрович, 2А, 01.01.2018 (строка 4); Зуев Иван Сергеевич, 5А, 01.01.2015 (строка 5). Укажите ребёнка точнее: полное ФИО, класс в скобках — «Зуев Иван Петрович (2А)» — или дату рождения ребёнка.',
      ],
      [3, 'Ребёнок', 'Ученик «Зуев Иван» (класс 7В) не найден среди учеников этого файла (или его строка отклонена).'],
    ]);
  });

  it('relation column only: an empty relation is a student', async () => {
    const r = await parse('ФИО;Кем приходится;Класс;Дата рождения;Ребёнок;Email\nЛи Ян;;4А;01.01.2016;;\nЛи Мэй;мама;;;Ли Ян;mei@li.ru\n');
    expect(r.format.layout).toBe('long');
    expect(r.students.map((s) => s.key)).toEqual(['ли ян|2016-01-01']);
    expect(r.links).toEqual([{ studentKey: 'ли ян|2016-01-01', guardianKey: 'ли мэй||mei@li.ru', relation: 'mother', line: 3 }]);
  });

  it('class teachers: one class each, one teacher per class', async () => {
    const r = await parse(
      'Роль;ФИО;Класс;Телефон;Эл. почта\n' +
        'Классный руководитель;Смирнова Елена Викторовна;4Б;;\n' +
        'Классный руководитель;СМИРНОВА ЕЛЕНА ВИКТОРОВНА;5А;89001112233;\n' +
        'Классный руководитель;Иванова Ольга;4 б;;\n' +
        'Классный руководитель;Петрова Анна;;;\n' +
        'Учитель;Смирнова Елена Викторовна;;89009999999;smirnova@school.ru\n',
    );
    expect(r.staff).toEqual([
      {
        key: 'смирнова елена викторовна',
        line: 2,
        surname: 'Смирнова',
        name: 'Елена',
        patronymic: 'Викторовна',
        phone: '+79001112233',
        email: 'smirnova@school.ru',
        classTeacherOf: '4Б',
      },
      {
        key: 'иванова ольга',
        line: 4,
        surname: 'Иванова',
        name: 'Ольга',
        patronymic: null,
        phone: null,
        email: null,
        classTeacherOf: null,
      },
    ]);
    expect(r.classes).toEqual(['4Б']);
    expect(r.problems).toEqual([
      {
        line: 3,
        field: 'Класс',
        severity: 'warning',
        message: 'Смирнова Елена Викторовна уже классный руководитель 4Б (строка 2); класс 5А не назначен.',
        value: '5А',
      },
      {
        line: 4,
        field: 'Класс',
        severity: 'warning',
        message: 'У класса 4Б уже есть классный руководитель: Смирнова Елена Викторовна (строка 2). Этому человеку класс не назначен.',
        value: '4Б',
      },
      { line: 5, field: 'Класс', severity: 'error', message: 'Для классного руководителя не указан класс (или он не распознан).' },
      {
        line: 6,
        field: 'Телефон',
        severity: 'warning',
        message:
          'Смирнова Елена Викторовна: разные телефоны — «+79001112233» и «+79009999999» (строки 3, 6). Оставлено первое: «+79001112233».',
        value: '+79009999999',
      },
    ]);
  });
});
