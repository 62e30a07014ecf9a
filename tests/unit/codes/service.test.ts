// Invitation codes against a real database: issuing, only-missing, reissue, revoke, expiry,
// archiving, the one-live-code rule, and what the audit log keeps (never a whole code).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURATOR, makeCore, type TestCore } from '../../support/core.ts';
import { prepareInvitations } from '../../../src-main/core/codes/printing.ts';
import { printDocumentFor } from '../../../src-main/core/codes/print-jobs.ts';
import { checkSymbol, formatCode, isValidCode, normalizeCodeInput } from '../../../src-shared/codes/index.ts';
import type { CodeView } from '../../../src-shared/codes/views.ts';
import { LATIN_TO_RUSSIAN_KEY } from '../../../src-shared/text.ts';

const CSV = [
  'Класс;Фамилия;Имя;Отчество;Дата рождения;Пол;Мать (ФИО);Телефон матери;Email матери;Отец (ФИО);Телефон отца;Email отца',
  '6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;ivanova@mail.ru;Иванов Сергей Олегович;89031112233;',
  '6А;Иванова;Анна;Сергеевна;11.10.2016;Ж;Иванова Мария Петровна;89021702876;ivanova@mail.ru;;;',
  '6А;Сидоров;Глеб;Андреевич;01.02.2014;М;;;;;;',
  '7Б;Петрова;Ольга;Ивановна;02.02.2013;Ж;Петрова Нина Павловна;89045556677;;;;',
].join('\n');

const actor = { operatorId: 1, login: 'curator', via: 'app' as const };

