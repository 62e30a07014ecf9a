// Registration progress and the lists for class teachers (#9): counts per class, who has not
// registered, who cannot recover alone (no confirmed contact), with parents' phones; the XLSX and the
// printout; the lists journaled as a bulk read.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../support/core.ts';
import { wide } from './roster/helpers.ts';
import { listsXlsx, listsHtml } from '../../src-main/core/sync/lists-export.ts';
import type { Actor } from '../../src-main/core/services/audit.ts';
import { ruDeskAccounts } from '../../src-shared/i18n/ru-desk-accounts.ts';

const DESK: Actor = { operatorId: 1, login: 'curator', via: 'app' };

describe('registration progress and lists', () => {
  let t: TestCore;
  let six: number;

  const uidOf = (id: number) => (t.core.db.prepare('SELECT uid FROM people WHERE id = ?').get(id) as { uid: string }).uid;
  /** A portal account as sync brings it; a parent's with the children added on the portal. */
  const account = (personId: number, login: string, o: { email?: boolean; disabled?: boolean; children?: number[] } = {}) =>
    t.core.db
      .prepare(
        `INSERT INTO portal_accounts (uid, person_uid, login, kind, child_uids, email, email_confirmed, phone_confirmed, registered_at, disabled, cursor)
         VALUES (?, ?, ?, 'parent', ?, 'x@y.ru', ?, 0, '2026-09-02T10:00:00.000Z', ?, 1)`,
      )
      .run(randomUUID(), uidOf(personId), login, JSON.stringify((o.children ?? []).map(uidOf)), o.email ? 1 : 0, o.disabled ? 1 : 0);

  beforeAll(async () => {
    t = await makeCore();
    await t.core.roster.importFile(
      DESK,
      wide(
        '6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;ivanova@mail.ru;Иванов Сергей Олегович;89031112233;',
        '6А;Сидоров;Глеб;Андреевич;01.02.2014;М;;;;;;',
        '7Б;Петрова;Ольга;Ивановна;02.02.2013;Ж;Петрова Нина Павловна;89045556677;;;;',
      ),
      'list.csv',
    );
    six = t.core.codes.classIdByName('6А');
    t.core.codes.issue(DESK, { classId: six }, { audience: 'all', onlyMissing: true });
    const printed = t.core.codes.list({ classId: six, liveOnly: true }).filter((c) => c.kind === 'student');
    t.core.codes.markPrinted(
      DESK,
      printed.map((c) => c.id),
      { via: 'pdf' },
    );
    const find = (q: string) => t.core.roster.find(q).hits[0]!.id;
    const petr = find('Иванов Пётр');
    account(find('Иванова Мария'), 'maria', { email: true, children: [petr] });
    account(find('Иванов Сергей'), 'sergey', { children: [petr] });
    account(find('Иванов Пётр'), 'petr', { disabled: true });
  });
  afterAll(() => t.close());

  it('counts per class: registered, code handed out, code not printed, no code — adding up; cannot recover alone', () => {
    const all = t.core.accounts.progress();
    expect(all.map((c) => c.className)).toEqual(['6А', '7Б']);
    expect(all[0]).toEqual({
      classId: six,
      className: '6А',
      students: { total: 2, registered: 0, printed: 2, unprinted: 0, notIssued: 0 },
      parents: { total: 2, registered: 2, printed: 0, unprinted: 0, notIssued: 0 },
      cannotRecover: 1,
    });
    expect(all[1]).toMatchObject({ students: { total: 1, notIssued: 1 }, parents: { total: 1, notIssued: 1 } });
    expect(t.core.accounts.progress(six)).toHaveLength(1);
  });

  it('a code issued but not printed counts as such, a mailed one as handed out; a registered person only as registered', () => {
    const seven = t.core.codes.classIdByName('7Б');
    t.core.codes.issue(DESK, { classId: seven }, { audience: 'all', onlyMissing: true });
    const [c] = t.core.accounts.progress(seven);
    expect(c).toMatchObject({
      students: { total: 1, registered: 0, printed: 0, unprinted: 1, notIssued: 0 },
      parents: { total: 1, registered: 0, printed: 0, unprinted: 1, notIssued: 0 },
    });
    t.core.db
      .prepare(
        "UPDATE invitation_codes SET mailed_at = '2026-11-02T08:00:00.000Z' WHERE kind = 'parent' AND student_id IN (SELECT id FROM people WHERE class_id = ?)",
      )
      .run(seven);
    expect(t.core.accounts.progress(seven)[0]!.parents).toMatchObject({ printed: 1, unprinted: 0 });
    // Every person in exactly one of the four.
    for (const k of t.core.accounts.progress())
      for (const g of [k.students, k.parents]) expect(g.registered + g.printed + g.unprinted + g.notIssued).toBe(g.total);
    expect(ruDeskAccounts.progress.waiting({ total: 3, printed: 2, unprinted: 0, notIssued: 1 })).toBe(
      'код выдан (напечатан или отправлен): 2 · без кода: 1',
    );
  });

  // A mother registered for her son in 6А was counted registered in 7Б too, where her daughter is not
  // on her account yet (a new user's trial): she is still to come there, with the 7Б code.
  it('a parent counts as registered in a class only once a child of that class is on the account', () => {
    const find = (q: string) => t.core.roster.find(q).hits[0]!.id;
    const seven = t.core.codes.classIdByName('7Б');
    const maria = find('Иванова Мария');
    const olga = find('Петрова Ольга');
    t.core.db
      .prepare(
        "INSERT INTO guardianships (guardian_id, student_id, relation, created_at) VALUES (?, ?, 'mother', '2026-09-01T10:00:00.000Z')",
      )
      .run(maria, olga);
    expect(t.core.accounts.progress(seven)[0]!.parents).toMatchObject({ total: 2, registered: 0 });
    expect(t.core.accounts.progress(seven)[0]!.cannotRecover).toBe(0);
    // The class page's line and its «на портале» tags say the same.
    expect(t.core.accounts.ofClass(seven)).toMatchObject({ parents: { registered: 0, total: 2 }, registeredIds: [] });
    t.core.db
      .prepare("UPDATE portal_accounts SET child_uids = json_array(?, ?) WHERE login = 'maria'")
      .run(uidOf(find('Иванов Пётр')), uidOf(olga));
    expect(t.core.accounts.progress(seven)[0]!.parents).toMatchObject({ total: 2, registered: 1 });
    expect(t.core.accounts.ofClass(seven)).toMatchObject({ parents: { registered: 1, total: 2 }, registeredIds: [maria] });
    t.core.db.prepare('DELETE FROM guardianships WHERE guardian_id = ? AND student_id = ?').run(maria, olga);
  });

  // The page had no school-wide line; summing its rows would count a parent of children in two
  // classes twice. The total row counts each person once, where they stand best.
  it('the school row counts each person once: a parent of children in two classes is one parent', () => {
    const find = (q: string) => t.core.roster.find(q).hits[0]!.id;
    const maria = find('Иванова Мария');
    t.core.db
      .prepare(
        "INSERT INTO guardianships (guardian_id, student_id, relation, created_at) VALUES (?, ?, 'mother', '2026-09-01T10:00:00.000Z')",
      )
      .run(maria, find('Петрова Ольга'));
    t.core.db.prepare("UPDATE portal_accounts SET child_uids = json_array(?) WHERE login = 'maria'").run(uidOf(find('Иванов Пётр')));
    try {
      const { classes, school } = t.core.accounts.registration();
      expect(classes).toEqual(t.core.accounts.progress());
      // The rows say 2 of 2 and 0 of 2: summed, 2 of 4 parents.
      expect(classes.map((c) => [c.parents.registered, c.parents.total])).toEqual([
        [2, 2],
        [0, 2],
      ]);
      expect(school).toEqual({
        students: { total: 3, registered: 0, printed: 2, unprinted: 1, notIssued: 0 },
        // Мария (registered for 6А, not yet for 7Б), Сергей (registered), Нина (her code mailed).
        parents: { total: 3, registered: 2, printed: 1, unprinted: 0, notIssued: 0 },
        cannotRecover: 1,
      });
      expect(t.core.accounts.registration(t.core.codes.classIdByName('7Б')).school.parents).toMatchObject({ total: 2, registered: 0 });
    } finally {
      t.core.db.prepare('DELETE FROM guardianships WHERE guardian_id = ? AND student_id = ?').run(maria, find('Петрова Ольга'));
    }
  });

  it('lists who has not registered and who cannot recover, with the parents’ phones; journaled once per export', async () => {
    const rows = t.core.accounts.lists(DESK, { classId: six, className: '6А' });
    const not = rows.filter((r) => r.list === 'not_registered');
    expect(not.map((r) => r.fullName)).toEqual(['Иванов Пётр Сергеевич', 'Сидоров Глеб Андреевич']); // a locked account counts as none
    expect(not[0]!.parentPhones).toEqual(['+7 902 170-28-76', '+7 903 111-22-33']);
    const cannot = rows.filter((r) => r.list === 'cannot_recover');
    expect(cannot).toEqual([
      expect.objectContaining({ fullName: 'Иванов Сергей Олегович', role: 'parent', children: ['Иванов Пётр'], login: 'sergey' }),
    ]);
    expect(t.core.audit.page({ action: 'accounts.lists' }, 10, 0).rows[0]!.details).toMatchObject({
      class: '6А',
      notRegistered: 2,
      cannotRecover: 1,
    });

    const { default: excel } = await import('exceljs');
    const wb = new excel.Workbook();
    await wb.xlsx.load((await listsXlsx(rows)) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Не зарегистрированы', 'Не восстановят доступ сами']);
    expect(wb.worksheets[0]!.getRow(2).values).toEqual([
      undefined,
      '6А',
      'Иванов Пётр Сергеевич',
      'ученик',
      '+7 902 170-28-76, +7 903 111-22-33',
      'выдан',
    ]);
    expect(wb.worksheets[1]!.getRow(2).getCell(5).value).toBe('sergey');
    const page = listsHtml('Школа', '6А', '02.11.2026', rows);
    expect(page).toContain('Не могут восстановить доступ сами (1)');
    expect(page).not.toMatch(/<script/i);
  });
});
