// Applying an import to a real database: matching with what is stored, transfers, archive, conflicts,
// staff and class teachers, missing students, dry runs, the audit trail, all-or-nothing.

import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../support/core.ts';
import { applyRoster } from '../../../src-main/core/roster/apply.ts';
import { parseRoster } from '../../../src-main/core/roster/import/index.ts';
import {
  CLI_ACTOR,
  DESK,
  WIDE_HEADER,
  auditRows,
  counts,
  csv,
  importBytes,
  links,
  people,
  person,
  rosterVersion,
  snapshot,
  wide,
} from './helpers.ts';

// Four students in three classes; the Ivanovs' mother has a phone only, Semyonova has both.
const IVANOVA = '6А;Иванова;Мария;Петровна;05.03.2012;Ж;Иванова Анна Сергеевна;8 (902) 170-28-76;;Иванов Пётр Олегович;+7 903 111 22 33;';
const SEMYONOV = '6А;Семёнов;Лев;Игоревич;01.02.2012;;Семёнова Ольга Викторовна;89004445566;olga.sem@yandex.ru;;;';
const SEMYONOVA = '6Б;Семёнова;Дарья;Игоревна;11.11.2012;Ж;СЕМЕНОВА ОЛЬГА ВИКТОРОВНА;+7 900 444-55-66;;;;';
const ORLOV = '7А;Орлов;Никита;;15.07.2011;М;Орлова Елена;;;;;';
const BASE = wide(IVANOVA, SEMYONOV, SEMYONOVA, ORLOV);

let t: TestCore;
afterEach(() => t?.close());

async function withBase(): Promise<TestCore> {
  t = await makeCore();
  const first = await importBytes(t.core, BASE);
  expect(first).toMatchObject({
    classes: counts(3, 0, 0),
    students: counts(4, 0, 0),
    guardians: counts(4, 0, 0), // Иванова Анна, Иванов Пётр, Семёнова Ольга (both rows), Орлова Елена
    links: counts(5, 0, 0),
    conflicts: [],
    missing: [],
    changed: true,
  });
  t.clock.advance(60_000);
  return t;
}

