// The whole registration in real Chromium on a phone-size screen (360×640), against a real portal
// process with its embedded database and a real SMTP server: the slip's QR link, the account form with
// a second child's code, «what next», the confirmation mail, the account pages. Every page is also
// photographed at 360×640 and 1366×768 (KURATOR_SCREENSHOTS=dir) for a human to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, snap, watchPage } from '../../support/browser.ts';
import { freePort, portalDataDir, startPortal, type RunningPortal } from '../../support/portal-process.ts';
import { startSmtp, type TestSmtp } from '../../support/smtp.ts';
import { openPortal } from '../../../src-portal/portal.ts';
import { addCode, addLink, addStudent, seedFamily, type SeededCode, type SeededFamily } from '../../support/portal-roster.ts';

const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1366, height: 768 };
const PASSWORD = 'тёплый вечер у реки';

/** Nothing wider than the screen, and every button and field big enough for a thumb. */
async function checkLayout(page: Page, name: string): Promise<void> {
  // A page reached by a click may still be loading its stylesheet: measured without it, every field is a
  // browser's default (too small a tap target). The load event comes after the stylesheet.
  await page.waitForLoadState('load');
  const r = await page.evaluate(() => {
    const small = [...document.querySelectorAll('button, input:not([type=hidden]), summary, .button')]
      .map((e) => e.getBoundingClientRect())
      .filter((b) => b.width > 0 && b.height < 28);
    return { width: document.documentElement.scrollWidth, viewport: window.innerWidth, small: small.length };
  });
  expect(r.width, `${name}: no horizontal scrolling`).toBeLessThanOrEqual(r.viewport);
  expect(r.small, `${name}: tap targets`).toBe(0);
}

