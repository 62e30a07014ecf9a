// The foundation path, driven by keyboard only: setup wizard → sign-in → Ctrl+L lock → unlock →
// the audit screen lists those actions. Shared by the browser-mode and the Electron tests.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { sel, snap } from '../../support/browser.ts';

export const SCHOOL = {
  name: 'ГБОУ Школа № 1399',
  url: 'https://1399.ejgur.ru/hello',
  contact: 'Каб. 204, пн–пт 9:00–17:00, тел. 8 (495) 123-45-67',
};
export const CURATOR = { fullName: 'Смирнова Ольга Петровна', login: 'smirnova', password: 'Kurator2026' };

async function typeInto(page: Page, test: string, text: string) {
  await expect.poll(() => page.evaluate((s) => document.activeElement?.matches(s) ?? false, sel(test))).toBe(true);
  await page.keyboard.type(text);
}

export async function completeSetupByKeyboard(page: Page): Promise<void> {
  await page.waitForSelector(sel('setup-school'));
  await page.focus(sel('setup-school'));
  await typeInto(page, 'setup-school', SCHOOL.name);
  await page.keyboard.press('Tab');
  await typeInto(page, 'setup-url', SCHOOL.url);
  await page.keyboard.press('Tab');
  await typeInto(page, 'setup-contact', SCHOOL.contact);
  await page.keyboard.press('Enter');

  await page.waitForSelector(sel('setup-fullname'));
  await typeInto(page, 'setup-fullname', CURATOR.fullName);
  await page.keyboard.press('Tab');
  await typeInto(page, 'setup-login', CURATOR.login);
  await page.keyboard.press('Tab');
  await typeInto(page, 'setup-password', CURATOR.password);
  // A weak repeat first: the wizard must say what is wrong and keep the data.
  await page.focus(sel('setup-repeat'));
  await page.keyboard.type('Другое1234');
  await page.keyboard.press('Enter');
  await page.waitForSelector('text=Пароли не совпадают.');
  await snap(page, 'setup-error');
  await page.fill(sel('setup-repeat'), '');
  await page.focus(sel('setup-repeat'));
  await page.keyboard.type(CURATOR.password);
  await page.keyboard.press('Enter');
}

export async function signInByKeyboard(page: Page, password = CURATOR.password): Promise<void> {
  await page.waitForSelector(sel('signin-password'));
  // After setup the login is prefilled and the password field has the focus.
  await expect.poll(() => page.inputValue(sel('signin-login'))).toBe(CURATOR.login);
  await typeInto(page, 'signin-password', password);
  await page.keyboard.press('Enter');
}

export async function runFoundationPath(page: Page): Promise<void> {
  await completeSetupByKeyboard(page);

  // A wrong password is refused with a clear message, then the right one works (after the 1 s wait).
  await signInByKeyboard(page, 'неверный-пароль1');
  await page.waitForSelector(sel('signin-error'));
  expect(await page.textContent(sel('signin-error'))).toContain('Неверный логин или пароль');
  await page.waitForTimeout(1100);
  await typeInto(page, 'signin-password', CURATOR.password);
  await page.keyboard.press('Enter');
  await page.waitForSelector(sel('operator-name'));
  expect(await page.textContent(sel('operator-name'))).toContain(CURATOR.fullName);

  // Ctrl+L locks; the content behind the lock is hidden; the password unlocks.
  await snap(page, 'home');
  await page.keyboard.press('Control+KeyL');
  await page.waitForSelector(sel('lock-screen'));
  await snap(page, 'lock');
  // Not hidden but gone: nothing of the desk stays in the page while it is locked.
  expect(await page.$(sel('operator-name'))).toBeNull();
  expect(await page.$('main')).toBeNull();
  await typeInto(page, 'unlock-password', CURATOR.password);
  await page.keyboard.press('Enter');
  await page.waitForSelector(sel('lock-screen'), { state: 'detached' });

  // The audit screen lists the actions, newest first.
  await page.click('a[href="#/audit"]');
  await page.waitForSelector('[data-action="auth.unlock"]');
  const actions = await page.$$eval('[data-action]', (els) => els.map((e) => e.getAttribute('data-action')));
  expect(actions).toEqual(['auth.unlock', 'auth.lock', 'auth.sign_in', 'auth.sign_in_failed', 'setup.complete']);
  await snap(page, 'audit');
  const text = await page.textContent(sel('audit-table'));
  expect(text).toContain('Первоначальная настройка');
  expect(text).toContain('Блокировка');
  // Who did it, by name; details in words (a failed sign-in names its reason).
  await page.waitForSelector(`${sel('audit-table')} :text("${CURATOR.fullName}")`);
  expect(text).toContain('причина: неверный пароль');

  // Filter by action narrows the list.
  await page.click(sel('audit-action'));
  await page.click('.el-select-dropdown__item:has-text("Неудачный вход")');
  await page.click(sel('audit-apply'));
  await expect.poll(() => page.$$eval('[data-action]', (els) => els.length)).toBe(1);
}
