import { defineConfig } from 'vitest/config';

// What depends on today's date (plausible birth dates in the fixtures, code validity) must give the
// same result in any year: the CLI, browser mode and every core a test opens without a clock of its
// own run as if this run had started at TEST_RUN_START (src-main/core/clock.ts). One shift for the
// whole run keeps time running forward across processes. Tests that move time use FakeClock.
const TEST_RUN_START = Date.parse('2026-11-02T07:00:00.000Z');
// KURATOR_TEST_RUN: data folders the tests set up in-process hash passwords cheaply (TEST_COST);
// the CLI processes they start keep those hashes instead of rehashing them at the production cost on
// every sign-in (src-main/core/services/passwords.ts, DEVELOPERS.md). Child processes inherit both.
const env = { KURATOR_TEST_CLOCK_SHIFT: String(TEST_RUN_START - Date.now()), KURATOR_TEST_RUN: '1' };

export default defineConfig({
  test: {
    projects: [
      {
        // In-process: pure code, or SQLite files opened by the test itself. No child processes,
        // no servers, no browser: `npm run test:unit` stays under a minute on 2 busy cores.
        test: {
          name: 'unit',
          // `npm test` runs the projects one after the other, fastest first.
          sequence: { groupOrder: 0 },
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          env,
          // All files share one module graph: loading the core's modules once instead of per file
          // makes the project ~3x faster. So a unit test leaves no module state behind (no vi.mock,
          // no globals; vi.stubEnv is undone in afterEach), and opens cores of its own.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Real processes: the CLI, crash-killed writers, the HTTP servers (browser mode, the portal),
        // PostgreSQL and PGlite, Chromium rendering PDFs and measuring the print layout (no UI).
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env,
          // Each CLI call is a Node start (and a Chromium start when it prints); on a busy 2-core
          // machine a handful of them in one test take tens of seconds.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Vitest's default on 2 cores is one file at a time (cores − 1). These files spend most of
          // their time waiting on the processes they start, so two at a time shortens the project.
          maxWorkers: 2,
        },
      },
      {
        // The built app in real Chromium (browser mode) and in Electron: the UI end to end.
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          env,
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 180_000,
          // The UI polled through a server round trip on a busy 2-core machine: 1 s is too tight.
          expect: { poll: { timeout: 10_000 } },
          hookTimeout: 180_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
