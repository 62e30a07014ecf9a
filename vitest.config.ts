import { defineConfig } from 'vitest/config';

// What depends on today's date (plausible birth dates in the fixtures, code validity) must give the
// same result in any year: the CLI, browser mode and every core a test opens without a clock of its
// own run as if this run had started at TEST_RUN_START (src-main/core/clock.ts). One shift for the
// whole run keeps time running forward across processes. Tests that move time use FakeClock.
const TEST_RUN_START = Date.parse('2026-11-02T07:00:00.000Z');
const env = { KURATOR_TEST_CLOCK_SHIFT: String(TEST_RUN_START - Date.now()) };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          env,
          testTimeout: 30_000,
          // Hooks start CLI processes (password hashing, a 550-row import) on a busy 2-core machine.
          hookTimeout: 60_000,
        },
      },
      {
        // Real processes, servers and databases: the portal on PGlite and on a PostgreSQL server.
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
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
