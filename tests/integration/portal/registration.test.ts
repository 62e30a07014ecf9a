// Registration by invitation code, through the pages, on both engines: a student, a parent on file with
// a second child's code, a parent of a code issued while no parent was on file — and what the office
// learns from each (the change log, parsed with the protocol's schemas).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChanges } from '../../../src-portal/changes/log.ts';
import { accountChange } from '../../../src-portal/accounts/changes.ts';
import { Change } from '../../../src-shared/sync/protocol.ts';
import { verifyPassword } from '../../../src-node/passwords.ts';
import { ENGINES } from '../../support/portal.ts';
import { makeSchool, type TestSchool } from '../../support/portal-school.ts';
import { addCode, seedFamily } from '../../support/portal-roster.ts';
import type { PortalClient } from '../../support/portal-client.ts';

const PASSWORD = 'тёплый вечер у реки';

async function changes(s: TestSchool) {
  return (await readChanges(s.portal.db, s.schoolId, 0, 1000)).map((c) => Change.parse({ cursor: c.cursor, ...c.payload }));
}

/** The account change a registration logged (built from what it wrote) is the account as read back. */
async function expectAsReadBack(s: TestSchool, logged: Change, accountId: string) {
  const { cursor: _cursor, ...body } = logged;
  expect(body).toEqual((await accountChange(s.portal.db, accountId)).change);
}

/** Opens the QR link of a code and lands on the account form. */
async function openSlip(c: PortalClient, printed: string) {
  const first = await c.get(`/hello?code=${printed}`);
  expect(first.status).toBe(303);
  expect(first.location).toBe('/s/1399/hello');
  return c.follow();
}

