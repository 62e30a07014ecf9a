// A paired office prints the registration address the portal serves for its school: the curator
// cannot save another one (slips with it would lead nowhere), and one that differs all the same (a
// database restored from a copy made with another address) is not what the slips carry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURATOR, SCHOOL, makeCore, type TestCore } from '../../support/core.ts';
import { OfficeSecrets } from '../../../src-main/core/secrets/key-file.ts';
import { prepareInvitations } from '../../../src-main/core/codes/printing.ts';
import { tx } from '../../../src-main/core/db/database.ts';
import { withScheme } from '../../../src-shared/sync/address.ts';

const PORTAL = 'http://127.0.0.1:47101/s47/hello';
const CSV = ['Класс;Фамилия;Имя;Отчество;Дата рождения', '6А;Иванов;Пётр;Сергеевич;05.03.2014'].join('\n');
const actor = { operatorId: 1, login: 'curator', via: 'app' as const };

describe('the registration address while paired with the portal', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
    await t.core.auth.signIn('desk', CURATOR.login, CURATOR.password);
    expect(await t.dispatch('updateSettings', { registrationUrl: PORTAL }, 'desk')).toMatchObject({ ok: true });
  });
  afterEach(() => t.close());

  const pair = () =>
    new OfficeSecrets(t.dir).setPortal({ address: PORTAL, schoolId: 2, syncSecret: 's'.repeat(43), codeKey: 'k'.repeat(43) });

  it('an unpaired office saves any valid address', async () => {
    expect(await t.dispatch('updateSettings', { registrationUrl: 'http://127.0.0.1:47101/other' }, 'desk')).toMatchObject({ ok: true });
  });

  it('an address typed without https:// gets it, as a browser’s address bar does (http:// for this computer)', async () => {
    expect(await t.dispatch('updateSettings', { registrationUrl: ' 1399.ejgur.ru/hello ' }, 'desk')).toMatchObject({ ok: true });
    expect(t.core.settings.get().registrationUrl).toBe('https://1399.ejgur.ru/hello');
    expect(await t.dispatch('updateSettings', { registrationUrl: 'localhost:8080/s/1399/hello' }, 'desk')).toMatchObject({ ok: true });
    expect(t.core.settings.get().registrationUrl).toBe('http://localhost:8080/s/1399/hello');
    expect(withScheme('HTTPS://1399.ejgur.ru/hello')).toBe('HTTPS://1399.ejgur.ru/hello');
    expect(withScheme('127.0.0.1:8080/hello')).toBe('http://127.0.0.1:8080/hello');
    // Still refused: no page to register on, and a plain http:// address elsewhere.
    const r = await t.dispatch('updateSettings', { registrationUrl: '1399.ejgur.ru' }, 'desk');
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await t.dispatch('updateSettings', { registrationUrl: 'http://1399.ejgur.ru/hello' }, 'desk')).toMatchObject({ ok: false });
    expect(t.core.settings.get().registrationUrl).toBe('http://localhost:8080/s/1399/hello');
  });

  it('refuses an address the portal does not serve for the school, naming the field and the portal’s address', async () => {
    pair();
    const r = await t.dispatch('updateSettings', { registrationUrl: 'http://127.0.0.1:47101/other', curatorContact: 'каб. 214' }, 'desk');
    expect(r).toMatchObject({ ok: false, error: { reason: 'settings.address_not_portal', field: 'registrationUrl' } });
    expect((r as { error: { message: string } }).error.message).toContain(PORTAL);
    expect(t.core.settings.get()).toMatchObject({ registrationUrl: PORTAL, curatorContact: SCHOOL.curatorContact });
    // The portal's own address saves, and so do the other settings with it.
    expect(
      await t.dispatch('updateSettings', { registrationUrl: 'http://127.0.0.1:47101/s47/hello', curatorContact: 'каб. 214' }, 'desk'),
    ).toMatchObject({
      ok: true,
    });
  });

  it('slips carry the portal’s address even when the stored one differs', async () => {
    await t.core.roster.importFile(actor, Buffer.from(CSV, 'utf8'), 'list.csv');
    const classId = t.core.codes.classIdByName('6А');
    t.core.codes.issue(actor, { classId }, { audience: 'students', onlyMissing: true });
    pair();
    // As a copy made before pairing, with another address, would leave it after a restore.
    tx(t.core.db, () => t.core.settings.write({ registrationUrl: 'http://127.0.0.1:47101/other' }));
    const html = (await prepareInvitations(t.core, { kind: 'invitations', scope: { classId }, audience: 'students', layout: 4 })).job.html;
    expect(html).toContain(PORTAL);
    expect(html).not.toContain('/other');
    expect(t.core.settings.registrationAddress()).toBe(PORTAL);
  });
});
