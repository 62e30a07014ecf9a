// Long work shows progress in the UI (real Chromium, browser mode): preparing the whole school's slips
// shows the bar — what it is doing, n of total — and its cancel stops the preparation, printing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sel, snap } from '../support/browser.ts';
import { openDesk, type Desk } from './flows/session.ts';

describe('the bar of long work (real Chromium)', () => {
  let desk: Desk;
  let page: Page;
  const bar = `${sel('work-progress')}[data-task="print"]`;

  beforeAll(async () => {
    desk = await openDesk({ importFixture: true });
    page = desk.page;
    await page.click('a[href="#/classes"]');
    await page.click(sel('issue-all'));
    await page.click(sel('issue-confirm'));
    await page.waitForSelector('.el-message--success:has-text("Выдано кодов")');
  });
  afterAll(() => desk?.close());

  it('preparing the school’s slips shows what it is doing, n of total, then the preview', async () => {
    await page.click(sel('print-all'));
    await page.waitForSelector(bar);
    const text = (await page.textContent(bar)) ?? '';
    const [, done, total] = /Готовим бланки: ([\d\s]+) из ([\d\s]+)/.exec(text.replace(/\u00a0/g, ' ')) ?? [];
    expect(Number(total?.replace(/\s/g, ''))).toBeGreaterThan(1000);
    expect(Number(done?.replace(/\s/g, ''))).toBeLessThan(Number(total?.replace(/\s/g, '')));
    await snap(page, 'print-progress');
    await page.waitForSelector(sel('print-summary'), { timeout: 60_000 });
    expect(await page.$(bar)).toBeNull();
    await page.keyboard.press('Escape');
    await page.waitForSelector(sel('print-dialog'), { state: 'hidden' });
  });

  it('cancel stops the preparation: no printout, the dialog says so', async () => {
    // The preparation takes a second or two: a cancel may land just after it ended (then the preview
    // shows, as it should). A few tries make sure one lands while the work runs.
    const cancelled = `${sel('print-error')}:has-text("Подготовка бланков отменена")`;
    for (let attempt = 1; ; attempt++) {
      await page.click(sel('print-all'));
      // The button is gone when the work ended first: then the preview shows instead.
      await page
        .locator(`${bar} ${sel('work-cancel')}`)
        .click({ timeout: 10_000 })
        .catch(() => null);
      await page
        .locator(`${cancelled}, ${sel('print-summary')}`)
        .first()
        .waitFor({ timeout: 30_000 });
      const shown = (await page.locator(cancelled).count()) > 0 ? 'cancelled' : 'finished';
      if (shown === 'cancelled') break;
      expect(attempt, 'every cancel landed after the preparation had ended').toBeLessThan(5);
      await page.keyboard.press('Escape');
      await page.waitForSelector(sel('print-dialog'), { state: 'hidden' });
    }
    await snap(page, 'print-cancelled');
    expect(await page.$(sel('print-summary'))).toBeNull();
    expect(desk.problems).toEqual([]);
  });
});
