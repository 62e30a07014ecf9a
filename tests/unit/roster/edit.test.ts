// Correcting people at the desk and adding a parent who walks in: through the dispatcher, so the
// boundary (zod, normalization) is part of what is tested.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURATOR, makeCore, type TestCore } from '../../support/core.ts';

const CSV = [
  'Класс;Фамилия;Имя;Отчество;Дата рождения;Пол;Мать (ФИО);Телефон матери;Email матери;Отец (ФИО);Телефон отца;Email отца',
  '6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;ivanova@mail.ru;;;',
  '7Б;Иванова;Анна;Сергеевна;11.10.2013;Ж;;;;;;',
  '7Б;Петров;Глеб;Андреевич;01.02.2013;М;;;;;;',
].join('\n');
const actor = { operatorId: 1, login: 'curator', via: 'app' as const };

describe('editing people at the desk', () => {
  let t: TestCore;
  const call = (method: string, args: unknown) => t.dispatch(method, args, 'desk');
  const find = (q: string) => t.core.roster.find(q).hits;
  const idOf = (q: string) => find(q)[0]!.id;

  beforeEach(async () => {
    t = await makeCore();
    await t.core.roster.importFile(actor, Buffer.from(CSV, 'utf8'), 'list.csv');
    await call('signIn', { login: 'curator', password: CURATOR.password });
  });
  afterEach(() => t.close());

  it('changes a parent’s phone (normalized as on import), audits from → to, and search follows', async () => {
    const mother = idOf('Иванова Мария');
    const r = await call('updatePerson', { id: mother, phone: '8 (902) 555-11-22' });
    expect(r).toMatchObject({ ok: true, value: { phone: '+79025551122' } });
    expect(find('555-11-22').map((h) => h.id)).toEqual([mother]);
    expect(find('170-28-76')).toEqual([]);
    const row = t.core.audit.page({ action: 'person.update' }, 1, 0).rows[0]!;
    expect(row.details).toEqual({ changed: { phone: { from: '+79021702876', to: '+79025551122' } } });
    expect(row.personLabel).toBe('Иванова Мария Петровна');
  });

  it('refuses what is not a phone, an email or a date, naming the field in Russian', async () => {
    const mother = idOf('Иванова Мария');
    expect(await call('updatePerson', { id: mother, phone: '12345' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', reason: 'input.invalid', field: 'phone', message: expect.stringMatching(/^Телефон: /) },
    });
    expect(await call('updatePerson', { id: mother, email: '=HYPERLINK("x")' })).toMatchObject({ error: { field: 'email' } });
    expect(await call('updatePerson', { id: idOf('Иванов Пётр'), birthDate: '31.02.2014' })).toMatchObject({
      error: { field: 'birthDate' },
    });
    expect(await call('updatePerson', { id: idOf('Иванов Пётр'), phone: '89021112233' })).toMatchObject({ error: { field: 'phone' } });
    // The import's plausibility rule holds at the desk too (the test clock reads 2026-09-01).
    expect(await call('updatePerson', { id: idOf('Иванов Пётр'), birthDate: '05.03.2030' })).toMatchObject({
      error: { code: 'invalid_input', reason: 'roster.birth_date_implausible', field: 'birthDate' },
    });
    expect(await call('updatePerson', { id: idOf('Иванов Пётр'), birthDate: '05.03.1960' })).toMatchObject({
      error: { reason: 'roster.birth_date_implausible', field: 'birthDate' },
    });
    expect(await call('updatePerson', { id: mother, birthDate: '01.01.1990' })).toMatchObject({ error: { field: 'birthDate' } });
    expect(await call('updatePerson', { id: mother, surname: '   ' })).toMatchObject({ error: { field: 'surname' } });
    expect(t.core.audit.page({ action: 'person.update' }, 1, 0).total).toBe(0);
  });

  it('transfers a student, fixes a name typo (cased like an import), and refuses a duplicate', async () => {
    const petr = idOf('Иванов Пётр');
    const seven = t.core.roster.classes().find((c) => c.name === '7Б')!.id;
    const r = await call('updatePerson', { id: petr, classId: seven, name: 'ПЕТР', birthDate: '2014-03-06' });
    expect(r).toMatchObject({ ok: true, value: { className: '7Б', name: 'Петр', birthDate: '2014-03-06' } });
    expect(find('7б').map((h) => h.fullName)).toContain('Иванов Петр Сергеевич');
    const dup = await call('updatePerson', {
      id: idOf('Петров Глеб'),
      surname: 'Иванова',
      name: 'Анна',
      patronymic: 'Сергеевна',
      birthDate: '11.10.2013',
    });
    expect(dup).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'roster.duplicate_student' } });
  });

  it('adds a parent who walks in, links an existing one instead of duplicating her, and needs a contact', async () => {
    const anna = idOf('Иванова Анна');
    const people = () => t.core.roster.stats().guardians;
    const before = people();
    // Анна's mother is already on file as Пётр's mother: same name and phone → the same person.
    const r = await call('addGuardian', {
      studentId: anna,
      surname: 'иванова',
      name: 'мария',
      patronymic: 'петровна',
      relation: 'mother',
      phone: '+7 902 170 28 76',
    });
    expect(r).toMatchObject({ ok: true, value: { fullName: 'Иванова Мария Петровна' } });
    expect(people()).toBe(before);
    expect(t.core.roster.card(actor, anna).siblings.map((s) => s.fullName)).toEqual(['Иванов Пётр Сергеевич']);
    expect(
      await call('addGuardian', {
        studentId: anna,
        surname: 'Иванова',
        name: 'Мария',
        patronymic: 'Петровна',
        relation: 'mother',
        phone: '89021702876',
      }),
    ).toMatchObject({
      error: { code: 'conflict', reason: 'roster.already_linked' },
    });
    // A new father.
    const father = await call('addGuardian', {
      studentId: anna,
      surname: 'Иванов',
      name: 'Сергей',
      relation: 'father',
      email: 'S.Ivanov@Mail.ru',
    });
    expect(father).toMatchObject({ ok: true, value: { email: 's.ivanov@mail.ru' } });
    expect(people()).toBe(before + 1);
    expect(await call('addGuardian', { studentId: anna, surname: 'Иванов', name: 'Олег', relation: 'other' })).toMatchObject({
      error: { code: 'invalid_input', field: 'phone' },
    });
    expect(t.core.audit.page({ action: 'guardian.link' }, 10, 0).total).toBe(2);
    expect(t.core.audit.page({ action: 'person.create' }, 10, 0).total).toBe(1);
  });
});
