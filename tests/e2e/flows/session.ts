// Shared steps: a school set up through the CLI, then an operator signed in through the UI.
import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { kurator } from '../../support/cli.ts';

export const OPERATOR = { login: 'smirnova', password: 'Kurator2026' };
export const SIGNED_IN_ENV = { KURATOR_OPERATOR: OPERATOR.login, KURATOR_PASSWORD: OPERATOR.password };

export function setupByCli(dataDir: string): void {
  const r = kurator(
    [
      'setup',
      '--school',
      'ГБОУ Школа № 1399',
      '--registration-url',
      'https://1399.ejgur.ru/hello',
      '--operator',
      OPERATOR.login,
      '--full-name',
      'Смирнова Ольга Петровна',
      '--contact',
      'Каб. 204, пн–пт 9:00–17:00',
      '--data-dir',
      dataDir,
    ],
    { KURATOR_PASSWORD: OPERATOR.password },
  );
  expect(r.code, r.stderr).toBe(0);
}

export async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-test="signin-login"]');
  await page.fill('[data-test="signin-login"]', OPERATOR.login);
  await page.fill('[data-test="signin-password"]', OPERATOR.password);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-test="operator-name"]');
}

export const fixture = (...parts: string[]) => path.join(import.meta.dirname, '..', '..', 'fixtures', ...parts);