describe('importing into the database', () => {
  it('a second import of the same file changes nothing', async () => {
    await withBase();
    const before = snapshot(t.core);
    const again = await importBytes(t.core, BASE);
    expect(again).toMatchObject({
      dryRun: false,
      classes: counts(0, 0, 3),
      students: counts(0, 0, 4),
      guardians: counts(0, 0, 4),
      links: counts(0, 0, 5),
      staff: counts(0, 0, 0),
      conflicts: [],
      missing: [],
      changed: false,
    });
    const after = snapshot(t.core);
    expect(after.people).toEqual(before.people);
    expect(after.classes).toEqual(before.classes);
    expect(after.links).toEqual(before.links);
    expect(after.version).toBe(before.version);
    expect(after.imports).toBe(before.imports + 1); // the import itself is recorded
  });

  it('a changed class is a transfer: the same person, a new class', async () => {
    await withBase();
    const maria = person(t.core, 'Иванова', 'Мария');
    const version = rosterVersion(t.core);
    const moved = await importBytes(t.core, wide(IVANOVA.replace('6А;', '7А;'), SEMYONOV, SEMYONOVA, ORLOV));
    expect(moved).toMatchObject({
      classes: counts(0, 0, 3),
      students: counts(0, 1, 3),
      guardians: counts(0, 0, 4),
      links: counts(0, 0, 5),
      missing: [],
      changed: true,
    });
    const after = person(t.core, 'Иванова', 'Мария');
    expect(after.id).toBe(maria.id);
    expect(after.className).toBe('7А');
    expect(people(t.core, 'Иванова').filter((p) => p.kind === 'student')).toHaveLength(1);
    expect(rosterVersion(t.core)).toBe(version + 1);
    expect(t.core.roster.find('7а').hits.map((h) => h.fullName)).toContain('Иванова Мария Петровна');
  });

  it('people in the archive whom a file lists again stay archived unless the curator returns them', async () => {
    await withBase();
    const orlov = person(t.core, 'Орлов', 'Никита');
    const mother = person(t.core, 'Орлова', 'Елена');
    expect(t.core.roster.setArchived(DESK, [orlov.id, mother.id], true)).toBe(2);
    const archivedAt = person(t.core, 'Орлов', 'Никита').archivedAt;
    expect(archivedAt).not.toBeNull();
    const before = snapshot(t.core);

    // The preview names them; by default nobody comes back and nothing about them changes.
    const preview = await importBytes(t.core, BASE, { dryRun: true });
    const named = [
      { id: orlov.id, kind: 'student', fullName: 'Орлов Никита', className: '7А', birthDate: '2011-07-15', archivedAt, restored: false },
      { id: mother.id, kind: 'guardian', fullName: 'Орлова Елена', className: null, birthDate: null, archivedAt, restored: false },
    ];
    expect(preview.archived).toEqual(named);
    const kept = await importBytes(t.core, BASE);
    expect(kept).toMatchObject({ students: counts(0, 0, 3), guardians: counts(0, 0, 3), links: counts(0, 0, 4), changed: false });
    expect(kept.archived).toEqual(named);
    expect(snapshot(t.core).people).toEqual(before.people);
    expect(t.core.roster.find('орлов никита').total).toBe(0);

    // Returned on request: named in the preview as returning, audited one by one.
    const asked = { import: { restoreArchived: true } };
    const willReturn = await importBytes(t.core, BASE, { ...asked, dryRun: true });
    expect(willReturn.archived).toEqual(named.map((n) => ({ ...n, restored: true })));
    expect(person(t.core, 'Орлов', 'Никита').archivedAt).toBe(archivedAt);
    const back = await importBytes(t.core, BASE, { ...asked, fileName: 'вернулись.csv' });
    expect(back).toMatchObject({ students: counts(0, 1, 3), guardians: counts(0, 1, 3), links: counts(0, 0, 5), changed: true });
    expect(back.archived.map((a) => [a.id, a.restored])).toEqual([
      [orlov.id, true],
      [mother.id, true],
    ]);
    expect(person(t.core, 'Орлов', 'Никита')).toMatchObject({ id: orlov.id, archivedAt: null, className: '7А' });
    expect(person(t.core, 'Орлова', 'Елена')).toMatchObject({ id: mother.id, archivedAt: null });
    expect(t.core.roster.find('орлов никита').total).toBe(1);
    const restores = auditRows(t.core, 'person.restore');
    expect(restores.map((r) => [r.personLabel, r.details])).toEqual([
      ['Орлова Елена', { fromFile: 'вернулись.csv' }],
      ['Орлов Никита (7А)', { fromFile: 'вернулись.csv' }],
    ]);
    const [returned, keptImport] = auditRows(t.core, 'roster.import');
    expect(returned!.details).toMatchObject({ fileName: 'вернулись.csv', restored: 2 });
    expect(returned!.details.keptArchived).toBeUndefined();
    expect(keptImport!.details).toMatchObject({ keptArchived: 2 });
  });

  it('a parent the file gives only to a student left in the archive is not added, import after import', async () => {
    await withBase();
    t.core.roster.setArchived(DESK, [person(t.core, 'Орлов', 'Никита').id], true);
    // The father can only be told by his link to the boy (no phone, no email), and the boy stays
    // in the archive: his row changes nothing, so the father is not added — not now, not next week.
    // The uncle has a phone: he comes only with the boy too.
    const withFather = wide(IVANOVA, SEMYONOV, SEMYONOVA, '7А;Орлов;Никита;;15.07.2011;М;Орлова Елена;;;Орлов Павел;;');
    const withUncle = csv(
      `${WIDE_HEADER};Опекун (ФИО);Телефон опекуна`,
      ...[IVANOVA, SEMYONOV, SEMYONOVA].map((r) => `${r};;`),
      '7А;Орлов;Никита;;15.07.2011;М;Орлова Елена;;;Орлов Павел;;;Орлов Игорь;+7 905 000 11 22',
    );
    const before = snapshot(t.core);
    for (const file of [withFather, withFather, withUncle, withUncle, withFather]) {
      const preview = await importBytes(t.core, file, { dryRun: true });
      const r = await importBytes(t.core, file);
      expect(preview).toStrictEqual({ ...r, dryRun: true });
      expect(r).toMatchObject({ students: counts(0, 0, 3), guardians: counts(0, 0, 4), links: counts(0, 0, 4), changed: false });
      expect(r.archived.map((a) => [a.fullName, a.restored])).toEqual([['Орлов Никита', false]]);
      t.clock.advance(60_000);
    }
    expect(people(t.core, 'Орлов').map((p) => `${p.name} ${p.archivedAt ? 'в архиве' : ''}`)).toEqual(['Никита в архиве']);
    expect(snapshot(t.core)).toMatchObject({ people: before.people, links: before.links, version: before.version });

    // Returned on request: the father comes with him, once, linked; the next imports find him by the link.
    const back = await importBytes(t.core, withFather, { import: { restoreArchived: true } });
    expect(back).toMatchObject({ students: counts(0, 1, 3), guardians: counts(1, 0, 4), links: counts(1, 0, 5), changed: true });
    for (const restoreArchived of [true, false]) {
      const again = await importBytes(t.core, withFather, { import: { restoreArchived } });
      expect(again).toMatchObject({ guardians: counts(0, 0, 5), links: counts(0, 0, 6), archived: [], changed: false });
    }
    expect(people(t.core, 'Орлов').map((p) => p.name)).toEqual(['Никита', 'Павел']);
    expect(links(t.core).filter((l) => l.student === 'Орлов Никита')).toEqual([
      { guardian: 'Орлов Павел', student: 'Орлов Никита', relation: 'father' },
      { guardian: 'Орлова Елена', student: 'Орлов Никита', relation: 'mother' },
    ]);
  });

  it('a new parent of an archived student and of a student in the file is added once, linked to the one in the file', async () => {
    await withBase();
    t.core.roster.setArchived(DESK, [person(t.core, 'Орлов', 'Никита').id], true);
    const brothers = wide(
      IVANOVA,
      '7А;Орлов;Никита;;15.07.2011;М;Орлова Елена;;;Орлов Павел;;',
      '5А;Орлов;Антон;;01.09.2014;М;Орлова Елена;;;Орлов Павел;;',
    );
    const first = await importBytes(t.core, brothers);
    expect(first).toMatchObject({ students: counts(1, 0, 1), guardians: counts(1, 0, 3), links: counts(2, 0, 2) });
    const again = await importBytes(t.core, brothers);
    expect(again).toMatchObject({ students: counts(0, 0, 2), guardians: counts(0, 0, 4), links: counts(0, 0, 4), changed: false });
    expect(links(t.core).filter((l) => l.guardian === 'Орлов Павел')).toEqual([
      { guardian: 'Орлов Павел', student: 'Орлов Антон', relation: 'father' },
    ]);
  });

  it('a parent of a student the import does not take is not added either', async () => {
    await withBase();
    // The parser refuses such classes; should one come through, the student is skipped, and so is
    // the parent who has no other child in the file (nothing would link them: added every time).
    const parsed = await parseRoster(wide(IVANOVA, '7А;Орлов;Антон;;01.09.2011;М;;;;Орлов Павел;;'), 'список.csv', {}, { clock: t.clock });
    parsed.students[1]!.className = '0Я';
    parsed.classes = parsed.classes.map((c) => (c === '7А' ? '0Я' : c));
    for (let i = 0; i < 2; i++) {
      const r = applyRoster(t.core.db, parsed, { at: new Date(t.clock.now()).toISOString(), dryRun: false });
      expect(r).toMatchObject({ students: counts(0, 0, 1), guardians: counts(0, 0, 2), links: counts(0, 0, 2), changed: false });
    }
    expect(people(t.core, 'Орлов').map((p) => p.name)).toEqual(['Никита']);
  });

  it('codes revoked when a student was archived stay revoked when the student returns with an import', async () => {
    await withBase();
    const orlov = person(t.core, 'Орлов', 'Никита');
    t.core.codes.issue(DESK, { studentIds: [orlov.id] }, { audience: 'all', onlyMissing: false });
    const issued = t.core.codes.list({ personId: orlov.id });
    expect(issued.map((c) => c.state)).toEqual(['active', 'active']);
    t.core.roster.setArchived(DESK, [orlov.id], true);
    await importBytes(t.core, BASE, { import: { restoreArchived: true } });
    expect(person(t.core, 'Орлов', 'Никита').archivedAt).toBeNull();
    const after = t.core.codes.list({ personId: orlov.id });
    expect(after.map((c) => [c.id, c.state])).toEqual(issued.map((c) => [c.id, 'revoked']));
  });

  it('fills an empty sex or external id; a different value is a conflict and the stored one stays', async () => {
    await withBase();
    const header = 'Класс;Фамилия;Имя;Отчество;Дата рождения;Пол;Личный номер';
    const filled = await importBytes(
      t.core,
      csv(header, '6А;Семёнов;Лев;Игоревич;01.02.2012;М;Л-102', '6А;Иванова;Мария;Петровна;05.03.2012;Ж;Л-101'),
    );
    expect(filled).toMatchObject({ students: counts(0, 2, 0), conflicts: [], changed: true });
    expect(person(t.core, 'Семёнов', 'Лев')).toMatchObject({ sex: 'M', externalId: 'Л-102' });
    expect(person(t.core, 'Иванова', 'Мария')).toMatchObject({ sex: 'F', externalId: 'Л-101' });

    const conflicting = await importBytes(
      t.core,
      csv(header, '6А;Иванова;Мария;Петровна;05.03.2012;М;Л-999', '6А;Семёнов;Лев;Игоревич;01.02.2012;М;Л-102'),
    );
    expect(conflicting.conflicts).toEqual([
      { line: 2, field: 'Пол', message: 'Иванова Мария Петровна: в базе «Ж», в файле «М» — оставлено значение из базы' },
      { line: 2, field: 'Внешний номер', message: 'Иванова Мария Петровна: в базе «Л-101», в файле «Л-999» — оставлено значение из базы' },
    ]);
    expect(conflicting).toMatchObject({ students: counts(0, 0, 2), changed: false });
    expect(person(t.core, 'Иванова', 'Мария')).toMatchObject({ sex: 'F', externalId: 'Л-101' });
  });

  it('a parent matched by name+phone, later by name+email, is one person; a missing email is filled', async () => {
    await withBase();
    const anna = person(t.core, 'Иванова', 'Анна');
    expect(anna).toMatchObject({ phone: '+79021702876', email: null });
    // The same child, the mother now with phone and email: matched by name+phone, email filled.
    const withEmail = await importBytes(
      t.core,
      wide('6А;Иванова;Мария;Петровна;05.03.2012;Ж;Иванова Анна Сергеевна;89021702876;Anna.Ivanova@Mail.ru;;;'),
    );
    expect(withEmail).toMatchObject({ guardians: counts(0, 1, 0), links: counts(0, 0, 1), conflicts: [] });
    expect(person(t.core, 'Иванова', 'Анна')).toMatchObject({ id: anna.id, phone: '+79021702876', email: 'anna.ivanova@mail.ru' });
    // A younger brother arrives; his row has the mother's email only: matched by name+email.
    const brother = await importBytes(t.core, wide('1А;Иванов;Илья;Петрович;01.09.2019;М;ИВАНОВА АННА СЕРГЕЕВНА;;anna.ivanova@mail.ru;;;'));
    expect(brother).toMatchObject({ students: counts(1, 0, 0), guardians: counts(0, 0, 1), links: counts(1, 0, 0), conflicts: [] });
    expect(people(t.core, 'Иванова').filter((p) => p.kind === 'guardian')).toHaveLength(1);
    expect(links(t.core).filter((l) => l.guardian === 'Иванова Анна')).toEqual([
      { guardian: 'Иванова Анна', student: 'Иванов Илья', relation: 'mother' },
      { guardian: 'Иванова Анна', student: 'Иванова Мария', relation: 'mother' },
    ]);
  });

  it('a different phone for the same name+email is a conflict; the stored phone stays', async () => {
    await withBase();
    const olga = person(t.core, 'Семёнова', 'Ольга');
    const r = await importBytes(
      t.core,
      wide('6А;Семёнов;Лев;Игоревич;01.02.2012;;Семёнова Ольга Викторовна;8 999 000-11-22;OLGA.SEM@yandex.ru;;;'),
    );
    expect(r.conflicts).toEqual([
      {
        line: 2,
        field: 'Телефон',
        message: 'Семёнова Ольга Викторовна: в базе «+79004445566», в файле «+79990001122» — оставлено значение из базы',
      },
    ]);
    expect(r).toMatchObject({ guardians: counts(0, 0, 1), links: counts(0, 0, 1), changed: false });
    expect(people(t.core, 'Семёнова').filter((p) => p.kind === 'guardian')).toEqual([
      expect.objectContaining({ id: olga.id, phone: '+79004445566', email: 'olga.sem@yandex.ru' }),
    ]);
  });

  it('a phone of one stored namesake and the email of another: reported, matched by the phone, the email not copied', async () => {
    t = await makeCore();
    await importBytes(
      t.core,
      wide('6А;Иванова;Мария;;05.03.2012;Ж;Иванова Анна;89021702876;;;;', '2Б;Петров;Олег;;05.03.2017;М;Иванова Анна;;anna@mail.ru;;;'),
    );
    const [byPhone, byEmail] = people(t.core, 'Иванова').filter((p) => p.kind === 'guardian');
    const r = await importBytes(t.core, wide('6А;Иванова;Мария;;05.03.2012;Ж;Иванова Анна;89021702876;anna@mail.ru;;;'));
    expect(r.conflicts).toEqual([
      {
        line: 2,
        field: 'Родитель',
        message: 'Иванова Анна: телефон и почта из файла принадлежат в базе двум разным людям — использован совпавший телефон',
      },
    ]);
    expect(r).toMatchObject({ guardians: counts(0, 0, 1), links: counts(0, 0, 1), changed: false });
    expect(people(t.core, 'Иванова').filter((p) => p.kind === 'guardian')).toEqual([
      expect.objectContaining({ id: byPhone!.id, phone: '+79021702876', email: null }),
      expect.objectContaining({ id: byEmail!.id, phone: null, email: 'anna@mail.ru' }),
    ]);
    // The email still leads to its owner.
    const again = await importBytes(t.core, wide('2Б;Петров;Олег;;05.03.2017;М;Иванова Анна;;anna@mail.ru;;;'));
    expect(again).toMatchObject({ guardians: counts(0, 0, 1), links: counts(0, 0, 1), conflicts: [] });
  });

  it('parents without phone or email are matched through the same child; a namesake elsewhere is another person', async () => {
    await withBase();
    const elena = person(t.core, 'Орлова', 'Елена');
    const r = await importBytes(t.core, wide(ORLOV, '7А;Кузнецов;Ян;;01.01.2011;М;Орлова Елена;;;;;'));
    expect(r).toMatchObject({ students: counts(1, 0, 1), guardians: counts(1, 0, 1), links: counts(1, 0, 1) });
    const elenas = people(t.core, 'Орлова').filter((p) => p.name === 'Елена');
    expect(elenas.map((p) => p.id)).toEqual([elena.id, expect.any(Number)]);
    expect(
      links(t.core)
        .filter((l) => l.guardian === 'Орлова Елена')
        .map((l) => l.student),
    ).toEqual(['Кузнецов Ян', 'Орлов Никита']);
  });

  it('a changed relation updates the link', async () => {
    await withBase();
    const header = 'Класс;Фамилия;Имя;Отчество;Дата рождения;Опекун;Телефон опекуна';
    const r = await importBytes(t.core, csv(header, '6А;Иванова;Мария;Петровна;05.03.2012;Иванов Пётр Олегович;+79031112233'));
    expect(r).toMatchObject({ guardians: counts(0, 0, 1), links: counts(0, 1, 0), changed: true });
    expect(links(t.core).find((l) => l.guardian === 'Иванов Пётр')).toEqual({
      guardian: 'Иванов Пётр',
      student: 'Иванова Мария',
      relation: 'other',
    });
  });
});

