// The end of the school year: every class up a grade, the 11th grade to the archive with its codes,
// a backup first, one transaction, audited; refused when stale or done twice.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURATOR, makeCore, type TestCore } from '../../support/core.ts';
import { DESK, auditRows, person, snapshot, wide } from './helpers.ts';
import type { YearEndPlan } from '../../../src-shared/roster/desk-views.ts';

const ROSTER = wide(
  // 11А graduates; the Орловы's mother has a younger son in 9А, the Зайцевы's only in 11.
  '11А;Орлова;Дарья;Ильинична;05.03.2009;Ж;Орлова Нина Петровна;89020000001;;;;',
  '11А;Зайцев;Кирилл;Олегович;11.10.2008;М;Зайцева Ольга Ивановна;89020000002;;Зайцев Олег Петрович;89020000003;',
  '11Б;Мухина;Вера;Павловна;01.02.2009;Ж;;;;;;',
  '10А;Белов;Антон;Юрьевич;12.12.2009;М;Белова Алла Юрьевна;89020000004;;;;',
  '9А;Орлов;Илья;Ильич;07.07.2011;М;Орлова Нина Петровна;89020000001;;;;',
  '7Б;Ким;Алиса;Сергеевна;03.03.2013;Ж;;;;;;',
  '7Б;Ли;Марк;Андреевич;04.04.2013;М;;;;;;',
  '1А;Сомов;Лев;Игоревич;09.09.2019;М;;;;;;',
);

const liveCodes = (t: TestCore) =>
  t.core.db.prepare("SELECT count(*) FROM invitation_codes WHERE state IN ('active', 'printed')").pluck().get() as number;
const classOf = (t: TestCore, surname: string, name: string) => person(t.core, surname, name).className;
const classNames = (t: TestCore) => t.core.roster.classes().map((c) => `${c.name}:${c.students}`);

