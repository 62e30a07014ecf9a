// Dates typed into the app's forms are read as the importer reads them (day first, `Д.М.ГГГГ`,
// `ГГГГ-ММ-ДД`, eight digits as ДДММГГГГ), impossible dates are refused on their field, and the
// field says what it understood before anything is saved. Through the real fields, in Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sel, snap } from '../support/browser.ts';
import { openDesk, type Desk } from './flows/session.ts';
import { t } from '../../src-shared/i18n/index.ts';

const STUDENT = 'Крюкова Нонна Захаровна';

async function openStudent(page: Page): Promise<void> {
  await page.keyboard.press('Control+KeyK');
  await page.keyboard.type('Крюкова Нонна');
  await page.waitForSelector(`${sel('search-results')}[data-query="Крюкова Нонна"] ${sel('search-hit')}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((name) => document.querySelector('[data-test="person-name"]')?.textContent === name, STUDENT);
}

const birthShown = (page: Page) => page.textContent(sel('person-fields'));

async function typeBirth(page: Page, text: string): Promise<void> {
  await page.fill(sel('edit-birth'), text);
}

describe('dates typed into forms (real Chromium)', () => {
  let desk: Desk;
  let page: Page;

  beforeAll(async () => {
    desk = await openDesk({ importFixture: true });
    page = desk.page;
  });
  afterAll(() => desk?.close());

  it('the person editor reads 10.8.2013 as the 10th of August and says so before saving', async () => {
    await openStudent(page);
    expect(await birthShown(page)).toContain('14.01.2019');
    await page.click(sel('person-edit'));
    await typeBirth(page, '10.8.2013');
    await page.click(sel('edit-save'));
    await expect.poll(() => birthShown(page)).toContain('10.08.2013');

    // What the field understood is on screen while typing, the month in words.
    await page.click(sel('person-edit'));
    expect(await page.inputValue(sel('edit-birth'))).toBe('10.08.2013');
    await typeBirth(page, '10092013');
    await expect.poll(() => page.textContent(sel('edit-birth-understood'))).toBe('Понято как: 10 сентября 2013 г.');
    await snap(page, 'date-understood');
    await page.keyboard.press('Enter');
    await expect.poll(() => birthShown(page)).toContain('10.09.2013');
  });

  it('an impossible date is refused on its field, and nothing is saved', async () => {
    await page.click(sel('person-edit'));
    await typeBirth(page, '31.02.2013');
    await page.click(sel('edit-save'));
    const error = await page.waitForSelector(sel('edit-birth-error'));
    expect(await error.textContent()).toMatch(/^Дата рождения: даты «31\.02\.2013» не бывает/);
    expect(await page.$(sel('edit-birth-understood'))).toBeNull();
    await snap(page, 'date-impossible');
    // Leaving a text that is no date also says so, naming the field, before any save.
    await typeBirth(page, '10.8.13');
    await page.click(sel('edit-surname'));
    expect(await page.textContent(sel('edit-birth-error'))).toMatch(/^Дата рождения: «10\.8\.13» — не дата/);
    // «Отмена» with the date changed asks before dropping it; «Закрыть» closes without saving.
    await page.click(sel('edit-cancel'));
    await page.locator('.el-message-box', { hasText: 'То, что вы ввели в форму, не сохранится.' }).waitFor();
    await page.click('.el-message-box__btns button:has-text("Закрыть")');
    expect(await birthShown(page)).toContain('10.09.2013');
    expect(desk.problems).toEqual([]);
  });

  it("the journal's period reads 1.12.2026 as the 1st of December and refuses 32.13.2026", async () => {
    await page.click('a[href="#/audit"]');
    await page.waitForSelector('[data-action="person.update"]');
    // Every row of this run is from November 2026: from the 1st of November there are rows …
    await page.fill(sel('audit-from'), '1.11.2026');
    await expect.poll(() => page.textContent(sel('audit-from-understood'))).toBe('Понято как: 1 ноября 2026 г.');
    await page.click(sel('audit-apply'));
    await page.waitForSelector('[data-action="person.update"]');
    // … from the 1st of December there are none (read as the 12th of January, all would show).
    await page.fill(sel('audit-from'), '1.12.2026');
    await expect.poll(() => page.textContent(sel('audit-from-understood'))).toBe('Понято как: 1 декабря 2026 г.');
    await page.click(sel('audit-apply'));
    await page.waitForSelector('[data-action]', { state: 'detached' });
    expect(await page.textContent(`${sel('audit-table')} .el-table__empty-text`)).toBe(t.audit.empty);
    // An impossible date: the field says so and the list is not reloaded with a wrong period.
    await page.fill(sel('audit-from'), '');
    await page.fill(sel('audit-to'), '32.13.2026');
    await page.click(sel('audit-apply'));
    const error = await page.waitForSelector(sel('audit-to-error'));
    expect(await error.textContent()).toMatch(/^Конец периода: даты «32\.13\.2026» не бывает/);
    await snap(page, 'audit-date-impossible');
    expect(await page.$('[data-action]')).toBeNull();
    // The same day typed as eight digits.
    await page.fill(sel('audit-to'), '30112026');
    await expect.poll(() => page.textContent(sel('audit-to-understood'))).toBe('Понято как: 30 ноября 2026 г.');
    await page.click(sel('audit-apply'));
    await page.waitForSelector('[data-action="person.update"]');
    expect(desk.problems).toEqual([]);
  });
});
