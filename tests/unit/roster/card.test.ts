// The person card: relatives, siblings, a teacher's classes; opening a card is audited.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/result.ts';
import { makeCore, type TestCore } from '../../support/core.ts';
import { DESK, auditRows, csv, importBytes, person, wide } from './helpers.ts';

describe('person card', () => {
  let t: TestCore;
  const id = (surname: string, name: string) => person(t.core, surname, name).id;

  beforeAll(async () => {
    t = await makeCore();
    await importBytes(
      t.core,
      wide(
        '6А;Семёнов;Лев;Игоревич;01.02.2012;М;Семёнова Ольга Викторовна;89004445566;olga.sem@yandex.ru;Семёнов Игорь Викторович;89120001122;',
        '3А;Семёнова;Дарья;Игоревна;01.09.2017;Ж;Семёнова Ольга Викторовна;89004445566;;Семёнов Игорь Викторович;89120001122;',
        '1В;Семёнов;Марк;Игоревич;05.03.2019;М;;;;Семёнов Игорь Викторович;89120001122;', // the father's only
        '6А;Орлов;Никита;;15.07.2012;М;Орлова Елена;;;;;',
      ),
    );
    await importBytes(
      t.core,
      csv(
        'Роль;ФИО;Класс;Эл. почта',
        'Классный руководитель;Смирнова Елена Викторовна;6А;e.smirnova@school.ru',
        'Учитель;Козлов Дмитрий Олегович;;',
      ),
    );
  });
  afterAll(() => t.close());

  it('a student: guardians with relations (mother first), siblings through any shared guardian', () => {
    const card = t.core.roster.card(DESK, id('Семёнов', 'Лев'));
    expect(card).toMatchObject({
      kind: 'student',
      fullName: 'Семёнов Лев Игоревич',
      surname: 'Семёнов',
      name: 'Лев',
      patronymic: 'Игоревич',
      className: '6А',
      birthDate: '2012-02-01',
      sex: 'M',
      externalId: null,
      archived: false,
      archivedAt: null,
      children: [],
      classTeacherOf: [],
    });
    expect(card.guardians).toEqual([
      expect.objectContaining({
        kind: 'guardian',
        fullName: 'Семёнова Ольга Викторовна',
        relation: 'mother',
        phone: '+79004445566',
        email: 'olga.sem@yandex.ru',
      }),
      expect.objectContaining({ kind: 'guardian', fullName: 'Семёнов Игорь Викторович', relation: 'father', phone: '+79120001122' }),
    ]);
    expect(card.siblings.map((s) => [s.fullName, s.className])).toEqual([
      ['Семёнова Дарья Игоревна', '3А'],
      ['Семёнов Марк Игоревич', '1В'], // through the father only
    ]);
  });

  it('a guardian: children with relations, oldest first', () => {
    const card = t.core.roster.card(DESK, id('Семёнов', 'Игорь'));
    expect(card).toMatchObject({ kind: 'guardian', guardians: [], siblings: [], classTeacherOf: [] });
    expect(card.children.map((c) => [c.fullName, c.className, c.relation])).toEqual([
      ['Семёнов Лев Игоревич', '6А', 'father'],
      ['Семёнова Дарья Игоревна', '3А', 'father'],
      ['Семёнов Марк Игоревич', '1В', 'father'],
    ]);
    expect(t.core.roster.card(DESK, id('Орлова', 'Елена')).children.map((c) => c.fullName)).toEqual(['Орлов Никита']);
  });

  it('staff: the classes they lead', () => {
    expect(t.core.roster.card(DESK, id('Смирнова', 'Елена'))).toMatchObject({
      kind: 'staff',
      email: 'e.smirnova@school.ru',
      classTeacherOf: ['6А'],
    });
    expect(t.core.roster.card(DESK, id('Козлов', 'Дмитрий')).classTeacherOf).toEqual([]);
    expect(t.core.roster.classDetail(t.core.roster.classes().find((c) => c.name === '6А')!.id).teacher).toMatchObject({
      fullName: 'Смирнова Елена Викторовна',
    });
  });

  it('an only child has no siblings; an archived sibling is still shown, marked', () => {
    expect(t.core.roster.card(DESK, id('Орлов', 'Никита')).siblings).toEqual([]);
    t.core.roster.setArchived(DESK, [id('Семёнов', 'Марк')], true);
    const siblings = t.core.roster.card(DESK, id('Семёнова', 'Дарья')).siblings;
    expect(siblings.map((s) => [s.fullName, s.archived])).toEqual([
      ['Семёнов Лев Игоревич', false],
      ['Семёнов Марк Игоревич', true],
    ]);
  });

  it('opening a card is audited with the person’s label', () => {
    const lev = id('Семёнов', 'Лев');
    const before = auditRows(t.core, 'person.view').length;
    t.core.roster.card(DESK, lev);
    t.core.roster.card(DESK, id('Семёнова', 'Ольга'));
    const [guardianRow, studentRow] = auditRows(t.core, 'person.view');
    expect(auditRows(t.core, 'person.view')).toHaveLength(before + 2);
    expect(studentRow).toMatchObject({
      operatorId: 1,
      operatorLogin: 'curator',
      personKind: 'student',
      personId: lev,
      personLabel: 'Семёнов Лев Игоревич (6А)',
    });
    expect(guardianRow).toMatchObject({ personKind: 'guardian', personLabel: 'Семёнова Ольга Викторовна' });
  });

  it('every look-up is audited; the card reloading after what was just done to the person is not a new one', async () => {
    const lev = id('Семёнов', 'Лев');
    const olga = id('Семёнова', 'Ольга');
    const views = () => auditRows(t.core, 'person.view').length;
    t.core.roster.card(DESK, lev);
    const once = views();
    // Reloaded right away, or after an edit of the same person: the same look-up.
    t.core.roster.card(DESK, lev);
    expect(views()).toBe(once);
    t.core.roster.updatePerson(DESK, { id: lev, externalId: 'A-17' });
    expect(auditRows(t.core, 'person.update')).toHaveLength(1);
    t.core.roster.card(DESK, lev);
    expect(views()).toBe(once);
    // Back to him after looking at someone else: a new look-up.
    t.core.roster.card(DESK, olga);
    t.core.roster.card(DESK, lev);
    expect(views()).toBe(once + 2);
    // Much later, even with nothing in between: a new look-up.
    t.clock.advance(10 * 60_000);
    t.core.roster.card(DESK, lev);
    expect(views()).toBe(once + 3);
    // Another operator's rows do not count as this one's.
    const op = await t.core.operators.create(DESK, {
      fullName: 'Петров Иван Иванович',
      login: 'petrov',
      role: 'deputy',
      password: 'Zamestitel2026',
    });
    t.core.roster.card({ ...DESK, operatorId: op.id, login: 'petrov' }, lev);
    expect(views()).toBe(once + 4);
  });

  it('an unknown id is not_found, and nothing is audited', () => {
    const before = auditRows(t.core, 'person.view').length;
    let error: unknown;
    try {
      t.core.roster.card(DESK, 999_999);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'not_found', reason: 'roster.person_not_found' });
    expect(auditRows(t.core, 'person.view')).toHaveLength(before);
    expect(() => t.core.roster.setArchived(DESK, [999_999], true)).toThrow(expect.objectContaining({ reason: 'roster.person_not_found' }));
  });
});
