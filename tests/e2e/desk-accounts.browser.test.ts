// The walk-in desk in real Chromium over real processes (#9): the office in browser mode, the portal
// as its own process with its embedded database. A registered parent forgot the password: the desk
// finds them by name and by login, reads the verdict, prints a reset slip; the slip's QR opened on a
// phone-size screen sets a new password; the old one fails, the slip works once, and the desk shows
// it used. Then the same with the portal down until the slip is printed; a deputy director prints a
// slip (allowed, journaled as them) that has expired by the time it is opened; a reset the portal refuses
// (the account is locked) reads «отклонён» and why. The card also mails a family its codes through a
// real SMTP server on loopback. Screenshots and the slips' PDFs: KURATOR_SCREENSHOTS=dir (none otherwise:
// a full-page screenshot takes ~0.5 s).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, sel, watchPage } from '../support/browser.ts';
import { startBrowserApp, type RunningApp } from '../support/app.ts';
import { setUpDataDir } from '../support/core.ts';
import { freePort, portalDataDir, portalCli, startPortal, type RunningPortal } from '../support/portal-process.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { PortalClient, httpTransport } from '../support/portal-client.ts';
import { pdfQrCodes, pdfText } from '../support/pdf.ts';
import { tempDir } from '../support/tmp.ts';
import { CURATOR, SCHOOL } from './flows/foundation.ts';
import { DEPUTY, addDeputy, fixture, signIn } from './flows/session.ts';
import { TEST_CLOCK_SHIFT_VARIABLE } from '../../src-node/clock.ts';
import { t } from '../../src-shared/i18n/index.ts';

