// Signing in and the account pages: the session cookie, growing delays without a lock-out, signing
// out (here and everywhere), a new password ends other sessions, a new email is confirmed again and the
// old address is told; confirming an address takes a POST; what the office learns of each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChanges } from '../../../src-portal/changes/log.ts';
import { Change } from '../../../src-shared/sync/protocol.ts';
import { open } from '../../../src-portal/mail/crypto.ts';
import { ENGINES } from '../../support/portal.ts';
import { makeSchool, type TestSchool } from '../../support/portal-school.ts';
import { seedFamily } from '../../support/portal-roster.ts';
import type { PortalClient } from '../../support/portal-client.ts';
import { t } from '../../../src-shared/i18n/index.ts';

const PASSWORD = 'тёплый вечер у реки';

describe.each(ENGINES)('accounts on %s', (engine) => {
  let s: TestSchool;
  let n = 0;
  beforeAll(async () => {
    s = await makeSchool(engine);
  });
  afterAll(() => s.close());

  /** A parent registered through the pages; returns the login and the browser they registered in. */
  async function registered(email = 'parent@mail.ru'): Promise<{ login: string; c: PortalClient; accountId: string; code: string }> {
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId);
    const login = `parent${++n}.${engine}`;
    const c = s.client();
    await c.get(`/hello?code=${f.parentCode.printed}`);
    await c.follow();
    const r = await c.post('/register', {
      code: f.parentCode.printed,
      login,
      password: PASSWORD,
      password2: PASSWORD,
      email,
      consent: 'yes',
    });
    expect(r.status).toBe(303);
    const { id } = await s.portal.db.selectFrom('accounts').select('id').where('login', '=', login).executeTakeFirstOrThrow();
    return { login, c, accountId: id, code: f.parentCode.printed };
  }

  const signIn = async (c: PortalClient, login: string, password = PASSWORD) => {
    await c.get('/login');
    return c.post('/login', { login, password });
  };

  /** The last mail queued to an address, decrypted. */
  async function lastMail(to: string, kind?: string): Promise<{ subject: string; text: string; kind: string }> {
    let q = s.portal.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to);
    if (kind) q = q.where('kind', '=', kind);
    const row = await q.orderBy('created_at', 'desc').orderBy('id').executeTakeFirstOrThrow();
    const body = JSON.parse(open(s.portal.secrets.derive('mail-outbox'), row.body!)) as { subject: string; text: string };
    return { ...body, kind: row.kind };
  }

  const accountChanges = async (accountId: string) =>
    (await readChanges(s.portal.db, s.schoolId, 0, 10_000))
      .map((c) => Change.parse({ cursor: c.cursor, ...c.payload }))
      .filter((c) => c.type === 'account' && c.uid === accountId);

  it('signs in with a new HttpOnly, SameSite=Lax cookie on the school’s path; the account page shows the login and «Выйти», and no login field', async () => {
    const { login, accountId } = await registered();
    const c = s.client();
    const before = (await accountChanges(accountId)).length;
    s.clock.advance(60_000);
    const res = await signIn(c, login.toUpperCase());
    expect(res.status).toBe(303);
    expect(res.location).toBe('/s/1399/account');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((x) => x.startsWith('kurator_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/s\/1399(;|$)/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; see the https case below
    const value = c.cookie('kurator_session')!;
    expect(Buffer.from(value, 'base64url')).toHaveLength(16);
    const page = await c.follow();
    expect(page.title).toBe('Личный кабинет');
    expect(page.body).toContain(login);
    expect(page.body).toContain('>Выйти</button>');
    expect(page.body).not.toMatch(/name="login"/);
    expect(page.body).toContain('восстановить доступ самостоятельно');
    // A second sign-in gets a new session.
    const again = s.client();
    await signIn(again, login);
    expect(again.cookie('kurator_session')).not.toBe(value);
    const log = await accountChanges(accountId);
    expect(log.length).toBe(before + 2);
    expect(log.at(-1)).toMatchObject({ lastSignInAt: s.clock.now().toISOString() });
  });

  it('marks the session cookie Secure behind a TLS proxy', async () => {
    const { buildServer } = await import('../../../src-portal/http/server.ts');
    const { FEATURES } = await import('../../../src-portal/features.ts');
    const { login } = await registered();
    const server = await buildServer(s.portal, FEATURES, { trustProxy: true, requestsPerMinute: 1000 });
    try {
      const headers = { host: 'portal.test', 'x-forwarded-proto': 'https' };
      const page = await server.inject({ method: 'GET', url: '/s/1399/login', headers });
      const csrfCookie = ([] as string[])
        .concat(page.headers['set-cookie'] ?? [])
        .map((x) => x.split(';')[0])
        .join('; ');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const res = await server.inject({
        method: 'POST',
        url: '/s/1399/login',
        headers: { ...headers, cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, login, password: PASSWORD }).toString(),
      });
      expect(res.statusCode).toBe(303);
      const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((x) => x.startsWith('kurator_session='))!;
      expect(cookie).toMatch(/; Secure/);
      expect(res.headers['strict-transport-security']).toBeDefined();
    } finally {
      await server.close();
    }
  });

  it('slows down wrong passwords with growing delays per account and per network, and never locks the account', async () => {
    const { login } = await registered();
    const c = s.client('203.0.113.5');
    await c.get('/login');
    for (let i = 0; i < 5; i++)
      expect((await c.post('/login', { login, password: 'не тот пароль' })).error('login')).toBe('Неверный логин или пароль.');
    expect((await c.post('/login', { login, password: 'не тот пароль' })).status).toBe(401);
    // Six failures: the next try waits, even with the right password, from any network.
    const elsewhere = s.client('198.51.100.99');
    const waiting = await signIn(elsewhere, login);
    expect(waiting.status).toBe(429);
    expect(waiting.error('login')).toMatch(/Попробуйте ещё раз через 1 секунду/);
    s.clock.advance(1_000);
    expect((await c.post('/login', { login, password: 'не тот пароль' })).status).toBe(401);
    expect((await signIn(elsewhere, login)).error('login')).toContain('через 2 секунды');
    s.clock.advance(2_000);
    expect((await signIn(elsewhere, login)).status).toBe(303); // the right password still works
    // An unknown login is refused in the same words.
    expect((await signIn(s.client('198.51.100.98'), 'nobody.here')).error('login')).toBe('Неверный логин или пароль.');
    // An email address where the login goes is no login at all (none has an «@»): say so, count nothing.
    const email = await signIn(s.client('198.51.100.97'), 'someone@mail.ru');
    expect(email.status).toBe(400);
    expect(email.error('login')).toContain('нужен логин');
  });

  it('a sweep over many logins from one network slows that network down', async () => {
    const c = s.client('203.0.113.77');
    await c.get('/login');
    for (let i = 0; i < 50; i++) expect((await c.post('/login', { login: `sweep${i}`, password: 'x' })).status).toBe(401);
    expect((await c.post('/login', { login: 'sweep51', password: 'x' })).status).toBe(401);
    expect((await c.post('/login', { login: 'sweep52', password: 'x' })).status).toBe(429);
  });

  it('signs out here, or on every device', async () => {
    const { login, c } = await registered();
    const other = s.client();
    await signIn(other, login);
    await c.get('/account');
    const out = await c.post('/logout', {});
    expect(out.location).toBe('/s/1399/login?done=signed_out');
    expect((await c.get('/account')).location).toBe('/s/1399/login?need=1');
    expect((await other.get('/account')).status).toBe(200);
    const third = s.client();
    await signIn(third, login);
    await third.get('/account');
    expect((await third.post('/account/sessions', {})).location).toBe('/s/1399/login?done=signed_out_all');
    expect((await other.get('/account')).status).toBe(303);
    expect((await third.get('/account')).status).toBe(303);
  });

  it('lists the active sessions with their devices', async () => {
    const { login, c } = await registered();
    const desktop = s.client();
    Object.assign(desktop, {
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 YaBrowser/24.1',
    });
    await signIn(desktop, login);
    const page = await c.get('/account');
    expect(page.body).toContain('Chrome, Android');
    expect(page.body).toContain('Яндекс Браузер, Windows');
    expect(page.body).toContain('(это устройство)');
    expect(page.body).toContain('Выйти на всех устройствах');
    // In Moscow time (the portal's default zone), not the server's (UTC here): a parent read sign-ins 3 hours off.
    const msk = new Date(s.clock.now().getTime() + 3 * 3_600_000);
    const p2 = (n: number) => String(n).padStart(2, '0');
    const shown = `${p2(msk.getUTCDate())}.${p2(msk.getUTCMonth() + 1)}.${msk.getUTCFullYear()}, ${p2(msk.getUTCHours())}:${p2(msk.getUTCMinutes())}`;
    expect(page.body).toContain(`последняя активность ${shown}\u00a0<span aria-hidden="true">МСК</span>`);
    // Named once per line, and in words for a screen reader.
    expect(page.body.match(/>МСК</g)?.length).toBe(2);
    expect(page.body).toContain('<span class="visually-hidden">по московскому времени</span>');
  });

  it('changes the password: the current one required, the policy applied, other sessions end, the mail tells', async () => {
    const { login, c, accountId } = await registered('changer@mail.ru');
    const other = s.client();
    await signIn(other, login);
    await c.get('/account/password');
    const wrong = await c.post('/account/password', {
      current: 'не тот',
      password: 'новый пароль для входа',
      password2: 'новый пароль для входа',
    });
    expect(wrong.error('current')).toContain('неверно');
    const weak = await c.post('/account/password', { current: PASSWORD, password: 'password1', password2: 'password1' });
    expect(weak.error('password')).toContain('распространён');
    const ok = await c.post('/account/password', {
      current: PASSWORD,
      password: 'новый пароль для входа',
      password2: 'новый пароль для входа',
    });
    expect(ok.location).toBe('/s/1399/account?done=password');
    expect((await c.follow()).body).toContain('Пароль изменён');
    expect((await other.get('/account')).status).toBe(303); // the other device must sign in again
    expect((await signIn(s.client(), login)).status).toBe(401);
    expect((await signIn(s.client(), login, 'новый пароль для входа')).status).toBe(303);
    const ended = await s.portal.db
      .selectFrom('sessions')
      .select('ended_why')
      .where('account_id', '=', accountId)
      .where('ended_why', '=', 'password_changed')
      .execute();
    expect(ended.length).toBeGreaterThan(0);
    // No mail yet: the address is not confirmed (nobody proved it is theirs).
    expect((await lastMail('changer@mail.ru')).kind).toBe('confirm_email');
  });

  it('confirms an email by a POST from the mail’s link, once; the token leaves the address bar', async () => {
    const { login, c, accountId } = await registered('confirm@mail.ru');
    const mail = await lastMail('confirm@mail.ru');
    expect(mail.subject).toContain('Школа № 1399');
    expect(mail.text).toContain(login);
    const link = /http:\/\/portal\.test(\/s\/1399\/confirm\?t=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    expect(mail.text.match(/https?:\/\//g)).toHaveLength(1);
    const browser = s.client('192.0.2.200'); // the mail opened on another device
    const first = await browser.get(link.slice('/s/1399'.length));
    expect(first.status).toBe(303);
    expect(first.location).toBe('/s/1399/confirm');
    const page = await browser.follow();
    expect(page.body).toContain('confirm@mail.ru');
    expect(page.body).toContain('Подтвердить почту');
    // Opening the link (a mail scanner does) confirms nothing.
    expect(
      (await s.portal.db.selectFrom('accounts').select('email_confirmed_at').where('id', '=', accountId).executeTakeFirstOrThrow())
        .email_confirmed_at,
    ).toBeNull();
    const done = await browser.post('/confirm', {});
    expect(done.title).toBe('Почта подтверждена');
    const row = await s.portal.db.selectFrom('accounts').select('email_confirmed_at').where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(row.email_confirmed_at).not.toBeNull();
    expect((await accountChanges(accountId)).at(-1)).toMatchObject({ email: 'confirm@mail.ru', emailConfirmed: true });
    // Opened again later (the letter is still in the mailbox): not «invalid», but done already.
    const again = s.client();
    await again.get(link.slice('/s/1399'.length));
    const opened = await again.follow();
    expect(opened.title).toBe('Почта уже подтверждена');
    expect(opened.body).toContain('confirm@mail.ru');
    expect(opened.body).not.toContain('недействительна');
    // A link cut short when copied says so, not that it was used.
    const cut = s.client();
    await cut.get(link.slice('/s/1399'.length, -5));
    expect((await cut.follow()).body).toContain('Ссылка открылась не целиком');
    const account = await c.get('/account');
    expect(account.body).toContain('подтверждена');
    expect(account.body).not.toContain('восстановить доступ самостоятельно');
  });

  it('rate-limits re-sending the confirmation', async () => {
    const { c } = await registered('resend@mail.ru');
    await c.get('/account');
    const soon = await c.post('/account/resend', {});
    expect(soon.status).toBe(400);
    expect(soon.body).toMatch(/Отправить ещё одно можно через \d+ секунд/);
    s.clock.advance(61_000);
    expect((await c.post('/account/resend', {})).location).toBe('/s/1399/account?done=resent');
    expect((await c.follow()).body).toContain('Письмо отправлено на resend@mail.ru');
    const sent = await s.portal.db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'resend@mail.ru').execute();
    expect(sent).toHaveLength(2);
  });

  it('changes the email: confirmed again, the old address told, the old link no longer confirms', async () => {
    const { c, accountId } = await registered('old@mail.ru');
    const oldLink = /(\/confirm\?t=[A-Za-z0-9_-]+)/.exec((await lastMail('old@mail.ru')).text)![1]!;
    await c.get('/account/email');
    expect((await c.post('/account/email', { email: 'new@mail.ru', password: 'не тот' })).error('password')).toContain('неверно');
    expect((await c.post('/account/email', { email: 'old@mail.ru', password: PASSWORD })).error('email')).toContain('текущий адрес');
    const ok = await c.post('/account/email', { email: 'New@Mail.ru', password: PASSWORD });
    expect(ok.location).toBe('/s/1399/account?done=email');
    const told = await lastMail('old@mail.ru', 'email_changed');
    expect(told.text).toContain('n***@mail.ru'); // the desk's mask (src-shared), the same everywhere
    expect(told.text).not.toContain('new@mail.ru');
    expect((await lastMail('new@mail.ru')).kind).toBe('confirm_email');
    const stale = s.client();
    await stale.get(oldLink);
    expect((await stale.follow()).body).toContain('адрес почты с тех пор изменили');
    expect((await accountChanges(accountId)).at(-1)).toMatchObject({ email: 'new@mail.ru', emailConfirmed: false });
  });

  /** Confirms the address of the last confirmation letter to `email`, from another device (the link of the letter). */
  async function confirmFromMail(email: string): Promise<string> {
    const link = /(\/confirm\?t=[A-Za-z0-9_-]+)/.exec((await lastMail(email, 'confirm_email')).text)![1]!;
    const b = s.client();
    await b.get(link);
    const page = await b.follow();
    // A link that leads nowhere shows why, and no button.
    if (!page.body.includes('Подтвердить почту')) return page.title;
    return (await b.post('/confirm', {})).title;
  }

  // A parent changing a confirmed address lost it at once: until the new one was confirmed (or for
  // ever, if it was mistyped) nothing could reach them, and they could not recover access alone.
  it('keeps a confirmed address in force until the new one is confirmed; a pending change can be cancelled', async () => {
    const { c, accountId } = await registered('kept@mail.ru');
    expect(await confirmFromMail('kept@mail.ru')).toBe('Почта подтверждена');
    await c.get('/account/email');
    expect((await c.post('/account/email', { email: 'mistyped@mail.ru', password: PASSWORD })).location).toBe('/s/1399/account?done=email');
    const row = () =>
      s.portal.db.selectFrom('accounts').select(['email', 'email_confirmed_at']).where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ email: 'kept@mail.ru', email_confirmed_at: expect.any(Date) });
    expect((await accountChanges(accountId)).at(-1)).toMatchObject({ email: 'kept@mail.ru', emailConfirmed: true });
    const page = await c.follow();
    expect(page.body).toContain('kept@mail.ru');
    expect(page.body).toContain('Ожидает подтверждения: mistyped@mail.ru');
    expect((await lastMail('kept@mail.ru', 'email_changed')).text).toContain('после подтверждения');
    // The new address's letter is about a change, not a registration (it said «Если вы не регистрировались»).
    const toNew = (await lastMail('mistyped@mail.ru', 'confirm_email')).text;
    expect(toNew).toContain('Если вы не указывали этот адрес, просто удалите это письмо.');
    expect(toNew).not.toContain('не регистрировались');
    // The mistyped one is cancelled; its link then confirms nothing.
    expect((await c.post('/account/email/cancel', {})).location).toBe('/s/1399/account?done=email_kept');
    expect((await c.follow()).body).not.toContain('Ожидает подтверждения');
    expect(await confirmFromMail('mistyped@mail.ru')).toBe('Подтверждение почты');
    expect((await row()).email).toBe('kept@mail.ru');
    // A second change: the first pending address's link dies, the second's takes over once confirmed.
    await c.get('/account/email');
    await c.post('/account/email', { email: 'first@mail.ru', password: PASSWORD });
    await c.get('/account/email');
    await c.post('/account/email', { email: 'second@mail.ru', password: PASSWORD });
    expect(await confirmFromMail('first@mail.ru')).toBe('Подтверждение почты');
    expect((await row()).email).toBe('kept@mail.ru');
    expect(await confirmFromMail('second@mail.ru')).toBe('Почта подтверждена');
    expect(await row()).toMatchObject({ email: 'second@mail.ru', email_confirmed_at: expect.any(Date) });
    expect((await accountChanges(accountId)).at(-1)).toMatchObject({ email: 'second@mail.ru', emailConfirmed: true });
    expect((await c.get('/account')).body).not.toContain('Ожидает подтверждения');
  });

  // Each change sends a letter to an address the account holder types: unlimited, the school's mail
  // would carry anything to anyone.
  it('lets the address change five times a day, then says when the next change is possible', async () => {
    const { c, accountId } = await registered('often@mail.ru');
    for (let i = 1; i <= 5; i++) {
      await c.get('/account/email');
      expect((await c.post('/account/email', { email: `often${i}@mail.ru`, password: PASSWORD })).location).toBe(
        '/s/1399/account?done=email',
      );
    }
    await c.get('/account/email');
    const sixth = await c.post('/account/email', { email: 'often6@mail.ru', password: PASSWORD });
    expect(sixth.status).toBe(429);
    expect(sixth.error('email')).toMatch(/Почту уже меняли несколько раз за сутки\. Сменить снова можно через/);
    expect((await s.portal.db.selectFrom('accounts').select('email').where('id', '=', accountId).executeTakeFirstOrThrow()).email).toBe(
      'often5@mail.ru',
    );
    s.clock.advance(24 * 3_600_000 + 1000);
    await c.get('/account/email');
    expect((await c.post('/account/email', { email: 'often6@mail.ru', password: PASSWORD })).location).toBe('/s/1399/account?done=email');
  });

  // The old address heard only that a new one would take over once confirmed; when it did, nothing
  // said so, and a holder who had not asked for the change learnt it only when letters stopped coming.
  it('tells the old confirmed address when the new one takes over, and only then', async () => {
    const { c } = await registered('before@mail.ru');
    expect(await confirmFromMail('before@mail.ru')).toBe('Почта подтверждена');
    const told = () =>
      s.portal.db
        .selectFrom('mail_outbox')
        .select('id')
        .where('to_address', '=', 'before@mail.ru')
        .where('kind', '=', 'email_changed')
        .execute();
    await c.get('/account/email');
    await c.post('/account/email', { email: 'after@mail.ru', password: PASSWORD });
    expect(await told()).toHaveLength(1); // «заменит этот адрес после подтверждения»
    s.clock.advance(1000);
    expect(await confirmFromMail('after@mail.ru')).toBe('Почта подтверждена');
    expect(await told()).toHaveLength(2);
    const last = await lastMail('before@mail.ru', 'email_changed');
    expect(last.subject).toContain('Почта учётной записи изменена');
    expect(last.text).toContain('указан новый адрес почты: a***@mail.ru');
    expect(last.text).toContain('теперь приходят туда');
    expect(last.text).toContain('обратитесь к куратору');
    // The new address got its confirmation only: the news is for the one that lost its place.
    const toNew = await s.portal.db.selectFrom('mail_outbox').select('kind').where('to_address', '=', 'after@mail.ru').execute();
    expect(toNew.map((r) => r.kind)).toEqual(['confirm_email']);
  });

  // A reset by letter, SMS or slip drops a waiting address (recovery.test.ts); a new password typed on
  // the account page, by the session that asked for the address, keeps it.
  it('keeps a waiting address when the password is changed on the account page', async () => {
    const { c } = await registered('stays@mail.ru');
    expect(await confirmFromMail('stays@mail.ru')).toBe('Почта подтверждена');
    await c.get('/account/email');
    await c.post('/account/email', { email: 'waits@mail.ru', password: PASSWORD });
    await c.get('/account/password');
    const NEW = 'новый пароль для входа';
    expect((await c.post('/account/password', { current: PASSWORD, password: NEW, password2: NEW })).status).toBe(303);
    expect((await c.follow()).body).toContain('Ожидает подтверждения: waits@mail.ru');
    expect(await confirmFromMail('waits@mail.ru')).toBe('Почта подтверждена');
  });

  // Typing the address in force again while a change waited was refused as «Это и есть ваш текущий
  // адрес», and the change went on waiting: the holder meant to keep the address they typed.
  it('keeps the address in force when it is typed again while a change waits', async () => {
    const { c, accountId } = await registered('mine@mail.ru');
    expect(await confirmFromMail('mine@mail.ru')).toBe('Почта подтверждена');
    await c.get('/account/email');
    await c.post('/account/email', { email: 'other@mail.ru', password: PASSWORD });
    await c.get('/account/email');
    const kept = await c.post('/account/email', { email: 'Mine@mail.ru', password: PASSWORD });
    expect(kept.location).toBe('/s/1399/account?done=email_kept');
    const page = await c.follow();
    expect(page.body).toContain('Смена адреса отменена: действует прежний адрес.');
    expect(page.body).not.toContain('other@mail.ru');
    expect(await confirmFromMail('other@mail.ru')).toBe('Подтверждение почты');
    const row = await s.portal.db.selectFrom('accounts').select('email').where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(row.email).toBe('mine@mail.ru');
    // With nothing waiting, the same address is still refused on its field.
    await c.get('/account/email');
    expect((await c.post('/account/email', { email: 'mine@mail.ru', password: PASSWORD })).error('email')).toBe(
      'Это и есть ваш текущий адрес.',
    );
  });

  // A change whose link ran out (a week) vanished from the account page without a word: the holder
  // could not tell the address had not changed.
  it('says a change of address was never confirmed once its link expires, and sends a new link on request', async () => {
    const { c, accountId } = await registered('old@mail.ru');
    expect(await confirmFromMail('old@mail.ru')).toBe('Почта подтверждена');
    await c.get('/account/email');
    await c.post('/account/email', { email: 'late@mail.ru', password: PASSWORD });
    s.clock.advance(7 * 24 * 3_600_000 + 1000);
    const page = await c.get('/account');
    expect(page.body).toContain('Адрес late@mail.ru так и не подтвердили');
    expect(page.body).toContain('действует прежний адрес');
    expect(page.body).not.toContain('Ожидает подтверждения');
    expect(await confirmFromMail('late@mail.ru')).toBe('Подтверждение почты'); // the old link: run out
    expect((await c.post('/account/resend', {})).location).toBe('/s/1399/account?done=resent');
    expect((await c.follow()).body).toContain('Ожидает подтверждения: late@mail.ru');
    expect(await confirmFromMail('late@mail.ru')).toBe('Почта подтверждена');
    const row = await s.portal.db.selectFrom('accounts').select('email').where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(row.email).toBe('late@mail.ru');
    // An expired change is dismissed by «Отменить смену адреса».
    await c.get('/account/email');
    await c.post('/account/email', { email: 'never@mail.ru', password: PASSWORD });
    s.clock.advance(7 * 24 * 3_600_000 + 1000);
    expect((await c.get('/account')).body).toContain('Адрес never@mail.ru так и не подтвердили');
    await c.post('/account/email/cancel', {});
    expect((await c.follow()).body).not.toContain('never@mail.ru');
  });

  it('warns about a likely typo in a new address once, even when the password was wrong between', async () => {
    const { c } = await registered('typo@mail.ru');
    await c.get('/account/email');
    const hint = await c.post('/account/email', { email: 'typo@gmial.com', password: PASSWORD });
    expect(hint.error('email')).toContain('typo@gmail.com');
    expect(hint.error('email')).toMatch(/пароль[^.]*ещё раз/i);
    const wrong = await c.post('/account/email', { email: 'typo@gmial.com', password: '', email_seen: hint.value('email_seen')! });
    expect(wrong.error('email')).toBeNull();
    expect(wrong.error('password')).not.toBeNull();
    const ok = await c.post('/account/email', { email: 'typo@gmial.com', password: PASSWORD, email_seen: wrong.value('email_seen') ?? '' });
    expect(ok.location).toBe('/s/1399/account?done=email');
  });

  it('says a student’s email is «не указана» (it said «не указан», as of the phone)', async () => {
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId);
    const c = s.client();
    await c.get(`/hello?code=${f.studentCode.printed}`);
    await c.follow();
    const fields = {
      code: f.studentCode.printed,
      login: `pupil${++n}.${engine}`,
      password: PASSWORD,
      password2: PASSWORD,
      email: '',
      consent: 'yes',
    };
    expect((await c.post('/register', fields)).status).toBe(303);
    const page = await c.get('/account');
    expect(page.body).toMatch(/<dt>Электронная почта<\/dt><dd>не указана<\/dd>/);
    expect(page.body).toMatch(/<dt>Мобильный телефон<\/dt><dd>не указан<\/dd>/);
  });

  it('lets a parent add a child later on «Дети», and explains a student’s code there', async () => {
    const { c, accountId, code } = await registered();
    const f = await seedFamily(s.portal.db, s.portal.secrets, s.schoolId, { className: '3В' });
    const orphan = await (
      await import('../../support/portal-roster.ts')
    ).addCode(s.portal.db, s.portal.secrets, s.schoolId, { kind: 'parent', studentUid: f.studentUid, guardianUid: null });
    await c.get('/children');
    expect((await c.post('/children', { code: f.studentCode.printed })).error('code')).toContain('Это код ученика');
    expect((await c.post('/children', { code: f.parentCode.printed })).error('code')).toContain('другому взрослому');
    const ok = await c.post('/children', { code: orphan.printed });
    expect(ok.location).toBe('/s/1399/children?added=1');
    const page = await c.follow();
    expect(page.body).toContain('3В');
    // The same code again, signed in: the child is already here — no advice to sign in.
    const own = await c.post('/children', { code: orphan.printed });
    expect(own.error('code')).toBe(t.portal.accounts.refusals.childLinked);
    expect(own.body).not.toContain('войдите');
    // The parent's own code, used at registration, says the same.
    expect((await c.post('/children', { code })).error('code')).toBe(t.portal.accounts.refusals.childLinked);
    // Someone else's used code, of a child not in this account, is not said to be ours.
    const other = await registered();
    await other.c.get('/children');
    expect((await other.c.post('/children', { code })).error('code')).toContain('уже зарегистрировались');
    const last = (await accountChanges(accountId)).at(-1)!;
    expect(last.type === 'account' ? last.childUids : []).toContain(f.studentUid);
  });
});
