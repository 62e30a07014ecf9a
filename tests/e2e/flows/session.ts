// Shared steps: a school set up through the CLI, then an operator signed in through the UI.
import path from 'node:path';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { kurator } from '../../support/cli.ts';
import { launchChromium, sel, watchPage } from '../../support/browser.ts';
import { CURATOR, SCHOOL } from './foundation.ts';
import { startBrowserApp, type RunningApp } from '../../support/app.ts';
import { tempDir } from '../../support/tmp.ts';

export const SIGNED_IN_ENV = { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password };

export function setupByCli(dataDir: string): void {
  const r = kurator(
    [
      'setup',
      '--school',
      SCHOOL.name,
      '--registration-url',
      SCHOOL.url,
      '--operator',
      CURATOR.login,
      '--full-name',
      CURATOR.fullName,
      '--contact',
      SCHOOL.contact,
      '--data-dir',
      dataDir,
    ],
    { KURATOR_PASSWORD: CURATOR.password },
  );
  expect(r.code, r.stderr).toBe(0);
}

export async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector(sel('signin-login'));
  await page.fill(sel('signin-login'), CURATOR.login);
  await page.fill(sel('signin-password'), CURATOR.password);
  await page.keyboard.press('Enter');
  await page.waitForSelector(sel('operator-name'));
}

export const fixture = (...parts: string[]) => path.join(import.meta.dirname, '..', '..', 'fixtures', ...parts);

export interface Desk {
  dataDir: string;
  app: RunningApp;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * A school set up from the command line (and, if asked, the shared fixture imported), the app in
 * browser mode, real Chromium, and the curator signed in.
 */
export async function openDesk(options: { importFixture?: boolean } = {}): Promise<Desk> {
  const data = tempDir();
  setupByCli(data.dir);
  if (options.importFixture) {
    const r = kurator(['import', fixture('roster', 'roster-wide-cp1251.csv'), '--data-dir', data.dir], SIGNED_IN_ENV);
    expect(r.code, r.stderr).toBe(0);
  }
  const app = await startBrowserApp(data.dir);
  const browser: Browser = await launchChromium();
  const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const problems = watchPage(page);
  await signIn(page, app.url);
  return {
    dataDir: data.dir,
    app,
    page,
    problems,
    close: async () => {
      await browser.close();
      await app.stop();
      data.remove();
    },
  };
}
