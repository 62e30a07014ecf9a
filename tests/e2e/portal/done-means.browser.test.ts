// The «Done means» path of the registration portal (#7), over real processes only: the office in
// browser mode (as `npm start --browser` runs it) with the fixture roster and codes issued, a portal
// process (`npm run portal`) on its embedded database with mail to a real SMTP server on loopback, the
// school added with the portal's CLI, the office paired on its settings screen, a sync, a parent slip's
// QR link opened on a phone-size screen, registration, the confirmation mail, its link confirmed on the
// POST of a button, a sync again — and the office's person card shows the login and the confirmed email,
// and the code reads «использован». Then (#8) a password recovered by an emailed link shows on the same
// card in words after the next sync. Screenshots with KURATOR_SCREENSHOTS=dir.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, sel, snap, watchPage } from '../../support/browser.ts';
import { kurator } from '../../support/cli.ts';
import { startBrowserApp, type RunningApp } from '../../support/app.ts';
import { setUpDataDir } from '../../support/core.ts';
import { freePort, portalDataDir, portalCli, startPortal, type RunningPortal } from '../../support/portal-process.ts';
import { startSmtp, type TestSmtp } from '../../support/smtp.ts';
import { tempDir } from '../../support/tmp.ts';
import { registrationLink } from '../../../src-shared/codes/link.ts';
import { CURATOR, SCHOOL } from '../flows/foundation.ts';
import { SIGNED_IN_ENV, fixture, signIn } from '../flows/session.ts';

const PHONE = { width: 360, height: 640 };
const PASSWORD = 'тёплый вечер у реки';
const EMAIL = 'parent.e2e@mail.ru';

interface SlipCode {
  code: string;
  uid: string;
  guardianId: number;
  studentName: string;
}

