// Family sheets of a class and the siblings whose codes are not issued yet: named before printing,
// and issued on request (exactly the missing parent codes, nothing else replaced).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../support/core.ts';
import { prepareInvitations } from '../../../src-main/core/codes/printing.ts';
import { markRedeemed } from '../../../src-main/core/sync/store.ts';
import { t as tr } from '../../../src-shared/i18n/index.ts';

// A mother of three in three classes; the father of the eldest only; a family of one in 6А.
const CSV = [
  'Класс;Фамилия;Имя;Отчество;Дата рождения;Пол;Мать (ФИО);Телефон матери;Email матери;Отец (ФИО);Телефон отца;Email отца',
  '6А;Миронов;Пётр;Сергеевич;05.03.2014;М;Миронова Елена Павловна;89021702876;;Миронов Сергей Олегович;89031112233;',
  '4Б;Миронова;Ольга;Сергеевна;11.10.2016;Ж;Миронова Елена Павловна;89021702876;;;;',
  '2В;Миронов;Илья;Сергеевич;01.02.2018;М;Миронова Елена Павловна;89021702876;;;;',
  '6А;Сидоров;Глеб;Андреевич;01.02.2014;М;Сидорова Анна;89045556677;;;;',
].join('\n');

const actor = { operatorId: 1, login: 'curator', via: 'app' as const };

describe('family sheets of a class with siblings in other classes', () => {
  let t: TestCore;
  let class6a: number;

  beforeEach(async () => {
    t = await makeCore();
    await t.core.roster.importFile(actor, Buffer.from(CSV, 'utf8'), 'list.csv');
    class6a = t.core.codes.classIdByName('6А');
    t.core.codes.issue(actor, { classId: class6a }, { audience: 'all', onlyMissing: true });
  });
  afterEach(() => t.close());

  const families = (prepared: Awaited<ReturnType<typeof prepareInvitations>>) => prepared.job.html;

  it('names the siblings left out before anything is printed', async () => {
    const prepared = await prepareInvitations(t.core, { kind: 'families', scope: { classId: class6a }, audience: 'parents', layout: 1 });
    expect(prepared.familyGaps.map((g) => [g.guardianName, g.studentName, g.className])).toEqual([
      ['Миронова Елена Павловна', 'Миронов Илья Сергеевич', '2В'],
      ['Миронова Елена Павловна', 'Миронова Ольга Сергеевна', '4Б'],
    ]);
    expect(families(prepared)).not.toContain('Миронова Ольга Сергеевна');
    // Slips are per child: nothing is left out of them by a sibling elsewhere.
    const slips = await prepareInvitations(t.core, { kind: 'invitations', scope: { classId: class6a }, audience: 'all', layout: 2 });
    expect(slips.familyGaps).toEqual([]);
  });

  it('issues exactly the missing codes; then every child is on the sheet', async () => {
    const before = t.core.codes.list({ liveOnly: true });
    const report = t.core.codes.issueFamilyGaps(actor, { classId: class6a });
    expect(report).toMatchObject({ students: 0, parents: 2, revoked: 0 });
    const after = t.core.codes.list({ liveOnly: true });
    expect(after.filter((c) => !before.some((b) => b.id === c.id)).map((c) => [c.kind, c.guardianName, c.studentName])).toEqual([
      ['parent', 'Миронова Елена Павловна', 'Миронов Илья Сергеевич'],
      ['parent', 'Миронова Елена Павловна', 'Миронова Ольга Сергеевна'],
    ]);
    // The earlier codes all stay valid (a printed slip is never silently replaced).
    expect(before.every((b) => after.some((a) => a.id === b.id))).toBe(true);
    const prepared = await prepareInvitations(t.core, { kind: 'families', scope: { classId: class6a }, audience: 'parents', layout: 1 });
    expect(prepared.familyGaps).toEqual([]);
    expect(families(prepared)).toContain('Миронова Ольга Сергеевна');
    expect(families(prepared)).toContain('Миронов Илья Сергеевич');
    const audit = t.core.audit.page({ action: 'codes.issue' }, 10, 0).rows[0]!;
    expect(audit.details).toMatchObject({ scope: 'класс 6А: недостающие коды семейных листов', parents: 2 });
    expect(t.core.codes.issueFamilyGaps(actor, { classId: class6a })).toMatchObject({ parents: 0 });
  });
});