const SHOTS = process.env.KURATOR_SCREENSHOTS;
const OLD = 'тёплый вечер у реки';
const NEW = 'синяя лодка на закате';
const NEWER = 'жёлтый клён под окном';
const PHONE = { width: 360, height: 640 };

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('the walk-in desk resets access with a slip (browser mode + portal process, real Chromium)', () => {
  const portalData = portalDataDir('kurator-portal-desk-');
  const data = tempDir();
  /** The slips' PDFs as saved, read back from here: SHOTS is one folder for every run on the machine. */
  const slips = tempDir('kurator-desk-slips-');
  let portal: RunningPortal;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let base: string;
  let parent: { id: number; code: string };
  let smtp: TestSmtp;
  /** The portal's port: the school's address names it, and the portal restarts on it. */
  let port = 0;
  /** The deputy director's slip (printed in one test, found expired in the next). */
  let deputySlip = '';
  const previousInterval = process.env.KURATOR_SYNC_INTERVAL_MS;

  const officeRow = <T>(q: string, ...params: unknown[]): T => {
    const db = new Database(path.join(data.dir, 'kurator.sqlite'), { readonly: true });
    try {
      return db.prepare(q).get(...params) as T;
    } finally {
      db.close();
    }
  };
  const client = () => new PortalClient(httpTransport(portal.origin), { host: new URL(portal.origin).host, base });
  const signInStatus = async (login: string, password: string) => {
    const c = client();
    await c.get('/login');
    return (await c.post('/login', { login, password })).status;
  };

  /** On the parent's card: an account action with its reason and «документ проверен», sent. Returns the
   * dialog's warning that an earlier slip still works ('' when none). */
  async function deskAction(desk: Page, action: 'reset' | 'lock'): Promise<string> {
    await desk.goto(`${app.origin}/#/people/${parent.id}`);
    await desk.waitForSelector(sel(`desk-${action}`));
    await desk.click(sel(`desk-${action}`));
    await desk.fill(sel('desk-reason'), 'забыла пароль, паспорт предъявлен');
    const warning = desk.locator(sel('desk-replaces'));
    const replaces = (await warning.count()) ? ((await warning.textContent()) ?? '').trim() : '';
    await desk.click(sel('desk-document'));
    await desk.click(sel('desk-submit'));
    return replaces;
  }
  const focused = (desk: Page) => desk.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.test ?? null);

  /** Opens the parent's card, prints a reset slip and returns its QR link (read from the saved PDF). */
  async function printSlip(name: string, desk: Page = page): Promise<{ link: string; state: string; code: string }> {
    // No slip works while each of these is printed: the previous one was used.
    expect(await deskAction(desk, 'reset')).toBe('');
    await desk.waitForSelector(sel('desk-slip-preview'));
    // «Напечатать бланк» gave way to the slip: the focus is on «Печать», not on the page behind.
    expect(await focused(desk)).toBe('desk-slip-print');
    const state = (await desk.textContent(sel('desk-slip-state')))!.trim();
    const download = desk.waitForEvent('download');
    await desk.click(sel('desk-slip-pdf'));
    const file = path.join(slips.dir, `${name}.pdf`);
    await (await download).saveAs(file);
    if (SHOTS) {
      fs.mkdirSync(SHOTS, { recursive: true });
      fs.copyFileSync(file, path.join(SHOTS, `${name}.pdf`)); // for a human to look at
    }
    const [codes] = pdfQrCodes(fs.readFileSync(file), 150, 1);
    expect(codes).toHaveLength(1);
    const code = /\b[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{3}\b/.exec(pdfText(fs.readFileSync(file)))?.[0];
    expect(code, 'the slip prints its short code').toBeDefined();
    await desk.keyboard.press('Escape');
    return { link: codes![0]!, state, code: code! };
  }

  /** The slip's QR opened on a phone: a new password twice. */
  async function useSlip(link: string, password: string): Promise<Page> {
    const phone = await browser.newPage({ viewport: PHONE });
    await phone.goto(link);
    expect(phone.url()).not.toContain('t='); // the token left the address bar
    await phone.fill('input[name="password"]', password);
    await phone.fill('input[name="password2"]', password);
    await phone.click('button[type="submit"]');
    await phone.waitForSelector('.notice.ok');
    return phone;
  }

  /** A card's desk request by its action, once it is no longer waiting: its line. */
  async function requestLine(desk: Page, action: string): Promise<string> {
    let line = '';
    await expect
      .poll(
        async () => {
          await desk.reload();
          await desk.waitForSelector(sel('desk-requests'));
          line =
            (await desk
              .locator(`${sel('desk-requests')} li:has-text("${action}")`)
              .first()
              .textContent()) ?? '';
          return /выполнен|отклонён/.test(line);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    return line;
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    port = await freePort();
    portal = await startPortal(portalData.dir, { args: ['--port', String(port)] });
    const address = `${portal.origin}/s/1399/hello`;
    base = '/s/1399';
    const added = portalCli(['school', 'add', '--name', SCHOOL.name, '--address', address, '--json', '--data-dir', portalData.dir]);
    expect(added.code, added.stderr).toBe(0);
    const { pairingKey } = JSON.parse(added.stdout) as { pairingKey: string };
    // In-process with the cheap test hash: the curator, the roster, 1А's codes, a deputy director, and
    // the office paired with the portal and synced once, as `kurator portal pair` does (a CLI process took seconds).
    await setUpDataDir(data.dir, {
      school: { schoolName: SCHOOL.name, registrationUrl: address, curatorContact: SCHOOL.contact },
      operator: { ...CURATOR },
      prepare: async (core) => {
        const file = fixture('roster', 'roster-wide-cp1251.csv');
        const actor = { operatorId: 1, login: CURATOR.login, via: 'cli' as const };
        await core.roster.importFile(actor, fs.readFileSync(file), path.basename(file));
        core.codes.issue(actor, { classId: core.codes.classIdByName('1А') }, { audience: 'all', onlyMissing: true });
        await addDeputy(core);
        expect((await core.sync.pair(actor, address, pairingKey)).again).toBe(false);
        await core.sync.round();
      },
    });

    // A parent registered on the portal with their printed code (email not confirmed yet).
    parent = officeRow<{ id: number; code: string }>(
      `SELECT c.guardian_id AS id, c.code FROM invitation_codes c JOIN people s ON s.id = c.student_id JOIN classes k ON k.id = s.class_id
       WHERE c.kind = 'parent' AND c.guardian_id IS NOT NULL AND k.grade = 1 AND k.letter = 'А' ORDER BY c.id LIMIT 1`,
    );
    const c = client();
    await c.get(`/hello?code=${parent.code}`);
    await c.follow();
    const r = await c.post('/register', {
      code: parent.code,
      login: 'mama.e2e',
      password: OLD,
      password2: OLD,
      email: 'mama@mail.ru',
      consent: 'yes',
    });
    expect(r.status).toBe(303);

    process.env.KURATOR_SYNC_INTERVAL_MS = '2000';
    app = await startBrowserApp(data.dir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    problems = watchPage(page);
    await signIn(page, app.url);
  }, 180_000);
  afterAll(async () => {
    if (previousInterval === undefined) delete process.env.KURATOR_SYNC_INTERVAL_MS;
    else process.env.KURATOR_SYNC_INTERVAL_MS = previousInterval;
    await browser?.close();
    await app?.stop();
    await portal?.stop();
    await smtp?.close();
    data.remove();
    portalData.remove();
    slips.remove();
  });

  it('finds the parent by name and by login, and reads the verdict', async () => {
    await expect.poll(() => officeRow<{ n: number }>('SELECT count(*) AS n FROM portal_accounts').n, { timeout: 30_000 }).toBe(1);
    const name = officeRow<{ surname: string; name: string }>('SELECT surname, name FROM people WHERE id = ?', parent.id);
    for (const query of [`${name.surname} ${name.name}`, 'MAMA.E2E']) {
      await page.fill(sel('search'), query);
      await page.waitForSelector(`${sel('search-results')}[data-query="${query}"]`);
      expect(await page.textContent(`${sel('search-hit')} >> nth=0`)).toContain(name.surname);
    }
    await page.waitForSelector(sel('search-login'));
    await page.click(`${sel('search-hit')} >> nth=0`);
    await page.waitForSelector(`${sel('person-account')}:has-text("mama.e2e")`);
    const block = (await page.textContent(sel('person-account')))!;
    expect(block).toContain('mama@mail.ru (не подтверждена)');
    expect(await page.textContent(sel('account-verdict'))).toContain(
      'Сам восстановить доступ не сможет: нет подтверждённой почты и телефона — нужен сброс здесь.',
    );
    // What a screen reader reads: the same verdict, once (the shown line is hidden from it), masks in words.
    expect(await page.$eval(`${sel('account-verdict')} .el-alert__title [aria-hidden="true"]`, (el) => el.textContent)).toContain(
      'нужен сброс',
    );
    expect(await page.textContent(`${sel('account-verdict')} .visually-hidden`)).toContain('нужен сброс здесь');
    // The verdict reads at 4.5:1 at least (Element Plus's orange on beige gave 2.2:1).
    const contrast = await page.$eval(`${sel('account-verdict')} .el-alert__title`, (el) => {
      const rgb = (c: string) =>
        c
          .match(/[\d.]+/g)!
          .slice(0, 3)
          .map(Number);
      const lum = (c: number[]) => {
        const [r, g, b] = c.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)) as [
          number,
          number,
          number,
        ];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      let e: Element | null = el;
      while (e && getComputedStyle(e).backgroundColor === 'rgba(0, 0, 0, 0)') e = e.parentElement;
      const [hi, lo] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(getComputedStyle(e!).backgroundColor))].sort((a, b) => b - a) as [
        number,
        number,
      ];
      return (hi + 0.05) / (lo + 0.05);
    });
    expect(contrast).toBeGreaterThanOrEqual(4.5);
    // The tab (the window) is named after the page, as its heading reads — it said «Куратор» on every page.
    const heading = (await page.textContent('main h1'))!.replace(/\s+/g, ' ').trim();
    expect(heading).toContain(name.surname);
    expect(await page.title()).toBe(`${heading} — ${t.app.name}`);
    await page.goto(`${app.origin}/#/registration`);
    await expect.poll(() => page.title()).toBe(`${t.deskAccounts.progress.title} — ${t.app.name}`);
    await page.goBack();
    await shot(page, '01-card-account-block');
  });

  it('mails a family its codes from the card through the school’s SMTP server; disabled, saying why, when it cannot', async () => {
    const guardian = (where: string) =>
      officeRow<{ id: number; email: string | null }>(
        `SELECT g.id, g.email FROM people g WHERE g.kind = 'guardian' AND g.id <> ? AND ${where} ORDER BY g.id LIMIT 1`,
        parent.id,
      );
    const live = "EXISTS (SELECT 1 FROM invitation_codes c WHERE c.guardian_id = g.id AND c.kind = 'parent' AND c.state = 'active')";
    const withEmail = guardian(`g.email IS NOT NULL AND ${live}`);
    const noEmail = guardian(`g.email IS NULL AND ${live}`);
    const noCodes = guardian('g.email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM invitation_codes c WHERE c.guardian_id = g.id)');
    const blocked = t.deskAccounts.mailSettings.blocked;
    /** The card's button is disabled and says why (the card before it said something else). */
    const expectBlocked = async (id: number, why: string) => {
      await page.goto(`${app.origin}/#/people/${id}`);
      await page.waitForSelector(`${sel('person-fields')}:has-text("${id}")`);
      await page.waitForSelector(`${sel('mail-codes-why')}:text-is("${why}")`);
      expect(await page.isDisabled(sel('mail-codes'))).toBe(true);
    };
    await expectBlocked(withEmail.id, blocked.not_configured);

    await page.goto(`${app.origin}/#/settings`);
    await page.fill(sel('mail-host'), '127.0.0.1');
    await page.fill(`${sel('mail-port')} input`, new URL(smtp.url).port);
    await page.fill(sel('mail-from'), 'Школа № 1399 <kurator@school.test>');
    await page.click(sel('mail-save'));
    await page.waitForSelector('.el-message:has-text("Настройки почты сохранены")');

    await expectBlocked(noEmail.id, blocked.no_email);
    await expectBlocked(noCodes.id, blocked.no_codes);

    await page.goto(`${app.origin}/#/people/${withEmail.id}`);
    await page.waitForSelector(`${sel('mail-codes')}:not([disabled])`);
    expect(await page.$(sel('mail-codes-why'))).toBeNull();
    const codes = await page.locator(`${sel('person-codes')} .el-table__body-wrapper ${sel('code-value')}`).allTextContents();
    expect(codes.length).toBeGreaterThan(0);
    await page.click(sel('mail-codes'));
    await page.click('.el-message-box__btns .el-button--primary');
    await page.waitForSelector(`${sel('mail-codes-outcome')}.el-alert--success`);
    expect(await page.textContent(sel('mail-codes-outcome'))).toContain(`Отправлено: ${withEmail.email} (кодов: ${codes.length}).`);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toBe(withEmail.email);
    for (const code of codes) expect(mail!.text).toContain(code.trim());
    await page.waitForSelector(sel('code-mailed'));
    await shot(page, '07-card-codes-mailed');

    // The server refuses: the card says so in words, and nothing more is marked.
    smtp.refuse = '451 mailbox busy';
    try {
      await page.click(sel('mail-codes'));
      await page.click('.el-message-box__btns .el-button--primary');
      await page.waitForSelector(`${sel('mail-codes-outcome')}.el-alert--error`);
      expect(await page.textContent(sel('mail-codes-outcome'))).toContain('Почтовый сервер не принял письмо');
      await shot(page, '08-card-mail-refused');
    } finally {
      smtp.refuse = null;
    }
    expect(officeRow<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'codes.mail'").n).toBe(1);
  });

  it('«Исправить контакты» says a mistyped email and phone under their fields, and sends nothing', async () => {
    await page.goto(`${app.origin}/#/people/${parent.id}`);
    await page.click(sel('desk-contacts'));
    // The dialog opens on its first field, not on its frame (two Tabs to reach it).
    await expect.poll(() => focused(page)).toBe('desk-email');
    await page.fill(sel('desk-email'), 'mama@@mail');
    await page.fill(sel('desk-phone'), '12');
    await page.fill(sel('desk-reason'), 'сменила почту и телефон');
    await page.click(sel('desk-submit'));
    const errors = page.locator(`${sel('desk-dialog')} .el-form-item__error`);
    await expect.poll(() => errors.allTextContents()).toEqual([t.reasons['desk.bad_email'], t.reasons['desk.bad_phone']]);
    expect(await page.locator(sel('desk-error')).count()).toBe(0);
    // The focus goes to the first field with a mistake; it fell to the page behind the dialog.
    await expect.poll(() => focused(page)).toBe('desk-email');
    // Escape with a reason typed asks first (the reason was dropped without a word); Escape again stays.
    const ask = page.locator('.el-message-box', { hasText: t.deskAccounts.dialog.discard.text });
    await page.keyboard.press('Escape');
    await ask.waitFor();
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'hidden' });
    expect(await page.inputValue(sel('desk-reason'))).toBe('сменила почту и телефон');
    expect(await page.isVisible(sel('desk-dialog'))).toBe(true);
    // «Закрыть» asks too; «Закрыть» in the question closes the form.
    await page.click(sel('desk-close'));
    await ask.waitFor();
    await page.click(`.el-message-box__btns button:has-text("${t.deskAccounts.dialog.discard.close}")`);
    await page.locator(sel('desk-dialog')).waitFor({ state: 'hidden' });
    // A reset without a reason: said on the field, and the focus is there.
    await page.click(sel('desk-reset'));
    await expect.poll(() => focused(page)).toBe('desk-reason');
    await page.click(sel('desk-submit'));
    await page.locator(`${sel('desk-dialog')} .el-form-item__error`).waitFor();
    expect(await page.textContent(`${sel('desk-dialog')} .el-form-item__error`)).toBe(t.reasons['desk.reason_required']);
    await expect.poll(() => focused(page)).toBe('desk-reason');
    await page.keyboard.press('Escape');
    await page.locator(sel('desk-dialog')).waitFor({ state: 'hidden' });
    expect(officeRow<{ n: number }>("SELECT count(*) AS n FROM desk_requests WHERE action = 'contacts'").n).toBe(0);
  });

  it('prints a slip; the QR on a phone sets a new password; the old fails, the slip works once; the desk shows it used', async () => {
    const { link, state, code } = await printSlip('reset-slip-online');
    expect(state).toContain('бланк действует до');
    // The parent comes back with the slip: its code typed into the search box says whose and where it stands.
    await page.fill(sel('search'), code.toUpperCase());
    const found = page.locator(sel('search-reset-slip'));
    await found.waitFor();
    expect(await found.textContent()).toMatch(new RegExp(`Бланк сброса доступа ${code} от .* — .*: выполнен — бланк действует до`));
    await page.fill(sel('search'), '');
    await shot(page, '02-card-request-done');
    // A second reset while this slip works would replace it: the dialog says so before anything is printed.
    await page.click(sel('desk-reset'));
    const warning = page.locator(sel('desk-replaces'));
    await warning.waitFor();
    expect(await warning.textContent()).toContain('ещё действует. Новый бланк заменит его');
    await page.keyboard.press('Escape');
    await page.locator(sel('desk-dialog')).waitFor({ state: 'hidden' });
    const phone = await useSlip(link, NEW);
    await shot(phone, '03-portal-reset-done-phone');
    await phone.close();
    expect(await signInStatus('mama.e2e', OLD)).toBe(401);
    expect(await signInStatus('mama.e2e', NEW)).toBe(303);
    const again = await browser.newPage({ viewport: PHONE });
    await again.goto(link);
    await again.locator('.notice.warn', { hasText: t.deskAccounts.portal.linkInvalid }).waitFor();
    await again.close();

    // The card, open all along, shows the slip used once a round brings it, without a reload (it needed one).
    expect(page.url()).toBe(`${app.origin}/#/people/${parent.id}`);
    await expect.poll(() => page.textContent(sel('desk-requests')), { timeout: 30_000 }).toContain('использован');
    await shot(page, '04-card-slip-used');
    const actions = new Database(path.join(data.dir, 'kurator.sqlite'), { readonly: true });
    try {
      const rows = actions.prepare("SELECT action FROM audit_log WHERE action LIKE 'desk.%' ORDER BY id").all() as { action: string }[];
      expect(rows.map((r) => r.action)).toEqual(['desk.reset', 'desk.outcome', 'desk.slip_lookup', 'desk.outcome']);
    } finally {
      actions.close();
    }
  });

  it('shows registration progress for the school and prints the lists', async () => {
    await page.goto(`${app.origin}/#/registration`);
    await page.waitForSelector(`${sel('registration-table')} [data-class="1А"]`);
    // Under the classes, the school's row: each person once (there was no school-wide figure).
    const school = await page.textContent(`${sel('registration-table')} tr:has([data-class="school"])`);
    expect(school).toMatch(/^Вся школа\d+ из \d+/);
    await shot(page, '05-registration-overview');
    // At a parent meeting the page stays open while parents register: the next rounds show them, no reload.
    const row = () => page.textContent(`${sel('registration-table')} tr:has([data-class="1А"])`);
    const before = await row();
    const other = officeRow<{ code: string }>(
      `SELECT c.code FROM invitation_codes c JOIN people s ON s.id = c.student_id JOIN classes k ON k.id = s.class_id
       WHERE c.kind = 'parent' AND c.guardian_id IS NOT NULL AND k.grade = 1 AND k.letter = 'А' AND c.guardian_id != ? ORDER BY c.id LIMIT 1`,
      parent.id,
    );
    const c = client();
    await c.get(`/hello?code=${other.code}`);
    await c.follow();
    const fields = { code: other.code, login: 'papa.e2e', password: OLD, password2: OLD, email: 'papa@mail.ru', consent: 'yes' };
    expect((await c.post('/register', fields)).status).toBe(303);
    await expect.poll(row, { timeout: 30_000 }).not.toBe(before);
    await page.click(sel('lists-print'));
    await page.waitForSelector(sel('prepared-preview'));
    const frame = page.frameLocator(sel('prepared-preview'));
    await frame.locator('[data-list="not_registered"]').waitFor();
    expect(await frame.locator('[data-list="not_registered"] tbody tr').count()).toBeGreaterThan(10);
    await shot(page, '06-lists-preview');
    await page.keyboard.press('Escape');
  });

  it('while the portal is down the slip says it works after the next sync; it does once the portal is back', async () => {
    await portal.stop();
    const { link, state } = await printSlip('reset-slip-offline');
    expect(state).toContain('ещё не дошёл');
    const slipText = fs.readFileSync(path.join(slips.dir, 'reset-slip-offline.pdf'));
    expect(slipText.length).toBeGreaterThan(1000);
    portal = await startPortal(portalData.dir, { args: ['--port', String(port)] });
    await expect
      .poll(() => officeRow<{ state: string }>('SELECT state FROM desk_requests ORDER BY id DESC LIMIT 1').state, { timeout: 60_000 })
      .toBe('done');
    const phone = await useSlip(link, NEWER);
    await phone.close();
    expect(await signInStatus('mama.e2e', NEWER)).toBe(303);
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
  });

  it('a deputy director prints a reset slip (allowed); the journal names them', async () => {
    const deputy = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    problems.push(...watchPage(deputy));
    await signIn(deputy, app.url, DEPUTY);
    const { link, state } = await printSlip('reset-slip-deputy', deputy);
    expect(state).toContain('бланк действует до');
    deputySlip = link;
    await deputy.goto(`${app.origin}/#/audit`);
    const row = `${sel('audit-table')} tr:has([data-action="desk.reset"])`;
    await deputy.waitForSelector(row);
    // Newest first: the deputy's reset, after the curator's two.
    expect(await deputy.locator(row).first().textContent()).toContain(DEPUTY.fullName);
    await shot(deputy, '09-audit-deputy-reset');
    await deputy.close();
  });

  it('a slip opened after it expired says so on a phone, and the password stays', async () => {
    // A day and an hour later on the portal (the slip works 24 hours from reaching it).
    await portal.stop();
    const later = Number(process.env[TEST_CLOCK_SHIFT_VARIABLE] ?? 0) + 25 * 3_600_000;
    portal = await startPortal(portalData.dir, { args: ['--port', String(port)], env: { [TEST_CLOCK_SHIFT_VARIABLE]: String(later) } });
    const phone = await browser.newPage({ viewport: PHONE });
    await phone.goto(deputySlip);
    // One notice (what happened, what to do), not a form error on a field the parent never typed in.
    const notice = phone.locator('.notice.warn');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(t.deskAccounts.portal.linkExpired);
    expect(await notice.textContent()).toContain(t.deskAccounts.portal.askSchool);
    expect(await phone.locator('.error-summary, .field-error, [aria-invalid]').count()).toBe(0);
    expect(await phone.inputValue('input[name="code"]')).toBe('');
    expect(await phone.locator('footer').textContent()).toContain(t.portal.layout.help);
    expect(phone.url()).not.toContain('t=');
    expect(await phone.$('input[name="password"]')).toBeNull();
    await shot(phone, '10-portal-slip-expired-phone');
    await phone.close();
    expect(await signInStatus('mama.e2e', NEWER)).toBe(303);
  });

  it('a reset the portal refuses (the account is locked) reads «отклонён» and why, on the card and in the dialog', async () => {
    await deskAction(page, 'lock');
    await page.waitForSelector(`.el-message:has-text("${t.deskAccounts.dialog.sent}")`);
    // The card stays open; the round that locks the account turns «Заблокировать» into «Разблокировать»
    // under the focus (it swapped the button, and the focus fell to the page).
    await expect.poll(() => focused(page), { timeout: 30_000 }).toBe('desk-unlock');
    expect(await requestLine(page, 'блокировка')).toContain('выполнен');
    // The deputy director's slip works as far as the office's clock goes (only the portal's moved on):
    // a new reset says it replaces it.
    expect(await deskAction(page, 'reset')).toContain('ещё действует. Новый бланк заменит его');
    await page.waitForSelector(sel('desk-slip-state'));
    expect(await focused(page)).toBe('desk-close');
    const refused = `отклонён: ${t.deskAccounts.refusals.locked}`;
    expect(await page.textContent(sel('desk-slip-state'))).toContain(refused);
    // A refused slip does not work: nothing to preview or print, and the dialog says what to do instead.
    expect(await page.isDisabled(sel('desk-slip-print'))).toBe(true);
    expect(await page.isDisabled(sel('desk-slip-pdf'))).toBe(true);
    expect(await page.locator(sel('desk-slip-preview')).count()).toBe(0);
    expect(await page.textContent(sel('desk-slip-blocked'))).toContain(t.deskAccounts.slipRefused.locked);
    await shot(page, '12-dialog-reset-refused');
    await page.keyboard.press('Escape');
    expect(await requestLine(page, 'сброс доступа')).toContain(`сброс доступа · ${refused}`);
    await shot(page, '11-card-reset-refused');
    expect(problems.filter((p) => !p.includes('Failed to load resource'))).toEqual([]);
  });
});