describe.each(ENGINES)('registration on %s', (engine) => {
  let s: TestSchool;
  beforeAll(async () => {
    s = await makeSchool(engine);
  });
  afterAll(() => s.close());

  it('registers a student from the QR link: whom the code is for, a free login offered, then «what next»', async () => {
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId, {
      student: { surname: 'Петрова', name: 'Анна', birthDate: '2013-05-02' },
    });
    const c = s.client();
    const form = await openSlip(c, f.studentCode.printed);
    expect(form.status).toBe(200);
    expect(form.body).toContain('Ученику (6А)');
    expect(form.body).toContain('Анна\u00a0П.');
    expect(form.body).not.toContain('Петрова');
    expect(form.value('login')).toBe('petrova.anna');
    expect(form.body).toMatch(/name="password"[^>]*autocomplete="new-password"|autocomplete="new-password"[^>]*name="password"/);
    expect(form.body).not.toContain('name="full_name"');
    expect(form.body).not.toContain('name="other_code"');
    // A child is not asked to tick a consent box: the parents give it, the school collects it.
    expect(form.body).not.toContain('name="consent"');
    expect(form.body).toContain('с согласия ваших родителей');
    expect(form.body).toContain('href="/s/1399/privacy"');
    const done = await c.post('/register', {
      code: f.studentCode.printed,
      login: 'petrova.anna',
      password: PASSWORD,
      password2: PASSWORD,
      email: '',
      phone: '',
    });
    expect(done.status, done.error('login') ?? done.body.slice(0, 300)).toBe(303);
    expect(done.location).toBe('/s/1399/welcome');
    const welcome = await c.follow();
    expect(welcome.title).toBe('Вы зарегистрированы');
    expect(welcome.body).toContain('petrova.anna');
    expect(welcome.body).toContain('Вы не указали почту');

    const account = await s.portal.db.selectFrom('accounts').selectAll().where('login', '=', 'petrova.anna').executeTakeFirstOrThrow();
    expect(account).toMatchObject({ kind: 'student', person_uid: f.studentUid, email: null });
    expect(await verifyPassword(PASSWORD, account.password_hash)).toBe(true);
    const code = await s.portal.db
      .selectFrom('invitation_codes')
      .selectAll()
      .where('uid', '=', f.studentCode.uid)
      .executeTakeFirstOrThrow();
    expect(code.redeemed_by).toBe(account.id);
    const log = (await changes(s)).filter(
      (x) => ('uid' in x && x.uid === account.id) || ('accountUid' in x && x.accountUid === account.id),
    );
    expect(log.map((x) => x.type)).toEqual(['account', 'redemption']);
    expect(log[0]).toMatchObject({ login: 'petrova.anna', kind: 'student', personUid: f.studentUid, childUids: [], emailConfirmed: false });
    await expectAsReadBack(s, log[0]!, account.id);
    expect(log[1]).toMatchObject({ codeUid: f.studentCode.uid, login: 'petrova.anna' });
  });

  it('says, before the form, that registering on a device where someone is signed in switches to the new account', async () => {
    const mother = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId, { guardian: { surname: 'Орлова', name: 'Вера' } });
    const c = s.client();
    await openSlip(c, mother.parentCode.printed);
    const first = { code: mother.parentCode.printed, login: 'orlova.vera', password: PASSWORD, password2: PASSWORD, consent: 'yes' };
    expect((await c.post('/register', { ...first, email: 'orlova@mail.ru' })).status).toBe(303);
    // The child registers on the mother's phone with the student code: the form says whose session ends,
    // and points the mother to «Дети» for a child's code.
    const form = await openSlip(c, mother.studentCode.printed);
    expect(form.status).toBe(200);
    const notice = /data-notice="signed-in">([\s\S]*?)<\/div>/.exec(form.body)?.[1] ?? '';
    expect(notice).toContain('вход как orlova.vera');
    expect(notice).toContain('из orlova.vera вы выйдете');
    expect(form.body).toContain('href="/s/1399/children"');
    // Nobody signed in: no notice.
    const fresh = await openSlip(s.client(), (await seedFamily(s.portal.db, s.portal.secrets, s.schoolId)).studentCode.printed);
    expect(fresh.body).not.toContain('data-notice="signed-in"');

    // Her own other child's code, while she is signed in: one button adds the child — no login and
    // password asked again (a new user's trial).
    const sibling = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId, { className: '3В' });
    await s.portal.db
      .insertInto('roster_links')
      .values({
        school_id: s.schoolId,
        guardian_uid: mother.guardianUid,
        student_uid: sibling.studentUid,
        relation: 'mother',
        removed_at: null,
      })
      .execute();
    const second = await addCode(s.portal.db, s.portal.secrets, s.schoolId, {
      kind: 'parent',
      studentUid: sibling.studentUid,
      guardianUid: mother.guardianUid,
    });
    const mine = await s.client();
    await openSlip(mine, mother.parentCode.printed); // a fresh device: sign in as the mother
    expect((await mine.post('/login', { login: 'orlova.vera', password: PASSWORD })).status).toBe(303);
    const own = await openSlip(mine, second.printed);
    expect(own.body).toContain('Вы вошли как orlova.vera');
    expect(own.body).not.toContain('name="password"');
    const added = await mine.post('/children', { code: second.printed });
    expect(added.status).toBe(303);
    expect((await mine.follow()).body).toContain('Ребёнок добавлен');
  });

  it('registers a parent on file with a second child’s code, and queues the confirmation mail', async () => {
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId, { guardian: { surname: 'Сидорова', name: 'Ольга' } });
    const sibling = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId, { className: '2Б' });
    // The second child's code of the same mother (the office issues one per guardian and child).
    await s.portal.db
      .insertInto('roster_links')
      .values({ school_id: s.schoolId, guardian_uid: f.guardianUid, student_uid: sibling.studentUid, relation: 'mother', removed_at: null })
      .execute();
    const second = await addCode(s.portal.db, s.portal.secrets, s.schoolId, {
      kind: 'parent',
      studentUid: sibling.studentUid,
      guardianUid: f.guardianUid,
    });
    const c = s.client();
    const form = await openSlip(c, f.parentCode.printed);
    expect(form.body).toContain('Родителям (6А)');
    expect(form.body).toContain('Ребёнок: Мария\u00a0И.');
    expect(form.value('login')).toBe('sidorova.olga');
    expect(form.body).toContain('У меня есть ещё один пригласительный код');
    expect(form.body).toMatch(/<details class="more">/);
    const done = await c.post('/register', {
      code: f.parentCode.printed,
      login: 'sidorova.olga',
      password: PASSWORD,
      password2: PASSWORD,
      email: 'Sidorova@Mail.ru',
      phone: '8 (902) 170-28-76',
      other_code: [second.printed.toUpperCase(), ''],
      consent: 'yes',
    });
    expect(done.status, done.body.slice(0, 500)).toBe(303);
    const account = await s.portal.db.selectFrom('accounts').selectAll().where('login', '=', 'sidorova.olga').executeTakeFirstOrThrow();
    expect(account).toMatchObject({ kind: 'parent', person_uid: f.guardianUid, email: 'sidorova@mail.ru', phone: '+79021702876' });
    const kids = await s.portal.db.selectFrom('account_children').select('student_uid').where('account_id', '=', account.id).execute();
    expect(kids.map((k) => k.student_uid).sort()).toEqual([f.studentUid, sibling.studentUid].sort());
    const mail = await s.portal.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'sidorova@mail.ru').execute();
    expect(mail.map((m) => m.kind)).toEqual(['confirm_email']);
    const welcome = await c.follow();
    expect(welcome.body).toContain('sidorova@mail.ru');
    expect(welcome.body).toContain('Откройте его и нажмите на ссылку');
    // The link says what it does («…на странице «Дети». Дети» read the page's name twice).
    expect(welcome.body).toMatch(/на странице «Дети»[^<]*<a href="\/s\/1399\/children">Добавить ребёнка<\/a>/);
    const log = (await changes(s)).filter(
      (x) => ('uid' in x && x.uid === account.id) || ('accountUid' in x && x.accountUid === account.id),
    );
    expect(log.map((x) => x.type)).toEqual(['account', 'redemption', 'redemption']);
    expect(log[0]).toMatchObject({ kind: 'parent', email: 'sidorova@mail.ru', phone: '+79021702876' });
    expect(log[0]!.type === 'account' && [...log[0]!.childUids].sort()).toEqual([f.studentUid, sibling.studentUid].sort());
    await expectAsReadBack(s, log[0]!, account.id);
  });

  it('asks the full name when the code was issued while no parent was on file, and tells the office of the new guardian', async () => {
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId, { student: { surname: 'Ковалёв', name: 'Егор' } });
    const orphan = await addCode(s.portal.db, s.portal.secrets, s.schoolId, {
      kind: 'parent',
      studentUid: f.studentUid,
      guardianUid: null,
    });
    const c = s.client();
    const form = await openSlip(c, orphan.printed);
    expect(form.body).toContain('name="full_name"');
    expect(form.body).toMatch(/name="full_name"[^>]*autocomplete="name"|autocomplete="name"[^>]*name="full_name"/);
    const fields = {
      code: orphan.printed,
      login: '',
      password: PASSWORD,
      password2: PASSWORD,
      email: 'kovaleva@yandex.ru',
      phone: '',
      consent: 'yes',
    };
    const missing = await c.post('/register', { ...fields, full_name: '' });
    expect(missing.status).toBe(400);
    expect(missing.error('full_name')).toContain('фамилию, имя');
    const named = await c.post('/register', { ...fields, full_name: 'ковалёва ирина олеговна' });
    expect(named.status).toBe(400);
    expect(named.value('login')).toBe('kovaleva.irina'); // offered once the name is known
    const done = await c.post('/register', { ...fields, full_name: 'ковалёва ирина олеговна', login: 'kovaleva.irina' });
    expect(done.status, done.body.slice(0, 500)).toBe(303);
    const account = await s.portal.db.selectFrom('accounts').selectAll().where('login', '=', 'kovaleva.irina').executeTakeFirstOrThrow();
    const person = await s.portal.db
      .selectFrom('roster_people')
      .selectAll()
      .where('uid', '=', account.person_uid)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ kind: 'guardian', origin: 'portal', surname: 'Ковалёва', name: 'Ирина', patronymic: 'Олеговна' });
    const link = await s.portal.db.selectFrom('roster_links').selectAll().where('guardian_uid', '=', person.uid).executeTakeFirstOrThrow();
    expect(link.student_uid).toBe(f.studentUid);
    const all = await changes(s);
    const guardian = all.find((x) => x.type === 'guardian' && x.personUid === person.uid);
    expect(guardian).toMatchObject({ surname: 'Ковалёва', name: 'Ирина', patronymic: 'Олеговна', studentUid: f.studentUid });
    const accountAt = all.findIndex((x) => x.type === 'account' && x.uid === account.id);
    expect(all.indexOf(guardian!)).toBeLessThan(accountAt); // the office hears of the person first
  });
});
