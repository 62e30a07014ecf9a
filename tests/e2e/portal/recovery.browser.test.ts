// Access recovery in real Chromium on a phone-size screen (360×640), over a real portal process on the
// PostgreSQL server, with a real SMTP server and the fake SMS.ru API on loopback: forgot login (right
// and wrong birth date), the reset link (another browser, a second use, an expired one), SMS (wrong
// digits, a wrong code five times, the right path), forgot both, no confirmed contact, and confirming a
// phone. At the end the portal starts again with the digits picture on, for its pages. Every page is
// photographed (KURATOR_SCREENSHOTS=dir).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, snap, watchPage } from '../../support/browser.ts';
import { freePort, startPortal, type RunningPortal } from '../../support/portal-process.ts';
import { startSmtp, type TestSmtp } from '../../support/smtp.ts';
import { startSmsRu, type TestSmsRu } from '../../support/sms.ts';
import { freshPgDatabase } from '../../support/portal.ts';
import { addAccount } from '../../support/portal-accounts.ts';
import { seedFamily } from '../../support/portal-roster.ts';
import { tempDir } from '../../support/tmp.ts';
import { openPortal } from '../../../src-portal/portal.ts';

const PHONE = { width: 360, height: 640 };
const OLD = 'старый пароль у реки';
const NEW = 'новый пароль у моря';
const LIMITS = JSON.stringify({
  network: { free: 1000, baseMs: 1000, maxMs: 60_000, forgetMs: 3_600_000 },
  account: { free: 20, baseMs: 1000, maxMs: 60_000, forgetMs: 3_600_000 },
});

/** Nothing wider than the screen, every button and field big enough for a thumb. */
async function checkLayout(page: Page, name: string): Promise<void> {
  // A page reached by a click may still be loading its stylesheet: measured without it, every field is a
  // browser's default (too small a tap target). The load event comes after the stylesheet.
  await page.waitForLoadState('load');
  const r = await page.evaluate(() => {
    const small = [...document.querySelectorAll('button, input:not([type=hidden]), .button')]
      .map((e) => e.getBoundingClientRect())
      .filter((b) => b.width > 0 && b.height < 28);
    return { width: document.documentElement.scrollWidth, viewport: window.innerWidth, small: small.length };
  });
  expect(r.width, `${name}: no horizontal scrolling`).toBeLessThanOrEqual(r.viewport);
  expect(r.small, `${name}: tap targets`).toBe(0);
}