describe('staff and class teachers (long layout)', () => {
  const LONG = csv(
    'Роль;Фамилия;Имя;Отчество;Класс;Дата рождения;Телефон;Эл. почта;Ребёнок;Дата рождения ребёнка',
    'Мама;Белова;Ирина;Сергеевна;;;8 (926) 111-22-33;;Белов Максим Андреевич;',
    'Ученик;Белов;Максим;Андреевич;4Б;12.12.2016;;;;',
    'Классный руководитель;Смирнова;Елена;Викторовна;4 "Б";;8 (495) 123-45-67;e.smirnova@school.ru;;',
    'Учитель;Козлов;Дмитрий;Олегович;;;;;;',
  );

  it('creates staff, sets the class teacher; a re-import changes nothing', async () => {
    t = await makeCore();
    const r = await importBytes(t.core, LONG);
    expect(r).toMatchObject({
      classes: counts(1, 0, 0),
      students: counts(1, 0, 0),
      guardians: counts(1, 0, 0),
      links: counts(1, 0, 0),
      staff: counts(2, 0, 0),
      changed: true,
    });
    const smirnova = person(t.core, 'Смирнова', 'Елена');
    expect(smirnova).toMatchObject({ kind: 'staff', phone: '+74951234567', email: 'e.smirnova@school.ru', className: null });
    expect(t.core.roster.classes()).toEqual([
      expect.objectContaining({ name: '4Б', students: 1, guardians: 1, teacher: 'Смирнова Елена Викторовна' }),
    ]);
    expect(t.core.roster.stats()).toMatchObject({ classes: 1, students: 1, guardians: 1, links: 1, staff: 2, archived: 0 });

    const before = snapshot(t.core);
    const again = await importBytes(t.core, LONG);
    expect(again).toMatchObject({ classes: counts(0, 0, 1), staff: counts(0, 0, 2), students: counts(0, 0, 1), changed: false });
    expect(snapshot(t.core).people).toEqual(before.people);
    expect(snapshot(t.core).version).toBe(before.version);
  });

  it('a staff member without contacts whose name two stored people share is matched, not added again by every import', async () => {
    t = await makeCore();
    const file = csv('Роль;ФИО;Класс;Дата рождения', 'Ученик;Белов Максим;4Б;12.12.2016', 'Учитель;Козлов Дмитрий Олегович;;');
    await importBytes(t.core, file);
    const first = person(t.core, 'Козлов', 'Дмитрий');
    // He left and was archived; back, he was made class teacher at the desk, which (seeing no one
    // active by that name) made a new person. The file, without phone or email, names him again.
    t.core.roster.setArchived(DESK, [first.id], true);
    const classId = t.core.roster.classes()[0]!.id;
    t.core.desk.setClassTeacher(DESK, { classId, newTeacher: { surname: 'Козлов', name: 'Дмитрий', patronymic: 'Олегович' } });
    const second = people(t.core, 'Козлов').find((p) => p.id !== first.id)!;
    for (let i = 0; i < 3; i++) {
      const r = await importBytes(t.core, file);
      expect(r).toMatchObject({ staff: counts(0, 0, 1), archived: [], changed: false });
    }
    // Both back in the office's lists (the archived one returned by hand): the first of them, still nobody new.
    t.core.roster.setArchived(DESK, [first.id], false);
    for (let i = 0; i < 2; i++) expect(await importBytes(t.core, file)).toMatchObject({ staff: counts(0, 0, 1), changed: false });
    expect(people(t.core, 'Козлов').map((p) => p.id)).toEqual([first.id, second.id]);
    expect(t.core.roster.classes()[0]?.teacher).toBe('Козлов Дмитрий Олегович');
  });

  it('a class teacher named for an existing class counts as a class update', async () => {
    t = await makeCore();
    await importBytes(t.core, wide('4Б;Белов;Максим;Андреевич;12.12.2016;М;;;;;;'));
    const r = await importBytes(t.core, csv('Роль;ФИО;Класс', 'Классный руководитель;Смирнова Елена Викторовна;4Б'));
    expect(r).toMatchObject({ classes: counts(0, 1, 0), staff: counts(1, 0, 0), changed: true });
    expect(t.core.roster.classes()[0]?.teacher).toBe('Смирнова Елена Викторовна');
  });
});