describe('the end of the school year', () => {
  let t: TestCore;
  const call = (method: string, args: unknown) => t.dispatch(method, args, 'desk');
  const classId = (name: string) => t.core.roster.classes().find((c) => c.name === name)!.id;

  beforeEach(async () => {
    t = await makeCore();
    t.clock.ms = Date.parse('2027-06-20T12:00:00');
    await t.core.roster.importFile(DESK, ROSTER, 'list.csv');
    t.core.desk.setClassTeacher(DESK, { classId: classId('10А'), newTeacher: { surname: 'Петрова', name: 'Елена' } });
    t.core.desk.setClassTeacher(DESK, { classId: classId('11А'), newTeacher: { surname: 'Громов', name: 'Павел' } });
    t.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: false });
    // Ли left 7Б mid-year: the archive keeps showing the class he left from.
    t.core.roster.setArchived(DESK, [person(t.core, 'Ли', 'Марк').id], true);
    await call('signIn', { login: CURATOR.login, password: CURATOR.password });
  });
  afterEach(() => t.close());

  it('previews what moves where, who leaves and how many codes are revoked, writing nothing', async () => {
    const before = snapshot(t.core);
    const r = await call('yearEndPreview', {});
    expect(r.ok).toBe(true);
    const plan = (r as { value: YearEndPlan }).value;
    expect(plan.moves).toEqual([
      { from: '10А', to: '11А', students: 1, teacher: 'Петрова Елена' },
      { from: '9А', to: '10А', students: 1, teacher: null },
      { from: '7Б', to: '8Б', students: 1, teacher: null },
      { from: '1А', to: '2А', students: 1, teacher: null },
    ]);
    expect(plan.graduating).toEqual([
      { className: '11А', students: 2 },
      { className: '11Б', students: 1 },
    ]);
    expect(plan.leaving.map((s) => `${s.className} ${s.fullName}`)).toEqual([
      '11А Зайцев Кирилл Олегович',
      '11А Орлова Дарья Ильинична',
      '11Б Мухина Вера Павловна',
    ]);
    // The Зайцевы leave with their son; Орлова Нина stays for Илья in 9А.
    expect(plan.guardiansLeaving).toBe(2);
    // Student codes of 3 graduates, parent codes: Орлова for Дарья, both Зайцевы, one for Мухина (no parent on file).
    expect(plan.codesRevoked).toBe(3 + 4);
    expect(plan.blockedUntil).toBeNull();
    expect(snapshot(t.core)).toEqual(before);
  });

  it('moves every class up after a backup, in one go: graduates and their parents archived, codes revoked, audited', async () => {
    const plan = t.core.yearEnd.plan();
    const live = liveCodes(t);
    const elevenA = classId('11А');
    const r = await call('yearEnd', { version: plan.version });
    expect(r).toMatchObject({ ok: true, value: { codesRevoked: plan.codesRevoked } });
    const backup = (r as { value: { backup: string } }).value.backup;

    // The backup holds the roster as it was before.
    expect(backup).toMatch(/kurator-2027-06-20_.*-year-end\.sqlite$/);
    const copy = new Database(backup, { readonly: true });
    expect(copy.prepare("SELECT count(*) FROM people WHERE kind = 'student' AND archived_at IS NULL").pluck().get()).toBe(7);
    copy.close();

    expect(classOf(t, 'Белов', 'Антон')).toBe('11А');
    expect(classOf(t, 'Орлов', 'Илья')).toBe('10А');
    expect(classOf(t, 'Ким', 'Алиса')).toBe('8Б');
    expect(classOf(t, 'Сомов', 'Лев')).toBe('2А');
    // The 11А row is the same row: the new 11А moved into it; graduates keep the class they left from.
    expect(classId('11А')).toBe(elevenA);
    expect(person(t.core, 'Орлова', 'Дарья')).toMatchObject({ className: '11А', archivedAt: expect.any(String) });
    expect(person(t.core, 'Ли', 'Марк')).toMatchObject({ className: '7Б', archivedAt: expect.any(String) });
    expect(person(t.core, 'Зайцева', 'Ольга').archivedAt).not.toBeNull();
    expect(person(t.core, 'Орлова', 'Нина').archivedAt).toBeNull();
    // The class teacher goes up with the class; 11А's old one is nobody's class teacher now.
    expect(t.core.roster.classes().find((c) => c.name === '11А')?.teacher).toBe('Петрова Елена');
    expect(t.core.desk.staff().find((s) => s.fullName === 'Громов Павел')?.classes).toEqual([]);
    // Rows nobody refers to any more are gone (1А, 9А, 10А's old slot is 9А's now); 11Б stays for its archived graduate.
    expect(classNames(t)).toEqual(['2А:1', '8Б:1', '10А:1', '11А:1', '7Б:0', '11Б:0'].sort(byClass));
    expect(liveCodes(t)).toBe(live - plan.codesRevoked);
    expect(t.core.roster.find('11а').hits.map((h) => h.fullName)).toContain('Белов Антон Юрьевич');

    const [row] = auditRows(t.core, 'roster.year_end');
    expect(row!.details).toEqual({ backup, moved: 4, classes: 4, graduated: 3, guardiansArchived: 2, revoked: plan.codesRevoked });
    const archived = auditRows(t.core, 'person.archive').filter((a) => a.details.reason);
    expect(archived.map((a) => a.details.reason).sort()).toEqual([
      'children_graduated',
      'children_graduated',
      'graduated',
      'graduated',
      'graduated',
    ]);
  });

  it('refuses a stale preview, a second run the same year and a deputy director; allows the next year', async () => {
    await t.core.operators.create(DESK, { fullName: 'Петров Иван Иванович', login: 'petrov', role: 'deputy', password: 'Zamestitel2026' });
    await t.dispatch('signIn', { login: 'petrov', password: 'Zamestitel2026' }, 'deputy');
    expect(await t.dispatch('yearEndPreview', {}, 'deputy')).toMatchObject({ ok: false, error: { reason: 'auth.forbidden' } });
    const plan = t.core.yearEnd.plan();
    expect(await call('yearEnd', { version: plan.version - 1 })).toMatchObject({ ok: false, error: { reason: 'roster.year_end_stale' } });
    expect(await call('yearEnd', { version: plan.version })).toMatchObject({ ok: true });
    const again = t.core.yearEnd.plan();
    expect(again.blockedUntil).not.toBeNull();
    expect(await call('yearEnd', { version: again.version })).toMatchObject({ ok: false, error: { reason: 'roster.year_end_recent' } });
    t.clock.ms += 181 * 86_400_000;
    await t.core.yearEnd.apply(DESK, t.core.yearEnd.plan().version);
    expect(classOf(t, 'Белов', 'Антон')).toBe('11А'); // graduated now, from 11А
    expect(person(t.core, 'Белов', 'Антон').archivedAt).not.toBeNull();
  });

  it('is all or nothing: a failure on the way leaves the roster, codes and journal as they were', async () => {
    const before = snapshot(t.core);
    const codesBefore = t.core.db.prepare('SELECT * FROM invitation_codes ORDER BY id').all();
    t.core.db.exec("CREATE TEMP TRIGGER boom BEFORE DELETE ON classes BEGIN SELECT RAISE(ABORT, 'boom'); END");
    const r = await call('yearEnd', { version: t.core.yearEnd.plan().version });
    expect(r).toMatchObject({ ok: false, error: { reason: 'app.internal' } });
    expect(snapshot(t.core)).toEqual(before);
    expect(t.core.db.prepare('SELECT * FROM invitation_codes ORDER BY id').all()).toEqual(codesBefore);
    // The backup had been taken before anything was touched.
    expect(fs.readdirSync(t.core.backupsDir).filter((f) => f.includes('year-end'))).toHaveLength(1);
  });
});

function byClass(a: string, b: string): number {
  const [ga, la] = [parseInt(a, 10), a.replace(/^\d+/, '')];
  const [gb, lb] = [parseInt(b, 10), b.replace(/^\d+/, '')];
  return ga - gb || la.localeCompare(lb, 'ru');
}
