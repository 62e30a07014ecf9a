// The one search box over an imported roster: names in any order, classes, dates, phones, emails,
// the Latin layout, archive filters, ranking, and freshness after another process wrote.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../src-main/core/roster/search.ts';
import type { SearchSourceRow } from '../../../src-main/core/dal/roster.ts';
import type { SearchOptions } from '../../../src-shared/roster/search.ts';
import { openCore } from '../../../src-main/core/core.ts';
import { makeCore, TEST_COST, type TestCore } from '../../support/core.ts';
import { CLI_ACTOR, DESK, csv, importBytes, person, rosterVersion, wide } from './helpers.ts';

const SCHOOL = wide(
  '6А;Иванова;Мария;Петровна;05.03.2012;Ж;Иванова Анна Сергеевна;8 (902) 170-28-76;anna.ivanova@mail.ru;Иванов Пётр Олегович;+7 903 111 22 33;',
  '6А;Семёнов;Лев;Игоревич;01.02.2012;М;Семёнова Ольга Викторовна;89004445566;olga.sem@yandex.ru;;;',
  '6Б;Семенова;Дарья;Игоревна;11.11.2012;Ж;Семёнова Ольга Викторовна;89004445566;;;;',
  '6Б;Лев;Андрей;Петрович;05.03.2011;М;;;;;;',
  '7А;Марьина;Иванна;Олеговна;20.06.2011;Ж;;;;;;',
  '7А;Иванников;Олег;Игоревич;14.02.2011;М;;;;;;',
  '5В;Петров;Иван;Сергеевич;01.09.2013;М;;;;;;',
  '7А;Орлов;Никита;;15.07.2011;М;Орлова Елена;;;;;',
);
const TEACHER = csv('Роль;ФИО;Класс;Телефон', 'Классный руководитель;Смирнова Елена Викторовна;6А;8 (495) 123-45-67');

