// Data that must not silently go wrong, through the UI at 1366×768 in real Chromium: a re-import
// after archiving names who would come back and lets the curator choose; a class's family sheets
// say which siblings they would leave out and issue their codes; a parent's codes reissued at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sel, snap } from '../support/browser.ts';
import { fixture, openDesk, type Desk } from './flows/session.ts';

const FIXTURE = fixture('roster', 'roster-wide-cp1251.csv');
const STUDENT = 'Крюкова Нонна Захаровна';

async function find(page: Page, query: string): Promise<void> {
  await page.keyboard.press('Control+KeyK');
  await page.keyboard.type(query);
  await page.waitForSelector(`${sel('search-results')}[data-query="${query}"] ${sel('search-hit')}`);
  await page.keyboard.press('Enter');
}

async function toPreview(page: Page): Promise<void> {
  await page.click('a[href="#/import"]');
  if (await page.$(sel('import-another'))) await page.click(sel('import-another'));
  await page.setInputFiles(sel('import-file'), FIXTURE);
  await page.waitForSelector(sel('import-format'));
  await page.click(sel('import-next'));
  await page.click(sel('import-check'));
  await page.waitForSelector(sel('import-preview'));
}

describe('data that stays right (real Chromium, 1366×768)', () => {
  let desk: Desk;
  let page: Page;
  /** A parent of 1А whose family sheet left a child out (see the second test). */
  let gapParent = '';

  beforeAll(async () => {
    desk = await openDesk({ importFixture: true });
    page = desk.page;
    await page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(() => desk?.close());

  it('a re-import names the student who would return from the archive; she stays there unless returned', async () => {
    await find(page, 'Крюкова Нонна');
    await page.waitForFunction((name) => document.querySelector('[data-test="person-name"]')?.textContent === name, STUDENT);
    await page.click(sel('archive-toggle'));
    await page.click('.el-message-box__btns .el-button--primary');
    await page.waitForSelector('.el-message--success:has-text("Переведён в архив")');

    await toPreview(page);
    const list = await page.waitForSelector(sel('import-archived-list'));
    expect(await list.textContent()).toContain(`1А — ${STUDENT}, 14.01.2019`);
    expect(await list.textContent()).toContain('останется в архиве');
    expect(await page.isChecked(`${sel('import-keep-archived')} input`)).toBe(true);
    await snap(page, 'reimport-archived-preview');
    await page.click(sel('import-apply'));
    await page.waitForSelector(sel('import-done'));
    expect(await page.textContent(sel('import-archived-list'))).toContain('оставлен(а) в архиве');
    await page.click('a[href="#/archive"]');
    await page.waitForSelector(`${sel('archive-table')} a:has-text("${STUDENT}")`);

    // Asked for: she comes back, and the journal says so.
    await toPreview(page);
    await page.click(sel('import-return-archived'));
    await page.waitForSelector(`${sel('import-archived-list')} li[data-restored="true"]`);
    expect(await page.textContent(sel('import-archived-list'))).toContain('вернётся');
    await snap(page, 'reimport-archived-return');
    await page.click(sel('import-apply'));
    await page.waitForSelector(sel('import-done'));
    expect(await page.textContent(sel('import-archived-list'))).toContain('возвращён(а)');
    await find(page, 'Крюкова Нонна');
    await page.waitForFunction((name) => document.querySelector('[data-test="person-name"]')?.textContent === name, STUDENT);
    expect(await page.$('.archived-banner')).toBeNull();
    await page.click('a[href="#/audit"]');
    await page.waitForSelector('[data-action="person.restore"]');
    expect(await page.textContent(sel('audit-table'))).toContain('roster-wide-cp1251.csv');
    expect(desk.problems).toEqual([]);
  });

  it("a class's family sheets name the siblings they would leave out, and issue their codes", async () => {
    await page.click('a[href="#/classes"]');
    await page.click('[data-class="1А"]');
    await page.waitForSelector(sel('class-students'));
    await page.click(sel('issue-codes'));
    await page.click(sel('issue-confirm'));
    await page.waitForSelector('.el-message--success:has-text("Выдано кодов")');
    await page.click(sel('print-invitations'));
    await page.click(`${sel('print-kind')} label:has-text("Семейные листы")`);
    const gaps = await page.waitForSelector(sel('print-family-gaps'));
    const text = (await gaps.textContent()) ?? '';
    expect(text).toMatch(/не попад(ёт|ут) в семейные листы/);
    const lines = await page.$$eval(`${sel('print-family-gaps')} li`, (lis) => lis.map((li) => li.textContent!.trim()));
    gapParent = lines[0]!.split(' — ')[0]!;
    expect(text).not.toMatch(/\(1А\)/); // the class's own codes are issued: only siblings elsewhere
    await snap(page, 'family-sheets-gaps');
    // Saving anyway asks first.
    await page.click(sel('print-pdf'));
    await page.waitForSelector('.el-message-box:has-text("Печатать всё равно?")');
    await page.click('.el-message-box button:has-text("Отмена")');
    await page.waitForSelector('.el-message-box', { state: 'hidden' });

    await page.click(sel('print-issue-gaps'));
    await page.waitForSelector('.el-message--success:has-text("Выдано кодов:")');
    await page.waitForSelector(sel('print-family-gaps'), { state: 'detached' });
    const frame = await (await page.waitForSelector(sel('print-preview'))).contentFrame();
    await frame!.waitForSelector('.sheet.family');
    const sheets = (await frame!.textContent('body')) ?? '';
    for (const line of text.matchAll(/— ([^—(]+) \((\d{1,2}\p{Lu})\)/gu)) expect(sheets).toContain(line[1]!.trim());
    await snap(page, 'family-sheets-complete');
    await page.keyboard.press('Escape');
    expect(desk.problems).toEqual([]);
  });

  it("a parent's codes for all their children are reissued in one step, and «Печать» offers the new ones", async () => {
    // A parent of 1А with a child in another class (their sheet had a gap just now).
    expect(gapParent).not.toBe('');
    await find(page, gapParent);
    await page.waitForFunction((name) => document.querySelector('[data-test="person-name"]')?.textContent === name, gapParent);
    await page.waitForSelector(`${sel('person-codes')} .el-table__body-wrapper [data-test="code-value"]`);
    await page.waitForSelector(sel('person-reissue-all'));
    const before = await page.$$eval(`${sel('person-codes')} .el-table__body-wrapper [data-test="code-value"]`, (els) =>
      els.map((e) => e.textContent!.trim()),
    );
    await page.click(sel('person-reissue-all'));
    const question = (await page.textContent('.el-message-box__message')) ?? '';
    for (const code of before) expect(question).toContain(code);
    await snap(page, 'reissue-all-confirm');
    await page.fill('.el-message-box__input input', 'потеряла семейный лист');
    await page.click('.el-message-box__btns .el-button--primary');
    await page.waitForSelector(`.el-message--success:has-text("Новых кодов: ${before.length}")`);
    await page.click(sel('person-print'));
    await page.waitForSelector(`${sel('print-summary')}:has-text("Кодов на печати: ${before.length}.")`);
    expect(await page.isChecked(`${sel('print-only-new')} input`)).toBe(true);
    const frame = await (await page.waitForSelector(sel('print-preview'))).contentFrame();
    await frame!.waitForSelector('.sheet');
    expect(await frame!.textContent('body')).toContain('Выдан повторно');
    for (const code of before) expect(await frame!.textContent('body')).not.toContain(code);
    await snap(page, 'reissue-all-print');
    await page.keyboard.press('Escape');
    expect(desk.problems).toEqual([]);
  });
});