describe('a parent who lost the family sheet', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
    await t.core.roster.importFile(actor, Buffer.from(CSV, 'utf8'), 'list.csv');
    t.core.codes.issue(actor, { all: true }, { audience: 'all', onlyMissing: true });
  });
  afterEach(() => t.close());

  it('gets all their codes reissued in one step: the old ones stop working, nobody else is touched', async () => {
    const mother = t.core.roster.find('Миронова Елена').hits[0]!;
    const before = t.core.codes.list({ liveOnly: true });
    const hers = before.filter((c) => c.guardianId === mother.id);
    expect(hers).toHaveLength(3);
    const fresh = t.core.codes.reissueForGuardian(actor, mother.id, 'потеряла семейный лист');
    expect(fresh.map((c) => [c.studentName, c.state]).sort()).toEqual([
      ['Миронов Илья Сергеевич', 'active'],
      ['Миронов Пётр Сергеевич', 'active'],
      ['Миронова Ольга Сергеевна', 'active'],
    ]);
    const after = t.core.codes.list({});
    for (const old of hers)
      expect(after.find((c) => c.id === old.id)).toMatchObject({ state: 'revoked', revokeReason: 'потеряла семейный лист' });
    // The father's and the children's own codes stay as they were.
    const others = before.filter((c) => c.guardianId !== mother.id);
    expect(others.every((o) => after.find((c) => c.id === o.id)?.state === 'active')).toBe(true);
    expect(t.core.audit.page({ action: 'codes.reissue' }, 10, 0).rows).toHaveLength(3);
    // Only the new codes, printed as one family sheet.
    const sheet = await prepareInvitations(t.core, {
      kind: 'families',
      scope: { guardianId: mother.id },
      audience: 'parents',
      layout: 1,
      codeIds: fresh.map((c) => c.id),
    });
    expect(sheet.job.codeIds.sort()).toEqual(fresh.map((c) => c.id).sort());
    // The new slips say they were issued again (today) and until when they work; the father's do not.
    expect(sheet.job.html.match(/Выдан повторно 01\.09\.2026/g)).toHaveLength(3);
    expect(sheet.job.html).toContain('действует до 31.08.2027');
    const fatherSlips = await prepareInvitations(t.core, {
      kind: 'invitations',
      scope: { classId: t.core.codes.classIdByName('6А') },
      audience: 'parents',
      layout: 4,
    });
    expect(fatherSlips.job.html).toMatch(/Выдан 01\.09\.2026/);
    const father = t.core.roster.find('Миронов Сергей').hits[0]!;
    t.core.roster.setArchived(actor, [father.id], true);
    expect(() => t.core.codes.reissueForGuardian(actor, father.id, 'потерял')).toThrow(
      expect.objectContaining({ reason: 'code.person_archived' }),
    );
  });
});

describe('a parent who registered with their code', () => {
  let t: TestCore;
  let class6a: number;
  const sidorova =
    "SELECT c.uid, c.id FROM invitation_codes c JOIN people g ON g.id = c.guardian_id WHERE c.kind = 'parent' AND g.surname = 'Сидорова'";

  beforeEach(async () => {
    t = await makeCore();
    await t.core.roster.importFile(actor, Buffer.from(CSV, 'utf8'), 'list.csv');
    class6a = t.core.codes.classIdByName('6А');
    t.core.codes.issue(actor, { classId: class6a }, { audience: 'all', onlyMissing: true });
    // The sync brings down that the mother of Глеб used her code.
    const { uid } = t.core.db.prepare(sidorova).get() as { uid: string };
    markRedeemed(t.core.db, {
      codeUid: uid,
      accountUid: '3f2b1c9e-2a4d-4c6b-9f1e-8d7a6b5c4d3e',
      login: 'sidorova.anna',
      at: '2026-09-02T10:00:00.000Z',
    });
  });
  afterEach(() => t.close());

  it('is not a gap of the family sheets: her child is not missing a code', async () => {
    const prepared = await prepareInvitations(t.core, { kind: 'families', scope: { classId: class6a }, audience: 'parents', layout: 1 });
    expect(prepared.familyGaps.map((g) => g.guardianName)).not.toContain('Сидорова Анна');
    expect(t.core.codes.issueFamilyGaps(actor, { classId: class6a })).toMatchObject({ parents: 2 });
    expect(t.core.db.prepare(sidorova).all()).toHaveLength(1);
  });

  it('gets no new code when only the missing ones are issued', () => {
    const report = t.core.codes.issue(actor, { classId: class6a }, { audience: 'all', onlyMissing: true });
    expect(report).toMatchObject({ students: 0, parents: 0, revoked: 0, registered: 1 });
    expect(t.core.db.prepare(sidorova).all()).toHaveLength(1);
  });

  // A new code would be useless to her (the portal refuses a second account) and would only confuse:
  // her account is how she signs in, and a forgotten password goes through recovery or the desk.
  it('gets no new code when every code of the class is replaced either, and the report says why', () => {
    const before = t.core.codes.list({ classId: class6a, liveOnly: true });
    const students = before.filter((c) => c.kind === 'student').length;
    const report = t.core.codes.issue(actor, { classId: class6a }, { audience: 'all', onlyMissing: false });
    // Every live code replaced, one for one; nothing for her.
    expect(report).toMatchObject({ students, parents: before.length - students, revoked: before.length, registered: 1 });
    expect(t.core.db.prepare(sidorova).all()).toHaveLength(1);
    const { id } = t.core.db.prepare(sidorova).get() as { id: number };
    expect(t.core.db.prepare('SELECT state FROM invitation_codes WHERE id = ?').pluck().get(id)).toBe('redeemed');
    expect(tr.codes.issued(report)).toContain('Уже зарегистрированы на портале: 1');
  });
});