describe('registration in Chromium (360×640), real portal process and SMTP', () => {
  const data = portalDataDir('kurator-portal-e2e-');
  let smtp: TestSmtp;
  let portal: RunningPortal;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let origin = '';
  let family: SeededFamily;
  let second: SeededCode;
  let orphan: SeededCode;
  let other: SeededFamily;
  let third: SeededCode;

  /** A screenshot at both sizes, back to the phone after; checks the layout at both. */
  async function shoot(name: string): Promise<void> {
    await checkLayout(page, name);
    await snap(page, `${name}-360x640`);
    await page.setViewportSize(DESKTOP);
    await checkLayout(page, `${name} (desktop)`);
    await snap(page, `${name}-1366x768`);
    await page.setViewportSize(PHONE);
  }

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    // The school and its roster as sync leaves them, written before the server holds the embedded database.
    const setup = await openPortal({ dataDir: data.dir, env: {} });
    const { school } = await setup.schools.add({ name: 'ГБОУ Школа № 1399', address: `${origin}/s/1399/hello` });
    await setup.schools.updateSettings(setup.db, school, { curatorContact: 'Смирнова О. П., каб. 204, +7 495 123-45-67' });
    family = await seedFamily(setup.db, setup.secrets, school, {
      guardian: { surname: 'Соколова', name: 'Наталья' },
      student: { surname: 'Соколова', name: 'Вероника' },
    });
    const brother = await addStudent(setup.db, school, {
      surname: 'Соколов',
      name: 'Артём',
      birthDate: '2016-09-01',
      classUid: family.classUid,
    });
    await addLink(setup.db, school, family.guardianUid, brother);
    second = await addCode(setup.db, setup.secrets, school, { kind: 'parent', studentUid: brother, guardianUid: family.guardianUid });
    other = await seedFamily(setup.db, setup.secrets, school, { classUid: family.classUid, student: { surname: 'Ким', name: 'Даниил' } });
    orphan = await addCode(setup.db, setup.secrets, school, { kind: 'parent', studentUid: other.studentUid, guardianUid: null });
    const sister = await addStudent(setup.db, school, {
      surname: 'Соколова',
      name: 'Алиса',
      birthDate: '2018-02-11',
      classUid: family.classUid,
    });
    await addLink(setup.db, school, family.guardianUid, sister);
    third = await addCode(setup.db, setup.secrets, school, { kind: 'parent', studentUid: sister, guardianUid: family.guardianUid });
    await setup.close();
    smtp = await startSmtp();
    portal = await startPortal(data.dir, { env: { SMTP_URL: smtp.url }, args: ['--port', String(port)] });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU', isMobile: true, hasTouch: true });
    page = await context.newPage();
    problems = watchPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    await smtp?.close();
    data.remove();
  });

  it('opens the parent slip’s QR link: the code leaves the address bar, the page says whom it is for', async () => {
    await page.goto(`${origin}/s/1399/hello?code=${family.parentCode.printed}`);
    expect(page.url()).toBe(`${origin}/s/1399/hello`);
    await expect.poll(() => page.textContent('.whom')).toContain('Родителям (6А)');
    expect(await page.textContent('.whom')).toContain('Вероника\u00a0С.');
    expect(await page.inputValue('#f-login')).toBe('sokolova.natalia');
    await shoot('01-account-form');
  });

  it('refuses what is wrong, each next to its field, and keeps what was typed', async () => {
    await page.fill('#f-password', 'sokolova2026');
    await page.fill('#f-password2', 'sokolova2026');
    await page.fill('#f-email', 'sokolova@gmial.com');
    await page.click('button[type=submit]');
    await page.waitForSelector('.error-summary');
    expect(await page.textContent('#f-password-error')).toContain('имя или фамилию');
    expect(await page.textContent('#f-email-error')).toContain('sokolova@gmail.com');
    expect(await page.textContent('#f-consent-error')).toContain('согласие');
    expect(await page.inputValue('#f-email')).toBe('sokolova@gmial.com');
    await shoot('02-account-form-errors');
  });

  it('does not warn about the same address again once the parent kept it, and asks for the password again', async () => {
    expect(await page.textContent('#f-email-error')).toMatch(/пароль[^.]*ещё раз/i);
    await page.fill('#f-password', PASSWORD);
    await page.fill('#f-password2', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('#f-consent-error');
    expect(await page.$('#f-email-error')).toBeNull();
    expect(await page.inputValue('#f-email')).toBe('sokolova@gmial.com');
    expect(await page.textContent('#f-password-hint')).toContain('ещё раз в оба поля');
    await shoot('02b-account-form-address-kept');
  });

  it('registers with a second child’s code from «У меня есть ещё один пригласительный код»', async () => {
    await page.fill('#f-password', PASSWORD);
    await page.fill('#f-password2', PASSWORD);
    await page.fill('#f-email', 'sokolova@mail.ru');
    await page.fill('#f-phone', '8 902 170 28 76');
    await page.click('details.more summary');
    await page.fill('#f-other_code_1', second.printed);
    await shoot('03-account-form-filled');
    await page.check('#f-consent');
    await page.click('button[type=submit]');
    await page.waitForURL(`${origin}/s/1399/welcome`);
    expect(await page.textContent('h1')).toBe('Вы зарегистрированы');
    expect(await page.textContent('main')).toContain('sokolova.natalia');
    expect(await page.textContent('main')).toContain('sokolova@mail.ru');
    await shoot('04-welcome');
  });

  it('confirms the email from the mail that arrived at the SMTP server, on the POST of a button', async () => {
    const [mail] = await smtp.waitFor(1, 20_000);
    expect(mail!.subject).toContain('ГБОУ Школа № 1399');
    expect(mail!.text).toContain('sokolova.natalia');
    const link = new RegExp(`${origin}/s/1399/confirm\\?t=[A-Za-z0-9_-]+`).exec(mail!.text ?? '')![0];
    await page.goto(link);
    expect(page.url()).toBe(`${origin}/s/1399/confirm`);
    expect(await page.textContent('main')).toContain('sokolova@mail.ru');
    await shoot('05-confirm');
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Почта подтверждена")');
    await shoot('06-confirmed');
  });

  it('shows the account: login, confirmed email, both children, sessions and «Выйти»', async () => {
    await page.goto(`${origin}/s/1399/account`);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('sokolova.natalia');
    expect(main).toContain('подтверждена');
    expect(main).toContain('Вероника\u00a0С., 6А');
    expect(main).toContain('Артём\u00a0С., 6А');
    expect(main).toContain('Выйти на всех устройствах');
    expect(await page.$('input[name=login]')).toBeNull();
    await shoot('07-account');
    for (const [path, name] of [
      ['/children', '08-children'],
      ['/account/password', '09-password'],
      ['/account/email', '10-email'],
      ['/privacy', '11-privacy'],
    ] as const) {
      await page.goto(`${origin}/s/1399${path}`);
      await shoot(name);
    }
  });

  it('adds a child on «Дети» by a code issued while no parent was on file', async () => {
    await page.goto(`${origin}/s/1399/children`);
    await page.fill('#f-code', orphan.printed);
    await page.click('button[type=submit]');
    await page.waitForSelector('.notice.ok');
    expect(await page.textContent('main')).toContain('Даниил\u00a0К., 6А');
    await shoot('12-child-added');
    // The same code again: the child is already here, and nothing says to sign in.
    await page.fill('#f-code', orphan.printed);
    await page.click('button[type=submit]');
    await page.waitForSelector('#f-code-error');
    expect(await page.textContent('#f-code-error')).toContain('уже есть в вашей учётной записи');
    expect(await page.textContent('main')).not.toMatch(/войдите/i);
    await shoot('12b-child-code-again');
  });

  it('signs out, refuses a wrong password, and signs in again to the account page', async () => {
    await page.goto(`${origin}/s/1399/account`);
    await page.click('form[action$="/logout"] button');
    await page.waitForURL(/\/login\?done=signed_out$/);
    await shoot('13-signed-out');
    await page.fill('#f-login', 'sokolova.natalia');
    await page.fill('#f-password', 'не тот пароль');
    await page.click('button[type=submit]');
    await page.waitForSelector('#f-login-error');
    await shoot('14-login-error');
    await page.fill('#f-password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${origin}/s/1399/account`);
  });

  it('photographs the other steps: the code step, a refused code, a student’s form, an unknown parent, a parent with an account', async () => {
    const fresh = await context.browser()!.newContext({ viewport: PHONE, locale: 'ru-RU', isMobile: true, hasTouch: true });
    const before = page;
    page = await fresh.newPage();
    problems.push(...watchPage(page));
    try {
      await page.goto(`${origin}/s/1399/hello`);
      await shoot('15-code-step');
      await page.fill('#f-code', 'k7m2-x9q-4ty');
      await page.click('button[type=submit]');
      await page.waitForSelector('#f-code-error');
      await shoot('16-code-typo');
      await page.fill('#f-code', family.parentCode.printed);
      await page.click('button[type=submit]');
      await page.waitForSelector('#f-code-error');
      expect(await page.textContent('#f-code-error')).toContain('уже зарегистрировались');
      await shoot('17-code-used');
      await page.goto(`${origin}/s/1399/hello?code=${other.studentCode.printed}`);
      await page.waitForSelector('.whom');
      await shoot('18-student-form');
      await page.goto(`${origin}/s/1399/hello?code=${other.parentCode.printed}`);
      await page.waitForSelector('.whom');
      await shoot('19-parent-form');
      await page.goto(`${origin}/s/1399/hello?code=${third.printed}`);
      await page.waitForSelector('h1:has-text("Вы уже зарегистрированы")');
      await shoot('20-existing-parent');
      await page.goto(`${origin}/s/1399/login`);
      await shoot('20-login');
      await page.goto(`${origin}/s/1399/nothing-here`);
      await shoot('21-not-found');
    } finally {
      await fresh.close();
      page = before;
    }
    // Refusals answer 4xx on purpose (Chromium logs each); anything else — a CSP violation, a script error — fails.
    expect(problems.filter((p) => !p.includes('Failed to load resource: the server responded with a status of 4'))).toEqual([]);
  });
});
