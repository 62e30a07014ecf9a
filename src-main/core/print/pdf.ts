// HTML → PDF through headless Chromium (playwright-core). One browser serves a whole batch; each
// document gets a fresh context with JavaScript off and no network.

import fs from 'node:fs';
// playwright-core is loaded when a PDF is made: it takes most of a second to load, which every
// other CLI command would pay otherwise.
import type { Browser } from 'playwright-core';
import { ruPrint } from '../../../src-shared/i18n/ru-print.ts';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const DEFAULT_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** `CHROMIUM_PATH` if set (it must exist), else the first system Chromium found. Throws a clear error. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  const candidates = fromEnv ? [fromEnv] : DEFAULT_CHROMIUM_PATHS;
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(ruPrint.errors.chromiumMissing(candidates.join(', ')));
  return found;
}

export interface PdfOptions {
  /** Give up loading the document after this long (default 120 s; a thousand slips take seconds). */
  timeoutMs?: number;
}

export interface PdfRenderer {
  render(html: string, options?: PdfOptions): Promise<Buffer>;
  close(): Promise<void>;
}

/** A Chromium kept open for several documents. Close it when the batch is done. */
export async function createPdfRenderer(options: { executablePath?: string } = {}): Promise<PdfRenderer> {
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({
    executablePath: options.executablePath ?? chromiumPath(),
    args: [...CHROMIUM_ARGS],
  });
  return {
    async render(html: string, opts: PdfOptions = {}): Promise<Buffer> {
      const timeout = opts.timeoutMs ?? 120_000;
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      try {
        // Belt and braces with the document's CSP: nothing is fetched, ever.
        await context.route('**/*', (route) => route.abort());
        const page = await context.newPage();
        page.setDefaultTimeout(timeout);
        await page.setContent(html, { waitUntil: 'load', timeout });
        // The PDF's title metadata comes from the document's <title>.
        return await page.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          margin: { top: '0', right: '0', bottom: '0', left: '0' },
        });
      } finally {
        await context.close();
      }
    },
    async close(): Promise<void> {
      await browser.close();
    },
  };
}

/**
 * One HTML document → PDF bytes. Pass `renderer` to reuse an open Chromium; otherwise one is
 * started for this document and closed after.
 */
export async function htmlToPdf(html: string, options: PdfOptions & { renderer?: PdfRenderer } = {}): Promise<Buffer> {
  const { renderer, ...pdfOptions } = options;
  if (renderer) return renderer.render(html, pdfOptions);
  const own = await createPdfRenderer();
  try {
    return await own.render(html, pdfOptions);
  } finally {
    await own.close();
  }
}
