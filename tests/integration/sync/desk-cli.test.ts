// `accounts show` and `accounts reset` as real processes (#9), as a curator and as a deputy director:
// the flags and `--json` shapes the issue names, the slip's PDF, the journal rows (a read of the
// account like other bulk reads; the reset with its reason).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CLOCK_SHIFT_VARIABLE } from '../../../src-node/clock.ts';
import { kuratorAsync as kurator } from '../../support/cli.ts';
import { CURATOR, makeCore } from '../../support/core.ts';
import { tempDir } from '../../support/tmp.ts';
import { addSchool, DESK, officeFor, portalEvents, portalSide, settle, type PortalSide } from '../../support/sync.ts';
import { wide } from '../../unit/roster/helpers.ts';

const AS_CURATOR = { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password, KURATOR_SYNC_TIMEOUT_MS: '5000' };
const AS_DEPUTY = { KURATOR_OPERATOR: 'petrov', KURATOR_PASSWORD: 'Zamestitel2026', KURATOR_SYNC_TIMEOUT_MS: '5000' };

describe('accounts show / reset from the command line', () => {
  let side: PortalSide;
  const dir = tempDir();
  let mother: number;

  beforeAll(async () => {
    side = await portalSide('pglite');
    const added = await addSchool(side.portal.portal, side.origin);
    const t = await officeFor(added.address, dir.dir);
    await t.core.roster.importFile(DESK, wide('6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;;;;'), 'list.csv');
    t.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    await t.core.operators.create(DESK, { fullName: 'Петров Иван Иванович', login: 'petrov', role: 'deputy', password: 'Zamestitel2026' });
    await t.core.sync.pair(DESK, added.address, added.key);
    await settle(t.core);
    mother = t.core.roster.find('Иванова Мария').hits[0]!.id;
    const uid = (t.core.db.prepare('SELECT uid FROM people WHERE id = ?').get(mother) as { uid: string }).uid;
    const body = await portalEvents.account(side.portal, added.school, {
      personUid: uid,
      login: 'maria.ivanova',
      kind: 'parent',
      email: 'ivanova@mail.ru',
      emailConfirmed: true,
    });
    // The account itself on the portal (the change above is what the office learns of it).
    const now = side.portal.clock.now();
    await side.portal.portal.db
      .insertInto('accounts')
      .values({
        id: body.uid,
        school_id: added.school,
        person_uid: uid,
        login: 'maria.ivanova',
        kind: 'parent',
        password_hash: 'x',
        email: 'ivanova@mail.ru',
        email_confirmed_at: now,
        phone: null,
        phone_confirmed_at: null,
        registered_at: now,
        last_sign_in_at: null,
        disabled_at: null,
        password_changed_at: now,
      })
      .execute();
    await settle(t.core);
    t.close();
  }, 120_000);
  afterAll(async () => {
    await side?.close();
    dir.remove();
  });

  it('shows the account by login (--json) and by person, journaled', async () => {
    const byLogin = await kurator(['accounts', 'show', '--login', 'Maria.Ivanova', '--json', '--data-dir', dir.dir], AS_CURATOR);
    expect(byLogin.code, byLogin.stderr).toBe(0);
    const shown = JSON.parse(byLogin.stdout) as Record<string, unknown>;
    expect(Object.keys(shown)).toEqual(['personId', 'person', 'account', 'verdict', 'requests', 'recovery']);
    expect(shown).toMatchObject({
      personId: mother,
      account: { login: 'maria.ivanova', kind: 'parent', email: 'ivanova@mail.ru', emailConfirmed: true },
      verdict: { alone: true, ways: [{ channel: 'email', masked: 'i***@mail.ru' }] },
      requests: [],
      recovery: [],
    });
    const text = await kurator(['accounts', 'show', '--person', String(mother), '--data-dir', dir.dir], AS_CURATOR);
    expect(text.stdout).toContain('Может восстановить доступ сам: по почте i***@mail.ru.');
    // Times as the office reads them, not as the database keeps them.
    expect(text.stdout).toMatch(/^Зарегистрирован: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/m);
    expect(text.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const unknown = await kurator(['accounts', 'show', '--login', 'nobody', '--data-dir', dir.dir], AS_CURATOR);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('«nobody»');

    const t = await makeCore({ dir: dir.dir, setup: false });
    try {
      const rows = t.core.audit.page({ action: 'accounts.show' }, 10, 0).rows;
      expect(rows).toHaveLength(2);
      expect(rows[0]!.details).toMatchObject({ login: 'maria.ivanova', via: 'cli' });
    } finally {
      t.close();
    }
  });

  it('writes the lists of a class as XLSX (and PDF)', async () => {
    const out = path.join(dir.dir, '6A.xlsx');
    const r = await kurator(['accounts', 'lists', '--class', '6а', '--out', out, '--data-dir', dir.dir], AS_DEPUTY);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const { default: excel } = await import('exceljs');
    const wb = new excel.Workbook();
    await wb.xlsx.readFile(out);
    // The student has not registered; the mother has, with a confirmed email.
    expect(wb.worksheets[0]!.getRow(2).getCell(2).value).toBe('Иванов Пётр Сергеевич');
    expect(wb.worksheets[0]!.getRow(2).getCell(4).value).toBe('+7 902 170-28-76');
    expect(wb.worksheets[1]!.actualRowCount).toBe(1);
    const pdf = path.join(dir.dir, '6A.pdf');
    expect((await kurator(['accounts', 'lists', '--class', '6А', '--out', pdf, '--data-dir', dir.dir], AS_DEPUTY)).code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const shots = process.env.KURATOR_SCREENSHOTS;
    if (shots) fs.copyFileSync(pdf, path.join(shots, 'lists-6A.pdf'));
  });

  it('a deputy director prints a reset slip (the PDF, the token’s expiry), delivered at once while the portal answers', async () => {
    // The portal on the CLI's clock from here (it ran two months behind): the slip's end, which the
    // portal sets, is then in the office's future, as on one real clock.
    side.portal.clock.ms = Date.now() + Number(process.env[TEST_CLOCK_SHIFT_VARIABLE] ?? 0);
    const out = path.join(dir.dir, 'slips', 'slip.pdf');
    const r = await kurator(
      [
        'accounts',
        'reset',
        '--person',
        String(mother),
        '--out',
        out,
        '--reason',
        'забыла пароль',
        '--document-checked',
        '--json',
        '--data-dir',
        dir.dir,
      ],
      AS_DEPUTY,
    );
    expect(r.code, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(answer).toMatchObject({ personId: mother, login: 'maria.ivanova', file: out, state: 'done', delivered: true, refusal: null });
    expect(Date.parse(String(answer.expiresAt))).toBeLessThanOrEqual(Date.parse(String(answer.notAfter)));
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const shots = process.env.KURATOR_SCREENSHOTS;
    if (shots) fs.copyFileSync(out, path.join(shots, 'reset-slip.pdf'));
    // The card's text: the request with where its slip stands and why it was made (it printed «выполнен» alone).
    // (The portal's test clock runs apart from the office's: the slip's own words are checked in desk.test.ts.)
    const shown = await kurator(['accounts', 'show', '--person', String(mother), '--data-dir', dir.dir], AS_DEPUTY);
    expect(shown.stdout).toMatch(/\tсброс доступа\tвыполнен — [^\t]+ \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\tзабыла пароль · документ проверен$/m);
    const t = await makeCore({ dir: dir.dir, setup: false });
    try {
      const row = t.core.audit.page({ action: 'desk.reset' }, 10, 0).rows[0]!;
      expect(row.details).toMatchObject({ reason: 'забыла пароль', documentChecked: true, login: 'maria.ivanova' });
      expect(JSON.stringify(row)).toContain('petrov');
    } finally {
      t.close();
    }
    // A second slip while the first works: the first stops working, and the command says so.
    const again = await kurator(
      ['accounts', 'reset', '--person', String(mother), '--out', path.join(dir.dir, 'slips', 'again.pdf'), '--data-dir', dir.dir],
      AS_DEPUTY,
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Прежний бланк \(от \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\) больше не действует/);
  });

  it('a reset the portal refuses (the account is locked) writes no slip, says why and exits 1', async () => {
    await side.portal.portal.db
      .updateTable('accounts')
      .set({ disabled_at: side.portal.clock.now() })
      .where('login', '=', 'maria.ivanova')
      .execute();
    const out = path.join(dir.dir, 'slips', 'refused.pdf');
    const args = ['accounts', 'reset', '--person', String(mother), '--out', out, '--reason', 'забыла пароль', '--data-dir', dir.dir];
    const r = await kurator([...args, '--json'], AS_CURATOR);
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      personId: mother,
      login: 'maria.ivanova',
      file: null,
      state: 'refused',
      refusal: 'locked',
      delivered: false,
    });
    expect(fs.existsSync(out)).toBe(false);
    const plain = await kurator(args, AS_CURATOR);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/заблокирован/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