describe('invitation codes', () => {
  let t: TestCore;
  let class6a: number;
  let class7b: number;

  beforeEach(async () => {
    t = await makeCore();
    await t.core.roster.importFile(actor, Buffer.from(CSV, 'utf8'), 'list.csv');
    class6a = t.core.codes.classIdByName('6А');
    class7b = t.core.codes.classIdByName('7Б');
  });
  afterEach(() => t.close());

  const live = (filter: { classId?: number; personId?: number } = {}) => t.core.codes.list({ ...filter, liveOnly: true });
  const byStudent = (codes: CodeView[], name: string) => codes.filter((c) => c.studentName.startsWith(name));

  it('issues a student code per student and a parent code per guardian–child link, or one when no parent is on file', () => {
    const report = t.core.codes.issue(actor, { classId: class6a }, { audience: 'all', onlyMissing: true });
    expect(report).toMatchObject({ students: 3, parents: 4, skipped: 0, revoked: 0 });
    const codes = live({ classId: class6a });
    expect(codes).toHaveLength(7);
    // Пётр: his own, his mother's and his father's; Анна: hers and her mother's (the same mother, another code).
    expect(byStudent(codes, 'Иванов Пётр').map((c) => [c.kind, c.guardianName])).toEqual([
      ['student', null],
      ['parent', 'Иванова Мария Петровна'],
      ['parent', 'Иванов Сергей Олегович'],
    ]);
    expect(byStudent(codes, 'Сидоров').map((c) => [c.kind, c.guardianId])).toEqual([
      ['student', null],
      ['parent', null],
    ]);
    for (const c of codes) {
      expect(c.code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{3}-[0-9a-hjkmnp-tv-z]{3}$/);
      expect(isValidCode(normalizeCodeInput(c.code)!)).toBe(true);
      expect(c.state).toBe('active');
    }
    expect(new Set(codes.map((c) => c.code)).size).toBe(7);
    expect(live({ classId: class7b })).toHaveLength(0);
  });

  it('with only-missing keeps valid codes; without it replaces them and revokes the old ones', () => {
    t.core.codes.issue(actor, { classId: class6a }, { audience: 'students', onlyMissing: true });
    const first = live({ classId: class6a });
    expect(first.map((c) => c.kind)).toEqual(['student', 'student', 'student']);
    expect(t.core.codes.issue(actor, { classId: class6a }, { audience: 'all', onlyMissing: true })).toMatchObject({
      students: 0,
      parents: 4,
      skipped: 3,
    });
    const replaced = t.core.codes.issue(actor, { classId: class6a }, { audience: 'students', onlyMissing: false });
    expect(replaced).toMatchObject({ students: 3, revoked: 3 });
    const history = t.core.codes.list({ classId: class6a });
    const old = history.filter((c) => first.some((f) => f.id === c.id));
    expect(old.every((c) => c.state === 'revoked' && c.revokeReason === 'перевыпуск при выдаче кодов')).toBe(true);
    expect(
      live({ classId: class6a })
        .filter((c) => c.kind === 'student')
        .map((c) => c.code),
    ).not.toContain(first[0]!.code);
  });

  it('reissues one code: the old one is revoked with its reason, the new one replaces it', () => {
    t.core.codes.issue(actor, { classId: class6a }, { audience: 'all', onlyMissing: true });
    const mother = byStudent(live(), 'Иванов Пётр').find((c) => c.relation === 'mother')!;
    const fresh = t.core.codes.reissue(actor, mother.id, 'потеряла бланк');
    expect(fresh).toMatchObject({ kind: 'parent', guardianId: mother.guardianId, studentId: mother.studentId, state: 'active' });
    expect(fresh.code).not.toBe(mother.code);
    const old = t.core.codes.list({ personId: mother.guardianId! }).find((c) => c.id === mother.id)!;
    expect(old).toMatchObject({ state: 'revoked', revokeReason: 'потеряла бланк' });
    expect(live().map((c) => c.code)).not.toContain(mother.code);
    // The audit row names the person and the reason, never a whole code.
    const row = t.core.audit.page({ action: 'codes.reissue' }, 1, 0).rows[0]!;
    expect(row.personLabel).toBe('Иванова Мария Петровна');
    expect(row.details).toMatchObject({ reason: 'потеряла бланк', oldCodeEnd: mother.code.slice(-3) });
    const log = JSON.stringify(t.core.audit.page({}, 500, 0).rows);
    for (const c of t.core.codes.list({})) expect(log).not.toContain(normalizeCodeInput(c.code)!);
  });

  it('refuses to reissue a code already redeemed: the person has an account', () => {
    t.core.codes.issue(actor, { classId: class7b }, { audience: 'students', onlyMissing: true });
    const [code] = live({ classId: class7b });
    t.core.db.prepare("UPDATE invitation_codes SET state = 'redeemed', redeemed_at = 't' WHERE id = ?").run(code!.id);
    expect(() => t.core.codes.reissue(actor, code!.id, 'потеряла бланк')).toThrow(expect.objectContaining({ reason: 'code.redeemed' }));
    expect(live({ classId: class7b })).toHaveLength(0);
  });

  it('revokes a code on request, and refuses to revoke it twice', () => {
    t.core.codes.issue(actor, { classId: class7b }, { audience: 'students', onlyMissing: true });
    const code = live({ classId: class7b })[0]!;
    expect(t.core.codes.revoke(actor, code.id, 'ученица выбыла')).toMatchObject({ state: 'revoked', revokeReason: 'ученица выбыла' });
    expect(() => t.core.codes.revoke(actor, code.id, 'ещё раз')).toThrow(expect.objectContaining({ reason: 'code.not_live' }));
  });

  it('keeps one live code per person and purpose, in the database itself', () => {
    t.core.codes.issue(actor, { classId: class7b }, { audience: 'students', onlyMissing: true });
    const code = live({ classId: class7b })[0]!;
    expect(() =>
      t.core.db
        .prepare(
          `INSERT INTO invitation_codes (code, kind, student_id, state, valid_until, issued_at) VALUES ('abcdefghjk', 'student', ?, 'active', '2027-08-31', 't')`,
        )
        .run(code.studentId),
    ).toThrow(/UNIQUE/);
  });

  it('codes expire after their valid-until date; reissuing for expired codes is automatic', () => {
    t.core.settings.update(actor, { codesValidUntil: '2026-09-30' });
    t.core.codes.issue(actor, { classId: class7b }, { audience: 'all', onlyMissing: true });
    expect(live({ classId: class7b }).map((c) => c.state)).toEqual(['active', 'active']);
    t.clock.advance(40 * 24 * 3600_000); // 2026-10-11
    expect(live({ classId: class7b }).map((c) => c.state)).toEqual(['expired', 'expired']);
    expect(() => t.core.codes.issue(actor, { classId: class7b }, { audience: 'all', onlyMissing: true })).toThrow(
      expect.objectContaining({ reason: 'code.validity_passed' }),
    );
    t.core.settings.update(actor, { codesValidUntil: null });
    expect(t.core.codes.issue(actor, { classId: class7b }, { audience: 'all', onlyMissing: true })).toMatchObject({
      students: 1,
      parents: 1,
      skipped: 0,
      revoked: 2,
      validUntil: '2027-08-31',
    });
  });

  it('revokes the codes of a person who is archived', () => {
    t.core.codes.issue(actor, { classId: class6a }, { audience: 'all', onlyMissing: true });
    const sidorov = byStudent(live(), 'Сидоров')[0]!;
    t.core.roster.setArchived(actor, [sidorov.studentId], true);
    expect(byStudent(live(), 'Сидоров')).toEqual([]);
    const history = t.core.codes.list({ personId: sidorov.studentId });
    expect(history.every((c) => c.state === 'revoked' && c.revokeReason === 'человек переведён в архив')).toBe(true);
  });

  it('never gives a code to an archived parent, through reissue or a guardian’s scope', () => {
    t.core.codes.issue(actor, { classId: class7b }, { audience: 'all', onlyMissing: true });
    const parent = live({ classId: class7b }).find((c) => c.kind === 'parent')!;
    t.core.roster.setArchived(actor, [parent.guardianId!], true);
    const revoked = t.core.codes.list({ personId: parent.studentId }).find((c) => c.id === parent.id)!;
    expect(revoked).toMatchObject({ state: 'revoked', personArchived: true });
    expect(() => t.core.codes.reissue(actor, parent.id, 'потеряла бланк')).toThrow(
      expect.objectContaining({ reason: 'code.person_archived' }),
    );
    expect(t.core.codes.issue(actor, { guardianId: parent.guardianId! }, { audience: 'parents', onlyMissing: true })).toMatchObject({
      parents: 0,
    });
    expect(live({ classId: class7b }).filter((c) => c.kind === 'parent')).toEqual([]);
  });

  it('replaces a stand-in parent code once the parents are on file', async () => {
    t.core.codes.issue(actor, { classId: class6a }, { audience: 'parents', onlyMissing: true });
    expect(byStudent(live(), 'Сидоров').map((c) => c.guardianId)).toEqual([null]);
    const update = CSV.replace(
      '6А;Сидоров;Глеб;Андреевич;01.02.2014;М;;;;;;',
      '6А;Сидоров;Глеб;Андреевич;01.02.2014;М;Сидорова Ирина Львовна;89057778899;;;;',
    );
    await t.core.roster.importFile(actor, Buffer.from(update, 'utf8'), 'list2.csv');
    expect(t.core.codes.printable({ classId: class6a }, 'parents').missing).toBe(0); // the stand-in still covers her
    const report = t.core.codes.issue(actor, { classId: class6a }, { audience: 'parents', onlyMissing: true });
    expect(report).toMatchObject({ parents: 1, revoked: 1 });
    expect(byStudent(live(), 'Сидоров').map((c) => c.guardianName)).toEqual(['Сидорова Ирина Львовна']);
  });

  it('a person who registered with their code does not count as having no code (nothing to print for them)', () => {
    t.core.codes.issue(actor, { classId: class6a }, { audience: 'parents', onlyMissing: true });
    const before = t.core.codes.printable({ classId: class6a }, 'parents');
    expect(before.missing).toBe(0);
    const used = before.rows[0]!;
    t.core.db.prepare("UPDATE invitation_codes SET state = 'redeemed', redeemed_at = 't' WHERE id = ?").run(used.id);
    const after = t.core.codes.printable({ classId: class6a }, 'parents');
    expect(after.rows.map((r) => r.id)).not.toContain(used.id);
    expect(after.rows).toHaveLength(before.rows.length - 1);
    expect(after.missing).toBe(0);
  });

  it('prints what is valid, says who has no code, and marks the printed codes', () => {
    t.core.codes.issue(actor, { classId: class6a }, { audience: 'students', onlyMissing: true });
    const students = t.core.codes.printable({ classId: class6a }, 'students');
    expect(students).toMatchObject({ missing: 0 });
    expect(students.rows).toHaveLength(3);
    expect(t.core.codes.printable({ classId: class6a }, 'all').missing).toBe(4);
    const slips = t.core.codes.slips(students.rows);
    expect(slips.map((s) => s.studentName)).toEqual(['Иванов Пётр Сергеевич', 'Иванова Анна Сергеевна', 'Сидоров Глеб Андреевич']);
    t.core.codes.markPrinted(
      actor,
      students.rows.map((r) => r.id),
      { kind: 'invitations' },
    );
    t.core.codes.markPrinted(
      actor,
      students.rows.map((r) => r.id),
      { kind: 'invitations' },
    );
    expect(live({ classId: class6a }).map((c) => [c.state, c.printCount])).toEqual([
      ['printed', 2],
      ['printed', 2],
      ['printed', 2],
    ]);
    expect(t.core.audit.page({ action: 'codes.print' }, 10, 0).total).toBe(2);
  });

  it('groups parent codes into family sheets: one per guardian with all their children', () => {
    t.core.codes.issue(actor, { all: true }, { audience: 'parents', onlyMissing: true });
    const { rows } = t.core.codes.printable({ all: true }, 'parents');
    const families = t.core.codes.families(rows);
    const mother = families.find((f) => f.guardianNames[0] === 'Иванова Мария Петровна')!;
    expect(mother.children.map((c) => c.studentName)).toEqual(['Иванов Пётр Сергеевич', 'Иванова Анна Сергеевна']);
    expect(families.find((f) => f.guardianNames.length === 0)!.children.map((c) => c.studentName)).toEqual(['Сидоров Глеб Андреевич']);
    expect(families).toHaveLength(4);
  });

  it('serves a prepared printout only while its session is signed in and unlocked', async () => {
    t.core.codes.issue(actor, { classId: class7b }, { audience: 'all', onlyMissing: true });
    await t.core.auth.signIn('desk', 'curator', CURATOR.password);
    const { job } = await prepareInvitations(t.core, { kind: 'invitations', scope: { classId: class7b }, audience: 'all', layout: 2 });
    const stored = t.core.printJobs.put(t.core.auth.current('desk')!.id, job); // owned by the session, not the tab
    expect(printDocumentFor(t.core, stored.id)).toContain('Петрова Ольга Ивановна');
    t.core.auth.lock('desk');
    expect(printDocumentFor(t.core, stored.id)).toBeUndefined();
    t.clock.advance(1000);
    await t.core.auth.unlock('desk', CURATOR.password);
    expect(printDocumentFor(t.core, stored.id)).toBeDefined();
    t.core.auth.signOut('desk');
    expect(printDocumentFor(t.core, stored.id)).toBeUndefined();
  });

  it('refuses to print a prepared printout whose codes changed since', async () => {
    t.core.codes.issue(actor, { classId: class7b }, { audience: 'all', onlyMissing: true });
    const { job } = await prepareInvitations(t.core, { kind: 'invitations', scope: { classId: class7b }, audience: 'all', layout: 2 });
    t.core.codes.reissue(actor, job.codeIds[0]!, 'потеряла бланк');
    expect(() => t.core.codes.assertCurrent(job.codeIds)).toThrow(expect.objectContaining({ reason: 'print.stale' }));
    expect(() => t.core.codes.markPrinted(actor, job.codeIds, {})).toThrow(expect.objectContaining({ reason: 'print.stale' }));
    expect(live({ classId: class7b }).every((c) => c.printCount === 0)).toBe(true);
  });

  // Codes are random, so the look-up is pinned to codes of each shape: with digits, with 0 as the
  // only digit (typed as the letter O it has none left), and without any digit (one code in forty).
  const SHAPES = [
    ['with digits', 'k7m2x9q4t'],
    ['with 0 as its only digit', 'fczg0jkmz'],
    ['without a digit', 'fczgrjkmz'],
    ['all digits, as drawn before they were ruled out', '433960553'],
  ] as const;
  it.each(SHAPES)(
    'finds whose a code is (%s) when it is typed into the search box, forgivingly, and audits the look-up',
    async (_shape, data) => {
      t.core.codes.issue(actor, { classId: class6a }, { audience: 'all', onlyMissing: true });
      const issued = live({ classId: class6a }).find((c) => c.relation === 'mother' && c.studentName.startsWith('Иванов Пётр'))!;
      const clean = data + checkSymbol(data);
      t.core.db.prepare('UPDATE invitation_codes SET code = ? WHERE id = ?').run(clean, issued.id);
      const mother = { ...issued, code: formatCode(clean) };
      await t.core.auth.signIn('desk', 'curator', CURATOR.password);
      // As a parent might read it out: upper case, spaces instead of hyphens, O for 0.
      const typed = mother.code.toUpperCase().replaceAll('-', ' ').replaceAll('0', 'O');
      const r = await t.dispatch('searchPeople', { query: typed }, 'desk');
      expect(r).toMatchObject({
        ok: true,
        value: {
          code: { code: mother.code, kind: 'parent', guardianName: 'Иванова Мария Петровна', state: 'active' },
          hits: [{ fullName: 'Иванова Мария Петровна', kind: 'guardian' }],
        },
      });
      const row = t.core.audit.page({ action: 'codes.lookup' }, 1, 0).rows[0]!;
      expect(row.details).toMatchObject({ codeId: mother.id, codeEnd: mother.code.slice(-3) });
      // Typed at the desk with the Russian layout still on.
      const onRussianKeys = [...mother.code].map((c) => LATIN_TO_RUSSIAN_KEY[c] ?? c).join('');
      expect(await t.dispatch('searchPeople', { query: onRussianKeys }, 'desk')).toMatchObject({
        ok: true,
        value: { code: { code: mother.code } },
      });
      expect(await t.dispatch('searchPeople', { query: mother.code }, 'desk')).toMatchObject({
        ok: true,
        value: { code: { code: mother.code } },
      });
      // One symbol wrong: the check symbol says so instead of finding someone else.
      const last = mother.code.at(-1)!;
      const wrong = mother.code.slice(0, -1) + (last === 'a' ? 'b' : 'a');
      expect(await t.dispatch('searchPeople', { query: wrong }, 'desk')).toMatchObject({
        ok: true,
        value: { codeProblem: expect.stringContaining('введён с ошибкой'), hits: [] },
      });
      // Nor is a name whose letters all look like code symbols (Карасева Ек → karaceba ek, ten symbols).
      await t.core.roster.importFile(
        actor,
        Buffer.from(`${CSV.split('\n')[0]}\n8В;Карасева;Екатерина;Олеговна;03.04.2012;Ж;;;;;;`, 'utf8'),
        'more.csv',
      );
      const lookalike = await t.dispatch('searchPeople', { query: 'Карасева Ек' }, 'desk');
      expect(lookalike).toMatchObject({ ok: true, value: { hits: [{ fullName: 'Карасева Екатерина Олеговна' }] } });
      expect('codeProblem' in (lookalike as { value: object }).value).toBe(false);
      // A name is never mistaken for a code.
      const byName = await t.dispatch('searchPeople', { query: 'Иванов Пётр' }, 'desk');
      const value = (byName as { ok: true; value: { hits: { fullName: string }[] } }).value;
      expect(value.hits[0]!.fullName).toBe('Иванов Пётр Сергеевич');
      expect('code' in value || 'codeProblem' in value).toBe(false);
      // Nor is a surname with a class; a code problem shows only when nobody matches.
      const withClass = await t.dispatch('searchPeople', { query: 'иванова 6а' }, 'desk');
      expect((withClass as { value: { hits: { fullName: string }[] } }).value.hits[0]).toMatchObject({
        fullName: 'Иванова Анна Сергеевна',
      });
      expect('codeProblem' in (withClass as { value: object }).value).toBe(false);
      // Ten digits that pass the check symbol but are no code on file: a phone number nobody has.
      expect(isValidCode('9000158387')).toBe(true);
      const phone = await t.dispatch('searchPeople', { query: '9000158387' }, 'desk');
      expect(phone).toMatchObject({ ok: true, value: { hits: [], total: 0 } });
      expect('codeProblem' in (phone as { value: object }).value).toBe(false);
      expect(await t.dispatch('searchPeople', { query: 'k7m2-x9q-4uz' }, 'desk')).toMatchObject({
        ok: true,
        value: { codeProblem: expect.stringContaining('«u»'), hits: [] },
      });
    },
  );
});
