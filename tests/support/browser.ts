// Real Chromium for the end-to-end tests and PDF output, through playwright-core.
import fs from 'node:fs';
import { chromium, type Browser, type Download, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from '../../src-main/core/print/pdf.ts';

// What the e2e project's global setup (tests/e2e/global-setup.ts) hands its files.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's address: `launchChromium()` connects to it (tests/support/browser.ts). */
    chromiumWs: string;
    /** A migrated portal database (pgdata) that `portalDataDir()` copies (tests/support/portal-process.ts). */
    pgliteTemplate: string;
  }
}

/** The same Chromium and flags the app itself uses for PDF output. */
export { CHROMIUM_ARGS, chromiumPath } from '../../src-main/core/print/pdf.ts';

/**
 * A Chromium of the test's own, or in the e2e project a connection to the one its global setup started
 * (tests/e2e/global-setup.ts): `close()` then ends this connection's contexts and pages, not the browser.
 */
export function launchChromium(): Promise<Browser> {
  const shared = inject('chromiumWs');
  if (shared) return chromium.connect(shared);
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
}

/**
 * A download's bytes. Not `download.path()`: a browser connected to (the e2e project's shared one)
 * keeps its downloads on its own side, and Playwright gives their path only to the browser's launcher.
 */
export async function downloaded(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Console errors, page errors and CSP violations of a page: a test fails when any is recorded. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** With KURATOR_SCREENSHOTS=dir, saves a full-page screenshot for a human to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.KURATOR_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** The selector of an element by its `data-test` name. */
export const sel = (name: string): string => `[data-test="${name}"]`;
