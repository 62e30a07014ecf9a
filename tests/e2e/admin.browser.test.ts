// The curator's screens in real Chromium: operators, school settings, backups, the audit log's CSV
// export and verification, and what a deputy director may not do.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { downloaded, sel, snap } from '../support/browser.ts';
import { openDesk, settingsLoaded, type Desk } from './flows/session.ts';

const DEPUTY = { fullName: '=Петров Иван Иванович', login: 'petrov', password: 'Zamestitel2026' };

describe('administration screens (real Chromium)', () => {
  let desk: Desk;
  let page: Page;

  beforeAll(async () => {
    desk = await openDesk();
    page = desk.page;
  });
  afterAll(() => desk?.close());

  it('a curator adds a deputy director (with a weak password refused first)', async () => {
    await page.click('a[href="#/operators"]');
    await page.click(sel('operator-add'));
    await page.fill(sel('operator-fullname'), DEPUTY.fullName);
    await page.fill(sel('operator-login'), DEPUTY.login);
    await page.fill(sel('operator-password'), 'коротко');
    await page.fill(sel('operator-repeat'), 'коротко');
    await page.click(sel('operator-save'));
    await page.waitForSelector('text=Пароль слишком короткий: нужно не меньше 8 символов.');
    // Escape now would drop the typed name, login and password: it asks, and Escape again stays.
    const ask = page.locator('.el-message-box', { hasText: 'То, что вы ввели в форму, не сохранится.' });
    await page.keyboard.press('Escape');
    await ask.waitFor();
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'hidden' });
    expect(await page.inputValue(sel('operator-login'))).toBe(DEPUTY.login);
    await page.fill(sel('operator-password'), DEPUTY.password);
    await page.fill(sel('operator-repeat'), DEPUTY.password);
    await page.click(sel('operator-save'));
    await page.waitForFunction(
      (login) => document.querySelector('[data-test="operators-table"]')?.textContent?.includes(login),
      DEPUTY.login,
    );
    const table = await page.textContent(sel('operators-table'));
    expect(table).toContain('Заместитель директора');
    expect(table).toContain(DEPUTY.fullName);
  });

  it('changes the school settings, checking them first', async () => {
    await page.click('a[href="#/settings"]');
    await settingsLoaded(page);
    await page.fill(sel('settings-url'), 'ejgur.ru');
    await page.click(sel('settings-save'));
    await page.waitForSelector('.el-form-item__error:has-text("https://")');
    await page.fill(sel('settings-url'), 'https://1399.ejgur.ru/register');
    await page.fill(sel('settings-contact'), 'Каб. 110, вт и чт 14:00–18:00');
    // Whom to ask when the curator is away, and the hours: printed on the slips, shown on the portal.
    await page.fill(sel('settings-deputy'), 'Петрова Анна Ивановна, каб. 101, +7 (495) 765-43-21');
    await page.fill(sel('settings-hours'), 'вт и чт 15:00–18:00');
    await snap(page, 'settings-contacts');
    await page.click(sel('settings-save'));
    // This save's own message: an older «Сохранено» may still be on screen.
    await page.waitForSelector('.el-message--success:has-text("Настройки сохранены")');
    await page.reload();
    await settingsLoaded(page);
    expect(await page.inputValue(sel('settings-url'))).toBe('https://1399.ejgur.ru/register');
    expect(await page.inputValue(sel('settings-deputy'))).toBe('Петрова Анна Ивановна, каб. 101, +7 (495) 765-43-21');
    expect(await page.inputValue(sel('settings-hours'))).toBe('вт и чт 15:00–18:00');
  });

  it('makes a backup while the app keeps working', async () => {
    await page.click('a[href="#/backups"]');
    await page.click(sel('backup-create'));
    await page.waitForSelector(`${sel('backups-table')} >> text=вручную`);
    // The one made by hand, beside the day's automatic copy the running app made as it started.
    const files = fs.readdirSync(`${desk.dataDir}/backups`).filter((f) => f.endsWith('.sqlite'));
    expect(files.filter((f) => !f.endsWith('-daily.sqlite'))).toHaveLength(1);
    await snap(page, 'backups');
  });

  it('exports the audit log as CSV a spreadsheet cannot run, and verifies the chain', async () => {
    await page.click('a[href="#/audit"]');
    await page.waitForSelector('[data-action="backup.create"]');
    const download = page.waitForEvent('download');
    await page.click(sel('audit-export'));
    const csv = (await downloaded(await download)).toString('utf8');
    expect(csv).toMatch(/^\uFEFF№;Время \([^)]*UTC[+−]\d+[^)]*\);/);
    for (const action of ['setup.complete', 'operator.create', 'settings.update', 'backup.create']) expect(csv).toContain(action);
    expect(csv).toContain(`'${DEPUTY.fullName}`); // the name starting with "=" is written back as text
    expect(csv).not.toMatch(/;=Петров/);
    await page.click(sel('audit-verify'));
    await page.waitForSelector(sel('audit-verify-result'));
    expect(await page.textContent(sel('audit-verify-result'))).toMatch(/Журнал цел: проверено записей — \d+/);
  });

  it('a deputy director does the desk work but cannot manage operators or settings', async () => {
    await page.click(sel('sign-out'));
    await page.waitForSelector(sel('signin-login'));
    await page.fill(sel('signin-login'), DEPUTY.login);
    await page.fill(sel('signin-password'), DEPUTY.password);
    await page.keyboard.press('Enter');
    await page.waitForSelector(sel('operator-name'));
    expect(await page.$('a[href="#/operators"]')).toBeNull();
    await page.goto(`${desk.app.origin}/#/operators`);
    await page.waitForFunction(() => location.hash === '#/');
    await page.click('a[href="#/settings"]');
    await page.waitForSelector(sel('settings-url'));
    expect(await page.isDisabled(sel('settings-url'))).toBe(true);
    expect(await page.$(sel('settings-save'))).toBeNull();
    expect(desk.problems).toEqual([]);
  });
});
