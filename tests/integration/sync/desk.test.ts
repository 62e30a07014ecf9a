// The walk-in desk's requests over real HTTP (#9): a reset slip minted at the office goes up with
// sync, works on the portal's reset page once (by the QR's token or the typed code), ends the old
// password and every session, and the desk learns it was delivered and used; lock, unlock, sign out
// everywhere and new contacts travel the same way; the portal refuses what it cannot apply and says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core.ts';
import { addSchool, DESK, officeFor, portalSide, settle, type PortalSide } from '../../support/sync.ts';
import { PortalClient, httpTransport } from '../../support/portal-client.ts';
import { wide } from '../../unit/roster/helpers.ts';
import { recoveryVerdict } from '../../../src-shared/accounts/verdict.ts';
import { AppError } from '../../../src-shared/result.ts';
import { prepareReset, type PreparedReset } from '../../../src-main/core/sync/desk-print.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { formatCode, withCheckSymbol } from '../../../src-shared/codes/code.ts';
import { open } from '../../../src-portal/mail/crypto.ts';
import { requestState } from '../../../src-shared/sync/desk-words.ts';
import { searchBox } from '../../../src-main/core/services/search-box.ts';

const ROSTER = wide(
  '6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;ivanova@mail.ru;;;',
  '6А;Сидоров;Глеб;Андреевич;01.02.2014;М;Сидорова Ольга Ивановна;89031112233;;;;',
);
const OLD = 'тёплый вечер у реки';
const NEW = 'синяя лодка на закате';
const WHY = { reason: 'забыла пароль, паспорт предъявлен', documentChecked: true };

const P = t.deskAccounts.portal;
/** A page without its form's one-time CSRF token: what two visitors are shown, compared. */
const shown = (body: string) => body.replace(/name="_csrf" value="[^"]*"/g, '');
/** A slip's link that does not work reads as a notice, not as a mistake in an empty field. */
function expectNotice(body: string, what: string): void {
  expect(body).toContain(what);
  expect(body).toContain(P.askSchool);
  expect(body).not.toContain('error-summary');
  expect(body).not.toContain('aria-invalid');
  expect(body).toMatch(/<input[^>]*name="code"[^>]*value=""/);
}

const reasonOf = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.reason;
    throw e;
  }
};