describe('students the new file does not list', () => {
  it('are listed for the file’s classes only, and archiving removes them from search and lists, not from the database', async () => {
    await withBase();
    // The new 6А list lacks Семёнов Лев; 6Б and 7А are not in the file at all.
    const r = await importBytes(t.core, wide(IVANOVA, '6А;Новикова;Вера;Олеговна;01.05.2012;Ж;;;;;;'));
    const lev = person(t.core, 'Семёнов', 'Лев');
    expect(r.missing).toEqual([{ id: lev.id, fullName: 'Семёнов Лев Игоревич', birthDate: '2012-02-01', className: '6А' }]);
    expect(r.students).toEqual(counts(1, 0, 1));

    expect(t.core.roster.find('семенов лев').total).toBe(1);
    expect(t.core.roster.setArchived(DESK, [lev.id], true)).toBe(1);
    expect(t.core.roster.setArchived(DESK, [lev.id], true)).toBe(0); // already archived: nothing to do
    expect(t.core.roster.find('семенов лев').total).toBe(0);
    expect(t.core.roster.find('семенов лев', { archived: 'include' }).hits).toEqual([
      expect.objectContaining({ id: lev.id, archived: true }),
    ]);
    const sixA = t.core.roster.classes().find((c) => c.name === '6А')!;
    expect(sixA.students).toBe(2);
    expect(t.core.roster.classDetail(sixA.id).students.map((s) => s.fullName)).toEqual([
      'Иванова Мария Петровна',
      'Новикова Вера Олеговна',
    ]);
    expect(t.core.roster.stats()).toMatchObject({ students: 4, archived: 1 });
    expect(person(t.core, 'Семёнов', 'Лев')).toMatchObject({ id: lev.id, className: '6А', archivedAt: t.clock.now().toISOString() });
    expect(auditRows(t.core, 'person.archive')).toEqual([
      expect.objectContaining({ personId: lev.id, personLabel: 'Семёнов Лев Игоревич (6А)' }),
    ]);

    // Archived students are not "missing" again.
    const again = await importBytes(t.core, wide(IVANOVA, '6А;Новикова;Вера;Олеговна;01.05.2012;Ж;;;;;;'));
    expect(again.missing).toEqual([]);
    expect(again.changed).toBe(false);
  });
});