describe('search over an imported roster', () => {
  let t: TestCore;
  const names = (query: string, options: SearchOptions = {}) => t.core.roster.find(query, options).hits.map((h) => h.fullName);

  beforeAll(async () => {
    t = await makeCore();
    await importBytes(t.core, SCHOOL);
    await importBytes(t.core, TEACHER);
  });
  afterAll(() => t.close());

  it('name fragments in any order, surname with an initial', () => {
    expect(names('иван мари')).toEqual(['Иванова Мария Петровна']);
    expect(names('мари иван')).toEqual(['Иванова Мария Петровна']);
    expect(names('  Мария   ИВАНОВА ')).toEqual(['Иванова Мария Петровна']);
    expect(names('Иванова М')).toEqual(['Иванова Мария Петровна']);
    expect(names('Иванова М.')).toEqual(['Иванова Мария Петровна']);
    for (const q of ['Иванова М.П.', 'Иванова М.П', 'иванова м. п.', 'М.П. Иванова'])
      expect(names(q), q).toEqual(['Иванова Мария Петровна']);
    expect(names('Иванова М.Ю.')).toEqual([]);
    expect(names('петровна иванова')).toEqual(['Иванова Мария Петровна']);
    expect(names('иванова петр')).toEqual(['Иванова Мария Петровна']); // «петр» starts her patronymic
    expect(names('иванова лев')).toEqual([]); // every fragment must match the same person
    // As typed nobody is «иванова олег…»; read forgivingly (Иванова as a case of Иванов) someone is, and it says so.
    expect(t.core.roster.find('иванова олег')).toMatchObject({ hits: [{ fullName: 'Иванов Пётр Олегович' }], note: { forgiving: true } });
  });

  it('ignores case and ё/е both ways', () => {
    expect(names('Семенов')).toEqual(['Семёнов Лев Игоревич', 'Семенова Дарья Игоревна', 'Семёнова Ольга Викторовна']);
    expect(names('СЕМЁНОВА')).toEqual(['Семенова Дарья Игоревна', 'Семёнова Ольга Викторовна']);
    expect(names('семёнова дарья')).toEqual(['Семенова Дарья Игоревна']);
    expect(names('пётр иванов')).toEqual(['Иванов Пётр Олегович', 'Иванова Мария Петровна']);
  });

  it('a class lists its students first, then their parents; staff are not in it', () => {
    const sixA = [
      'Иванова Мария Петровна',
      'Семёнов Лев Игоревич',
      'Иванов Пётр Олегович',
      'Иванова Анна Сергеевна',
      'Семёнова Ольга Викторовна',
    ];
    for (const q of ['6а', '6А', '6 А', '6-а', '6A', '6a', '6"А"', '6«а»', '6 "А"', '6 «а»']) expect(names(q), q).toEqual(sixA);
    // Latin look-alikes are read exactly as the importer reads them: B is В, not Б.
    expect(names('6B')).toEqual(names('6В'));
    const hits = t.core.roster.find('6а').hits;
    expect(hits.map((h) => h.kind)).toEqual(['student', 'student', 'guardian', 'guardian', 'guardian']);
    expect(hits[0]).toEqual({
      id: expect.any(Number),
      kind: 'student',
      fullName: 'Иванова Мария Петровна',
      class: '6А',
      birthDate: '2012-03-05',
    });
    expect(hits.at(-1)).toEqual({
      id: expect.any(Number),
      kind: 'guardian',
      fullName: 'Семёнова Ольга Викторовна',
      childClasses: ['6А', '6Б'],
    });
    expect(names('9Д')).toEqual([]);
  });

  it('a class with a name narrows to that class', () => {
    expect(names('6а иванова')).toEqual(['Иванова Мария Петровна', 'Иванова Анна Сергеевна']);
    expect(names('иванова 6 а')).toEqual(['Иванова Мария Петровна', 'Иванова Анна Сергеевна']);
    expect(names('6б семенова')).toEqual(['Семенова Дарья Игоревна', 'Семёнова Ольга Викторовна']);
    expect(names('7а иванова')).toEqual([]);
  });

  it('birth dates, full and as a birthday', () => {
    for (const q of ['05.03.2012', '5.3.2012', '2012-03-05']) expect(names(q), q).toEqual(['Иванова Мария Петровна']);
    expect(names('05.03')).toEqual(['Иванова Мария Петровна', 'Лев Андрей Петрович']);
    expect(names('05.03 лев')).toEqual(['Лев Андрей Петрович']);
    expect(names('31.12.2012')).toEqual([]);
  });

  it('phones by their last digits or in full, written any way', () => {
    for (const q of [
      '2876',
      '02876',
      '170-28-76',
      '1702876',
      '8 (902) 170-28-76',
      '+7 902 170 28 76',
      '89021702876',
      '+79021702876',
      '9021702876',
    ]) {
      expect(names(q), q).toEqual(['Иванова Анна Сергеевна']);
    }
    expect(names('5566')).toEqual(['Семёнова Ольга Викторовна']);
    expect(names('иванова 2876')).toEqual(['Иванова Анна Сергеевна']);
    expect(names('иванова 89021702876')).toEqual(['Иванова Анна Сергеевна']);
    expect(names('иванова +7 902 170 28 76')).toEqual(['Иванова Анна Сергеевна']);
    expect(names('8 (902) 170-28-76 иванова')).toEqual(['Иванова Анна Сергеевна']);
    expect(names('1234')).toEqual([]);
  });

  it('emails by prefix or in full', () => {
    for (const q of ['anna', 'anna.iv', 'anna.ivanova@mail.ru', 'ANNA.IVANOVA@MAIL.RU', 'anna.ivanova@']) {
      expect(names(q), q).toEqual(['Иванова Анна Сергеевна']);
    }
    expect(names('olga.sem@yandex.ru')).toEqual(['Семёнова Ольга Викторовна']);
    expect(names('nobody@mail.ru')).toEqual([]);
  });

  it('fixes a query typed with the Latin layout and says so', () => {
    const r = t.core.roster.find('bdfyjdf');
    expect(r.hits.map((h) => h.fullName)).toEqual(['Иванова Анна Сергеевна', 'Иванова Мария Петровна']);
    expect(r.note).toEqual({ layoutFixed: 'иванова' });
    expect(t.core.roster.find('bdfyjdf vfhbz').hits.map((h) => h.fullName)).toEqual(['Иванова Мария Петровна']);
    expect(t.core.roster.find('иванова').note).toBeUndefined();
  });

  it('ranks an exact word above a prefix, the surname above other positions, then alphabetically', () => {
    expect(names('иванов')).toEqual(['Иванов Пётр Олегович', 'Иванова Анна Сергеевна', 'Иванова Мария Петровна']);
    expect(names('лев')).toEqual(['Лев Андрей Петрович', 'Семёнов Лев Игоревич']);
    expect(names('ива')).toEqual([
      'Иванников Олег Игоревич',
      'Иванов Пётр Олегович',
      'Иванова Анна Сергеевна',
      'Иванова Мария Петровна',
      'Марьина Иванна Олеговна',
      'Петров Иван Сергеевич',
    ]);
    expect(names('иван')).toEqual([
      'Петров Иван Сергеевич',
      'Иванников Олег Игоревич',
      'Иванов Пётр Олегович',
      'Иванова Анна Сергеевна',
      'Иванова Мария Петровна',
      'Марьина Иванна Олеговна',
    ]);
  });

  it('total counts every match, limit caps the hits; kind filters', () => {
    const r = t.core.roster.find('6а', { limit: 2 });
    expect(r.total).toBe(5);
    expect(r.hits.map((h) => h.fullName)).toEqual(['Иванова Мария Петровна', 'Семёнов Лев Игоревич']);
    expect(t.core.roster.find('ива', { limit: 1 })).toMatchObject({ total: 6, hits: [{ fullName: 'Иванников Олег Игоревич' }] });
    expect(names('иванов', { kind: 'guardian' })).toEqual(['Иванов Пётр Олегович', 'Иванова Анна Сергеевна']);
    expect(names('смирнова')).toEqual(['Смирнова Елена Викторовна']);
    expect(names('смирнова', { kind: 'student' })).toEqual([]);
    expect(names('')).toEqual([]);
    expect(names('   ')).toEqual([]);
  });

  describe('archived people', () => {
    beforeAll(() => {
      t.core.roster.setArchived(DESK, [person(t.core, 'Орлов', 'Никита').id], true);
    });

    it('are left out by default, included or alone on request', () => {
      expect(names('орлов никита')).toEqual([]);
      expect(names('орлов')).toEqual(['Орлова Елена']);
      expect(t.core.roster.find('орлов', { archived: 'include' }).hits).toEqual([
        expect.objectContaining({ fullName: 'Орлов Никита', class: '7А', archived: true }),
        expect.not.objectContaining({ archived: true }),
      ]);
      expect(names('орлов', { archived: 'only' })).toEqual(['Орлов Никита']);
      expect(names('15.07.2011')).toEqual([]);
      expect(names('15.07.2011', { archived: 'include' })).toEqual(['Орлов Никита']);
    });

    it('are all listed, alphabetically, for an empty query in the archive (and only there)', () => {
      t.core.roster.setArchived(DESK, [person(t.core, 'Марьина', 'Иванна').id], true);
      expect(t.core.roster.find('', { archived: 'only' })).toEqual({
        hits: [
          expect.objectContaining({ fullName: 'Марьина Иванна Олеговна', archived: true }),
          expect.objectContaining({ fullName: 'Орлов Никита', archived: true }),
        ],
        total: 2,
      });
      expect(t.core.roster.find('', { archived: 'only', limit: 1 })).toMatchObject({
        hits: [{ fullName: 'Марьина Иванна Олеговна' }],
        total: 2,
      });
      expect(t.core.roster.find('', {})).toEqual({ hits: [], total: 0 });
      t.core.roster.setArchived(DESK, [person(t.core, 'Марьина', 'Иванна').id], false);
    });

    it('leave their class list, and their parents leave it too', () => {
      expect(names('7а')).toEqual(['Иванников Олег Игоревич', 'Марьина Иванна Олеговна']);
    });
  });
});

