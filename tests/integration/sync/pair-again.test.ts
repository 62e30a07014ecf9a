// The portal's admin issued a new pairing key (`school key`): the paired office is forgotten there
// and its rounds fail with `sync.unpaired`. The curator enters the new key in place, without
// unpairing first: the office becomes a new device (a snapshot of everything goes up), keeps its
// pull cursor (what it already brought down is not brought again), and a change made while it was
// forgotten reaches the portal once.
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
  '6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;ivanova@mail.ru;;;',
  '6А;Сидоров;Глеб;Андреевич;01.02.2014;М;;;;;;',
);

describe('pairing again with a new key, in place', () => {
  let side: PortalSide;
  let office: TestCore;
  let school: number;
  let address: string;

  beforeAll(async () => {
    side = await portalSide('pglite');
    let key: string;
    ({ school, address, key } = await addSchool(side.portal.portal, side.origin));
    office = await officeFor(address);
    await office.core.roster.importFile(DESK, ROSTER, 'list.csv');
    office.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    await office.core.sync.pair(DESK, address, key);
    await settle(office.core);
  });
  afterAll(async () => {
    office?.close();
    await side?.close();
  });

  it('after a new key, takes the key in place; nothing is lost, nothing comes down twice', async () => {
    const uidOf = (id: number) => (office.core.db.prepare('SELECT uid FROM people WHERE id = ?').get(id) as { uid: string }).uid;
    const ivanov = office.core.roster.find('Иванов Пётр').hits[0]!;
    await portalEvents.account(side.portal, school, { personUid: uidOf(ivanov.id), login: 'petr.ivanov', kind: 'student' });
    expect((await settle(office.core)).pulled).toBe(1);

    const { pairingKey } = await side.portal.portal.schools.newKey(school);
    const sidorov = office.core.roster.find('Сидоров Глеб').hits[0]!;
    office.core.roster.updatePerson(DESK, { id: sidorov.id, name: 'Глебушка' }); // made while forgotten
    expect(await reasonOf(office.core.sync.round())).toBe('sync.unpaired');
    expect(office.core.sync.status()).toMatchObject({ paired: true, pending: 1, lastError: { reason: 'sync.unpaired' } });

    expect(await reasonOf(office.core.sync.pairAgain(DESK, 'wrong-key-0000'))).toBe('sync.bad_key');
    await office.core.sync.pairAgain(DESK, pairingKey);
    // The error is gone at once (the key was taken); the snapshot waits to go up.
    expect(office.core.sync.status()).toMatchObject({ paired: true, address, lastError: null });
    expect(office.core.sync.status().pending).toBeGreaterThan(1);
    const totals = await settle(office.core);
    expect(totals.pulled).toBe(0); // the account came down before and is not brought again
    expect(office.core.db.prepare('SELECT count(*) AS n FROM portal_accounts').get()).toEqual({ n: 1 });
    expect(await portalRoster(side.portal.portal, school)).toEqual(officeRoster(office.core));
    expect((await portalRoster(side.portal.portal, school)).people.find((p) => p.uid === uidOf(sidorov.id))).toMatchObject({
      name: 'Глебушка',
    });
    expect(appliedOnce(side.applied)).toBe(true);
    expect(office.core.audit.page({ action: 'portal.pair' }, 10, 0).total).toBe(2);
  });

  it('refuses in an office that was never paired', async () => {
    const other = await officeFor(address);
    try {
      expect(await reasonOf(other.core.sync.pairAgain(DESK, 'any-key-0000'))).toBe('sync.not_paired');
    } finally {
      other.close();
    }
  });
});