describe('dry run', () => {
  it('writes nothing yet reports exactly what the import then does', async () => {
    await withBase();
    const file = wide(
      IVANOVA.replace('6А;', '7А;'),
      SEMYONOV.replace(';;Семёнова', ';М;Семёнова'),
      '6А;Новикова;Вера;Олеговна;01.05.2012;Ж;Новикова Ирина;89161234567;;;;',
      '6Б;Зайцева;Полина;;19.09.2012;Ж;;;;;;',
      ORLOV,
    );
    const before = snapshot(t.core);
    const preview = await importBytes(t.core, file, { dryRun: true });
    expect(snapshot(t.core)).toEqual(before);
    expect(preview).toMatchObject({
      dryRun: true,
      students: counts(2, 2, 1),
      guardians: counts(1, 0, 4),
      links: counts(1, 0, 4),
      missing: [expect.objectContaining({ fullName: 'Семёнова Дарья Игоревна', className: '6Б' })],
      changed: true,
    });
    // The preview of the wizard (analyze) is the same dry run.
    expect((await t.core.roster.analyze(file, 'список.csv')).report).toEqual(preview);
    expect(snapshot(t.core)).toEqual(before);

    const real = await importBytes(t.core, file);
    const { dryRun: _a, missing: realMissing, ...realRest } = real;
    const { dryRun: _b, missing: previewMissing, ...previewRest } = preview;
    expect(realRest).toEqual(previewRest);
    expect(realMissing).toEqual(previewMissing);
    expect(real.dryRun).toBe(false);
    expect(rosterVersion(t.core)).toBe(before.version + 1);
  });

  it('on an empty database too; the desk’s dry run is not audited, the command line’s is', async () => {
    t = await makeCore();
    const before = snapshot(t.core);
    const preview = await importBytes(t.core, BASE, { dryRun: true });
    expect(snapshot(t.core)).toEqual(before);
    expect(preview).toMatchObject({
      classes: counts(3, 0, 0),
      students: counts(4, 0, 0),
      guardians: counts(4, 0, 0),
      links: counts(5, 0, 0),
    });

    const viaCli = await importBytes(t.core, BASE, { dryRun: true, actor: CLI_ACTOR, fileName: 'проверка.csv' });
    expect(viaCli).toEqual(preview);
    const after = snapshot(t.core);
    expect({ ...after, audit: before.audit }).toEqual(before);
    expect(after.audit).toBe(before.audit + 1);
    const [row] = auditRows(t.core, 'roster.import_dry_run');
    expect(row?.details).toMatchObject({ fileName: 'проверка.csv', via: 'cli', students: counts(4, 0, 0), errors: 0 });
    expect(auditRows(t.core, 'roster.import')).toEqual([]);
  });
});

