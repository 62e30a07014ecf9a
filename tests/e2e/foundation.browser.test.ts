import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, watchPage } from '../support/browser.ts';
import { startBrowserApp, type RunningApp } from '../support/app.ts';
import { tempDir } from '../support/tmp.ts';
import { runFoundationPath } from './flows/foundation.ts';

describe('browser mode: setup, sign-in, lock, audit (real Chromium)', () => {
  const data = tempDir();
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startBrowserApp(data.dir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    data.remove();
  });

  it('prints exactly one line on stdout: the address with its token', () => {
    expect(app.stdout()).toMatch(/^Kurator is running at http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}\n$/);
  });

  it('goes through the whole path by keyboard, without console errors or CSP violations', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(app.url);
    // The token leaves the address bar at once.
    await page.waitForFunction(() => !location.hash.includes('token='));
    await runFoundationPath(page);
    expect(problems).toEqual([]);
  });

  it('a page opened without the token can do nothing', async () => {
    const page = await browser.newPage();
    await page.goto(app.origin + '/');
    await page.waitForSelector('.boot-error');
    expect(await page.textContent('.boot-error')).toContain('Нет ключа доступа');
  });
});