describe('desk requests office → portal', () => {
  let side: PortalSide;
  let office: TestCore;
  let address: string;
  let base: string;
  let mother: number;
  let father: number;

  /** The slip's link as the client asks for it (under the school's prefix). */
  const linkPath = (link: string) => new URL(link).pathname.slice(base.length) + new URL(link).search;
  const client = () => new PortalClient(httpTransport(side.origin), { host: new URL(side.origin).host, base });
  const signIn = async (login: string, password: string) => {
    const c = client();
    await c.get('/login');
    return (await c.post('/login', { login, password })).status;
  };

  /** A parent registers on the portal with their printed code. */
  async function register(personId: number, login: string, email: string) {
    const code = office.core.codes.list({ personId, liveOnly: true }).find((c) => c.kind === 'parent')!.code;
    const c = client();
    await c.get(`/hello?code=${code}`);
    await c.follow();
    const r = await c.post('/register', { code, login, password: OLD, password2: OLD, email, consent: 'yes' });
    expect(r.status).toBe(303);
  }

  beforeAll(async () => {
    side = await portalSide('pglite');
    const school = await addSchool(side.portal.portal, side.origin);
    address = school.address;
    base = new URL(address).pathname.replace(/\/hello$/, '');
    office = await officeFor(address);
    await office.core.roster.importFile(DESK, ROSTER, 'list.csv');
    office.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    await office.core.sync.pair(DESK, address, school.key);
    await settle(office.core);
    mother = office.core.roster.find('Иванова Мария').hits[0]!.id;
    father = office.core.roster.find('Сидорова Ольга').hits[0]!.id;
    await register(mother, 'maria.ivanova', 'ivanova@mail.ru');
    await register(father, 'olga.sidorova', 'sidorova@mail.ru');
    await settle(office.core);
  }, 120_000);
  afterAll(async () => {
    office?.close();
    await side?.close();
  });

  it('says who cannot recover alone, and refuses a request without a reason or for someone without an account', () => {
    const account = office.core.accounts.of(mother)!;
    expect(account.login).toBe('maria.ivanova');
    expect(recoveryVerdict(account)).toEqual({ alone: false, why: 'no_contact' });
    expect(reasonOf(() => office.core.deskRequests.simple(DESK, mother, 'lock', { reason: ' ', documentChecked: true }))).toBe(
      'desk.reason_required',
    );
    const student = office.core.roster.find('Иванов Пётр').hits[0]!.id;
    expect(reasonOf(() => office.core.deskRequests.reset(DESK, student, WHY))).toBe('desk.no_account');
  });

  it('a reset slip: delivered with the next sync, used once through its link, the old password stops, the desk sees each step', async () => {
    const slip = office.core.deskRequests.reset(DESK, mother, WHY);
    expect(Buffer.from(new URL(slip.link).searchParams.get('t')!, 'base64url')).toHaveLength(16);
    expect(office.core.deskRequests.byUid(slip.request)).toMatchObject({ state: 'waiting', expiresAt: null, usedAt: null });
    // The portal does not know the slip until the office syncs.
    const early = client();
    await early.get(linkPath(slip.link));
    expect((await early.follow()).status).toBe(400);

    const staySignedIn = client();
    await staySignedIn.get('/login');
    expect((await staySignedIn.post('/login', { login: 'maria.ivanova', password: OLD })).status).toBe(303);

    await settle(office.core);
    const delivered = office.core.deskRequests.byUid(slip.request)!;
    expect(delivered.state).toBe('done');
    expect(new Date(delivered.expiresAt!).getTime() - side.portal.clock.now().getTime()).toBe(24 * 3_600_000);

    const phone = client();
    const first = await phone.get(linkPath(slip.link));
    expect(first.status).toBe(303); // the token leaves the address bar for a cookie
    const form = await phone.follow();
    expect(form.status).toBe(200);
    expect(form.body).toContain('maria.ivanova');
    const weak = await phone.post('/reset', { password: 'maria.ivanova1', password2: 'maria.ivanova1' });
    expect(weak.status).toBe(400);
    const done = await phone.post('/reset', { password: NEW, password2: NEW });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Пароль изменён');

    expect(await signIn('maria.ivanova', OLD)).toBe(401);
    expect(await signIn('maria.ivanova', NEW)).toBe(303);
    expect((await staySignedIn.get('/account')).status).toBe(303); // the other session ended

    const again = client();
    await again.get(linkPath(slip.link));
    const used = await again.follow();
    expect(used.status).toBe(400);
    expectNotice(used.body, P.linkInvalid);
    // A used slip's link reads exactly as a link the portal never issued.
    const stranger = client();
    await stranger.get(`/reset?t=${'A'.repeat(22)}`);
    const unknown = await stranger.follow();
    expect(unknown.status).toBe(400);
    expect(shown(unknown.body)).toBe(shown(used.body));

    await settle(office.core);
    expect(office.core.deskRequests.byUid(slip.request)!.usedAt).not.toBeNull();
    const actions = office.core.audit.page({}, 100, 0).rows.map((r) => r.action);
    expect(actions).toContain('desk.reset');
    expect(actions.filter((a) => a === 'desk.outcome').length).toBeGreaterThanOrEqual(2);
  });

  it('the typed short code works where the QR cannot be scanned; a wrong code is refused', async () => {
    const slip = office.core.deskRequests.reset(DESK, father, WHY);
    await settle(office.core);
    const c = client();
    await c.get('/reset');
    const wrong = await c.post('/reset', { code: 'zzzzz-zzzzz' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('aria-invalid'); // typed by the parent: a mistake in the field
    // The printed code carries a check symbol: a typo is said as one, a code cut short by its length
    // (both read «Бланк не подходит…», as a used or a replaced slip did).
    expect(slip.code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{3}$/);
    const at = [5, 6, 7].find((i) => slip.code[i] !== slip.code[i + 1])!; // two different neighbours swapped
    const swapped = slip.code.slice(0, at) + slip.code[at + 1] + slip.code[at] + slip.code.slice(at + 2);
    expect((await c.post('/reset', { code: swapped })).error('code')).toBe(t.reasons['reset.typo']);
    expect((await c.post('/reset', { code: slip.code.slice(0, -2) })).error('code')).toContain('а введено 9');
    expect((await c.post('/reset', { code: '' })).error('code')).toContain('Введите код с бланка');
    // Ten symbols that open no slip: one of the eleven left out, or an invitation code typed here.
    const short = slip.code.replace(/-/g, '').slice(0, 5) + slip.code.replace(/-/g, '').slice(6);
    expect((await c.post('/reset', { code: short })).error('code')).toContain('а введено 10');
    expect((await c.post('/reset', { code: formatCode(withCheckSymbol('k7m2x9q4t')) })).error('code')).toBe(
      t.reasons['reset.invitation_code'],
    );
    const step = await c.post('/reset', { code: slip.code.toUpperCase() });
    expect(step.status).toBe(200);
    expect(step.body).toContain('olga.sidorova');
    const done = await c.post('/reset', { code: slip.code, password: NEW, password2: NEW });
    expect(done.status).toBe(200);
    expect(await signIn('olga.sidorova', NEW)).toBe(303);
  });

  // A parent brings a slip back («не получается»): the curator types its code into the search box and
  // sees whose slip it is and where it stands, as an invitation code's slip does.
  it('the search box takes a reset slip’s code: whose it is and where it stands; journaled', async () => {
    const slip = office.core.deskRequests.reset(DESK, father, WHY);
    const typed = slip.code.replace(/-/g, '').toUpperCase();
    const found = searchBox(office.core, DESK, typed);
    expect(found.hits.map((h) => h.id)).toEqual([father]);
    const request = office.core.deskRequests.byUid(slip.request)!;
    expect(found.resetSlip).toEqual({
      code: slip.code,
      createdAt: request.createdAt,
      state: requestState(request, office.core.clock.now()),
    });
    expect(found.resetSlip!.state).toContain('ждёт портала');
    expect(t.search.resetSlipOf(found.resetSlip!, found.hits[0]!.fullName)).toContain(slip.code);
    const journal = office.core.audit.page({ action: 'desk.slip_lookup' }, 5, 0);
    expect(journal.total).toBeGreaterThan(0);
    expect(JSON.stringify(journal.rows[0])).not.toContain(slip.code.replace(/-/g, '')); // never the code itself
    // A typo in it is no slip and no one's code: said as an invitation code's would be, nothing found.
    const typo = slip.code.slice(0, -1) + (slip.code.endsWith('0') ? '1' : '0');
    expect(searchBox(office.core, DESK, typo).resetSlip).toBeUndefined();
    await settle(office.core);
  });

  // A parent who reset the password by the emailed link (or on the account page) still held a
  // printed slip that says it stops working after a password change: it went on working.
  it('a slip whose account changed its password afterwards, another way, no longer works', async () => {
    const slip = office.core.deskRequests.reset(DESK, mother, WHY);
    await settle(office.core);
    side.portal.clock.advance(60_000);
    const c = client();
    await c.get('/login');
    let current = OLD;
    if ((await c.post('/login', { login: 'maria.ivanova', password: OLD })).status !== 303) {
      current = NEW;
      expect((await c.post('/login', { login: 'maria.ivanova', password: NEW })).status).toBe(303);
    }
    const other = current === OLD ? NEW : OLD;
    await c.get('/account/password');
    expect((await c.post('/account/password', { current, password: other, password2: other })).status).toBe(303);
    const holder = client();
    await holder.get('/reset');
    const typed = await holder.post('/reset', { code: slip.code });
    expect(typed.status).toBe(400);
    expect(typed.error('code')).toBe(t.reasons['reset.password_changed']);
    expect(await signIn('maria.ivanova', other)).toBe(303);
    // The desk learns it too: the slip no longer reads «действует до …» there, but why it ended.
    await settle(office.core);
    const view = office.core.deskRequests.byUid(slip.request)!;
    expect(view).toMatchObject({ state: 'done', usedAt: null, inForce: false });
    expect(view.endedAt).not.toBeNull();
    expect(requestState(view, office.core.clock.now())).toContain('пароль сменён другим способом');
    // Her password as the tests after this one know it.
    await c.get('/account/password');
    expect((await c.post('/account/password', { current: other, password: current, password2: current })).status).toBe(303);
  });

  // A curator who printed twice and handed over the first slip: the portal said the slip had expired
  // (it had been replaced a minute before), and the office showed both as working until tomorrow.
  it('a slip replaced by a newer one says so, on the portal and at the desk', async () => {
    const first = office.core.deskRequests.reset(DESK, father, WHY);
    const second = office.core.deskRequests.reset(DESK, father, WHY);
    await settle(office.core);
    const c = client();
    await c.get('/reset');
    const typed = await c.post('/reset', { code: first.code });
    expect(typed.status).toBe(400);
    expect(typed.error('code')).toContain('заменён более новым');
    const byLink = client();
    await byLink.get(linkPath(first.link));
    const page = await byLink.follow();
    expect(page.status).toBe(400);
    expect(page.body).toContain('заменён более новым');
    expect(page.body).not.toContain(P.linkExpired);

    const old = office.core.deskRequests.byUid(first.request)!;
    expect(old.replacedAt).toBe(office.core.deskRequests.byUid(second.request)!.createdAt);
    expect(requestState(old, office.clock.now())).toMatch(/^выполнен — заменён более новым бланком/);
    expect(requestState(office.core.deskRequests.byUid(second.request)!, office.clock.now())).toMatch(/бланк действует до/);
  });

  // The slip's page took a confirmation link's token, opened minutes before in the same browser, for
  // the slip's: both rode in one cookie, and the page said «Этот бланк не действует» before anything was typed.
  it('the slip page does not take an email confirmation link opened before for a slip', async () => {
    const c = client();
    await c.get(`/confirm?t=${'B'.repeat(22)}`);
    await c.follow();
    const page = await c.get('/reset');
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(P.linkInvalid);
    expect(page.body).toMatch(/<input[^>]*name="code"[^>]*value=""/);
    // And the other way round: a slip's link does not reach the confirmation page.
    const d = client();
    await d.get(`/reset?t=${'C'.repeat(22)}`);
    await d.follow();
    expect((await d.get('/confirm')).body).not.toContain('не подошла');
  });

  it('an expired slip is refused on the page; a slip that reached the portal past its limit is refused with a reason', async () => {
    const slip = office.core.deskRequests.reset(DESK, father, WHY);
    await settle(office.core);
    side.portal.clock.advance(25 * 3_600_000);
    const c = client();
    await c.get(linkPath(slip.link));
    const page = await c.follow();
    expect(page.status).toBe(400);
    expectNotice(page.body, P.linkExpired);

    // Printed while the portal was away, delivered after the school's 72 hours.
    const late = office.core.deskRequests.reset(DESK, father, WHY);
    side.portal.clock.advance(73 * 3_600_000);
    await settle(office.core);
    expect(office.core.deskRequests.byUid(late.request)).toMatchObject({ state: 'refused', refusal: 'expired' });
    office.clock.advance(98 * 3_600_000); // the office's clock catches up with the portal's
  });

  it('lock ends sessions and refuses sign-in and resets; unlock, sign out everywhere and new contacts are applied', async () => {
    const earlier = office.core.deskRequests.reset(DESK, father, WHY);
    await settle(office.core);
    office.core.deskRequests.simple(DESK, father, 'lock', WHY);
    const slip = office.core.deskRequests.reset(DESK, father, WHY);
    await settle(office.core);
    expect(office.core.accounts.of(father)!.disabled).toBe(true);
    // A slip printed before the lock is refused at its code, before a new password is chosen (it was
    // refused after, and the typed password was lost).
    const c = client();
    await c.get('/reset');
    const typed = await c.post('/reset', { code: earlier.code });
    expect(typed.error('code')).toBe(t.reasons['reset.locked']);
    expect(typed.body).not.toContain('name="password"');
    expect(office.core.deskRequests.byUid(slip.request)).toMatchObject({ state: 'refused', refusal: 'locked' });
    expect(await signIn('olga.sidorova', NEW)).not.toBe(303);

    office.core.deskRequests.simple(DESK, father, 'unlock', WHY);
    office.core.deskRequests.contacts(DESK, father, { ...WHY, email: 'Olga.New@Mail.ru', phone: '8 903 111-22-33' });
    await settle(office.core);
    expect(office.core.accounts.of(father)).toMatchObject({
      disabled: false,
      email: 'olga.new@mail.ru',
      emailConfirmed: false,
      phone: '+79031112233',
      phoneConfirmed: false,
    });
    const mail = await side.portal.portal.db
      .selectFrom('mail_outbox')
      .select('kind')
      .where('to_address', '=', 'olga.new@mail.ru')
      .executeTakeFirst();
    expect(mail?.kind).toBe('confirm_email');
    const rows = office.core.audit.page({ action: 'desk.contacts' }, 10, 0).rows;
    expect(rows[0]!.details).toMatchObject({ documentChecked: true, reason: WHY.reason, login: 'olga.sidorova' });
  });

  it('a slip printed while a round is pulling goes up in a round of its own, so the slip says until when it works', async () => {
    // The app's timer started a round that has pushed already and is pulling when the desk prints:
    // joining that round would leave the slip behind («ещё не дошёл») with the portal up.
    office.core.deskRequests.simple(DESK, mother, 'sign_out_all', WHY);
    let printing: Promise<PreparedReset> | null = null;
    office.core.audit.addSink({
      // The pull journals the sign-out's outcome: print right then.
      headChanged: (head) => {
        if (printing || office.core.audit.page({ action: 'desk.outcome' }, 1, 0).rows[0]?.id !== head.id) return;
        printing = prepareReset(office.core, DESK, mother, WHY);
      },
      restored: () => undefined,
    });
    await office.core.sync.round();
    expect(printing).not.toBeNull();
    expect((await printing!).request).toMatchObject({ state: 'done', expiresAt: expect.any(String) });
  });

  // A reset by slip ends every session; a change of address asked for in one of them and still waiting
  // must end too, or whoever knew the old password would get the account's recovery by their link.
  it('a reset by slip drops a change of address still waiting; the confirmed address stays', async () => {
    const db = side.portal.portal.db;
    await db.updateTable('accounts').set({ email_confirmed_at: side.portal.clock.now() }).where('login', '=', 'maria.ivanova').execute();
    const intruder = client();
    await intruder.get('/login');
    expect((await intruder.post('/login', { login: 'maria.ivanova', password: NEW })).status).toBe(303);
    await intruder.get('/account/email');
    expect((await intruder.post('/account/email', { email: 'intruder@mail.ru', password: NEW })).location).toMatch(/done=email$/);
    expect((await intruder.follow()).body).toContain('Ожидает подтверждения: intruder@mail.ru');

    const slip = office.core.deskRequests.reset(DESK, mother, WHY);
    await settle(office.core);
    const phone = client();
    await phone.get(linkPath(slip.link));
    await phone.follow();
    const LATEST = 'жёлтый фонарь над рекой';
    expect((await phone.post('/reset', { password: LATEST, password2: LATEST })).body).toContain('Пароль изменён');

    const letter = await db
      .selectFrom('mail_outbox')
      .select('body')
      .where('to_address', '=', 'intruder@mail.ru')
      .where('kind', '=', 'confirm_email')
      .executeTakeFirstOrThrow();
    const text = (JSON.parse(open(side.portal.portal.secrets.derive('mail-outbox'), letter.body!)) as { text: string }).text;
    const link = /(https?:\/\/\S+\/confirm\?t=[A-Za-z0-9_-]+)/.exec(text)![1]!;
    const confirm = client();
    await confirm.get(linkPath(link));
    const page = await confirm.follow();
    expect(page.status).toBe(400);
    expect(page.body).not.toContain('Подтвердить почту');
    const row = await db
      .selectFrom('accounts')
      .select(['email', 'email_confirmed_at'])
      .where('login', '=', 'maria.ivanova')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: 'ivanova@mail.ru', email_confirmed_at: expect.any(Date) });
  });
});
