// The same path as foundation.browser.test.ts, in the real Electron app through Playwright's
// `_electron`. Electron's binary cannot be downloaded on every machine: without it this suite is
// skipped and says why.
import { afterAll, describe, expect, it } from 'vitest';
import { _electron } from 'playwright-core';
import { ROOT, electronBinary } from '../../scripts/project.ts';
import { tempDir } from '../support/tmp.ts';
import { watchPage } from '../support/browser.ts';
import { runFoundationPath } from './flows/foundation.ts';

const electron = electronBinary();
if ('missing' in electron) console.warn(`[e2e] Electron suite skipped: ${electron.missing}`);

describe.skipIf('missing' in electron)('Electron app: setup, sign-in, lock, audit', () => {
  const data = tempDir();
  afterAll(() => data.remove());

  it('runs the whole path in a hardened window', async () => {
    if ('missing' in electron) return;
    const app = await _electron.launch({ executablePath: electron.path, args: [ROOT, '--data-dir', data.dir], cwd: ROOT });
    try {
      const page = await app.firstWindow();
      const problems = watchPage(page);
      await page.waitForURL('app://kurator/index.html');
      // The page sees the narrow bridge and nothing of Node.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((window as unknown as { kurator?: object }).kurator ?? {}).sort())).toEqual([
        'platform',
        'rpc',
      ]);
      // Context isolation: the page cannot reach the preload's world through the bridge object.
      expect(await page.evaluate(() => Object.isFrozen((window as unknown as { kurator: object }).kurator))).toBe(true);
      await runFoundationPath(page);
      // window.open is denied.
      expect(await page.evaluate(() => window.open('https://evil.example/'))).toBeNull();
      expect(problems).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
