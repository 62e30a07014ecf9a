// Small, messy, realistic CSV files of our own (tests/fixtures/roster/): exact parse results.

import { describe, expect, it } from 'vitest';
import { detectFormat, parseRoster } from '../../../src-main/core/roster/import/index.ts';
import { env, fixture } from './helpers.ts';

describe('UTF-8 with BOM, comma-separated, wide (wide-utf8-bom-comma.csv)', async () => {
  const r = await parseRoster(fixture('wide-utf8-bom-comma.csv'), 'wide-utf8-bom-comma.csv', {}, env);
  const olga = 'семенова ольга петровна|+79123456789|olga.sem@mail.ru';
  const igor = 'семенов игорь викторович|+79120001122|igor.semenov@ya.ru';
  const anna = 'кузнецова анна сергеевна|+79001112233|anna.k@gmail.com';

  it('detects the format', () => {
    const { sample, ...format } = r.format;
    expect(format).toEqual({
      kind: 'csv',
      encoding: 'utf8',
      garbled: false,
      betterEncoding: null,
      separator: ',',
      sheet: null,
      sheets: [],
      layout: 'wide',
      header: [
        '№',
        'Класс',
        'Фамилия',
        'Имя',
        'Отчество',
        'Д.р.',
        'Пол',
        'Мать (ФИО)',
        'Тел. матери',
        'E-mail матери',
        'Отец (ФИО)',
        'Тел. отца',
        'E-mail отца',
      ],
      mapping: {
        1: 'class',
        2: 'surname',
        3: 'name',
        4: 'patronymic',
        5: 'birthDate',
        6: 'sex',
        7: 'motherFullName',
        8: 'motherPhone',
        9: 'motherEmail',
        10: 'fatherFullName',
        11: 'fatherPhone',
        12: 'fatherEmail',
      },
    });
    expect(sample).toHaveLength(10);
    expect(sample[0]?.slice(0, 3)).toEqual(['1', '5 "Б"', 'Семёнов']);
  });

  it('parses students', () => {
    expect(r.rowsTotal).toBe(12);
    expect(r.rowsRejected).toBe(2);
    expect(r.classes).toEqual(['1В', '2А', '3А', '5Б', '5В']);
    const s = (
      line: number,
      key: string,
      surname: string,
      name: string,
      patronymic: string | null,
      birthDate: string,
      sex: 'M' | 'F' | null,
      className: string,
    ) => ({
      key,
      line,
      surname,
      name,
      patronymic,
      birthDate,
      sex,
      className,
      externalId: null,
    });
    expect(r.students).toEqual([
      s(2, 'семенов артем игоревич|2015-04-12', 'Семёнов', 'Артём', 'Игоревич', '2015-04-12', 'M', '5Б'),
      s(3, 'семенова дарья игоревна|2017-09-01', 'Семенова', 'Дарья', 'Игоревна', '2017-09-01', 'F', '3А'),
      s(4, 'семенов лев игоревич|2019-03-05', 'Семёнов', 'Лев', 'Игоревич', '2019-03-05', 'M', '1В'),
      s(5, 'кузнецова мария андреевна|2014-11-03', 'Кузнецова', 'Мария', 'Андреевна', '2014-11-03', 'F', '5Б'),
      s(6, 'кузнецов павел андреевич|2014-11-03', 'Кузнецов', 'Павел', 'Андреевич', '2014-11-03', 'M', '5Б'),
      s(7, 'орлов никита|2014-07-15', 'Орлов', 'Никита', null, '2014-07-15', null, '5Б'),
      s(8, 'иванов олег петрович|2015-06-20', 'Иванов', 'Олег', 'Петрович', '2015-06-20', 'M', '5В'),
      s(9, 'римская-корсакова анна|2018-02-28', 'Римская-Корсакова', 'Анна', null, '2018-02-28', 'F', '2А'),
      s(14, 'новикова вера олеговна|2018-05-01', 'Новикова', 'Вера', 'Олеговна', '2018-05-01', 'F', '2А'),
    ]);
  });

  it('matches parents across siblings by name+phone and name+email (chained)', () => {
    expect(r.guardians).toEqual([
      {
        key: olga,
        lines: [2, 3, 4],
        surname: 'Семёнова',
        name: 'Ольга',
        patronymic: 'Петровна',
        phone: '+79123456789',
        email: 'olga.sem@mail.ru',
      },
      // line 2: phone only; line 3: the same phone + an email; line 4: that email only
      {
        key: igor,
        lines: [2, 3, 4],
        surname: 'Семёнов',
        name: 'Игорь',
        patronymic: 'Викторович',
        phone: '+79120001122',
        email: 'igor.semenov@ya.ru',
      },
      {
        key: anna,
        lines: [5, 6],
        surname: 'Кузнецова',
        name: 'Анна',
        patronymic: 'Сергеевна',
        phone: '+79001112233',
        email: 'anna.k@gmail.com',
      },
      { key: 'орлова елена|@7', lines: [7], surname: 'Орлова', name: 'Елена', patronymic: null, phone: null, email: null },
      {
        key: 'римский-корсаков николай андреевич|+79991234567|',
        lines: [9],
        surname: 'Римский-Корсаков',
        name: 'Николай',
        patronymic: 'Андреевич',
        phone: '+79991234567',
        email: null,
      },
    ]);
    expect(r.links).toEqual([
      { studentKey: 'семенов артем игоревич|2015-04-12', guardianKey: olga, relation: 'mother', line: 2 },
      { studentKey: 'семенов артем игоревич|2015-04-12', guardianKey: igor, relation: 'father', line: 2 },
      { studentKey: 'семенова дарья игоревна|2017-09-01', guardianKey: olga, relation: 'mother', line: 3 },
      { studentKey: 'семенова дарья игоревна|2017-09-01', guardianKey: igor, relation: 'father', line: 3 },
      { studentKey: 'семенов лев игоревич|2019-03-05', guardianKey: olga, relation: 'mother', line: 4 },
      { studentKey: 'семенов лев игоревич|2019-03-05', guardianKey: igor, relation: 'father', line: 4 },
      { studentKey: 'кузнецова мария андреевна|2014-11-03', guardianKey: anna, relation: 'mother', line: 5 },
      { studentKey: 'кузнецов павел андреевич|2014-11-03', guardianKey: anna, relation: 'mother', line: 6 },
      { studentKey: 'орлов никита|2014-07-15', guardianKey: 'орлова елена|@7', relation: 'mother', line: 7 },
      {
        studentKey: 'римская-корсакова анна|2018-02-28',
        guardianKey: 'римский-корсаков николай андреевич|+79991234567|',
        relation: 'father',
        line: 9,
      },
    ]);
    expect(r.staff).toEqual([]);
  });

  it('reports duplicates and problems with lines and the school’s headers', () => {
    expect(r.duplicateRows).toEqual([{ line: 12, duplicateOf: 9 }]);
    expect(r.problems).toEqual([
      {
        line: 6,
        field: 'Тел. матери',
        severity: 'warning',
        message:
          'Кузнецова Анна Сергеевна: разные телефоны — «+79001112233» и «+79009998877» (строки 5, 6). Оставлено первое: «+79001112233».',
        value: '+79009998877',
      },
      {
        line: 7,
        field: 'Пол',
        severity: 'warning',
        message: 'Пол «мужской?» не распознан (нужно М или Ж): поле не импортировано.',
        value: 'мужской?',
      },
      {
        line: 7,
        field: 'Тел. матери',
        severity: 'warning',
        message: 'Телефон «12-34-56» не распознан (нужен российский номер, например 8 902 170-28-76): поле не импортировано.',
        value: '12-34-56',
      },
      {
        line: 7,
        field: 'E-mail матери',
        severity: 'warning',
        message: 'Адрес эл. почты «orlova@» не распознан: поле не импортировано.',
        value: 'orlova@',
      },
      {
        line: 10,
        field: 'Класс',
        severity: 'error',
        message: 'Класс «12А» не распознан. Пишите класс как 6А: номер от 1 до 11 и буква.',
        value: '12А',
      },
      {
        line: 11,
        field: 'Д.р.',
        severity: 'error',
        message: 'Дата рождения «2024-05-01»: ученику меньше 5 лет. Проверьте год.',
        value: '2024-05-01',
      },
      {
        line: 14,
        field: 'Мать (ФИО)',
        severity: 'warning',
        message: 'Есть телефон или почта, но нет ФИО (мать): контакты не импортированы.',
        value: '+7 916 000 00 01',
      },
    ]);
  });
});

