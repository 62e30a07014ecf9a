import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { downloaded, sel, snap } from '../support/browser.ts';
import { fixture, openDesk, type Desk } from './flows/session.ts';

const FIXTURE = fixture('roster', 'roster-wide-cp1251.csv');

async function countsOf(page: Page): Promise<Record<string, number[]>> {
  return page.$$eval(`${sel('import-counts')} tbody tr`, (rows) =>
    Object.fromEntries(
      rows.map((r) => {
        const cells = [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
        return [cells[0]!, cells.slice(1).map(Number)];
      }),
    ),
  );
}

describe('roster in browser mode: import wizard, search, person card (real Chromium)', () => {
  let desk: Desk;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    desk = await openDesk();
    page = desk.page;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });
  afterAll(() => desk?.close());

  it('imports the class lists through the wizard, showing every problem before writing', async () => {
    await page.click('a[href="#/import"]');
    await page.setInputFiles(sel('import-file'), FIXTURE);
    await page.waitForSelector(sel('import-format'));
    // Detected: Windows-1251, «;», one row per student; the sample is decoded correctly.
    expect(await page.textContent(`${sel('import-encoding')} .el-select__placeholder`)).toContain('Windows-1251');
    expect(await page.textContent(sel('import-sample'))).toContain('Крюкова');
    expect(await page.$(sel('import-garbled'))).toBeNull();
    // Read as UTF-8 by mistake: the wizard sees the broken letters and offers the encoding that works.
    await page.click(sel('import-encoding'));
    await page.click('.el-select-dropdown__item:has-text("UTF-8")');
    await page.waitForSelector(sel('import-garbled'));
    expect(await page.textContent(sel('import-sample'))).not.toContain('Крюкова');
    await snap(page, 'import-garbled');
    await page.click(sel('import-better-encoding'));
    await page.waitForSelector(sel('import-garbled'), { state: 'detached' });
    expect(await page.textContent(`${sel('import-encoding')} .el-select__placeholder`)).toContain('Windows-1251');
    expect(await page.textContent(sel('import-sample'))).toContain('Крюкова');
    await snap(page, 'import-format');
    await page.click(sel('import-next'));
    await page.waitForSelector(sel('import-mapping'));
    await snap(page, 'import-mapping');
    await page.click(sel('import-check'));
    await page.waitForSelector(sel('import-preview'));
    expect(await countsOf(page)).toMatchObject({
      'Классы:': [22, 0, 0],
      'Ученики:': [550, 0, 0],
      'Родители:': [774, 0, 0],
      'Связи:': [887, 0, 0],
    });
    const rejected = await page.$$eval(`${sel('issues-errors')} tbody tr`, (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim())),
    );
    // Each refused row names whom it is about, not only its line.
    expect(rejected.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['553', 'Невалидов Леонид Герасимович', 'Дата рождения'],
      ['554', 'Дарья Кирилловна', 'Фамилия'],
    ]);
    await snap(page, 'import-preview');
    await page.click(sel('import-apply'));
    await page.waitForSelector(sel('import-done'));
    expect(await countsOf(page)).toMatchObject({ 'Ученики:': [550, 0, 0], 'Родители:': [774, 0, 0] });
    await snap(page, 'import-done');

    const download = page.waitForEvent('download');
    await page.click(sel('import-save-report'));
    const csv = (await downloaded(await download)).toString('utf8');
    expect(csv).toContain('Строка отклонена;553;Невалидов Леонид Герасимович;Дата рождения;');
    expect(csv).toContain('Строка отклонена;554;Дарья Кирилловна;Фамилия;');
    // The hostile email is written back escaped: a spreadsheet will not run it.
    expect(csv).not.toMatch(/;=HYPERLINK/);
  });

  it('finds people by keyboard and shows markup in a name as plain text', async () => {
    await page.click('a[href="#/"]');
    await page.keyboard.press('/');
    await page.keyboard.type('денисова 1а');
    // The hits of the whole query, not of a prefix still on screen.
    await page.waitForSelector(`${sel('search-results')}[data-query="денисова 1а"] ${sel('search-hit')}`);
    const hits = await page.$$eval(sel('search-hit'), (els) => els.map((e) => e.textContent ?? ''));
    const index = hits.findIndex((h) => h.includes('<img src=x onerror=alert(1)>'));
    expect(index).toBeGreaterThanOrEqual(0);
    await snap(page, 'search');
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector(sel('person-name'));
    expect(await page.textContent(sel('person-name'))).toBe('Денисова <img src=x onerror=alert(1)> Артемовна');
    expect(await page.$$('main img')).toHaveLength(0);
    expect(await page.textContent(sel('person-guardians'))).toContain('Денисова Евфросиния Юрьевна');
    await snap(page, 'person-card');

    // With the Russian layout on, the `/` key types «.»: it still reaches the search.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.evaluate(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: '.', code: 'Slash', bubbles: true })));
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'search');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // Ctrl+K also reaches the search; a phone's last digits find the parent (+7 946 743 17 87 in the file).
    await page.keyboard.press('Control+KeyK');
    await page.keyboard.type('743-17-87');
    await page.waitForSelector(`${sel('search-results')}[data-query="743-17-87"] ${sel('search-hit')}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(sel('person-children'));
    expect(await page.textContent(sel('person-name'))).toBe('Беляков Святополк Владиленович');
    expect(await page.textContent(sel('person-fields'))).toContain('+7 946 743-17-87');
    // The keyboard goes on from the new page: the focus is on its heading.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

    // He brings a new phone number: corrected at the desk, checked like an import would check it.
    await page.click(sel('person-edit'));
    await page.fill(sel('edit-phone'), '12-34');
    await page.click(sel('edit-save'));
    await page.waitForSelector('text=Телефон: нужен российский номер');
    await page.fill(sel('edit-phone'), '8 (916) 555-44-33');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-test="person-fields"]')?.textContent?.includes('+7 916 555-44-33'));
    expect(dialogs).toEqual([]);
  });

  it('shows classes with counts and a class page with the parents', async () => {
    await page.click('a[href="#/classes"]');
    await page.waitForSelector('[data-class="1А"]');
    const rows = await page.$$eval(`${sel('classes-table')} tbody tr`, (trs) => trs.length);
    expect(rows).toBe(22);
    await page.click('[data-class="1А"]');
    await page.waitForSelector(sel('class-students'));
    expect(await page.textContent('#class-title')).toBe('1А класс');
    expect(await page.textContent(sel('class-students'))).toContain('Крюкова Оксана Архиповна');
  });

  it('a second import of the same file changes nothing', async () => {
    await page.click('a[href="#/import"]');
    await page.setInputFiles(sel('import-file'), FIXTURE);
    await page.waitForSelector(sel('import-format'));
    await page.click(sel('import-next'));
    await page.click(sel('import-check'));
    await page.waitForSelector(sel('import-preview'));
    await page.click(sel('import-apply'));
    await page.waitForSelector(sel('import-done'));
    expect(await page.textContent(sel('import-done'))).toContain('Ничего не изменилось');
    expect(await countsOf(page)).toMatchObject({
      'Классы:': [0, 0, 22],
      'Ученики:': [0, 0, 550],
      'Родители:': [0, 0, 774],
      'Связи:': [0, 0, 887],
    });
  });

  it('takes the same roster saved by LibreOffice as .ods and .xls: the picker offers them, nothing changes', async () => {
    for (const file of ['roster-wide.ods', 'roster-wide.xls']) {
      await page.click(sel('import-another'));
      expect((await page.getAttribute(sel('import-file'), 'accept'))?.split(',')).toEqual(
        expect.arrayContaining(['.ods', '.xls', '.xlsx']),
      );
      await page.setInputFiles(sel('import-file'), fixture('roster', file));
      await page.waitForSelector(sel('import-format'));
      await page.waitForSelector(sel('import-sheet')); // a spreadsheet: its sheet is shown, no encoding
      expect(await page.$(sel('import-encoding'))).toBeNull();
      await page.click(sel('import-next'));
      await page.click(sel('import-check'));
      await page.waitForSelector(sel('import-preview'));
      await page.click(sel('import-apply'));
      await page.waitForSelector(sel('import-done'));
      expect(await countsOf(page), file).toMatchObject({ 'Ученики:': [0, 0, 550], 'Родители:': [0, 0, 774], 'Связи:': [0, 0, 887] });
    }
  });

  it('a file whose columns are not recognized opens at the mapping step, and mapping by hand imports it', async () => {
    await page.click(sel('import-another'));
    await page.setInputFiles(sel('import-file'), fixture('roster', 'unknown-headers.csv'));
    await page.waitForSelector(sel('import-mapping'));
    expect(await page.textContent(sel('import-problem'))).toContain('Нет обязательных столбцов');
    const fields = ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Класс'];
    // By keyboard: type a few letters of the field, Enter picks it.
    for (const [i, label] of fields.entries()) {
      await page.click(`${sel(`map-${i}`)}`);
      await page.keyboard.type(label);
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.textContent(`${sel(`map-${i}`)} .el-select__selected-item:not(.el-select__input-wrapper)`))
        .toContain(label);
    }
    await page.click(sel('import-check'));
    await page.waitForSelector(sel('import-preview'));
    expect(await countsOf(page)).toMatchObject({ 'Ученики:': [3, 0, 0] });
  });

  it('audits the imports and the opened cards', async () => {
    await page.click('a[href="#/audit"]');
    await page.waitForSelector('[data-action="person.view"]');
    const actions = await page.$$eval('[data-action]', (els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions.filter((a) => a === 'roster.import')).toHaveLength(4); // the CSV twice, then the .ods and the .xls
    expect(actions.filter((a) => a === 'person.view')).toHaveLength(2);
    expect(actions.filter((a) => a === 'person.update')).toHaveLength(1);
    expect(desk.problems).toEqual([]);
  });

  it('archives a person from the card; the archive lists them before anything is typed', async () => {
    await page.keyboard.press('Control+KeyK');
    await page.keyboard.type('Беляков Святополк');
    await page.waitForSelector(`${sel('search-results')}[data-query="Беляков Святополк"] ${sel('search-hit')}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-test="person-name"]')?.textContent === 'Беляков Святополк Владиленович');
    await page.click(sel('archive-toggle'));
    expect(await page.textContent('.el-message-box__message')).toContain('коды приглашений перестанут действовать');
    await page.click('.el-message-box__btns .el-button--primary');
    await page.waitForSelector('.el-message--success:has-text("Переведён в архив")');
    await page.click('a[href="#/archive"]');
    await page.waitForSelector(`${sel('archive-table')} a:has-text("Беляков Святополк Владиленович")`);
    expect(await page.inputValue(sel('archive-search'))).toBe('');
    expect(desk.problems).toEqual([]);
  });
});
