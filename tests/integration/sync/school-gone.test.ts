// The portal's admin removed the school (`school remove`), then added it again (`school add`, a new
// school id and key) and the curator paired anew (a trial). While the school is gone the portal says
// so in the protocol's terms and the office tells the curator exactly what to do — not that it will
// fix itself. Paired with the school added again, the office no longer shows the accounts that went
// with the removed one, and a code used there is refused by the new portal: the family gets a new
// code at the desk (a printed secret that was redeemed once is not taken again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core.ts';
import { addSchool, DESK, officeFor, portalSide, reasonOf, settle, type PortalSide } from '../../support/sync.ts';
import { PortalClient, httpTransport } from '../../support/portal-client.ts';
import { wide } from '../../unit/roster/helpers.ts';
import { syncBase } from '../../../src-main/core/sync/client.ts';
import { t } from '../../../src-shared/i18n/index.ts';

const ROSTER = wide(
  '6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;ivanova@mail.ru;;;',
  '6А;Сидоров;Глеб;Андреевич;01.02.2014;М;Сидорова Ольга Ивановна;89031112233;;;;',
);
const PASSWORD = 'тёплый вечер у реки';
const NAME = 'ГБОУ Школа № 1399';

describe('a school removed from the portal and added again', () => {
  let side: PortalSide;
  let office: TestCore;
  let address: string;
  let base: string;
  let mother: number;
  let usedCode: string;
  /** A backup made while the removed school was still there. */
  let backup: string;

  const client = () => new PortalClient(httpTransport(side.origin), { host: new URL(side.origin).host, base });
  const parentCode = (personId: number) => office.core.codes.list({ personId }).find((c) => c.kind === 'parent')!;
  /** The portal's answer to a printed code typed on the registration page. */
  async function enter(code: string) {
    const c = client();
    await c.get('/hello');
    return { c, page: await c.post('/hello', { code }) };
  }
  async function register(code: string, login: string) {
    const c = client();
    await c.get(`/hello?code=${code}`);
    await c.follow();
    const form = { code, login, password: PASSWORD, password2: PASSWORD, email: 'ivanova@mail.ru', consent: 'yes' };
    return (await c.post('/register', form)).status;
  }

  beforeAll(async () => {
    side = await portalSide('pglite');
    const school = await addSchool(side.portal.portal, side.origin, NAME);
    address = school.address;
    base = new URL(address).pathname.replace(/\/hello$/, '');
    office = await officeFor(address);
    await office.core.roster.importFile(DESK, ROSTER, 'list.csv');
    office.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    await office.core.sync.pair(DESK, address, school.key);
    await settle(office.core);
    mother = office.core.roster.find('Иванова Мария').hits[0]!.id;
    usedCode = parentCode(mother).code;
    expect(await register(usedCode, 'maria.ivanova')).toBe(303);
    await settle(office.core);
    expect(office.core.accounts.of(mother)).toMatchObject({ login: 'maria.ivanova' });
    expect(parentCode(mother)).toMatchObject({ state: 'redeemed', redeemedLogin: 'maria.ivanova' });
    backup = (await office.core.backups.create(DESK, 'manual')).path;
    await side.portal.portal.schools.remove(school.school);
  }, 120_000);
  afterAll(async () => {
    office?.close();
    await side?.close();
  });

  it('the portal refuses a sync call for a school it no longer has with a reason, as JSON', async () => {
    const res = await fetch(`${syncBase(address)}/device`, { headers: { authorization: 'Bearer whatever' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ reason: 'sync.no_school' });
    // A page of the portal that does not exist is still the page that says so.
    expect((await fetch(`${side.origin}${base}/no-such-page`)).headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('the office says the school is gone, what to do and where — not that it will fix itself', async () => {
    expect(await reasonOf(office.core.sync.round())).toBe('sync.no_school');
    const status = office.core.sync.status();
    expect(status).toMatchObject({ paired: true, lastError: { reason: 'sync.no_school' } });
    const message = status.lastError!.message;
    expect(message).toContain('нет школы');
    expect(message).toContain(t.pairing.again.button);
    expect(message).toContain('ключ');
    expect(message).not.toContain('повторится сама');
    expect(message).not.toContain('HTTP');
    // The next automatic round asks again (one cheap call) and says the same.
    expect(await reasonOf(office.core.sync.round())).toBe('sync.no_school');
    // Pairing again while the school is still gone says so too, naming the address field.
    expect(await reasonOf(office.core.sync.pairAgain(DESK, 'abcd-efgh-jkmn'))).toBe('sync.pair_no_school');
  });

  it('paired with the school added again: the removed accounts are gone, the used code is refused, a new one works', async () => {
    const again = await side.portal.portal.schools.add({ name: NAME, address });
    // Before the new key is entered, the portal knows the address but not this office.
    expect(await reasonOf(office.core.sync.round())).toBe('sync.unpaired');
    await office.core.sync.pairAgain(DESK, again.pairingKey);
    await settle(office.core);

    // The desk no longer shows an account the portal does not have.
    expect(office.core.accounts.of(mother)).toBeNull();
    expect(office.core.db.prepare('SELECT count(*) AS n FROM portal_accounts').get()).toEqual({ n: 0 });
    const six = office.core.codes.classIdByName('6А');
    expect(office.core.accounts.ofClass(six).parents.registered).toBe(0);
    // The code keeps who used it, but it no longer counts as registered: it is revoked.
    const old = office.core.codes.list({ personId: mother }).find((c) => c.code === usedCode)!;
    expect(old).toMatchObject({ state: 'revoked', redeemedLogin: 'maria.ivanova' });
    expect(office.core.audit.page({ action: 'portal.school_changed' }, 10, 0).total).toBe(1);

    // The family's printed code is refused on the new portal: it was redeemed once.
    const { page } = await enter(usedCode);
    expect(page.error('code')).toContain('больше не действует');

    // The desk issues a new code for the mother (she is no longer counted as registered), and it works.
    const report = office.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    expect(report.registered).toBe(0);
    const fresh = office.core.codes.list({ personId: mother }).find((c) => c.kind === 'parent' && c.code !== usedCode)!;
    expect(fresh.state).toBe('active');
    await settle(office.core);
    expect(await register(fresh.code, 'maria.ivanova')).toBe(303);
    await settle(office.core);
    expect(office.core.accounts.of(mother)).toMatchObject({ login: 'maria.ivanova' });
  });

  it('a backup from before the removal, restored, forgets the removed school at once and syncs with the new one', async () => {
    await office.core.backups.restore(DESK, backup);
    expect(office.core.db.prepare('SELECT count(*) AS n FROM portal_accounts').get()).toEqual({ n: 0 });
    expect(office.core.codes.list({ personId: mother }).find((c) => c.code === usedCode)).toMatchObject({ state: 'revoked' });
    expect(office.core.audit.page({ action: 'portal.school_changed' }, 10, 0).total).toBe(1);
    await settle(office.core);
    // What came down now is the school added again: the mother's new account.
    expect(office.core.sync.status()).toMatchObject({ lastError: null, superseded: false });
    expect(office.core.accounts.of(mother)).toMatchObject({ login: 'maria.ivanova' });
  });
});

describe('unpaired while the school was gone, then paired with it added again', () => {
  let side: PortalSide;
  let office: TestCore;
  let address: string;
  let key: string;
  let school: number;
  let student: number;

  const accounts = () => (office.core.db.prepare('SELECT count(*) AS n FROM portal_accounts').get() as { n: number }).n;
  const studentCode = () => office.core.codes.list({ personId: student }).find((c) => c.kind === 'student')!;

  beforeAll(async () => {
    side = await portalSide('pglite');
    ({ school, address, key } = await addSchool(side.portal.portal, side.origin, NAME));
    office = await officeFor(address);
    await office.core.roster.importFile(DESK, ROSTER, 'list.csv');
    office.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    await office.core.sync.pair(DESK, address, key);
    await settle(office.core);
    student = office.core.roster.find('Иванов Пётр').hits[0]!.id;
    const base = new URL(address).pathname.replace(/\/hello$/, '');
    const c = new PortalClient(httpTransport(side.origin), { host: new URL(side.origin).host, base });
    const code = studentCode().code;
    await c.get(`/hello?code=${code}`);
    await c.follow();
    const form = { code, login: 'petr.ivanov', password: PASSWORD, password2: PASSWORD, consent: 'yes' };
    expect((await c.post('/register', form)).status).toBe(303);
    await settle(office.core);
    expect(accounts()).toBe(1);
  }, 120_000);
  afterAll(async () => {
    office?.close();
    await side?.close();
  });

  it('unpaired and paired again with the same school, the desk keeps what came down', async () => {
    await office.core.sync.unpair(DESK);
    await office.core.sync.pair(DESK, address, key);
    await settle(office.core);
    expect(accounts()).toBe(1);
    expect(studentCode()).toMatchObject({ state: 'redeemed', redeemedLogin: 'petr.ivanov' });
    expect(office.core.audit.page({ action: 'portal.school_changed' }, 10, 0).total).toBe(0);
  });

  it('unpairs although the school is gone, and forgets its accounts when paired with the school added again', async () => {
    await side.portal.portal.schools.remove(school);
    await office.core.sync.unpair(DESK);
    expect(office.core.sync.status().paired).toBe(false);
    // Not paired, the desk still shows what it knew; the next pairing decides.
    expect(accounts()).toBe(1);
    const again = await side.portal.portal.schools.add({ name: NAME, address });
    await office.core.sync.pair(DESK, address, again.pairingKey);
    await settle(office.core);
    expect(accounts()).toBe(0);
    expect(office.core.accounts.of(student)).toBeNull();
    expect(studentCode()).toMatchObject({ state: 'revoked', redeemedLogin: 'petr.ivanov' });
    const row = office.core.audit.page({ action: 'portal.school_changed' }, 10, 0);
    expect(row.total).toBe(1);
  });
});
