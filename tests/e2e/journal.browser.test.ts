// The journal and backups in real Chromium at 1366×768 (issues #10, #11): bulk reads journaled and
// hidden on demand, a journal cut behind the app's back named as such, a restore from a backup that
// brings the data back and leaves a journal that reads clean.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sel, snap } from '../support/browser.ts';
import { kurator } from '../support/cli.ts';
import { openDesk, signIn, SIGNED_IN_ENV, type Desk } from './flows/session.ts';

describe('the journal and backups (real Chromium, 1366×768)', () => {
  let desk: Desk;
  let page: Page;
  let backupName = '';

  beforeAll(async () => {
    desk = await openDesk({ importFixture: true });
    page = desk.page;
    await page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(() => desk?.close());

  const auditActions = () => page.$$eval('[data-action]', (els) => els.map((e) => e.getAttribute('data-action')));

  it('journals a class opened and searches made, and hides such reads on demand', async () => {
    await page.click('a[href="#/classes"]');
    await page.click('[data-class="1А"]');
    await page.waitForSelector(sel('class-students'));
    await page.click('a[href="#/"]');
    await page.keyboard.press('/');
    await page.keyboard.type('денисова');
    await page.waitForSelector(`${sel('search-results')}[data-query="денисова"] ${sel('search-hit')}`);
    await page.keyboard.press('Escape');
    await page.click('a[href="#/audit"]');
    await page.waitForSelector('[data-action="roster.class_view"]');
    expect(await page.textContent('[data-test="audit-table"]')).toContain('класс: 1А; людей:');
    await snap(page, 'journal-with-reads');
    await page.click(sel('audit-hide-reads'));
    await page.waitForSelector('[data-action="roster.class_view"]', { state: 'detached' });
    const shown = await auditActions();
    expect(shown).not.toContain('codes.view');
    expect(shown).toContain('auth.sign_in');
    await snap(page, 'journal-reads-hidden');
  });

  it('makes a backup beside the day’s automatic one', async () => {
    await page.click('a[href="#/backups"]');
    await page.waitForSelector(`${sel('backups-table')} >> text=ежедневная`);
    await page.click(sel('backup-create'));
    await page.waitForSelector(`${sel('backups-table')} >> text=вручную`);
    backupName = (await page.$$eval('[data-test^="backup-restore-"]', (els) => els.map((e) => e.getAttribute('data-test')!)))
      .map((s) => s.replace('backup-restore-', ''))
      .find((f) => !f.includes('-daily'))!;
    expect(backupName).toMatch(/^kurator-.*\.sqlite$/);
    await snap(page, 'backups');
  });

  it('names a journal cut short behind the app’s back', async () => {
    // After the copy: a student added from the command line, then the last journal rows deleted.
    const csv = path.join(desk.dataDir, 'новенький.csv');
    (await import('node:fs')).writeFileSync(csv, 'Класс;Фамилия;Имя;Дата рождения\n1А;Новиков;Тимофей;01.02.2019\n');
    expect(kurator(['import', csv, '--data-dir', desk.dataDir], SIGNED_IN_ENV).code).toBe(0);
    const db = new Database(path.join(desk.dataDir, 'kurator.sqlite'));
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)').run();
    db.close();
    await page.click('a[href="#/audit"]');
    await page.click(sel('audit-verify'));
    await page.waitForSelector(sel('audit-verify-result'));
    const text = await page.textContent(sel('audit-verify-result'));
    expect(text).toContain('Журнал повреждён, начиная с записи №');
    expect(text).toContain('удалены последние записи');
    await snap(page, 'verify-tampered');
  });

  it('restores from the backup: checked and described first, then the data back and the journal clean', async () => {
    await page.click('a[href="#/backups"]');
    await page.click(sel(`backup-restore-${backupName}`));
    await page.waitForSelector(`${sel('restore-check')} >> text=Журнал цел`);
    expect(await page.textContent(sel('restore-check'))).toContain('Отметка журнала в копии совпадает с её журналом');
    await snap(page, 'restore-check');
    await page.click(sel('restore-confirm'));
    await page.waitForSelector('.el-message-box >> text=Данные восстановлены из копии');
    await snap(page, 'restore-done');
    await page.click('.el-message-box__btns button');
    await page.waitForSelector(sel('signin-login'));
    await signIn(page, desk.app.url);
    await page.keyboard.press('/');
    await page.keyboard.type('новиков тимофей');
    await page.waitForSelector(`${sel('search-results')}[data-query="новиков тимофей"]`);
    expect(await page.$$(sel('search-hit'))).toHaveLength(0); // added after the copy: gone with the restore
    await page.keyboard.press('Escape');
    await page.click('a[href="#/audit"]');
    await page.waitForSelector('[data-action="audit.restored"]');
    await page.click(sel('audit-verify'));
    await page.waitForSelector(`${sel('audit-verify-result')} >> text=Журнал цел`);
    await snap(page, 'journal-after-restore');
    expect(desk.problems).toEqual([]);
  });
});