describe('«Done means» of #7: office → portal → a parent registers on a phone → the desk sees it', () => {
  const office = tempDir('kurator-done-office-');
  const portalData = portalDataDir('kurator-done-portal-');
  let smtp: TestSmtp;
  let portal: RunningPortal;
  let app: RunningApp;
  let browser: Browser;
  let desk: Page;
  let phone: Page;
  const problems: string[] = [];
  let address = '';
  let pairingKey = '';
  let slip: SlipCode;
  let login = '';

  const officeRow = <T>(q: string, ...params: unknown[]): T => {
    const db = new Database(path.join(office.dir, 'kurator.sqlite'), { readonly: true });
    try {
      return db.prepare(q).get(...params) as T;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    const port = await freePort();
    portal = await startPortal(portalData.dir, {
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Школа №1399 <noreply@school1399.example.ru>' },
      args: ['--port', String(port), '--no-captcha'],
    });
    expect(portal.startLine).toBe(`Kurator portal is running at http://127.0.0.1:${port}/ — mail goes to ${smtp.url}`);
    address = `${portal.origin}/s/1399/hello`;
    // The admin adds the school while the server runs (the CLI goes through it on loopback).
    const added = portalCli(['school', 'add', '--name', SCHOOL.name, '--address', address, '--json', '--data-dir', portalData.dir]);
    expect(added.code, added.stderr).toBe(0);
    pairingKey = (JSON.parse(added.stdout) as { pairingKey: string }).pairingKey;
    expect(pairingKey.length).toBeGreaterThan(8);

    await setUpDataDir(office.dir, {
      school: { schoolName: SCHOOL.name, registrationUrl: address, curatorContact: SCHOOL.contact },
      operator: { ...CURATOR },
      prepare: async (core) => {
        const file = fixture('roster', 'roster-wide-cp1251.csv');
        const actor = { operatorId: 1, login: CURATOR.login, via: 'cli' as const };
        await core.roster.importFile(actor, fs.readFileSync(file), path.basename(file));
      },
    });
    const issued = kurator(['codes', 'issue', '--class', '1А', '--data-dir', office.dir], SIGNED_IN_ENV);
    expect(issued.code, issued.stderr).toBe(0);
    slip = officeRow<SlipCode>(
      `SELECT c.code, c.uid, c.guardian_id AS guardianId, s.name AS studentName
       FROM invitation_codes c JOIN people s ON s.id = c.student_id JOIN classes k ON k.id = s.class_id
       WHERE c.kind = 'parent' AND c.guardian_id IS NOT NULL AND k.grade = 1 AND k.letter = 'А'
       ORDER BY s.surname, s.name LIMIT 1`,
    );
    expect(slip.code).toBeTruthy();

    app = await startBrowserApp(office.dir);
    browser = await launchChromium();
    desk = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    problems.push(...watchPage(desk));
    await signIn(desk, app.url);
    const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU', isMobile: true, hasTouch: true });
    phone = await context.newPage();
    problems.push(...watchPage(phone));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await portal?.stop();
    await smtp?.close();
    office.remove();
    portalData.remove();
  });

  it('pairs on the settings screen (Портал) with the key `school add` printed, and sends the roster', async () => {
    await desk.click('a[href="#/settings"]');
    await desk.waitForSelector(sel('portal-key'));
    // The address comes with the school's settings, which may arrive after the form is drawn.
    await expect.poll(() => desk.inputValue(sel('portal-url'))).toBe(address);
    await desk.fill(sel('portal-key'), pairingKey);
    await desk.click(sel('portal-pair'));
    await desk.waitForSelector('.el-message--success:has-text("Подключено")');
    await desk.waitForSelector(`${sel('portal-pending')}:has-text("все изменения отправлены")`);
    await snap(desk, 'done-01-office-paired');
    const listed = portalCli(['school', 'list', '--json', '--data-dir', portalData.dir]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(SCHOOL.name);
  });

  it('opens the parent slip’s QR link on a phone and registers', async () => {
    await phone.goto(registrationLink(address, slip.code));
    // The code leaves the address bar at once.
    expect(phone.url()).toBe(address);
    await expect.poll(() => phone.textContent('.whom')).toContain('Родителям (1А)');
    expect(await phone.textContent('.whom')).toContain(slip.studentName);
    login = await phone.inputValue('#f-login');
    expect(login).toMatch(/^[a-z][a-z0-9._-]{2,31}$/);
    await snap(phone, 'done-02-portal-form');
    await phone.fill('#f-password', PASSWORD);
    await phone.fill('#f-password2', PASSWORD);
    await phone.fill('#f-email', EMAIL);
    await phone.check('#f-consent');
    await phone.click('button[type=submit]');
    await phone.waitForURL(`${portal.origin}/s/1399/welcome`);
    expect(await phone.textContent('main')).toContain(login);
    await snap(phone, 'done-03-portal-welcome');
  });

  it('confirms the email from the mail the SMTP server received, on the POST of a button', async () => {
    const [mail] = await smtp.waitFor(1, 30_000);
    expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toContain(EMAIL);
    expect(mail!.subject).toContain(SCHOOL.name);
    expect(mail!.text).toContain(login);
    const link = new RegExp(`${portal.origin}/s/1399/confirm\\?t=[A-Za-z0-9_-]+`).exec(mail!.text ?? '')![0];
    await phone.goto(link);
    expect(phone.url()).toBe(`${portal.origin}/s/1399/confirm`);
    // Opening the link confirms nothing (mail scanners open links): the button does.
    await phone.waitForSelector('button[type=submit]');
    await phone.click('button[type=submit]');
    await phone.waitForSelector('h1:has-text("Почта подтверждена")');
    await snap(phone, 'done-04-portal-confirmed');
  });

  it('syncs, and the desk sees the login, the confirmed email and the code «использован»', async () => {
    await desk.click(sel('portal-sync-now'));
    await expect.poll(() => officeRow<{ n: number }>('SELECT count(*) AS n FROM portal_accounts WHERE email_confirmed = 1').n).toBe(1);
    await desk.goto(`${app.origin}/#/people/${slip.guardianId}`);
    await desk.waitForSelector(`${sel('person-account')}:has-text("${login}")`);
    expect(await desk.textContent(sel('person-account'))).toContain(`${EMAIL} (подтверждена)`);
    const used = `${sel('person-codes')} .el-table__body-wrapper [data-state="redeemed"]`;
    await desk.waitForSelector(used);
    expect(await desk.textContent(used)).toBe('использован');
    expect(await desk.textContent(`${sel('person-codes')} .el-table__body-wrapper ${sel('code-used-by')}`)).toContain(login);
    await snap(desk, 'done-05-office-card');
  });

  it('#8: a password recovered by an emailed link shows on the card after the next sync, in words', async () => {
    await phone.goto(`${portal.origin}/s/1399/recover/password`);
    await phone.fill('#f-login', login);
    await phone.click('button[type=submit]');
    await phone.waitForSelector('h1:has-text("Проверьте почту")');
    const mails = await smtp.waitFor(2, 30_000);
    const link = mails[1]!.text!.split('\n')[0]!;
    expect(link).toMatch(/\/s\/1399\/recover\/reset\?r=[A-Za-z0-9_-]+$/);
    await phone.goto(link);
    await phone.fill('#f-password', 'новый пароль у моря');
    await phone.fill('#f-password2', 'новый пароль у моря');
    await phone.click('button[type=submit]');
    await phone.waitForSelector('h1:has-text("Пароль изменён")');

    await desk.click('a[href="#/settings"]');
    await desk.click(sel('portal-sync-now'));
    await expect.poll(() => officeRow<{ n: number }>('SELECT count(*) AS n FROM portal_recovery_events').n).toBe(2);
    await desk.goto(`${app.origin}/#/people/${slip.guardianId}`);
    const items = `${sel('person-recovery')} li`;
    await desk.waitForSelector(items);
    const lines = await desk.locator(items).allTextContents();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\s*восстановление пароля по почте \d\d\.\d\d \d\d:\d\d — пароль изменён \(с адреса 127\.0\.0\.1\)\s*$/);
    expect(lines[1]).toContain('ссылка для смены пароля отправлена');
    await snap(desk, 'done-06-office-recovery');
    // Refusals answer 4xx on purpose (Chromium logs each); anything else — a CSP violation, a script error — fails.
    expect(problems.filter((p) => !p.includes('Failed to load resource: the server responded with a status of 4'))).toEqual([]);
  });
});