describe('the index follows the database', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeCore();
    await importBytes(t.core, SCHOOL);
  });
  afterAll(() => t.close());

  it('sees an import another connection (the CLI, say) made while this core stayed open', async () => {
    expect(t.core.roster.find('кузнецов').total).toBe(0); // the index is built now
    const version = rosterVersion(t.core);
    // A second core on the same file: to SQLite the same as the CLI's process (no process start here).
    const other = await openCore({ dataDir: t.dir, mode: 'cli', passwordCost: TEST_COST });
    try {
      await importBytes(other, wide('8В;Кузнецов;Ян;Павлович;01.01.2010;М;Кузнецова Ирина;89161112233;;;;'), { actor: CLI_ACTOR });
    } finally {
      other.close();
    }
    expect(rosterVersion(t.core)).toBe(version + 1);
    expect(t.core.roster.find('кузнецов').hits.map((h) => h.fullName)).toEqual(['Кузнецов Ян Павлович', 'Кузнецова Ирина']);
    expect(t.core.roster.find('8в').total).toBe(2);
  });

  it('keeps the same index while the version stays', () => {
    const index = t.core.roster.search.current();
    expect(t.core.roster.search.current()).toBe(index);
    t.core.roster.setArchived(DESK, [person(t.core, 'Петров', 'Иван').id], true);
    expect(t.core.roster.search.current()).not.toBe(index);
  });
});

