// «Small things seen» on a first day at the desk, each checked in real Chromium at 1366×768: the
// search placeholder whole, no dashed box around page headings, mapping dropdowns not clipped, the
// «Только ещё не напечатанные» checkbox on one line, Russian names for screen readers, Settings
// asking before dropping changes, the lock screen keeping a password typed while one is refused, one
// focus ring on a text field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sel, snap } from '../support/browser.ts';
import { CURATOR } from './flows/foundation.ts';
import { fixture, openDesk, settingsLoaded, type Desk } from './flows/session.ts';

describe('small things (real Chromium, 1366×768)', () => {
  let desk: Desk;
  let page: Page;

  beforeAll(async () => {
    desk = await openDesk({ importFixture: true, viewport: { width: 1366, height: 768 } });
    page = desk.page;
  });
  afterAll(() => desk?.close());

  it('shows the whole search placeholder', async () => {
    for (const width of [1366, 1280]) {
      await page.setViewportSize({ width, height: 768 });
      const fit = await page.$eval(sel('search'), (el) => {
        const input = el as HTMLInputElement;
        const style = getComputedStyle(input);
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { text: ctx.measureText(input.placeholder).width, room };
      });
      expect(fit.text, `at ${width} px`).toBeLessThanOrEqual(fit.room);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await page.getAttribute(sel('search'), 'aria-keyshortcuts')).toBe('/ Control+K');
  });

  it('draws no dashed box around a page heading that took the focus', async () => {
    // Signed in with Enter: the keyboard was used, so a focus ring would show (:focus-visible).
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    const heading = () =>
      page.evaluate(() => {
        const h = document.activeElement as HTMLElement;
        return { tag: h.tagName, outline: getComputedStyle(h).outlineStyle, visible: h.matches(':focus-visible') };
      });
    expect(await heading()).toEqual({ tag: 'H1', outline: 'none', visible: true });
    await page.focus('a[href="#/classes"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#classes-title');
    await page.waitForFunction(() => document.activeElement?.id === 'classes-title');
    expect((await heading()).outline).toBe('none');
  });

  it('does not clip the mapping dropdowns of the import wizard', async () => {
    await page.click('a[href="#/import"]');
    await page.setInputFiles(sel('import-file'), fixture('roster', 'unknown-headers.csv'));
    await page.waitForSelector(sel('import-mapping'));
    const cells = await page.$$eval('td.mapping-field', (tds) =>
      tds.map((td) => {
        const select = td.querySelector('.el-select')!.getBoundingClientRect();
        const cell = td.getBoundingClientRect();
        return { select: Math.round(select.width), inside: select.right <= cell.right + 0.5, clipped: td.scrollWidth > td.clientWidth };
      }),
    );
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c).toEqual({ select: 280, inside: true, clipped: false });
    await snap(page, 'small-mapping');
  });

  it('puts the «Только ещё не напечатанные» checkbox and its words on one line', async () => {
    await page.click('a[href="#/classes"]');
    await page.click('[data-class="6А"]');
    await page.click(sel('print-invitations'));
    const box = await page.$eval(sel('print-only-unprinted'), (el) => {
      const input = el.querySelector('.el-checkbox__input')!.getBoundingClientRect();
      const label = el.querySelector('.el-checkbox__label')!.getBoundingClientRect();
      const radios = document.querySelector('[data-test="print-layout"]')!.getBoundingClientRect();
      const mid = (r: DOMRect) => r.top + r.height / 2;
      return {
        sameLine: Math.abs(mid(input) - mid(label)) < 3,
        before: input.right <= label.left,
        withControls: Math.abs(mid(input) - mid(radios)) < 3,
      };
    });
    expect(box).toEqual({ sameLine: true, before: true, withControls: true });
    // The dialog's close button is named in Russian for screen readers.
    expect(await page.getAttribute(`${sel('print-dialog')} .el-dialog__headerbtn`, 'aria-label')).toBe('Закрыть окно');
    await snap(page, 'small-print-checkbox');
    await page.keyboard.press('Escape');
  });

  it('names nothing in English to screen readers on the screens visited', async () => {
    await page.waitForSelector(sel('class-students'));
    const english = await page.$$eval('[aria-label], [title], [placeholder]', (els) =>
      els
        .flatMap((el) => ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? ''))
        // Key names (Ctrl+K) are what the keyboard says.
        .filter((v) => /[A-Za-z]{3,}/.test(v.replace(/\bCtrl\+\w\b/g, ''))),
    );
    expect(english, english.join(' | ')).toEqual([]);
  });

  // A trial saw two rings on a focused field of the setup wizard: Element's blue box and, inside it and
  // off by a few pixels, the orange ring every control gets from the keyboard.
  it('draws one focus ring around a text field, on its box and not on the input inside it', async () => {
    await page.click('a[href="#/settings"]');
    await settingsLoaded(page);
    await page.focus(sel('settings-school'));
    await page.keyboard.press('End');
    const rings = await page.$eval(sel('settings-school'), (el) => {
      const input = el as HTMLInputElement;
      const box = input.closest('.el-input__wrapper')!;
      return {
        visible: input.matches(':focus-visible'),
        input: getComputedStyle(input).outlineStyle,
        box: getComputedStyle(box).outlineStyle,
        boxWidth: getComputedStyle(box).outlineWidth,
      };
    });
    expect(rings).toEqual({ visible: true, input: 'none', box: 'solid', boxWidth: '3px' });
  });

  it('asks before leaving Settings with unsaved changes', async () => {
    await page.click('a[href="#/settings"]');
    await settingsLoaded(page);
    await page.fill(sel('settings-contact'), 'Каб. 305, пн–пт 9:00–17:00');
    await page.click('a[href="#/classes"]');
    const box = page.locator('.el-message-box');
    await box.waitFor();
    expect(await box.textContent()).toContain('Уйти без сохранения?');
    await snap(page, 'small-settings-leave');
    await box.locator('button:has-text("Остаться")').click();
    await box.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => location.hash)).toBe('#/settings');
    expect(await page.inputValue(sel('settings-contact'))).toBe('Каб. 305, пн–пт 9:00–17:00');
    await page.click('a[href="#/classes"]');
    await page.locator('.el-message-box button:has-text("Уйти без сохранения")').click();
    await page.waitForSelector(sel('classes-table'));
    // Saved changes leave without a question.
    await page.click('a[href="#/settings"]');
    await settingsLoaded(page);
    await page.fill(sel('settings-contact'), 'Каб. 305');
    await page.click(sel('settings-save'));
    await page.waitForSelector('.el-message--success:has-text("Настройки сохранены")');
    await page.click('a[href="#/classes"]');
    await page.waitForSelector(sel('classes-table'));
    expect(await page.$('.el-message-box')).toBeNull();
  });

  it('keeps Settings closed to typing until the stored settings are in it, and says so when they cannot be read', async () => {
    await page.click('a[href="#/classes"]');
    await page.waitForSelector(sel('classes-table'));
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/getSettings', async (route) => {
      await held;
      await route.continue();
    });
    await page.click('a[href="#/settings"]');
    await page.waitForSelector(sel('settings-contact'));
    // What a curator typed now would be overwritten when the settings come.
    expect(await page.isDisabled(sel('settings-contact'))).toBe(true);
    expect(await page.isDisabled(sel('settings-save'))).toBe(true);
    release();
    await expect.poll(() => page.isDisabled(sel('settings-contact'))).toBe(false);
    expect(await page.inputValue(sel('settings-school'))).not.toBe('');
    await page.unroute('**/api/getSettings');

    // Settings that cannot be read leave an empty form that must not be saved over them.
    await page.click('a[href="#/classes"]');
    await page.waitForSelector(sel('classes-table'));
    await page.route('**/api/getSettings', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { code: 'internal', reason: 'app.internal', message: 'Внутренняя ошибка программы.' } }),
      }),
    );
    await page.click('a[href="#/settings"]');
    await page.waitForSelector(`${sel('settings-load-error')}:has-text("Внутренняя ошибка программы")`);
    expect(await page.isDisabled(sel('settings-save'))).toBe(true);
    expect(await page.isDisabled(sel('settings-school'))).toBe(true);
    await page.unroute('**/api/getSettings');
    await page.click('a[href="#/classes"]');
    await page.waitForSelector(sel('classes-table'));
    expect(desk.problems).toEqual([]);
  });

  it('keeps the right password typed on the lock screen while a wrong one is still being refused', async () => {
    await page.click(sel('lock'));
    await page.waitForSelector(sel('lock-screen'));
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/unlock', async (route) => {
      await held;
      await route.continue();
    });
    await page.fill(sel('unlock-password'), 'wrong-password');
    await page.keyboard.press('Enter');
    // While the wrong one is on its way, the curator types the right one.
    await page.fill(sel('unlock-password'), CURATOR.password);
    release();
    await page.waitForSelector(`${sel('lock-screen')} .el-form-item__error:has-text("Неверный пароль")`);
    expect(await page.inputValue(sel('unlock-password'))).toBe(CURATOR.password);
    await page.unroute('**/api/unlock');
    // After a wrong password the next try waits at least a second (the throttle).
    await page.waitForTimeout(1100);
    await page.keyboard.press('Enter');
    await page.waitForSelector(sel('lock-screen'), { state: 'detached' });
    expect(desk.problems).toEqual([]);
  });
});