describe('access recovery in Chromium (360×640), real portal process, SMTP and SMS.ru fake', () => {
  const data = tempDir('kurator-recover-e2e-');
  let db: Awaited<ReturnType<typeof freshPgDatabase>>;
  let smtp: TestSmtp;
  let sms: TestSmsRu;
  let portal: RunningPortal;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let origin = '';
  let port = 0;
  const people = {
    login: { login: 'sokolova.natalia', email: 'sokolova@mail.ru' },
    link: { login: 'petrova.anna', email: 'petrova@mail.ru' },
    expired: { login: 'kim.daniil', email: 'kim@mail.ru' },
    sms: { login: 'orlov.ivan', phone: '+79021702876' },
    both: { login: 'zaitseva.olga', email: 'zaitseva@mail.ru' },
    none: { login: 'lebedev.petr', email: 'lebedev@mail.ru' },
  };

  async function shoot(name: string): Promise<void> {
    await checkLayout(page, name);
    await snap(page, name);
  }

  const env = () => ({ DATABASE_URL: db.url, SMTP_URL: smtp.url, SMS_URL: sms.url, PORTAL_RECOVERY_LIMITS: LIMITS });

  beforeAll(async () => {
    port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    db = await freshPgDatabase();
    const setup = await openPortal({ dataDir: data.dir, env: {}, target: { kind: 'postgres', url: db.url } });
    const { school } = await setup.schools.add({ name: 'ГБОУ Школа № 1399', address: `${origin}/s/1399/hello` });
    await setup.schools.updateSettings(setup.db, school, {
      curatorContact: 'Смирнова О. П., каб. 204, +7 495 123-45-67',
      deputyContact: 'Орлова И. В., каб. 301, +7 495 123-45-68',
      supportHours: 'пн–пт 9:00–17:00',
    });
    for (const [key, p] of Object.entries(people)) {
      const f = await seedFamily(setup.db, setup.secrets, school);
      await addAccount(setup.db, {
        schoolId: school,
        personUid: f.guardianUid,
        login: p.login,
        password: OLD,
        email: 'email' in p ? p.email : null,
        emailConfirmed: key !== 'none',
        phone: 'phone' in p ? p.phone : null,
        phoneConfirmed: 'phone' in p,
        children: [f.studentUid],
      });
    }
    await setup.close();
    smtp = await startSmtp();
    sms = await startSmsRu();
    portal = await startPortal(data.dir, { env: env(), args: ['--port', String(port), '--no-captcha'] });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU', isMobile: true, hasTouch: true });
    page = await context.newPage();
    problems = watchPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    await smtp?.close();
    await sms?.close();
    await db?.drop();
    data.remove();
  });

  const mailTo = (to: string) => smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(to));
  const waitMail = async (to: string, count: number) => {
    await expect.poll(() => mailTo(to).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
    return mailTo(to);
  };
  const smsTo = (to: string) => sms.messages.filter((m) => m.to === to);
  const waitSms = async (to: string, count: number) => {
    await expect.poll(() => smsTo(to).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
    return smsTo(to);
  };

  it('the sign-in page leads to the three choices', async () => {
    await page.goto(`${origin}/s/1399/login`);
    await page.click('text=Забыли логин или пароль?');
    await page.waitForURL(`${origin}/s/1399/recover`);
    expect(await page.textContent('main')).toContain('Я не помню логин и пароль');
    await shoot('01-recover-choices');
  });

  it('forgot login: a wrong birth date and the right one give the same page; only the right one sends the login', async () => {
    const answers: string[] = [];
    for (const birth of ['16.03.2014', '15.03.2014']) {
      await page.goto(`${origin}/s/1399/recover`);
      await page.click('text=Я не помню логин');
      await page.fill('#f-email', people.login.email);
      await page.fill('#f-birth_date', birth);
      if (birth === '16.03.2014') await shoot('02-forgot-login-form');
      await page.click('button[type=submit]');
      await page.waitForSelector('h1:has-text("Проверьте почту и телефон")');
      answers.push(await page.innerHTML('main'));
    }
    expect(answers[0]).toBe(answers[1]);
    await shoot('03-forgot-login-sent');
    const mail = await waitMail(people.login.email, 1);
    expect(mail[0]!.text).toContain(`Ваш логин: ${people.login.login}`);
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailTo(people.login.email)).toHaveLength(1);
  });

  it('forgot login: errors on their fields', async () => {
    await page.goto(`${origin}/s/1399/recover/login`);
    await page.fill('#f-birth_date', '31.02.2014');
    await page.click('button[type=submit]');
    await page.waitForSelector('.error-summary');
    expect(await page.textContent('#f-email-error')).toContain('Укажите почту или мобильный телефон');
    // The refused form opens on its list of mistakes (the focus was at the top of the page), and Tab goes
    // from there to the first mistake's link.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('errors');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#f-email');
    await shoot('04-forgot-login-errors');
  });

  let linkPath = '';
  it('forgot password by email: the link opened in another browser sets the password; a second use fails', async () => {
    await page.goto(`${origin}/s/1399/recover`);
    await page.click('text=Я не помню пароль');
    await page.fill('#f-login', people.link.login);
    await shoot('05-forgot-password-form');
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Проверьте почту")');
    await shoot('06-forgot-password-sent');
    const [mail] = await waitMail(people.link.email, 1);
    const link = mail!.text!.split('\n')[0]!;
    expect(link).toMatch(/\/s\/1399\/recover\/reset\?r=[A-Za-z0-9_-]{22}$/);
    linkPath = link;
    const other = await browser.newContext({ viewport: PHONE, locale: 'ru-RU', isMobile: true, hasTouch: true });
    const second = await other.newPage();
    await second.goto(link);
    expect(second.url()).toBe(`${origin}/s/1399/recover/reset`);
    expect(await second.textContent('main')).toContain(people.link.login);
    await snap(second, '07-reset-form');
    await second.fill('#f-password', NEW);
    await second.fill('#f-password2', NEW);
    await second.click('button[type=submit]');
    await second.waitForSelector('h1:has-text("Пароль изменён")');
    await snap(second, '08-reset-done');
    // Not signed in: the account page asks to sign in.
    await second.goto(`${origin}/s/1399/account`);
    expect(second.url()).toContain('/login');
    // The same link again (from the first browser): refused.
    await page.goto(linkPath);
    expect(await page.textContent('main')).toContain('пароль уже сменили');
    expect(await page.textContent('main')).not.toContain('Войдите');
    expect(await page.getAttribute('a:has-text("Запросить новую ссылку")', 'href')).toBe('/s/1399/recover/password');
    await shoot('09-reset-link-used');
    await other.close();
    const notices = await waitMail(people.link.email, 2);
    expect(notices.map((m) => m.subject)).toContain('Пароль изменён — ГБОУ Школа № 1399');
    // The new password signs in.
    await page.goto(`${origin}/s/1399/login`);
    await page.fill('#f-login', people.link.login);
    await page.fill('#f-password', NEW);
    await page.click('button[type=submit]');
    await page.waitForURL(`${origin}/s/1399/account`);
    await page.click('text=Выйти');
  });

  it('an expired link fails', async () => {
    await page.goto(`${origin}/s/1399/recover/password`);
    await page.fill('#f-login', people.expired.login);
    await page.click('button[type=submit]');
    const [mail] = await waitMail(people.expired.email, 1);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query(`UPDATE tokens SET expires_at = created_at - interval '1 second' WHERE purpose = 'reset_password' AND used_at IS NULL`);
    await c.end();
    await page.goto(mail!.text!.split('\n')[0]!);
    expect(await page.textContent('main')).toContain('истёк');
    await shoot('10-reset-link-expired');
  });

  it('by SMS: wrong digits, a wrong code five times, then the right path', async () => {
    const phone = people.sms.phone;
    await page.goto(`${origin}/s/1399/recover/password`);
    await page.click('text=Мне не пришло письмо, восстановить пароль по телефону');
    await page.fill('#f-login', people.sms.login);
    await shoot('11-sms-login');
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Проверка номера телефона")');
    expect(await page.textContent('main')).toContain('+7 902 •••-••-76');
    await shoot('12-sms-digits');
    await page.fill('#f-digits', '11111');
    await page.click('button[type=submit]');
    await page.waitForSelector('#f-digits-error');
    await shoot('13-sms-digits-wrong');
    await page.fill('#f-digits', '17028');
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Код из SMS")');
    await shoot('14-sms-code');
    const code = /(\d{6})/.exec((await waitSms(phone, 1))[0]!.text)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 5; i++) {
      await page.fill('#f-code', wrong);
      await page.click('button[type=submit]');
      await page.waitForSelector('#f-code-error');
      expect(await page.textContent('#f-code-error')).toContain(i < 5 ? `Осталось ${5 - i}` : 'больше не действует');
    }
    await shoot('15-sms-code-used-up');
    await page.click('text=Запросить новый код');
    await page.fill('#f-login', people.sms.login);
    await page.click('button[type=submit]');
    await page.fill('#f-digits', '17028');
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Код из SMS")');
    const fresh = /(\d{6})/.exec((await waitSms(phone, 2))[1]!.text)![1]!;
    await page.fill('#f-code', fresh);
    await page.click('button[type=submit]');
    await page.waitForURL(`${origin}/s/1399/recover/reset`);
    await page.fill('#f-password', NEW);
    await page.fill('#f-password2', NEW);
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Пароль изменён")');
    const notice = await waitSms(phone, 3);
    expect(notice[2]!.text).toContain('изменён');
  });

  it('forgot both: one letter with the login and the link for a new password', async () => {
    await page.goto(`${origin}/s/1399/recover`);
    await page.click('text=Я не помню логин и пароль');
    expect(await page.textContent('h1')).toBe('Я не помню логин и пароль');
    await page.fill('#f-email', people.both.email);
    await page.fill('#f-birth_date', '15.03.2014');
    await shoot('16-forgot-both-form');
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Проверьте почту и телефон")');
    await shoot('17-forgot-both-sent');
    const [mail] = await waitMail(people.both.email, 1);
    const login = /Ваш логин: (\S+)/.exec(mail!.text!)![1]!;
    expect(login).toBe(people.both.login);
    await page.goto(/^https?:\/\/\S+\/recover\/reset\?r=\S+$/m.exec(mail!.text!)![0]);
    expect(await page.textContent('main')).toContain(login);
    await page.fill('#f-password', NEW);
    await page.fill('#f-password2', NEW);
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Пароль изменён")');
  });

  it('no confirmed contact: nothing is sent, and the help page names the curator and the deputy director', async () => {
    await page.goto(`${origin}/s/1399/recover/password`);
    await page.fill('#f-login', people.none.login);
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Проверьте почту")');
    await page.click('main a:has-text("Нет подтверждённой почты и телефона")');
    await page.waitForURL(`${origin}/s/1399/recover/help`);
    const text = await page.textContent('main');
    expect(text).toContain('Куратор электронного журнала: Смирнова О. П., каб. 204, +7 495 123-45-67');
    expect(text).toContain('Заместитель директора: Орлова И. В., каб. 301, +7 495 123-45-68');
    expect(text).toContain('Часы приёма: пн–пт 9:00–17:00');
    await shoot('18-help');
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailTo(people.none.email)).toHaveLength(0);
  });

  it('confirms a phone on the account page by an SMS code', async () => {
    await page.goto(`${origin}/s/1399/login`);
    await page.fill('#f-login', people.login.login);
    await page.fill('#f-password', OLD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${origin}/s/1399/account`);
    await page.click('text=Сменить телефон');
    await page.fill('#f-phone', '8 903 555-12-34');
    await shoot('19-phone-form');
    await page.click('button[type=submit]');
    await page.waitForSelector('#f-code');
    await shoot('20-phone-code');
    const code = /(\d{6})/.exec((await waitSms('+79035551234', 1))[0]!.text)![1]!;
    await page.fill('#f-code', code);
    await page.click('button[type=submit]');
    await page.waitForURL(`${origin}/s/1399/account?done=phone`);
    expect(await page.textContent('main')).toContain('Телефон +7 903 555-12-34 подтверждён');
    expect(await page.textContent('dl.facts')).toContain('+7 903 555-12-34 — подтверждён');
    await shoot('21-phone-confirmed');
    await page.click('text=Выйти');
  });

  it('with the digits picture on (no --no-captcha): the forms show it, a wrong answer is refused on its field', async () => {
    await portal.stop();
    portal = await startPortal(data.dir, { env: env(), args: ['--port', String(port)] });
    for (const [path, name] of [
      ['/recover/login', '22-captcha-login'],
      ['/recover/password', '23-captcha-password'],
      ['/recover/sms', '24-captcha-sms'],
    ]) {
      await page.goto(`${origin}/s/1399${path}`);
      expect(await page.getAttribute('img.captcha', 'src')).toMatch(/^data:image\/png;base64,/);
      expect(await page.evaluate(() => (document.querySelector('img.captcha') as HTMLImageElement).naturalWidth)).toBe(200);
      await shoot(name!);
    }
    await page.fill('#f-login', people.sms.login);
    await page.fill('#f-captcha', '00000');
    await page.click('button[type=submit]');
    await page.waitForSelector('#f-captcha-error');
    await shoot('25-captcha-wrong');
    // Refusals answer 400/429 on purpose (Chromium logs those); anything else is a problem (CSP, script).
    expect(problems.filter((x) => !x.includes('Failed to load resource: the server responded with a status of 4'))).toEqual([]);
  });
});
