// Run once before the e2e files (one at a time, each in a fresh worker) and shared by all of them.
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { ensureBuilt } from '../../scripts/project.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../support/browser.ts';
import { pgliteTemplate } from '../support/portal.ts';

/**
 * The e2e tests drive the built app: build it once, before any test starts. One Chromium serves every
 * file: each file's `launchChromium()` connects to it and its `close()` drops only that file's pages
 * and contexts (a context shares no cookies or storage with another), instead of starting and ending a
 * browser per file (~1–4 s each). The portal's files start from a migrated database instead of
 * creating one (initdb and migrations, ~10 s of CPU per portal; tests/integration cover the first start).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await chromium.launchServer({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
  try {
    ensureBuilt();
    project.provide('chromiumWs', server.wsEndpoint());
    project.provide('pgliteTemplate', await pgliteTemplate());
  } catch (e) {
    await server.close();
    throw e;
  }
  return () => server.close();
}
