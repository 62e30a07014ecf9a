// The office and the portal syncing over real HTTP: pairing (and its refusals), the first round's
// snapshot, later changes, what comes down (accounts, used codes, parents the portal learned), the
// desk's view of it, a portal that does not answer, https.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core.ts';
import {
  addSchool,
  appliedOnce,
  DESK,
  officeFor,
  officeRoster,
  portalEvents,
  portalRoster,
  portalSide,
  reasonOf,
  settle,
  type PortalSide,
} from '../../support/sync.ts';
import { wide } from '../../unit/roster/helpers.ts';

const ROSTER = wide(
  '6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;ivanova@mail.ru;Иванов Сергей Олегович;89031112233;',
  '6А;Иванова;Анна;Сергеевна;11.10.2016;Ж;Иванова Мария Петровна;89021702876;ivanova@mail.ru;;;',
  '6А;Сидоров;Глеб;Андреевич;01.02.2014;М;;;;;;',
  '7Б;Петрова;Ольга;Ивановна;02.02.2013;Ж;Петрова Нина Павловна;89045556677;;;;',
);

describe('office ↔ portal', () => {
  let side: PortalSide;
  let office: TestCore;
  let school: number;
  let address: string;
  let key: string;

  beforeAll(async () => {
    side = await portalSide('pglite');
    ({ school, address, key } = await addSchool(side.portal.portal, side.origin));
    office = await officeFor(address);
    await office.core.roster.importFile(DESK, ROSTER, 'list.csv');
    office.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
  });
  afterAll(async () => {
    office?.close();
    await side?.close();
  });

  it('refuses an address other than the printed one, plain http to another machine, and a wrong key', async () => {
    expect(await reasonOf(office.core.sync.pair(DESK, 'https://other.example/hello', key))).toBe('sync.address_mismatch');
    // The settings cannot hold such an address any more (https by the portal's rule); pairing refuses it too.
    expect(await reasonOf(office.core.sync.pair(DESK, 'http://portal.example.org/s/1/hello', key))).toBe('sync.https_required');
    expect(await reasonOf(office.core.sync.pair(DESK, address, 'wrong-key-0000'))).toBe('sync.bad_key');
    expect(office.core.sync.isPaired()).toBe(false);
  });

  it('pairs (the secrets in a 0600 key file) and sends everything in the first round', async () => {
    await office.core.sync.pair(DESK, address, key);
    const file = path.join(office.dir, 'kurator.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toContain('syncSecret');
    expect(office.core.db.prepare('SELECT count(*) AS n FROM sync_outbox').get()).toMatchObject({ n: expect.any(Number) });
    const ticks: [string, number, number][] = [];
    const first = await office.core.sync.round({ progress: (...tick) => ticks.push(tick) });
    expect(first.pending).toBe(0);
    expect(first.pushed).toBeGreaterThan(10);
    // The bar: changes sent of those waiting, in order, ending at total; then what came down.
    const pushes = ticks.filter(([phase]) => phase === 'push');
    expect(pushes[0]).toEqual(['push', 0, first.pushed]);
    expect(pushes.at(-1)).toEqual(['push', first.pushed, first.pushed]);
    for (let i = 1; i < pushes.length; i++) expect(pushes[i]![1]).toBeGreaterThanOrEqual(pushes[i - 1]![1]);
    expect(ticks.at(-1)).toEqual(['pull', first.pulled, first.pulled]);
    expect(await portalRoster(side.portal.portal, school)).toEqual(officeRoster(office.core));
    const status = office.core.sync.status();
    expect(status).toMatchObject({ paired: true, pending: 0, lastError: null });
    expect(status.lastSuccessAt).not.toBeNull();
    const journal = office.core.audit.page({ action: 'portal.pair' }, 10, 0);
    expect(journal.total).toBe(1);
  });

  it('sends later changes as they are made: renames, archiving, reissued and revoked codes', async () => {
    const card = office.core.roster.find('Сидоров').hits[0]!;
    office.core.roster.updatePerson(DESK, { id: card.id, surname: 'Сидоренко' });
    const petrova = office.core.roster.find('Петрова Ольга').hits[0]!;
    office.core.roster.setArchived(DESK, [petrova.id], true);
    const code = office.core.codes.list({ personId: card.id, liveOnly: true })[0]!;
    office.core.codes.reissue(DESK, code.id, 'потерял бланк');
    expect(office.core.sync.status().pending).toBeGreaterThan(0);
    await settle(office.core);
    expect(await portalRoster(side.portal.portal, school)).toEqual(officeRoster(office.core));
    expect(appliedOnce(side.applied)).toBe(true);
  });

  it('brings down accounts, used codes and parents who registered on the portal; the desk sees them', async () => {
    const p = side.portal;
    const ivanov = office.core.roster.find('Иванов Пётр').hits[0]!;
    const uidOf = (id: number) => (office.core.db.prepare('SELECT uid FROM people WHERE id = ?').get(id) as { uid: string }).uid;
    const studentCode = office.core.codes.list({ personId: ivanov.id, liveOnly: true }).find((c) => c.kind === 'student')!;
    const codeUid = (office.core.db.prepare('SELECT uid FROM invitation_codes WHERE id = ?').get(studentCode.id) as { uid: string }).uid;
    const account = await portalEvents.account(p, school, {
      personUid: uidOf(ivanov.id),
      login: 'petr.ivanov',
      kind: 'student',
      email: 'p@mail.ru',
      emailConfirmed: true,
    });
    await portalEvents.redemption(p, school, { codeUid, accountUid: account.uid, login: 'petr.ivanov' });
    const sidorov = office.core.roster.find('Сидоренко').hits[0]!;
    const guardianUid = await portalEvents.guardian(p, school, { studentUid: uidOf(sidorov.id), surname: 'Сидоренко', name: 'Ольга' });

    const totals = await settle(office.core);
    expect(totals.pulled).toBe(3);
    expect(office.core.accounts.of(ivanov.id)).toMatchObject({ login: 'petr.ivanov', emailConfirmed: true, phoneConfirmed: false });
    expect(office.core.codes.list({ personId: ivanov.id }).find((c) => c.id === studentCode.id)).toMatchObject({
      state: 'redeemed',
      redeemedLogin: 'petr.ivanov',
    });
    const parent = office.core.db.prepare('SELECT id, surname, kind FROM people WHERE uid = ?').get(guardianUid) as { id: number };
    expect(parent).toMatchObject({ surname: 'Сидоренко', kind: 'guardian' });
    expect(office.core.roster.card(DESK, sidorov.id).guardians.map((g) => g.id)).toContain(parent.id);
    expect(office.core.audit.page({ action: 'portal.guardian' }, 10, 0).total).toBe(1);
    // The parent went back up as the office's own, and both sides agree.
    expect(await portalRoster(p.portal, school)).toEqual(officeRoster(office.core));

    const six = office.core.codes.classIdByName('6А');
    expect(office.core.accounts.ofClass(six)).toMatchObject({ students: { registered: 1, total: 3 }, parents: { total: 3 } });
    const listed = office.core.accounts.list({ ...DESK, via: 'cli' }, { classId: six, className: '6А' });
    expect(listed).toEqual([
      {
        personId: ivanov.id,
        login: 'petr.ivanov',
        kind: 'student',
        registeredAt: account.registeredAt,
        emailConfirmed: true,
        phoneConfirmed: false,
      },
    ]);
    // Pulled again (a lost answer), nothing is applied twice.
    office.core.db.prepare('UPDATE sync_state SET pull_cursor = 0').run();
    expect((await office.core.sync.round()).pulled).toBe(3);
    expect(office.core.audit.page({ action: 'portal.guardian' }, 10, 0).total).toBe(1);
  });

  it('keeps working while the portal does not answer, and catches up after', async () => {
    const port = Number(new URL(side.origin).port);
    await side.server.close();
    const card = office.core.roster.find('Сидоренко Глеб').hits[0]!;
    office.core.roster.updatePerson(DESK, { id: card.id, name: 'Глебушка' });
    expect(await reasonOf(office.core.sync.round())).toBe('sync.unreachable');
    const status = office.core.sync.status();
    expect(status.lastError).toMatchObject({ reason: 'sync.unreachable' });
    expect(status.lastError!.message).toMatch(/^Портал недоступен/);
    expect(status.pending).toBe(1);
    // The portal comes back on the same address.
    const { buildServer } = await import('../../../src-portal/http/server.ts');
    const { FEATURES } = await import('../../../src-portal/features.ts');
    side.server = await buildServer(side.portal.portal, FEATURES, { requestsPerMinute: 1_000_000 });
    await side.server.listen({ host: '127.0.0.1', port });
    await settle(office.core);
    expect(office.core.sync.status()).toMatchObject({ pending: 0, lastError: null });
    expect(await portalRoster(side.portal.portal, school)).toEqual(officeRoster(office.core));
  });

  it('refuses a second database for the same school until the first unpairs', async () => {
    const second = await officeFor(address);
    try {
      expect(await reasonOf(second.core.sync.pair(DESK, address, key))).toBe('sync.already_paired');
      // Pairing the paired office again while the portal still knows it: no new key needed.
      expect(await reasonOf(office.core.sync.pair(DESK, address, key))).toBe('sync.still_paired');
      expect(await reasonOf(office.core.sync.pair(DESK, `${address}-other`, key))).toBe('sync.office_paired');
      await office.core.sync.unpair(DESK);
      expect(office.core.sync.isPaired()).toBe(false);
      await second.core.sync.pair(DESK, address, key);
      await settle(second.core);
      // The second database's roster replaces the first's on the portal (its snapshot archived the rest).
      const onPortal = await portalRoster(side.portal.portal, school);
      const mine = officeRoster(second.core);
      expect(onPortal.codes.filter((c) => c.state === 'issued').map((c) => c.uid)).toEqual(
        mine.codes.filter((c) => c.state === 'issued').map((c) => c.uid),
      );
      expect(onPortal.people.filter((x) => !x.archived)).toEqual(mine.people.filter((x) => !x.archived));
    } finally {
      second.close();
    }
  });
});
