// Shared steps: a school set up (in-process), then an operator signed in through the UI.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { setUpDataDir } from '../../support/core.ts';
import type { Core } from '../../../src-main/core/core.ts';
import { launchChromium, sel, watchPage } from '../../support/browser.ts';
import { CURATOR, SCHOOL } from './foundation.ts';
import { startBrowserApp, type RunningApp } from '../../support/app.ts';
import { tempDir } from '../../support/tmp.ts';

export const SIGNED_IN_ENV = { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password };

/** A deputy director, the other operator role: tests add them with `addDeputy` and sign in with `signIn(page, url, DEPUTY)`. */
export const DEPUTY = { fullName: 'Петров Иван Иванович', login: 'petrov', password: 'Zamestitel2026', role: 'deputy' as const };

/** Adds the deputy director (with the cheap test hash: `prepare` of `setUpDataDir`). */
export async function addDeputy(core: Core): Promise<void> {
  await core.operators.create({ operatorId: 1, login: CURATOR.login, via: 'cli' }, { ...DEPUTY });
}

/**
 * The school set up in-process with the cheap test hash (the UI sign-in and CLI calls then stay
 * cheap): these tests are about the UI. `kurator setup` has tests of its own, the wizard too.
 */
export async function setUpSchool(dataDir: string, options: { importFixture?: boolean } = {}): Promise<void> {
  await setUpDataDir(dataDir, {
    school: { schoolName: SCHOOL.name, registrationUrl: SCHOOL.url, curatorContact: SCHOOL.contact },
    operator: { ...CURATOR },
    prepare: async (core) => {
      if (!options.importFixture) return;
      const file = fixture('roster', 'roster-wide-cp1251.csv');
      const actor = { operatorId: 1, login: CURATOR.login, via: 'cli' as const };
      const imported = await core.roster.importFile(actor, fs.readFileSync(file), path.basename(file));
      expect(imported.report.students.added).toBe(550);
    },
  });
}

export async function signIn(page: Page, url: string, who: { login: string; password: string } = CURATOR): Promise<void> {
  await page.goto(url);
  await page.waitForSelector(sel('signin-login'));
  await page.fill(sel('signin-login'), who.login);
  await page.fill(sel('signin-password'), who.password);
  await page.keyboard.press('Enter');
  await page.waitForSelector(sel('operator-name'));
}

/**
 * Waits until the settings screen holds the school's settings. They come from the server after the
 * form is drawn (empty), and replace whatever is in the form then: a field filled or read before
 * that is overwritten or reads ''. The school's name is never empty once they have arrived.
 */
export async function settingsLoaded(page: Page): Promise<void> {
  await page.waitForSelector(sel('settings-school'));
  await expect.poll(() => page.inputValue(sel('settings-school'))).not.toBe('');
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
 * A school set up (and, if asked, the shared fixture imported), the app in
 * browser mode, real Chromium, and the curator signed in.
 */
export async function openDesk(options: { importFixture?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Desk> {
  const data = tempDir();
  await setUpSchool(data.dir, options);
  const app = await startBrowserApp(data.dir);
  const browser: Browser = await launchChromium();
  const page = await browser.newPage({ acceptDownloads: true, viewport: options.viewport ?? { width: 1400, height: 900 } });
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