describe('audit and the imports table', () => {
  it('records the file name, checksum and counts', async () => {
    t = await makeCore();
    await importBytes(t.core, BASE, { fileName: '6-7 классы.csv' });
    const sha = createHash('sha256').update(BASE).digest('hex');
    const details = {
      fileName: '6-7 классы.csv',
      sha256: sha,
      classes: counts(3, 0, 0),
      students: counts(4, 0, 0),
      guardians: counts(4, 0, 0),
      links: counts(5, 0, 0),
      staff: counts(0, 0, 0),
      duplicateRows: 0,
      errors: 0,
      warnings: 0,
      conflicts: 0,
      missing: 0,
    };
    const rows = auditRows(t.core, 'roster.import');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ operatorId: 1, operatorLogin: 'curator', details });
    const stored = t.core.db.prepare('SELECT operator_id AS operatorId, file_name AS fileName, sha256, summary, at FROM imports').all() as {
      summary: string;
    }[];
    expect(stored).toEqual([
      { operatorId: 1, fileName: '6-7 классы.csv', sha256: sha, summary: expect.any(String), at: t.clock.now().toISOString() },
    ]);
    expect(JSON.parse(stored[0]!.summary)).toEqual(details);
    expect(t.core.audit.verify()).toMatchObject({ ok: true });
  });
});