describe('UTF-8 without BOM, tab-separated, one ФИО column (fio-utf8-tab.txt)', async () => {
  const r = await parseRoster(fixture('fio-utf8-tab.txt'), 'fio-utf8-tab.txt', {}, env);
  const maria = 'петрова мария ивановна|+79035550001|';
  const ivan = 'петров иван сергеевич|+79035550002|';

  it('detects the format', () => {
    expect(r.format).toMatchObject({
      kind: 'csv',
      encoding: 'utf8',
      separator: '\t',
      layout: 'wide',
      mapping: { 0: 'fullName', 1: 'class', 2: 'birthDate', 3: 'motherFullName', 4: 'motherPhone', 5: 'fatherFullName', 6: 'fatherPhone' },
    });
    expect(r.format.header[7]).toBe('Комментарий');
  });

  it('splits the full name, keeps multi-word patronymics', () => {
    expect(r.students).toEqual([
      {
        key: 'мамедов эльчин рауф оглы|2013-02-14',
        line: 2,
        surname: 'Мамедов',
        name: 'Эльчин',
        patronymic: 'Рауф оглы',
        birthDate: '2013-02-14',
        sex: null,
        className: '7А',
        externalId: null,
      },
      {
        key: 'петров иван|2013-03-05',
        line: 3,
        surname: 'Петров',
        name: 'Иван',
        patronymic: null,
        birthDate: '2013-03-05',
        sex: null,
        className: '7А',
        externalId: null,
      },
      {
        key: 'петрова анна ивановна|2018-10-30',
        line: 4,
        surname: 'Петрова',
        name: 'Анна',
        patronymic: 'Ивановна',
        birthDate: '2018-10-30',
        sex: null,
        className: '2А',
        externalId: null,
      },
      {
        key: 'ким виктор|2012-12-12',
        line: 7,
        surname: 'Ким',
        name: 'Виктор',
        patronymic: null,
        birthDate: '2012-12-12',
        sex: null,
        className: '7Б',
        externalId: null,
      },
    ]);
    expect(r.classes).toEqual(['2А', '7А', '7Б']);
  });

  it('joins siblings’ parents written without contacts in one row (same couple)', () => {
    expect(r.guardians).toEqual([
      {
        key: 'мамедова севиль гасан кызы|+79035554433|',
        lines: [2],
        surname: 'Мамедова',
        name: 'Севиль',
        patronymic: 'Гасан кызы',
        phone: '+79035554433',
        email: null,
      },
      { key: maria, lines: [3, 4], surname: 'Петрова', name: 'Мария', patronymic: 'Ивановна', phone: '+79035550001', email: null },
      { key: ivan, lines: [3, 4], surname: 'Петров', name: 'Иван', patronymic: 'Сергеевич', phone: '+79035550002', email: null },
    ]);
    expect(r.links).toEqual([
      {
        studentKey: 'мамедов эльчин рауф оглы|2013-02-14',
        guardianKey: 'мамедова севиль гасан кызы|+79035554433|',
        relation: 'mother',
        line: 2,
      },
      { studentKey: 'петров иван|2013-03-05', guardianKey: maria, relation: 'mother', line: 3 },
      { studentKey: 'петров иван|2013-03-05', guardianKey: ivan, relation: 'father', line: 3 },
      { studentKey: 'петрова анна ивановна|2018-10-30', guardianKey: maria, relation: 'mother', line: 4 },
      { studentKey: 'петрова анна ивановна|2018-10-30', guardianKey: ivan, relation: 'father', line: 4 },
    ]);
  });

  it('reports problems', () => {
    expect(r.rowsTotal).toBe(6);
    expect(r.rowsRejected).toBe(2);
    expect(r.duplicateRows).toEqual([]);
    expect(r.problems).toEqual([
      { line: 5, field: 'Дата рождения', severity: 'error', message: 'Такой даты не существует: «2013-13-01».', value: '2013-13-01' },
      { line: 6, field: 'Ф.И.О. ученика', severity: 'error', message: 'Нужны хотя бы фамилия и имя, через пробел.', value: 'Иванов' },
      {
        line: 7,
        field: 'ФИО матери',
        severity: 'warning',
        message: 'ФИО «Ким»: нужны хотя бы фамилия и имя через пробел. Этот человек не импортирован.',
        value: 'Ким',
      },
    ]);
  });
});

