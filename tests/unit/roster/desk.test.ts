// Roster upkeep at the desk through the dispatcher (zod, normalization and access are part of it):
// a student who arrives mid-year, a parent unlinked or their relation changed, a class's teacher.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURATOR, makeCore, type TestCore } from '../../support/core.ts';
import { DESK, auditRows, wide } from './helpers.ts';

const ROSTER = wide(
  '6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;ivanova@mail.ru;Иванов Сергей Олегович;89031112233;',
  '7Б;Иванова;Анна;Сергеевна;11.10.2013;Ж;Иванова Мария Петровна;89021702876;ivanova@mail.ru;;;',
  '7Б;Петров;Глеб;Андреевич;01.02.2013;М;;;;;;',
);

describe('roster upkeep at the desk', () => {
  let t: TestCore;
  const call = (method: string, args: unknown) => t.dispatch(method, args, 'desk');
  const idOf = (q: string) => t.core.roster.find(q).hits[0]!.id;
  const classId = (name: string) => t.core.roster.classes().find((c) => c.name === name)!.id;
  const liveCodes = (studentId: number, guardianId: number) =>
    t.core.db
      .prepare("SELECT count(*) FROM invitation_codes WHERE student_id = ? AND guardian_id = ? AND state IN ('active', 'printed')")
      .pluck()
      .get(studentId, guardianId) as number;

  beforeEach(async () => {
    t = await makeCore();
    await t.core.roster.importFile(DESK, ROSTER, 'list.csv');
    await call('signIn', { login: CURATOR.login, password: CURATOR.password });
  });
  afterEach(() => t.close());

  it('adds a mid-year student to a class with the import’s normalization, audited, found by search', async () => {
    const r = await call('addStudent', {
      classId: classId('6А'),
      surname: '  сидорова ',
      name: 'анна-мария',
      patronymic: 'ИГОРЕВНА',
      birthDate: '2014-04-07',
      sex: 'F',
    });
    expect(r).toMatchObject({
      ok: true,
      value: { kind: 'student', fullName: 'Сидорова Анна-Мария Игоревна', className: '6А', birthDate: '2014-04-07', sex: 'F' },
    });
    const id = (r as { value: { id: number } }).value.id;
    expect(t.core.roster.find('сидорова 6а').hits.map((h) => h.id)).toEqual([id]);
    const row = auditRows(t.core, 'person.create')[0]!;
    expect(row).toMatchObject({ personId: id, details: { kind: 'student', class: '6А', birthDate: '2014-04-07' } });
    expect(t.core.roster.classDetail(classId('6А')).students.map((s) => s.fullName)).toContain('Сидорова Анна-Мария Игоревна');
  });

  it('refuses what the import refuses: an implausible birth date, a duplicate (by folded name and date), no class', async () => {
    const base = { classId: classId('6А'), surname: 'Сидоров', name: 'Олег', birthDate: '2014-04-07' };
    // The test clock reads 1 September 2026.
    expect(await call('addStudent', { ...base, birthDate: '2024-01-01' })).toMatchObject({
      ok: false,
      error: { reason: 'roster.birth_date_implausible', field: 'birthDate' },
    });
    expect(await call('addStudent', { ...base, birthDate: '31.02.2014' })).toMatchObject({ ok: false, error: { field: 'birthDate' } });
    expect(await call('addStudent', { ...base, surname: '   ' })).toMatchObject({ ok: false, error: { field: 'surname' } });
    expect(await call('addStudent', { ...base, classId: 999 })).toMatchObject({ ok: false, error: { reason: 'roster.class_not_found' } });
    // «ИВАНОВ ПЕТР» with ё folded to е, same birth date: the student already on file.
    const dup = await call('addStudent', { ...base, surname: 'ИВАНОВ', name: 'Петр', patronymic: 'сергеевич', birthDate: '05.03.2014' });
    expect(dup).toMatchObject({ ok: false, error: { reason: 'roster.duplicate_student', message: expect.stringContaining('6А') } });
    // An archived twin is named as such: bring them back instead.
    t.core.roster.setArchived(DESK, [idOf('Петров Глеб')], true);
    expect(
      await call('addStudent', { ...base, surname: 'Петров', name: 'Глеб', patronymic: 'Андреевич', birthDate: '2013-02-01' }),
    ).toMatchObject({
      ok: false,
      error: { reason: 'roster.duplicate_student_archived' },
    });
    expect(auditRows(t.core, 'person.create')).toEqual([]);
  });

  it('unlinks a parent from one child: the link goes, the codes for that child are revoked, the rest stays', async () => {
    const mother = idOf('Иванова Мария');
    const petr = idOf('Иванов Пётр');
    const anna = idOf('Иванова Анна');
    t.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: false });
    expect(liveCodes(petr, mother)).toBe(1);
    const r = await call('unlinkGuardian', { guardianId: mother, studentId: petr });
    expect(r).toEqual({ ok: true, value: { codesRevoked: 1 } });
    expect(liveCodes(petr, mother)).toBe(0);
    expect(liveCodes(anna, mother)).toBe(1);
    expect(t.core.roster.card(DESK, petr).guardians.map((g) => g.fullName)).toEqual(['Иванов Сергей Олегович']);
    expect(t.core.roster.card(DESK, mother).children.map((c) => c.fullName)).toEqual(['Иванова Анна Сергеевна']);
    const revoked = t.core.db
      .prepare("SELECT revoke_reason FROM invitation_codes WHERE student_id = ? AND guardian_id = ? AND state = 'revoked'")
      .pluck()
      .get(petr, mother);
    expect(revoked).toBe('родитель отвязан от ученика');
    expect(auditRows(t.core, 'guardian.unlink')[0]).toMatchObject({
      personId: mother,
      details: { student: 'Иванов Пётр Сергеевич (6А)', relation: 'mother', revoked: 1 },
    });
    expect(await call('unlinkGuardian', { guardianId: mother, studentId: petr })).toMatchObject({
      ok: false,
      error: { reason: 'roster.not_linked' },
    });
  });

  it('changes «мать/отец/законный представитель», audited from → to; codes stay', async () => {
    const father = idOf('Иванов Сергей');
    const petr = idOf('Иванов Пётр');
    t.core.codes.issue(DESK, { all: true }, { audience: 'parents', onlyMissing: false });
    expect(await call('setGuardianRelation', { guardianId: father, studentId: petr, relation: 'other' })).toEqual({
      ok: true,
      value: null,
    });
    expect(t.core.roster.card(DESK, petr).guardians.find((g) => g.id === father)?.relation).toBe('other');
    expect(auditRows(t.core, 'guardian.relation')[0]!.details).toEqual({
      student: 'Иванов Пётр Сергеевич (6А)',
      changed: { relation: { from: 'father', to: 'other' } },
    });
    expect(liveCodes(petr, father)).toBe(1);
    // The same relation again changes nothing and writes nothing.
    await call('setGuardianRelation', { guardianId: father, studentId: petr, relation: 'other' });
    expect(auditRows(t.core, 'guardian.relation')).toHaveLength(1);
    expect(await call('setGuardianRelation', { guardianId: father, studentId: petr, relation: 'uncle' })).toMatchObject({
      ok: false,
      error: { field: 'relation' },
    });
  });

  it('sets a class’s teacher: a new one by name, one of the staff, nobody; one class per teacher', async () => {
    const six = classId('6А');
    const seven = classId('7Б');
    const r = await call('setClassTeacher', { classId: six, newTeacher: { surname: 'петрова', name: 'елена', patronymic: 'викторовна' } });
    expect(r).toMatchObject({ ok: true, value: { teacher: { fullName: 'Петрова Елена Викторовна', kind: 'staff' } } });
    const staff = await call('listStaff', {});
    expect(staff).toMatchObject({ ok: true, value: [{ fullName: 'Петрова Елена Викторовна', classes: ['6А'] }] });
    const teacherId = (staff as { value: { id: number }[] }).value[0]!.id;
    // The same name again is the same person, not a second one.
    expect(
      await call('setClassTeacher', { classId: seven, newTeacher: { surname: 'Петрова', name: 'Елена', patronymic: 'Викторовна' } }),
    ).toMatchObject({ ok: false, error: { reason: 'roster.teacher_has_class', message: expect.stringContaining('6А') } });
    expect(await call('setClassTeacher', { classId: six, teacherId: null })).toMatchObject({ ok: true, value: { teacher: null } });
    expect(await call('setClassTeacher', { classId: seven, teacherId })).toMatchObject({ ok: true, value: { teacher: { id: teacherId } } });
    expect(await call('setClassTeacher', { classId: seven, teacherId: idOf('Иванов Пётр') })).toMatchObject({
      ok: false,
      error: { reason: 'roster.teacher_not_found' },
    });
    expect(await call('setClassTeacher', { classId: seven })).toMatchObject({ ok: false, error: { reason: 'input.invalid' } });
    expect(auditRows(t.core, 'class.teacher').map((r) => r.details)).toEqual([
      { class: '7Б', changed: { teacher: { from: null, to: 'Петрова Елена Викторовна' } } },
      { class: '6А', changed: { teacher: { from: 'Петрова Елена Викторовна', to: null } } },
      { class: '6А', changed: { teacher: { from: null, to: 'Петрова Елена Викторовна' } } },
    ]);
    expect(t.core.roster.classes().find((c) => c.name === '7Б')?.teacher).toBe('Петрова Елена Викторовна');
  });

  it('a deputy director does this desk work too', async () => {
    await t.core.operators.create(DESK, { fullName: 'Петров Иван Иванович', login: 'petrov', role: 'deputy', password: 'Zamestitel2026' });
    await t.dispatch('signIn', { login: 'petrov', password: 'Zamestitel2026' }, 'deputy');
    const r = await t.dispatch('addStudent', { classId: classId('7Б'), surname: 'Орлов', name: 'Илья', birthDate: '01.01.2013' }, 'deputy');
    expect(r).toMatchObject({ ok: true });
  });
});