describe('all or nothing', () => {
  /** Makes this connection refuse the `n`-th new person from now on (a failure midway through the import). */
  const refuseNthInsert = (tc: TestCore, n: number) => {
    const start = tc.core.db.prepare('SELECT coalesce(max(id), 0) FROM people').pluck().get() as number;
    tc.core.db.exec(`CREATE TEMP TRIGGER refuse_insert AFTER INSERT ON main.people WHEN new.id >= ${start + n}
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
  };

  it('a failure in the middle of a first import leaves nothing behind', async () => {
    t = await makeCore();
    const before = snapshot(t.core);
    refuseNthInsert(t, 5); // four students went in, the first parent fails
    await expect(importBytes(t.core, BASE)).rejects.toThrow('disk says no');
    expect(snapshot(t.core)).toEqual(before);
    expect(t.core.roster.find('иванова').total).toBe(0);
    t.core.db.exec('DROP TRIGGER refuse_insert');
    expect((await importBytes(t.core, BASE)).students).toEqual(counts(4, 0, 0));
  });

  it('a failure after updates and inserts rolls the updates back too', async () => {
    await withBase();
    expect(t.core.roster.find('7а').total).toBe(2); // Орлов and his mother
    const before = snapshot(t.core);
    refuseNthInsert(t, 2);
    const file = wide(
      IVANOVA.replace('6А;', '7А;'), // a transfer (update)
      '6А;Новикова;Вера;Олеговна;01.05.2012;Ж;;;;;;', // a new student (insert 1)
      '6А;Зуев;Иван;;01.06.2012;М;;;;;;', // insert 2: refused
      SEMYONOV,
      SEMYONOVA,
      ORLOV,
    );
    await expect(importBytes(t.core, file)).rejects.toThrow('disk says no');
    expect(snapshot(t.core)).toEqual(before);
    expect(person(t.core, 'Иванова', 'Мария').className).toBe('6А');
    expect(t.core.roster.find('7а').total).toBe(2);
  });
});

describe('a table whose columns are not recognized', () => {
  it('is not refused: the analysis returns the format and the reason, and a mapping by hand imports it', async () => {
    const t = await makeCore();
    const fs = await import('node:fs');
    const path = await import('node:path');
    const bytes = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'fixtures', 'roster', 'unknown-headers.csv'));
    const first = await t.core.roster.analyze(bytes, 'unknown-headers.csv');
    expect(first.report).toBeNull();
    expect(first.problem).toMatchObject({ reason: 'import.missing_columns' });
    expect(first.format.header).toEqual(['Столбец А', 'Столбец Б', 'Столбец В', 'Столбец Г', 'Столбец Д']);
    const mapping = { 0: 'surname', 1: 'name', 2: 'patronymic', 3: 'birthDate', 4: 'class' } as const;
    const mapped = await t.core.roster.analyze(bytes, 'unknown-headers.csv', { mapping });
    expect(mapped.problem).toBeNull();
    expect(mapped.report?.students).toEqual({ added: 3, updated: 0, unchanged: 0 });
    // A file that is no table at all is still refused outright.
    await expect(t.core.roster.analyze(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), 'photo.csv')).rejects.toMatchObject({
      reason: 'import.binary',
    });
    t.close();
  });
});