describe('long layout: a role column, parents before their children, a class teacher (long-utf8.csv)', async () => {
  const r = await parseRoster(fixture('long-utf8.csv'), 'long-utf8.csv', {}, env);
  const irina = 'белова ирина сергеевна|+79261112233|irina.belova@mail.ru';
  const andrey = 'белов андрей викторович|+79264445566|';
  const tamara = 'гусева тамара ивановна||tamara@yandex.ru';
  const maxim = 'белов максим андреевич|2016-12-12';
  const sofya = 'белова софья андреевна|2018-08-08';
  const petr4 = 'гусев петр ильич|2017-02-01';

  it('detects the long layout', () => {
    expect(r.format).toMatchObject({
      kind: 'csv',
      encoding: 'utf8',
      separator: ';',
      layout: 'long',
      mapping: {
        0: 'role',
        1: 'surname',
        2: 'name',
        3: 'patronymic',
        4: 'class',
        5: 'birthDate',
        6: 'phone',
        7: 'email',
        8: 'childFullName',
        9: 'childBirthDate',
      },
    });
  });

  it('parses students, parents resolved to their children, staff', () => {
    expect(r.students).toEqual([
      {
        key: maxim,
        line: 4,
        surname: 'Белов',
        name: 'Максим',
        patronymic: 'Андреевич',
        birthDate: '2016-12-12',
        sex: null,
        className: '4Б',
        externalId: null,
      },
      {
        key: sofya,
        line: 5,
        surname: 'Белова',
        name: 'Софья',
        patronymic: 'Андреевна',
        birthDate: '2018-08-08',
        sex: null,
        className: '2А',
        externalId: null,
      },
      {
        key: petr4,
        line: 8,
        surname: 'Гусев',
        name: 'Пётр',
        patronymic: 'Ильич',
        birthDate: '2017-02-01',
        sex: null,
        className: '4Б',
        externalId: null,
      },
      {
        key: 'гусев петр ильич|2019-09-05',
        line: 9,
        surname: 'Гусев',
        name: 'Пётр',
        patronymic: 'Ильич',
        birthDate: '2019-09-05',
        sex: null,
        className: '1А',
        externalId: null,
      },
    ]);
    expect(r.guardians).toEqual([
      {
        key: irina,
        lines: [2, 6],
        surname: 'Белова',
        name: 'Ирина',
        patronymic: 'Сергеевна',
        phone: '+79261112233',
        email: 'irina.belova@mail.ru',
      },
      { key: andrey, lines: [3], surname: 'Белов', name: 'Андрей', patronymic: 'Викторович', phone: '+79264445566', email: null },
      { key: tamara, lines: [10], surname: 'Гусева', name: 'Тамара', patronymic: 'Ивановна', phone: null, email: 'tamara@yandex.ru' },
    ]);
    expect(r.links).toEqual([
      { studentKey: maxim, guardianKey: irina, relation: 'mother', line: 2 },
      { studentKey: maxim, guardianKey: andrey, relation: 'father', line: 3 },
      { studentKey: sofya, guardianKey: irina, relation: 'mother', line: 6 },
      { studentKey: petr4, guardianKey: tamara, relation: 'other', line: 10 },
    ]);
    expect(r.staff).toEqual([
      {
        key: 'смирнова елена викторовна',
        line: 11,
        surname: 'Смирнова',
        name: 'Елена',
        patronymic: 'Викторовна',
        phone: '+74951234567',
        email: 'e.smirnova@school.ru',
        classTeacherOf: '4Б',
      },
      {
        key: 'козлов дмитрий олегович',
        line: 12,
        surname: 'Козлов',
        name: 'Дмитрий',
        patronymic: 'Олегович',
        phone: null,
        email: null,
        classTeacherOf: null,
      },
    ]);
    expect(r.classes).toEqual(['1А', '2А', '4Б']);
  });

  it('rejects ambiguous and unknown children and unknown roles', () => {
    expect(r.rowsTotal).toBe(13);
    expect(r.rowsRejected).toBe(3);
    expect(r.duplicateRows).toEqual([]);
    expect(r.problems).toEqual([
      {
        line: 7,
        field: 'Ребёнок',
        severity: 'error',
        message:
          'Ребёнок «Гусев Пётр Ильич» подходит к нескольким ученикам файла: Гусев Пётр Ильич, 4Б, 01.02.2017 (строка 8); Гусев Пётр Ильич, 1А, 05.09.2019 (строка 9). Укажите ребёнка точнее: полное ФИО, класс в скобках — «Гусев Пётр Ильич (4Б)» — или дату рождения ребёнка.',
        value: 'Гусев Пётр Ильич',
      },
      {
        line: 13,
        field: 'Ребёнок',
        severity: 'error',
        message: 'Ученик «Орлов Кирилл Игоревич» не найден среди учеников этого файла (или его строка отклонена).',
        value: 'Орлов Кирилл Игоревич',
      },
      {
        line: 14,
        field: 'Роль',
        severity: 'error',
        message:
          'Роль «Директор» не распознана. Возможные роли: ученик, мать, отец, законный представитель, учитель, классный руководитель.',
        value: 'Директор',
      },
    ]);
  });
});