describe('SearchIndex on its own', () => {
  let nextId = 100;
  const row = (kind: SearchSourceRow['kind'], full: string, extra: Partial<SearchSourceRow> = {}): SearchSourceRow => {
    const [surname, name, patronymic] = full.split(' ');
    return {
      id: nextId--,
      kind,
      surname: surname!,
      name: name!,
      patronymic: patronymic ?? null,
      birthDate: null,
      classId: null,
      phone: null,
      email: null,
      archived: 0,
      ...extra,
    };
  };
  // Ids run against the alphabet, so any order that follows ids would show.
  const people = [
    row('guardian', 'Яковлева Анна'),
    row('student', 'Римская-Корсакова Анна', { classId: 1, birthDate: '2018-02-28' }),
    row('guardian', 'Андреева Анна Ивановна', { phone: '+79161234567' }),
    row('student', 'Андреева Анна Ивановна', { classId: 1, birthDate: '2015-01-01' }),
    row('student', 'Борисова Анна', { classId: 1, birthDate: '2015-02-02', archived: 1 }),
    row('staff', 'Анна Ольга Петровна'),
  ];
  const index = new SearchIndex({
    people,
    classes: [{ id: 1, grade: 2, letter: 'А', teacherId: null }],
    guardianClasses: [{ guardianId: people[2]!.id, classId: 1 }],
  });
  const names = (q: string, o: SearchOptions = {}) => index.search(q, o).hits.map((h) => `${h.kind}:${h.fullName}`);

  it('orders equal scores alphabetically, a student before a namesake parent', () => {
    expect(index.size).toBe(6);
    expect(names('анна')).toEqual([
      'staff:Анна Ольга Петровна', // the surname
      'student:Андреева Анна Ивановна',
      'guardian:Андреева Анна Ивановна',
      'student:Римская-Корсакова Анна',
      'guardian:Яковлева Анна',
    ]);
    expect(names('анна', { archived: 'include' })).toEqual([
      'staff:Анна Ольга Петровна',
      'student:Андреева Анна Ивановна',
      'guardian:Андреева Анна Ивановна',
      'student:Римская-Корсакова Анна',
      'guardian:Яковлева Анна',
      'student:Борисова Анна', // archived after active people of the same score
    ]);
  });

  it('finds either part of a hyphenated surname', () => {
    expect(names('корсакова')).toEqual(['student:Римская-Корсакова Анна']);
    expect(names('римская анна')).toEqual(['student:Римская-Корсакова Анна']);
  });

  it('falls back to a substring match for an inner fragment and says so', () => {
    const r = index.search('ндреев');
    expect(r.note).toEqual({ substring: true });
    expect(r.hits.map((h) => h.fullName)).toEqual(['Андреева Анна Ивановна', 'Андреева Анна Ивановна']);
  });

  it('combines a name with a phone, a class or a date', () => {
    expect(names('андреева 4567')).toEqual(['guardian:Андреева Анна Ивановна']);
    expect(names('андреева 8 916 123-45-67')).toEqual(['guardian:Андреева Анна Ивановна']);
    expect(names('андреева 89161234567')).toEqual(['guardian:Андреева Анна Ивановна']);
    expect(names('андреева 2а')).toEqual(['student:Андреева Анна Ивановна', 'guardian:Андреева Анна Ивановна']);
    expect(names('андреева 01.01.2015')).toEqual(['student:Андреева Анна Ивановна']);
  });
});
