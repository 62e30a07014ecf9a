// Sync at the desk in browser mode (real Chromium, the app as a user starts it, a portal on loopback):
// pairing on the settings screen, the sync state in the sidebar, the account block on a person's card,
// a used code, the class page's count of who registered, and a portal that stops answering.
// Screenshots for a human to look at: KURATOR_SYNC_SHOTS=dir (or KURATOR_SCREENSHOTS=dir); none otherwise
// (a full-page screenshot takes ~0.5 s).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, sel, watchPage } from '../support/browser.ts';
import { setUpDataDir } from '../support/core.ts';
import { startBrowserApp, type RunningApp } from '../support/app.ts';
import { tempDir } from '../support/tmp.ts';
import { addSchool, portalEvents, portalSide, type PortalSide } from '../support/sync.ts';
import { CURATOR, SCHOOL } from './flows/foundation.ts';
import { fixture, signIn } from './flows/session.ts';
import { t } from '../../src-shared/i18n/index.ts';

const SHOTS = process.env.KURATOR_SYNC_SHOTS || process.env.KURATOR_SCREENSHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('sync at the desk (browser mode, real Chromium)', () => {
  let side: PortalSide;
  let school: number;
  let key: string;
  let data: { dir: string; remove(): void };
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const previousInterval = process.env.KURATOR_SYNC_INTERVAL_MS;

  /** A row of the desk's database, read beside the running app. */
  const officeRow = <T>(q: string, ...params: unknown[]): T => {
    const db = new Database(path.join(data.dir, 'kurator.sqlite'), { readonly: true });
    try {
      return db.prepare(q).get(...params) as T;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    side = await portalSide('pglite');
    const added = await addSchool(side.portal.portal, side.origin, SCHOOL.name);
    ({ school, key } = added);
    data = tempDir();
    // In-process with the cheap test hash (three CLI processes took seconds): the curator, the roster
    // and 1А's codes. `kurator setup`, `import` and `codes issue` have tests of their own.
    await setUpDataDir(data.dir, {
      school: { schoolName: SCHOOL.name, registrationUrl: added.address, curatorContact: SCHOOL.contact },
      operator: { ...CURATOR },
      prepare: async (core) => {
        const file = fixture('roster', 'roster-wide-cp1251.csv');
        const actor = { operatorId: 1, login: CURATOR.login, via: 'cli' as const };
        const imported = await core.roster.importFile(actor, fs.readFileSync(file), path.basename(file));
        expect(imported.report.students.added).toBe(550);
        core.codes.issue(actor, { classId: core.codes.classIdByName('1А') }, { audience: 'all', onlyMissing: true });
      },
    });
    process.env.KURATOR_SYNC_INTERVAL_MS = '3000';
    app = await startBrowserApp(data.dir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    problems = watchPage(page);
    await signIn(page, app.url);
  });
  afterAll(async () => {
    if (previousInterval === undefined) delete process.env.KURATOR_SYNC_INTERVAL_MS;
    else process.env.KURATOR_SYNC_INTERVAL_MS = previousInterval;
    await browser?.close();
    await app?.stop();
    await side?.close();
    data?.remove();
  });

  it('shows the portal as not paired, then pairs on the settings screen and sends the roster', async () => {
    await page.waitForSelector(`${sel('sync-state')}:has-text("не подключён")`);
    await page.click('a[href="#/settings"]');
    await page.waitForSelector(sel('portal-key'));
    // The address comes with the school's settings, which may arrive after the form is drawn.
    await expect.poll(() => page.inputValue(sel('portal-url'))).toContain('/hello');
    await page.fill(sel('portal-key'), 'не-тот-ключ');
    await page.click(sel('portal-pair'));
    await page.waitForSelector('.el-form-item__error:has-text("Ключ подключения не подошёл")');
    await shot(page, '01-settings-wrong-key');
    await page.fill(sel('portal-key'), key);
    await page.click(sel('portal-pair'));
    await page.waitForSelector('.el-message--success:has-text("Подключено")');
    await page.waitForSelector(`${sel('portal-pending')}:has-text("все изменения отправлены")`);
    await page.waitForSelector(`${sel('sync-last')}:has-text("синхронизировано")`);
    await shot(page, '02-settings-paired');
    const students = await side.portal.portal.db
      .selectFrom('roster_people')
      .select('uid')
      .where('school_id', '=', school)
      .where('kind', '=', 'student')
      .execute();
    expect(students.length).toBeGreaterThan(50);
  });

  it('shows the account and the used code on the card, and who registered on the class page', async () => {
    const student = officeRow<{ id: number; uid: string }>(
      "SELECT p.id, p.uid FROM people p JOIN classes c ON c.id = p.class_id WHERE c.grade = 1 AND c.letter = 'А' ORDER BY p.surname LIMIT 1",
    );
    const code = officeRow<{ uid: string }>("SELECT uid FROM invitation_codes WHERE student_id = ? AND kind = 'student'", student.id);
    const account = await portalEvents.account(side.portal, school, {
      personUid: student.uid,
      login: 'nonna.k',
      kind: 'student',
      email: 'nonna@mail.ru',
      emailConfirmed: true,
    });
    await portalEvents.redemption(side.portal, school, { codeUid: code.uid, accountUid: account.uid, login: 'nonna.k' });
    await page.click(sel('sync-now'));
    await expect.poll(() => officeRow<{ n: number }>('SELECT count(*) AS n FROM portal_accounts').n).toBe(1);

    await page.goto(`${app.origin}/#/people/${student.id}`);
    await page.waitForSelector(`${sel('person-account')}:has-text("nonna.k")`);
    const block = (await page.textContent(sel('person-account')))!;
    expect(block).toContain('nonna@mail.ru (подтверждена)');
    expect(block).toContain('ещё не входил');
    const used = `${sel('person-codes')} .el-table__body-wrapper ${sel('code-used-by')}`;
    await page.waitForSelector(used);
    expect(await page.textContent(used)).toContain('nonna.k');
    expect(await page.textContent(`${sel('person-codes')} .el-table__body-wrapper [data-state="redeemed"]`)).toBe('использован');
    await shot(page, '03-card-account');

    const guardian = officeRow<{ id: number }>('SELECT guardian_id AS id FROM guardianships WHERE student_id = ? LIMIT 1', student.id);
    await page.goto(`${app.origin}/#/people/${guardian.id}`);
    await page.waitForSelector(`${sel('person-account')}:has-text("не зарегистрирован")`);
    await shot(page, '04-card-not-registered');

    await page.click('a[href="#/classes"]');
    await page.click('[data-class="1А"]');
    await page.waitForSelector(`${sel('class-registered')}:has-text("учеников 1 из 25")`);
    await shot(page, '05-class-registered');
  });

  it('refuses a registration address the paired portal does not serve, naming the portal’s', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.click('a[href="#/settings"]');
    await expect.poll(() => page.inputValue(sel('settings-url'))).toContain('/hello');
    const served = await page.inputValue(sel('settings-url'));
    await page.fill(sel('settings-url'), `${side.origin}/other`);
    await page.click(sel('settings-save'));
    const error = await page.waitForSelector('.el-form-item__error:has-text("Портал обслуживает эту школу по адресу")');
    expect(await error.textContent()).toContain(served);
    await shot(page, '07-settings-address-not-portal');
    expect(officeRow<{ value: string }>("SELECT value FROM settings WHERE key = 'registrationUrl'").value).toContain(served);
    await page.fill(sel('settings-url'), served);
    await page.click(sel('settings-save'));
    await page.waitForSelector('.el-message--success:has-text("Настройки сохранены")');
    await expect.poll(() => page.locator('.el-form-item__error').count()).toBe(0); // it fades out
  });

  it('after a new key on the portal, says so without «all sent» and takes the new key in place', async () => {
    const { pairingKey } = await side.portal.portal.schools.newKey(school);
    await page.click(sel('sync-now'));
    await page.waitForSelector(`${sel('sync-error')}:has-text("Портал не признаёт эту базу")`);
    expect(await page.locator(sel('sync-pending')).count()).toBe(0);
    expect(await page.locator(sel('portal-pending')).count()).toBe(0);
    await page.waitForSelector(sel('portal-key-again'));
    await shot(page, '08-portal-forgotten');
    await page.fill(sel('portal-key-again'), 'не-тот-ключ');
    await page.click(sel('portal-pair-again'));
    await page.waitForSelector('.el-form-item__error:has-text("Ключ подключения не подошёл")');
    await page.fill(sel('portal-key-again'), pairingKey);
    await page.click(sel('portal-pair-again'));
    await page.waitForSelector('.el-message--success:has-text("Подключено заново")');
    await page.waitForSelector(`${sel('portal-pending')}:has-text("все изменения отправлены")`);
    expect(await page.locator(sel('portal-key-again')).count()).toBe(0);
    await shot(page, '09-portal-paired-again');
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('keeps working when the portal does not answer, and says so in words', async () => {
    await side.server.close();
    await page.click('a[href="#/settings"]');
    await page.waitForSelector(sel('portal-sync-now'));
    await page.click(sel('portal-sync-now'));
    await page.waitForSelector(`${sel('sync-error')}:has-text("Портал недоступен")`);
    await page.waitForSelector(`${sel('portal-error')}:has-text("Портал недоступен")`);
    await shot(page, '06-portal-unreachable');
    // The desk works meanwhile: an edit is queued for the portal.
    await page.click('a[href="#/classes"]');
    await page.waitForSelector('[data-class="1А"]');
    // A code reissued now still works on the portal until it hears of it: the desk says so, not «больше не действует».
    const student = officeRow<{ id: number }>(
      `SELECT p.id FROM people p JOIN classes c ON c.id = p.class_id JOIN invitation_codes i ON i.student_id = p.id
       WHERE c.grade = 1 AND c.letter = 'А' AND i.kind = 'student' AND i.state IN ('active', 'printed') ORDER BY p.surname LIMIT 1`,
    );
    await page.goto(`${app.origin}/#/people/${student.id}`);
    const rows = `${sel('person-codes')} .el-table__body-wrapper`;
    await page.click(`${rows} ${sel('code-reissue')} >> nth=0`);
    await page.fill('.el-message-box__input input', 'потерял бланк');
    await page.click('.el-message-box__btns .el-button--primary');
    const toast = page.locator('.el-message--success', { hasText: 'Новый код' });
    await toast.waitFor();
    expect(await toast.textContent()).toContain('на портале он перестанет действовать после синхронизации');
    await page
      .locator(`${rows} ${sel('code-portal-pending')}`, { hasText: t.codesUi.portalNotTold.live })
      .first()
      .waitFor();
    await page.click(`.el-checkbox:has-text("${t.codesUi.history}")`);
    await page.locator(`${rows} ${sel('code-portal-pending')}`, { hasText: t.codesUi.portalNotTold.revoked }).waitFor();
    await shot(page, '10-reissued-portal-not-told');
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
  });
});
