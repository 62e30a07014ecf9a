// The portal's admin removed the school (`school remove`), then added it again (`school add`, a new
// school id and key) and the curator paired anew (a trial). While the school is gone the portal says
// so in the protocol's terms and the office tells the curator exactly what to do — not that it will
// fix itself.
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

  const client = () => new PortalClient(httpTransport(side.origin), { host: new URL(side.origin).host, base });
  const parentCode = (personId: number) => office.core.codes.list({ personId }).find((c) => c.kind === 'parent')!;
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
});
