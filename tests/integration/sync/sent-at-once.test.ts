// A code revoked or reissued at the desk must stop working on the portal at once, not a minute later
// at the next scheduled round: the app's scheduler sends any change queued for the portal within
// seconds, and until the portal has it the desk says so beside the code (and in its message).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestCore } from '../../support/core.ts';
import { addSchool, DESK, officeFor, portalSide, settle, type PortalSide } from '../../support/sync.ts';
import { wide } from '../../unit/roster/helpers.ts';
import { startSyncTimer } from '../../../src-main/core/sync/scheduler.ts';

const ROSTER = wide(
  '6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;ivanova@mail.ru;;;',
  '6А;Сидоров;Глеб;Андреевич;01.02.2014;М;;;;;;',
);

describe('a change made at the desk reaches the portal within seconds', () => {
  let side: PortalSide;
  let office: TestCore;
  let school: number;
  let timer: { stop(): void } | null = null;

  const uidOf = (codeId: number) =>
    (office.core.db.prepare('SELECT uid FROM invitation_codes WHERE id = ?').get(codeId) as { uid: string }).uid;
  const portalState = async (codeId: number) =>
    (
      await sql<{ state: string }>`SELECT state FROM invitation_codes WHERE school_id = ${school} AND uid = ${uidOf(codeId)}`.execute(
        side.portal.portal.db,
      )
    ).rows[0]?.state;

  beforeAll(async () => {
    side = await portalSide('pglite');
    const added = await addSchool(side.portal.portal, side.origin);
    school = added.school;
    office = await officeFor(added.address);
    await office.core.roster.importFile(DESK, ROSTER, 'list.csv');
    office.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    await office.core.sync.pair(DESK, added.address, added.key);
    await settle(office.core);
    // The scheduled rounds an hour apart, and its first (3 s after the start) over: from here on
    // only the watch on queued changes can send anything.
    timer = startSyncTimer(office.core.sync, 3_600_000);
    await new Promise((r) => setTimeout(r, 3_500));
    while (office.core.sync.status().running) await new Promise((r) => setTimeout(r, 100));
  }, 30_000);
  afterAll(async () => {
    timer?.stop();
    office?.close();
    await side?.close();
  });

  it('a reissued code is revoked on the portal a few seconds later, with no scheduled round in between', async () => {
    const ivanov = office.core.roster.find('Иванов Пётр').hits[0]!;
    const old = office.core.codes.list({ personId: ivanov.id, liveOnly: true }).find((c) => c.kind === 'student')!;
    expect(old.portalPending).toBe(false);
    expect(await portalState(old.id)).toBe('issued');

    const fresh = office.core.codes.reissue(DESK, old.id, 'потерял бланк');
    // Until the portal has it, the desk says so: the old code still works there, the new not yet.
    expect(fresh.portalPending).toBe(true);
    expect(office.core.codes.list({ personId: ivanov.id }).find((c) => c.id === old.id)).toMatchObject({
      state: 'revoked',
      portalPending: true,
    });

    await expect.poll(() => portalState(old.id), { timeout: 20_000, interval: 250 }).toBe('revoked');
    expect(await portalState(fresh.id)).toBe('issued');
    await expect.poll(() => office.core.codes.list({ personId: ivanov.id }).some((c) => c.portalPending), { timeout: 5_000 }).toBe(false);
  }, 45_000);

  it('a portal that does not answer is tried once per change, not again and again; the desk keeps saying it is not told', async () => {
    const sidorov = office.core.roster.find('Сидоров').hits[0]!;
    const code = office.core.codes.list({ personId: sidorov.id, liveOnly: true })[0]!;
    await side.server.close();
    const rounds = vi.spyOn(office.core.sync, 'round');
    office.core.codes.revoke(DESK, code.id, 'потерял бланк');
    await expect.poll(() => rounds.mock.calls.length, { timeout: 10_000, interval: 100 }).toBe(1);
    await expect.poll(() => office.core.sync.status().running, { timeout: 20_000 }).toBe(false);
    expect(office.core.sync.status().lastError).not.toBeNull();
    await new Promise((r) => setTimeout(r, 6_000)); // three looks at the queue: nothing new, no round
    expect(rounds).toHaveBeenCalledTimes(1);
    expect(office.core.codes.list({ personId: sidorov.id }).find((c) => c.id === code.id)).toMatchObject({
      state: 'revoked',
      portalPending: true,
    });
  }, 60_000);
});
