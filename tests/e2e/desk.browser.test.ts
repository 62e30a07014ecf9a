// Desk work in real Chromium at 1366×768 (an office laptop): a student who arrives mid-year, a
// class's teacher, a parent unlinked and a relation corrected, the end of the school year (preview
// and result), and the journal with card views left out. KURATOR_SCREENSHOTS=dir saves the screens.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sel, snap } from '../support/browser.ts';
import { openDesk, type Desk } from './flows/session.ts';

describe('desk work (real Chromium, 1366×768)', () => {
  let desk: Desk;
  let page: Page;
  const toast = (text: string) => page.waitForSelector(`.el-message:has-text("${text}")`);

  async function openClass(name: string) {
    await page.click('a[href="#/classes"]');
    await page.click(`[data-class="${name}"]`);
    await page.waitForSelector(`#class-title:has-text("${name}")`);
    await page.waitForSelector(sel('student-link'));
  }

  beforeAll(async () => {
    desk = await openDesk({ importFixture: true, viewport: { width: 1366, height: 768 } });
    page = desk.page;
  });
  afterAll(() => desk?.close());

  it('adds a student who arrives mid-year from the class page, with the import’s checks', async () => {
    await openClass('6А');
    await page.click(sel('add-student'));
    await page.fill(sel('student-surname'), ' сидорова ');
    await page.fill(sel('student-name'), 'анна');
    await page.fill(sel('student-patronymic'), 'игоревна');
    // Too young for a school (the run's clock reads November 2026): refused by the field.
    await page.fill(sel('student-birth-date'), '01.01.2024');
    await page.click(sel('student-save'));
    await page.waitForSelector(`${sel('add-student-dialog')} .el-form-item__error:has-text("01.01.2024")`);
    await page.fill(sel('student-birth-date'), '7.4.2014');
    expect(await page.textContent(sel('student-birth-date-understood'))).toBe('Прочитано как 07.04.2014');
    await snap(page, 'desk-add-student');
    await page.click(sel('student-save'));
    await page.waitForSelector(`${sel('person-name')}:has-text("Сидорова Анна Игоревна")`);
    expect(await page.textContent(sel('person-fields'))).toContain('07.04.2014');
    await toast('Сидорова Анна Игоревна добавлен(а) в класс');
  });

  it('refuses the same student twice (folded name and birth date)', async () => {
    await openClass('6А');
    await page.click(sel('add-student'));
    await page.fill(sel('student-surname'), 'СИДОРОВА');
    await page.fill(sel('student-name'), 'Анна');
    await page.fill(sel('student-patronymic'), 'Игоревна');
    await page.fill(sel('student-birth-date'), '2014-04-07');
    await page.click(sel('student-save'));
    await page.waitForSelector(`${sel('add-student-dialog')} .el-form-item__error:has-text("Такой ученик уже есть в базе")`);
    // Escape with the form filled asks first (it closed and dropped what was typed); Escape again stays.
    const ask = page.locator('.el-message-box', { hasText: 'То, что вы ввели в форму, не сохранится.' });
    await page.keyboard.press('Escape');
    await ask.waitFor();
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'hidden' });
    expect(await page.inputValue(sel('student-surname'))).toBe('СИДОРОВА');
    // «Отмена» asks too; «Закрыть» closes.
    await page.click(sel('student-cancel'));
    await ask.waitFor();
    await page.click('.el-message-box__btns button:has-text("Закрыть")');
    await page.locator(sel('add-student-dialog')).waitFor({ state: 'hidden' });
  });

  it('sets the class’s teacher', async () => {
    await page.click(sel('class-teacher-change'));
    await page.fill(sel('teacher-surname'), 'петрова');
    await page.fill(sel('teacher-name'), 'елена');
    await page.fill(sel('teacher-patronymic'), 'викторовна');
    await page.click(sel('teacher-save'));
    await page.waitForSelector(`${sel('class-teacher')}:has-text("Петрова Елена Викторовна")`);
  });

  it('unlinks a parent (their codes for the child revoked) and corrects another’s relation', async () => {
    await page.click(sel('issue-codes'));
    await page.click(sel('issue-confirm'));
    await toast('Выдано');
    // A student with two parents.
    const href = await page.evaluate(() => {
      const row = [...document.querySelectorAll('[data-test="class-students"] tbody tr')].find(
        (r) => r.querySelectorAll('.people-list li a').length === 2,
      );
      return row?.querySelector('[data-test="student-link"]')?.getAttribute('href') ?? null;
    });
    expect(href).not.toBeNull();
    await page.click(`a[href="${href}"]`);
    await page.waitForSelector(sel('person-guardians'));
    const [first, second] = await page.$$eval(`${sel('person-guardians')} li[data-guardian]`, (li) =>
      li.map((l) => l.getAttribute('data-guardian')),
    );
    await page.click(`li[data-guardian="${second}"] ${sel('link-relation')}`);
    await page.click('.el-select-dropdown:visible .el-select-dropdown__item:has-text("законный представитель")');
    await toast('Сохранено');
    await page.waitForSelector(`li[data-guardian="${second}"]:has-text("— законный представитель")`);
    await page.click(`li[data-guardian="${first}"] ${sel('link-unlink')}`);
    const box = page.locator('.el-message-box');
    await box.waitFor();
    // Screen readers hear Russian: the box's close button is named in Russian.
    expect(await box.locator('.el-message-box__headerbtn').getAttribute('aria-label')).toBe('Закрыть окно');
    await snap(page, 'desk-unlink-confirm');
    await box.locator('.el-button--primary').click();
    await toast('Родитель отвязан, отозвано: 1 код');
    await page.waitForFunction((id) => !document.querySelector(`li[data-guardian="${id}"]`), first);
    expect(await page.$$(`${sel('person-guardians')} li[data-guardian]`)).toHaveLength(1);
    await snap(page, 'desk-unlinked');
  });

  it('ends the school year: the preview says what moves where and who leaves; the result, with a backup', async () => {
    await page.click('a[href="#/classes"]');
    await page.click(sel('year-end'));
    const dialog = page.locator(sel('year-end-dialog'));
    await dialog.locator(sel('year-end-summary')).waitFor();
    const moves = await dialog.locator(sel('year-end-moves')).textContent();
    expect(moves).toMatch(/11А\s*Выпуск\s*25/);
    expect(moves).toMatch(/10А\s*11А\s*25/);
    expect(moves).toContain('Петрова Елена Викторовна');
    expect(await dialog.locator(sel('year-end-summary')).textContent()).toMatch(
      /^В архив: 50 учеников и \d+ родител\S+; будет отозвано: \d+ код\S*\.$/,
    );
    await snap(page, 'desk-year-end-preview');
    await dialog.locator(sel('year-end-run')).click();
    await page.locator('.el-message-box .el-button--primary').click();
    await dialog.locator(sel('year-end-done')).waitFor();
    const done = await dialog.locator(sel('year-end-done')).textContent();
    const backup = /Резервная копия до перевода: (\S+\.sqlite)/.exec(done ?? '')?.[1];
    expect(backup && path.dirname(backup)).toBe(path.join(desk.dataDir, 'backups'));
    expect(fs.existsSync(backup!)).toBe(true);
    await snap(page, 'desk-year-end-done');
    await dialog.locator('.el-dialog__footer button:has-text("Закрыть")').click();
    // The list is loaded again once the year has ended, and may arrive after the dialog is closed: 7А
    // was on the old list too (with 25 students), so wait for the new one by 7А's new count.
    await expect.poll(() => page.textContent(sel('classes-table'))).toMatch(/7А\s*26/);
    const table = await page.textContent(sel('classes-table'));
    // 1st grade left empty (its row removed until the next lists); 6А is 7А now, its teacher with it.
    expect(await page.$('[data-class="1А"]')).toBeNull();
    expect(await page.$('[data-class="11А"]')).not.toBeNull();
    expect(table).toMatch(/7А\s*26/);
    expect(table).toContain('Петрова Елена Викторовна');
  });

  it('shows the journal without card views, in words', async () => {
    await page.click('a[href="#/audit"]');
    await page.waitForSelector('[data-action="roster.year_end"]');
    const total = async () => Number(/\d+/.exec((await page.textContent(sel('audit-total'))) ?? '')?.[0]);
    const all = await total();
    await page.click(sel('audit-hide-reads'));
    await expect.poll(total).toBeLessThan(all);
    expect(await page.$('[data-action="person.view"]')).toBeNull();
    const text = await page.textContent(sel('audit-table'));
    expect(text).toContain('Перевод на следующий учебный год');
    expect(text).toMatch(/переведено учеников: \d+/);
    expect(text).toContain('причина: все дети выпустились');
    expect(text).not.toMatch(/[{}"]/);
    await snap(page, 'desk-journal-actions-only');
    expect(desk.problems).toEqual([]);
  });
});
