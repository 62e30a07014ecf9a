// Self-service recovery on both engines, through the pages: forgot login (birth date of the person or
// of a parent's child, confirmed contacts only), the reset link (GET shows, POST uses up, single use,
// an hour), SMS (hidden digits, 6-digit code, 5 tries), the hourly cap, phone confirmation, what the
// office learns. The picture, the delays per network and what messages say: recovery-limits.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChanges } from '../../../src-portal/changes/log.ts';
import { Change } from '../../../src-shared/sync/protocol.ts';
import { open } from '../../../src-portal/mail/crypto.ts';
import { ENGINES } from '../../support/portal.ts';
import { makeSchool, type TestSchool } from '../../support/portal-school.ts';
import { seedFamily } from '../../support/portal-roster.ts';
import { addAccount } from '../../support/portal-accounts.ts';
import type { PortalClient } from '../../support/portal-client.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { LOOSE_NETWORK as POLICY, newPhone } from '../../support/portal-recovery.ts';

const NEW_PASSWORD = 'новый пароль у моря';

describe.each(ENGINES)('recovery on %s', (engine) => {
  let s: TestSchool;
  let n = 0;
  beforeAll(async () => {
    s = await makeSchool(engine, { portal: { captcha: false, recoveryPolicy: POLICY } });
    await s.portal.schools.updateSettings(s.portal.db, s.schoolId, {
      curatorContact: 'Смирнова О. П., каб. 204',
      deputyContact: 'Орлова И. В., +7 495 123-45-68',
      supportHours: 'пн–пт 9:00–17:00',
    });
  });
  afterAll(() => s.close());

  /** A parent with a confirmed email (and phone, if asked) and a child born 15.03.2014. */
  async function parent(o: { email?: string | null; emailConfirmed?: boolean; phone?: string | null; phoneConfirmed?: boolean } = {}) {
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId);
    const login = `rec${++n}.${engine}`;
    const email = o.email === undefined ? `${login}@mail.ru` : o.email;
    const id = await addAccount(s.portal.db, {
      schoolId: s.schoolId,
      personUid: f.guardianUid,
      login,
      email,
      emailConfirmed: o.emailConfirmed,
      phone: o.phone ?? null,
      phoneConfirmed: o.phoneConfirmed,
      children: [f.studentUid],
    });
    return { id, login, email, family: f };
  }

  const queued = async (to: string) => {
    const rows = await s.portal.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', to)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      kind: r.kind,
      channel: r.channel,
      ...(JSON.parse(open(s.portal.secrets.derive('mail-outbox'), r.body!)) as { text: string }),
    }));
  };

  const recoveryChanges = async (accountId: string) =>
    (await readChanges(s.portal.db, s.schoolId, 0, 100_000))
      .map((c) => Change.parse({ cursor: c.cursor, ...c.payload }))
      .filter((c): c is Extract<Change, { type: 'recovery' }> => c.type === 'recovery' && c.accountUid === accountId);

  /** Posts a form that goes through: its answer is a 303 to the result page, which this returns. */
  const submit = async (c: PortalClient, path: string, fields: Record<string, string>) => {
    const r = await c.post(path, fields);
    expect(r.status, path).toBe(303);
    return c.follow();
  };

  const forgotLogin = async (c: PortalClient, f: Record<string, string>) => {
    await c.get('/recover/login');
    return c.post('/recover/login', { email: '', phone: '', ...f });
  };

  it('the sign-in page links to /recover, which offers the three choices', async () => {
    const c = s.client();
    const login = await c.get('/login');
    expect(login.body).toContain('href="/s/1399/recover">Забыли логин или пароль?</a>');
    const page = await c.get('/recover');
    expect(page.status).toBe(200);
    for (const [href, text] of [
      ['/recover/login', 'Я не помню логин'],
      ['/recover/password', 'Я не помню пароль'],
      ['/recover/both', 'Я не помню логин и пароль'],
    ])
      expect(page.body).toContain(`href="/s/1399${href}">${text}</a>`);
  });

  it('forgot login: «one of the two is enough» is said under the phone, after both fields, not under the email alone', async () => {
    const page = await s.client('198.51.100.19').get('/recover/login');
    const hint = t.portal.recover.login.contactHint;
    expect(page.body).toMatch(new RegExp(`<input[^>]*id="f-phone"[^>]*aria-describedby="f-phone-hint"`));
    expect(page.body).toContain(`<p class="hint" id="f-phone-hint">${hint}</p>`);
    expect(page.body).not.toContain('id="f-email-hint"');
  });

  it('forgot login: the login goes to the confirmed email only for the right birth date; both answers are the same page', async () => {
    const p = await parent();
    const c = s.client('198.51.100.20');
    const wrong = await forgotLogin(c, { email: p.email!, birth_date: '16.03.2014' });
    const right = await forgotLogin(c, { email: p.email!.toUpperCase(), birth_date: '15.03.2014' });
    expect(right.status).toBe(303);
    expect(wrong.status).toBe(303);
    expect(wrong.location).toBe(right.location);
    expect((await c.follow()).body).toContain('Если данные совпали, мы отправили логин');
    const mail = await queued(p.email!);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: 'login_reminder', channel: 'mail' });
    expect(mail[0]!.text).toContain(`Ваш логин: ${p.login}`);
    // The letter's link leads to signing in, not to the school's page for codes.
    expect(mail[0]!.text).toMatch(/^Вход на портал школы: https?:\/\/portal\.test\/s\/1399\/login$/m);
    const changes = await recoveryChanges(p.id);
    expect(changes).toEqual([
      expect.objectContaining({ action: 'login_reminder', channel: 'email', outcome: 'sent', network: 'ip:198.51.100.20' }),
    ]);
  });

  it('forgot login: a student by their own birth date; an unconfirmed email gets nothing; a confirmed phone gets an SMS', async () => {
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId, { student: { birthDate: '2013-01-02' } });
    const email = `student${++n}.${engine}@mail.ru`;
    await addAccount(s.portal.db, { schoolId: s.schoolId, personUid: f.studentUid, login: `st${n}.${engine}`, kind: 'student', email });
    await forgotLogin(s.client(), { email, birth_date: '2.1.2013' });
    expect((await queued(email)).map((m) => m.text)).toEqual([expect.stringContaining(`st${n}.${engine}`)]);

    const unconfirmed = await parent({ emailConfirmed: false });
    await forgotLogin(s.client(), { email: unconfirmed.email!, birth_date: '15.03.2014' });
    expect(await queued(unconfirmed.email!)).toEqual([]);

    const phone = newPhone('902');
    const byPhone = await parent({ email: null, phone, phoneConfirmed: true });
    await forgotLogin(s.client(), { phone: `8${phone.slice(2)}`, birth_date: '15.03.2014' });
    const sms = await queued(phone);
    expect(sms).toEqual([expect.objectContaining({ channel: 'sms', kind: 'login_reminder', to: phone })]);
    expect(sms[0]!.text).toContain(byPhone.login);
  });

  it('forgot login: refusals are on their fields (no contact, bad date) and say nothing about accounts', async () => {
    const c = s.client();
    const r = await forgotLogin(c, { birth_date: '31.02.2014' });
    expect(r.status).toBe(400);
    expect(r.error('email')).toContain('Укажите почту или мобильный телефон');
    // «почта или телефон» concerns both fields: the phone field is marked too, described by the same error.
    const phoneInput = /<input[^>]*name="phone"[^>]*>/.exec(r.body)![0];
    expect(phoneInput).toContain('aria-invalid="true"');
    expect(phoneInput).toContain('aria-describedby="f-email-error f-phone-hint"');
    expect(r.error('birth_date')).toContain('Такой даты не бывает'); // 31.02: whole, but no day of the calendar
    // The page's title says first that the form came back with mistakes (a screen reader reads it on arrival).
    expect(r.body).toMatch(/<title>Ошибка: Я не помню логин — Школа № 1399<\/title>/);
    expect((await c.get('/recover/login')).body).toMatch(/<title>Я не помню логин — Школа № 1399<\/title>/);
    const short = await forgotLogin(c, { email: 'someone@mail.ru', birth_date: '3.11.14' });
    expect(short.error('birth_date')).toContain('день, месяц и год');
    // Five digits are a typo in a form, not a spreadsheet's serial day (40973 would be 05.03.2012).
    const typo = await forgotLogin(c, { email: 'someone@mail.ru', birth_date: '40973' });
    expect(typo.status).toBe(400);
    expect(typo.error('birth_date')).toContain('день, месяц и год');
  });

  // Forgot both used to take two forms, two pictures and two letters: the login first, then a reset link for it.
  it('forgot both: one letter to the confirmed email with the login and a link for a new password; by SMS the login only', async () => {
    const p = await parent();
    const c = s.client('198.51.100.21');
    // The button says all the letter brings (it said «Прислать логин»).
    expect((await c.get('/recover/both')).body).toContain('>Прислать логин и ссылку для пароля</button>');
    const sent = await c.post('/recover/login', { email: p.email!, phone: '', birth_date: '15.03.2014', both: '1' });
    expect(sent.status).toBe(303);
    expect((await c.follow()).body).toContain('письмо с логином и ссылкой для нового пароля');
    const mail = await queued(p.email!);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain(`Ваш логин: ${p.login}`);
    const link = /^https?:\/\/portal\.test(\/s\/1399\/recover\/reset\?r=[A-Za-z0-9_-]{22})$/m.exec(mail[0]!.text)![1]!;
    const other = s.client('192.0.2.45');
    await other.get(link.slice('/s/1399'.length));
    expect((await other.follow()).body).toContain(p.login);
    const done = await submit(other, '/recover/reset', { password: NEW_PASSWORD, password2: NEW_PASSWORD });
    expect(done.title).toBe('Пароль изменён');
    expect((await recoveryChanges(p.id)).map((e) => [e.action, e.channel, e.outcome])).toEqual([
      ['login_reminder', 'email', 'sent'],
      ['reset_link', 'email', 'sent'],
      ['password_reset', 'email', 'done'],
    ]);

    const phone = newPhone('904');
    const byPhone = await parent({ email: null, phone, phoneConfirmed: true });
    await forgotLogin(s.client(), { phone, birth_date: '15.03.2014', both: '1' });
    const sms = await queued(phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text).toContain(byPhone.login);
  });

  // A family shares one address: the father's letter went out and the mother's was dropped by the
  // address's hourly limit («не отправлено: слишком много сообщений»), each account having its own letter.
  it('forgot login: accounts sharing an address or a phone get one message with every login', async () => {
    const email = `family${++n}.${engine}@mail.ru`;
    const mother = await parent({ email });
    const father = await parent({ email });
    await forgotLogin(s.client(), { email, birth_date: '15.03.2014' });
    const mail = await queued(email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain(`Ваши логины: ${mother.login}, ${father.login}`);
    for (const p of [mother, father]) {
      expect((await recoveryChanges(p.id)).map((e) => [e.action, e.outcome])).toEqual([['login_reminder', 'sent']]);
    }

    await s.client().get('/recover/both');
    await forgotLogin(s.client(), { email, birth_date: '15.03.2014', both: '1' });
    const both = (await queued(email)).find((m) => m.kind === 'reset_link')!;
    const links = [...both.text.matchAll(/^https?:\/\/portal\.test\/s\/1399(\/recover\/reset\?r=[A-Za-z0-9_-]{22})$/gm)].map((m) => m[1]!);
    expect(links).toHaveLength(2);
    const lines = both.text.split('\n');
    expect(lines[lines.findIndex((l) => l.endsWith(links[1]!)) - 1]).toBe(`Новый пароль для ${father.login} — по этой ссылке:`);
    const c = s.client();
    await c.get(links[1]!);
    expect((await c.follow()).body).toContain(father.login);

    const phone = newPhone('905');
    const a = await parent({ email: null, phone, phoneConfirmed: true });
    const b = await parent({ email: null, phone, phoneConfirmed: true });
    await forgotLogin(s.client(), { phone, birth_date: '15.03.2014' });
    const sms = await queued(phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text.startsWith(`Школа № 1399. Логины в электронном журнале: ${a.login}, ${b.login}. `), sms[0]!.text).toBe(true);
  });

  it('forgot login: a birth date typed on a phone keypad, with commas or without separators, is read', async () => {
    const p = await parent();
    await forgotLogin(s.client(), { email: p.email!, birth_date: '15,03,2014' });
    await forgotLogin(s.client(), { email: p.email!, birth_date: '15032014' });
    expect((await queued(p.email!)).filter((m) => m.kind === 'login_reminder')).toHaveLength(2);
  });

  /** Asks for a reset link; returns the link's path (with the token) from the queued mail. */
  async function resetLink(c: PortalClient, login: string, email: string): Promise<string> {
    await c.get('/recover/password');
    const r = await c.post('/recover/password', { login });
    expect(r.status).toBe(303);
    const mail = (await queued(email)).filter((m) => m.kind === 'reset_link').at(-1)!;
    const link = /^(https?:\/\/portal\.test\/s\/1399\/recover\/reset\?r=[A-Za-z0-9_-]{22})$/m.exec(mail.text)![1]!;
    expect(mail.text.split('\n')[0]).toBe(link); // the link comes first
    expect(mail.text.match(/https?:\/\//g)).toHaveLength(2); // and nothing else to click but the school's address
    return link.slice(link.indexOf('/recover/'));
  }

  it('forgot password by email: GET shows the form only; the POST uses the link up, ends every session, tells every confirmed contact', async () => {
    const phone = newPhone('903');
    const p = await parent({ phone, phoneConfirmed: true });
    const asker = s.client('203.0.113.5');
    // Signed in elsewhere: that session ends with the reset.
    const elsewhere = s.client('203.0.113.9');
    await elsewhere.get('/login');
    expect((await elsewhere.post('/login', { login: p.login, password: 'старый пароль у реки' })).status).toBe(303);
    const path = await resetLink(asker, p.login, p.email!);
    // Another device opens the link: the token leaves the URL, the form is shown, nothing is used up.
    const other = s.client('192.0.2.44');
    expect((await other.get(path)).location).toBe('/s/1399/recover/reset');
    const form = await other.follow();
    expect(form.status).toBe(200);
    expect(form.body).toContain(p.login);
    expect((await other.get('/recover/reset')).status).toBe(200);
    const weak = await other.post('/recover/reset', { password: '123', password2: '123' });
    expect(weak.status).toBe(400);
    expect(weak.error('password')).toBeTruthy();
    const done = await submit(other, '/recover/reset', { password: NEW_PASSWORD, password2: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.title).toBe('Пароль изменён');
    expect(other.cookie('kurator_session')).toBeUndefined(); // not signed in
    expect((await elsewhere.get('/account')).location).toBe('/s/1399/login?need=1');
    // A second use of the same link fails.
    const again = s.client();
    await again.get(path);
    const second = await again.follow();
    expect(second.status).toBe(400);
    // Not the email confirmation's «войдите и отправьте письмо ещё раз»: this person forgot the password.
    expect(second.body).toContain(t.portal.recover.refusals.linkUsed);
    expect(second.body).not.toContain('Войдите');
    expect(second.body).toContain('href="/s/1399/recover/password"');
    // The new password works; the notices went to the email and the phone.
    const c = s.client();
    await c.get('/login');
    expect((await c.post('/login', { login: p.login, password: NEW_PASSWORD })).status).toBe(303);
    expect((await queued(p.email!)).map((m) => m.kind).sort()).toEqual(['password_changed', 'reset_link']);
    expect(await queued(phone)).toEqual([expect.objectContaining({ kind: 'password_changed', channel: 'sms' })]);
    expect((await recoveryChanges(p.id)).map((x) => [x.action, x.channel, x.outcome])).toEqual([
      ['reset_link', 'email', 'sent'],
      ['password_reset', 'email', 'done'],
    ]);
  });

  // «Мы отправили ссылку» was shown for an email typed as the login, and when no letter would come.
  it('forgot password: an email typed as the login is refused on its field; the sent page says what to check', async () => {
    const p = await parent();
    for (const path of ['/recover/password', '/recover/sms']) {
      const c = s.client();
      await c.get(path);
      const r = await c.post(path, { login: p.email! });
      expect(r.status, path).toBe(400);
      expect(r.error('login'), path).toContain('нужен логин');
    }
    expect(await queued(p.email!)).toEqual([]);
    const c = s.client();
    await c.get('/recover/password');
    const sent = await submit(c, '/recover/password', { login: p.login });
    expect(sent.body).toContain('Письмо не пришло');
    expect(sent.body).toContain('не чаще 3 раз в час');
  });

  // A link cut short in copying was taken for one used already («пароль уже сменили»).
  it('forgot password: a link cut short or mistyped says so, not that the password was changed', async () => {
    const p = await parent();
    const path = await resetLink(s.client(), p.login, p.email!);
    const cut = s.client();
    await cut.get(path.slice(0, -6));
    const cutPage = await cut.follow();
    expect(cutPage.body).toContain('Ссылка открылась не целиком');
    expect(cutPage.body).not.toContain('уже сменили');
    const typo = s.client();
    await typo.get(`${path.slice(0, -1)}${path.endsWith('A') ? 'B' : 'A'}`);
    const typoPage = await typo.follow();
    expect(typoPage.body).toContain('Ссылка не подошла');
    expect(typoPage.body).not.toContain('уже сменили');
  });

  // A parent who tried many wrong passwords, then set a new one by the link, was still told to wait.
  it('forgot password: the new password works at once, though the old ones were tried wrongly many times', async () => {
    const p = await parent();
    const c = s.client('203.0.113.60');
    await c.get('/login');
    for (let i = 0; i < 9; i++) await c.post('/login', { login: p.login, password: `не тот пароль ${i}` });
    const waiting = await c.post('/login', { login: p.login, password: 'старый пароль у реки' });
    expect(waiting.error('login')).toMatch(/Попробуйте ещё раз через/);
    const path = await resetLink(c, p.login, p.email!);
    await c.get(path);
    await c.follow();
    expect((await submit(c, '/recover/reset', { password: NEW_PASSWORD, password2: NEW_PASSWORD })).title).toBe('Пароль изменён');
    await c.get('/login');
    const signedIn = await c.post('/login', { login: p.login, password: NEW_PASSWORD });
    expect(signedIn.error('login')).toBeFalsy();
    expect(signedIn.status).toBe(303);
  });

  // A change of address waits for its link while the confirmed one stays. Someone who knew the password
  // could ask for their own address; the holder, told by the old one, resets the password through it —
  // and the intruder's link still made their address the account's, and recovery theirs.
  it('forgot password: a reset drops a change of address still waiting, with the sessions it came from', async () => {
    const p = await parent();
    const intruder = s.client('198.51.100.7');
    await intruder.get('/login');
    await intruder.post('/login', { login: p.login, password: 'старый пароль у реки' });
    await intruder.get('/account/email');
    expect((await intruder.post('/account/email', { email: 'intruder@mail.ru', password: 'старый пароль у реки' })).status).toBe(303);
    const c = s.client('203.0.113.61');
    const path = await resetLink(c, p.login, p.email!);
    await c.get(path);
    await c.follow();
    expect((await submit(c, '/recover/reset', { password: NEW_PASSWORD, password2: NEW_PASSWORD })).title).toBe('Пароль изменён');
    const letter = (await queued('intruder@mail.ru')).find((m) => m.kind === 'confirm_email')!;
    const confirm = s.client('198.51.100.7');
    await confirm.get(/(\/confirm\?t=[A-Za-z0-9_-]+)/.exec(letter.text)![1]!);
    const page = await confirm.follow();
    expect(page.status).toBe(400);
    expect(page.body).not.toContain('Подтвердить почту');
    const row = await s.portal.db
      .selectFrom('accounts')
      .select(['email', 'email_confirmed_at'])
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: p.email, email_confirmed_at: expect.any(Date) });
    await c.get('/login');
    await c.post('/login', { login: p.login, password: NEW_PASSWORD });
    expect((await c.get('/account')).body).not.toContain('Ожидает подтверждения');
  });

  it('forgot password: an expired link (over an hour) fails; unknown logins get the same page', async () => {
    const p = await parent();
    const c = s.client();
    const path = await resetLink(c, p.login, p.email!);
    s.clock.advance(61 * 60_000);
    await c.get(path);
    const expired = await c.follow();
    expect(expired.status).toBe(400);
    expect(expired.body).toContain(t.portal.recover.refusals.linkExpired);
    expect(expired.body).not.toContain('Войдите');
    expect(expired.body).toContain('href="/s/1399/recover/password"');
    await c.get('/recover/password'); // a page with a form, for the CSRF token
    const post = await c.post('/recover/reset', { password: NEW_PASSWORD, password2: NEW_PASSWORD });
    expect(post.status).toBe(400);
  });

  it('caps messages at a few an hour per person, with the same answer; the cap is recorded', async () => {
    const p = await parent();
    const pages: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = s.client(`198.51.100.${100 + i}`);
      await c.get('/recover/password');
      pages.push((await c.post('/recover/password', { login: p.login })).body);
    }
    expect(new Set(pages).size).toBe(1);
    expect((await queued(p.email!)).length).toBe(3);
    expect((await recoveryChanges(p.id)).map((x) => x.outcome)).toEqual(['sent', 'sent', 'sent', 'limited', 'limited']);
    s.clock.advance(61 * 60_000);
  });

  // One «forgot both» letter (login and link together) was counted twice against the hourly cap (a
  // login reminder and a reset link, both «sent»): the third letter in an hour never went out.
  it('forgot both: one letter counts once against the hourly cap, whose answer is the same page', async () => {
    const p = await parent();
    const pages: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = s.client(`198.51.100.${140 + i}`);
      await c.get('/recover/both');
      pages.push((await c.post('/recover/login', { email: p.email!, phone: '', birth_date: '15.03.2014', both: '1' })).body);
    }
    expect(new Set(pages).size).toBe(1);
    expect(await queued(p.email!)).toHaveLength(3);
    const events = await recoveryChanges(p.id);
    for (const action of ['login_reminder', 'reset_link'])
      expect(events.filter((x) => x.action === action).map((x) => x.outcome)).toEqual(['sent', 'sent', 'sent', 'limited']);
    s.clock.advance(61 * 60_000);
  });

  // «Мы отправили письмо с логином и ссылкой» was shown after the hourly cap had sent nothing. The answer
  // must stay the same whether anything was sent (or anyone could learn which logins exist), so what it
  // says must be true in every case: the cap is part of the very notice that speaks of sending.
  it('past the hourly cap, the notices of forgot both, login and password do not promise a message', async () => {
    const p = await parent();
    const notice = (body: string) => /<div class="notice ok" role="status"><p>([^<]*)<\/p>/.exec(body)![1]!;
    const notices: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = s.client(`198.51.100.${150 + i}`);
      await c.get('/recover/both');
      notices.push(notice((await submit(c, '/recover/login', { email: p.email!, phone: '', birth_date: '15.03.2014', both: '1' })).body));
    }
    const c = s.client('198.51.100.160');
    await c.get('/recover/login');
    const login = notice((await submit(c, '/recover/login', { email: p.email!, phone: '', birth_date: '15.03.2014' })).body);
    await c.get('/recover/password');
    const password = notice((await submit(c, '/recover/password', { login: p.login })).body);
    expect(await queued(p.email!)).toHaveLength(3); // the last three sent nothing
    for (const text of [notices[3]!, login, password]) {
      expect(text).toMatch(/^Если /); // a condition, never «мы отправили» alone
      expect(text).toContain('не чаще 3 раз в час');
    }
    s.clock.advance(61 * 60_000);
  });

  // Back from «Проверьте почту» (or a reload) sent the form again: the browser asked to resubmit it, and a
  // second letter went out (or the used picture was refused). After a POST that went through, a 303 to a
  // page of its own (GET): Back and Reload only show it again.
  it('a recovery form that went through answers 303 to its result page, which Back and Reload only show again', async () => {
    const p = await parent();
    const c = s.client('198.51.100.170');
    const steps = [
      ['/recover/both', '/recover/login', { email: p.email!, phone: '', birth_date: '15.03.2014', both: '1' }, '/recover/both/sent'],
      ['/recover/login', '/recover/login', { email: p.email!, phone: '', birth_date: '15.03.2014' }, '/recover/login/sent'],
      ['/recover/password', '/recover/password', { login: p.login }, '/recover/password/sent'],
    ] as const;
    for (const [form, action, fields, result] of steps) {
      await c.get(form);
      const posted = await c.post(action, fields);
      expect(posted.status, form).toBe(303);
      expect(posted.location, form).toBe(`/s/1399${result}`);
      const page = await c.follow();
      expect(page.status, form).toBe(200);
      expect(page.body, form).toContain('<div class="notice ok" role="status">');
      expect((await c.get(result)).body, form).toBe(page.body); // Reload (or Back): the same page, no form sent
    }
    expect(await queued(p.email!)).toHaveLength(3); // one message per form sent, none for the reloads
    // An unknown login goes to the very same place.
    await c.get('/recover/password');
    expect((await c.post('/recover/password', { login: `nobody.${engine}` })).location).toBe('/s/1399/recover/password/sent');

    // Any of the links sent (the messages of one instant come in no set order).
    const link = (await queued(p.email!)).map((m) => /(\/recover\/reset\?r=[A-Za-z0-9_-]{22})$/m.exec(m.text)?.[1]).find(Boolean)!;
    await c.get(link);
    await c.follow();
    const done = await c.post('/recover/reset', { password: NEW_PASSWORD, password2: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/s/1399/recover/reset/done');
    expect((await c.follow()).title).toBe('Пароль изменён');
    expect((await c.get('/recover/reset/done')).title).toBe('Пароль изменён');
    // Opened by anyone else, the page would say «Пароль изменён» of nothing: it leads to signing in instead.
    expect((await s.client().get('/recover/reset/done')).location).toBe('/s/1399/login');
    s.clock.advance(61 * 60_000);
  });

  // Reload on «Код из SMS» sent the hidden digits again, and another SMS went out (one of the three an
  // hour). The SMS steps that went through answer 303 too; the sealed step waits in the stash cookie
  // (as a reset link's token does), and the pages put it back into the forms' `step` field.
  it('the SMS path answers 303 to the digits and code pages (GET): Back and Reload send no second SMS', async () => {
    const phone = newPhone('908');
    const p = await parent({ email: null, phone, phoneConfirmed: true });
    const c = s.client('198.51.100.180');
    await c.get('/recover/sms');
    const started = await c.post('/recover/sms', { login: p.login });
    expect(started.status).toBe(303);
    expect(started.location).toBe('/s/1399/recover/sms/digits');
    const digits = await c.follow();
    expect(digits.status).toBe(200);
    expect(digits.body).toContain(`+7 908 •••-••-${phone.slice(-2)}`);
    expect((await c.get('/recover/sms/digits')).body).toBe(digits.body.replace(digits.csrf()!, c.last!.csrf()!)); // Reload
    const sent = await c.post('/recover/sms/digits', { step: digits.value('step')!, digits: phone.slice(5, 10) });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe('/s/1399/recover/sms/code');
    const code = await c.follow();
    expect(code.status).toBe(200);
    expect(code.body).toContain('Мы отправили код по SMS');
    await c.get('/recover/sms/code'); // Reload
    expect(await queued(phone)).toHaveLength(1); // one SMS, not one per reload
    const six = /(\d{6})/.exec((await queued(phone))[0]!.text)![1]!;
    expect((await c.post('/recover/sms/code', { step: code.value('step')!, code: six })).location).toBe('/s/1399/recover/reset');
    // Without the stash (another browser, or its ten minutes gone) the steps start over.
    const other = s.client('198.51.100.181');
    expect((await other.get('/recover/sms/digits')).location).toBe('/s/1399/recover/sms');
    expect((await other.get('/recover/sms/code')).location).toBe('/s/1399/recover/sms');
  });

  it('forgot password by SMS: the masked phone, wrong digits, a code, wrong code five times, then the right path', async () => {
    const phone = newPhone('904');
    const p = await parent({ email: null, phone, phoneConfirmed: true });
    const c = s.client('198.51.100.77');
    await c.get('/recover/sms');
    const digits = await submit(c, '/recover/sms', { login: p.login });
    expect(digits.status).toBe(200);
    expect(digits.body).toContain(`+7 904 •••-••-${phone.slice(-2)}`);
    const step = digits.value('step')!;
    const wrong = await c.post('/recover/sms/digits', { step, digits: '00000' });
    expect(wrong.status).toBe(400);
    expect(wrong.error('digits')).toContain('не совпадают');
    expect(await queued(phone)).toEqual([]);
    const code = await submit(c, '/recover/sms/digits', { step, digits: phone.slice(5, 10) });
    expect(code.status).toBe(200);
    const sent = (await queued(phone)).at(-1)!;
    const six = /(\d{6})/.exec(sent.text)![1]!;
    const bad = six === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 5; i++) {
      const r = await c.post('/recover/sms/code', { step, code: bad });
      expect(r.status).toBe(400);
      expect(r.error('code')).toContain(i < 5 ? `Осталось ${5 - i}` : 'больше не действует');
    }
    // Six wrong tries on the account (the digits and five codes): the next one waits.
    expect((await c.post('/recover/sms/code', { step, code: six })).status).toBe(429);
    s.clock.advance(60_000);
    // Even the right code is refused now: the code was used up by wrong tries.
    const usedUp = await c.post('/recover/sms/code', { step, code: six }, { csrf: code.csrf()! });
    expect(usedUp.error('code'), usedUp.body.slice(0, 3000)).toContain('больше не действует');
    // A new code, typed right: on to the new password.
    s.clock.advance(20 * 60_000); // past the growing delay after five wrong tries
    await c.post('/recover/sms', { login: p.login }, { csrf: digits.csrf()! });
    const codePage = await submit(c, '/recover/sms/digits', { step: (await c.follow()).value('step')!, digits: phone.slice(5, 10) });
    const fresh = /(\d{6})/.exec((await queued(phone)).at(-1)!.text)![1]!;
    const ok = await c.post('/recover/sms/code', { step: codePage.value('step')!, code: fresh });
    expect(ok.location).toBe('/s/1399/recover/reset');
    const form = await c.follow();
    expect(form.status).toBe(200);
    expect((await submit(c, '/recover/reset', { password: NEW_PASSWORD, password2: NEW_PASSWORD })).title).toBe('Пароль изменён');
    const events = (await recoveryChanges(p.id)).map((x) => `${x.action}/${x.channel}/${x.outcome}`);
    expect(events).toEqual([
      'sms_digits/sms/wrong',
      'sms_code/sms/sent',
      ...Array(4).fill('sms_code/sms/wrong'),
      'sms_code/sms/exhausted',
      'sms_code/sms/sent',
      'password_reset/sms/done',
    ]);
  });

  it('an unknown login on the SMS path shows a made-up masked phone, the same for every try, whose digits never match', async () => {
    const c = s.client();
    await c.get('/recover/sms');
    const first = await submit(c, '/recover/sms', { login: `nobody.${engine}` });
    await c.get('/recover/sms');
    const again = await submit(c, '/recover/sms', { login: `nobody.${engine}` });
    const masked = (page: string) => /\+7 9\d\d •••-••-\d\d/.exec(page)![0];
    expect(masked(first.body)).toBe(masked(again.body));
  });

  it('the help page names the curator and the deputy director with their contacts and hours', async () => {
    const page = await s.client().get('/recover/help');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Смирнова О. П., каб. 204');
    // Phone numbers are kept on one line (a span the stylesheet does not let wrap).
    expect(page.body).toContain('Заместитель директора: Орлова И. В., <span class="phone">+7 495 123-45-68</span>');
    expect(page.body).toContain('пн–пт 9:00–17:00');
  });

  it('confirms a phone on the account page with a 6-digit SMS code; the office learns it', async () => {
    const p = await parent();
    const c = s.client();
    await c.get('/login');
    await c.post('/login', { login: p.login, password: 'старый пароль у реки' });
    expect((await c.get('/account')).body).toContain('href="/s/1399/account/phone"');
    await c.get('/account/phone');
    const phone = newPhone('905');
    const page = await c.post('/account/phone', { phone: `8 ${phone.slice(2)}` });
    expect(page.status).toBe(200);
    const code = /(\d{6})/.exec((await queued(phone)).at(-1)!.text)![1]!;
    expect((await c.post('/account/phone/confirm', { code: code === '000000' ? '111111' : '000000' })).error('code')).toContain(
      'Осталось 4',
    );
    const done = await c.post('/account/phone/confirm', { code });
    expect(done.location).toBe('/s/1399/account?done=phone');
    expect((await c.follow()).body).toContain('подтверждён');
    const acc = await s.portal.db.selectFrom('accounts').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(acc.phone).toBe(phone);
    expect(acc.phone_confirmed_at).not.toBeNull();
    // Changing it later, the form shows the number as people write it, not as it is stored.
    expect((await c.get('/account/phone')).value('phone')).toBe(`+7 905 ${phone.slice(5, 8)}-${phone.slice(8, 10)}-${phone.slice(10)}`);
    const last = (await readChanges(s.portal.db, s.schoolId, 0, 100_000))
      .map((x) => x.payload)
      .filter((x) => x.uid === p.id)
      .at(-1);
    expect(last).toMatchObject({ phone, phoneConfirmed: true });
  });
});