describe('Windows-1251, comma-separated, quoted separators and a quoted newline (wide-cp1251-comma.csv)', async () => {
  const bytes = fixture('wide-cp1251-comma.csv');
  const r = await parseRoster(bytes, 'wide-cp1251-comma.csv', {}, env);

  it('detects cp1251 and the comma outside quotes', () => {
    expect(r.format).toMatchObject({ kind: 'csv', encoding: 'cp1251', separator: ',', layout: 'wide' });
    expect(r.format.header).toEqual([
      'Класс',
      'Фамилия',
      'Имя',
      'Отчество',
      'Дата рождения',
      'Пол',
      'Мать (ФИО)',
      'Телефон матери',
      'Отец (ФИО)',
      'Телефон отца',
      'Примечание',
    ]);
    expect(r.format.sample[0]?.[10]).toBe('Аллергия на орехи, мёд');
    expect(r.format.sample[1]?.[10]).toBe('Живёт с бабушкой,\r\nтел. "уточнить"');
  });

  it('parses the rows and counts lines across the quoted newline', () => {
    expect(r.students).toEqual([
      {
        key: 'лебедев артем сергеевич|2012-04-04',
        line: 2,
        surname: 'Лебедев',
        name: 'Артём',
        patronymic: 'Сергеевич',
        birthDate: '2012-04-04',
        sex: 'M',
        className: '8А',
        externalId: null,
      },
      {
        key: 'зайцева полина олеговна|2012-09-19',
        line: 3,
        surname: 'Зайцева',
        name: 'Полина',
        patronymic: 'Олеговна',
        birthDate: '2012-09-19',
        sex: 'F',
        className: '8А',
        externalId: null,
      },
      {
        key: 'елкин федор ильич|2012-02-01',
        line: 5,
        surname: 'Ёлкин',
        name: 'Фёдор',
        patronymic: 'Ильич',
        birthDate: '2012-02-01',
        sex: 'M',
        className: '8А',
        externalId: null,
      },
    ]);
    expect(r.guardians.map((g) => [g.surname, g.name, g.patronymic, g.phone, g.email, g.lines])).toEqual([
      ['Лебедева', 'Наталья', 'Викторовна', '+79162223344', null, [2]],
      ['Лебедев', 'Сергей', 'Петрович', '+79165556677', null, [2]],
      ['Зайцева', 'Ольга', 'Николаевна', '+79167778899', null, [3]],
      ['Ёлкина', 'Дарья', 'Сергеевна', '+79160001122', null, [5]],
    ]);
    expect(r.links.map((l) => [l.relation, l.line])).toEqual([
      ['mother', 2],
      ['father', 2],
      ['mother', 3],
      ['mother', 5],
    ]);
    expect(r.rowsTotal).toBe(5);
    expect(r.rowsRejected).toBe(2);
    expect(r.problems).toEqual([
      { line: 6, field: 'Фамилия', severity: 'error', message: 'Не заполнено поле «Фамилия».' },
      { line: 7, field: 'Дата рождения', severity: 'error', message: 'Такой даты не существует: «31.04.2012».', value: '31.04.2012' },
    ]);
  });

  it('detectFormat gives the same format as parseRoster', async () => {
    expect(await detectFormat(bytes, 'wide-cp1251-comma.csv')).toEqual(r.format);
  });
});
