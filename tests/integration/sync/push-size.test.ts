// How much one push carries: as many entries as the portal says it takes (LARGEST_PUSH), and the v1
// limit of 500 for a portal that says nothing (one from before the header: a proxy leaves it out).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core.ts';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { addSchool, DESK, officeFor, officeRoster, portalRoster, portalSide, type PortalSide } from '../../support/sync.ts';
import { wide } from '../../unit/roster/helpers.ts';
import { randomUUID } from 'node:crypto';
import {
  LARGEST_PUSH,
  MAX_PUSH_BYTES,
  MAX_PUSH_ENTRIES,
  PROTOCOL_VERSION,
  PUSH_LIMIT_HEADER,
  SYNC_PATH,
} from '../../../src-shared/sync/protocol.ts';

const SURNAMES = ['Иванов', 'Петров', 'Сидоров', 'Кузнецов', 'Смирнов', 'Попов', 'Соколов', 'Лебедев', 'Козлов', 'Новиков'];
const NAMES = ['Пётр', 'Глеб', 'Иван', 'Олег', 'Павел', 'Роман', 'Семён', 'Тимур', 'Фёдор', 'Юрий'];
const PATRONYMICS = ['Сергеевич', 'Андреевич', 'Олегович', 'Ильич'];

/** 400 students, each with a mother of their own: with a code each, about 2,000 entries to send. */
const ROSTER = wide(
  ...Array.from({ length: 400 }, (_, i) => {
    const [surname, name, patronymic] = [SURNAMES[i % 10]!, NAMES[Math.floor(i / 10) % 10]!, PATRONYMICS[Math.floor(i / 100)]!];
    const day = String((i % 28) + 1).padStart(2, '0');
    const phone = `8902${String(1_000_000 + i).padStart(7, '0')}`;
    return `${5 + (i % 4)}А;${surname};${name};${patronymic};${day}.03.2014;М;${surname}а Мария Ивановна;${phone};;;;`;
  }),
);

describe('push size', () => {
  let side: PortalSide;
  let proxy: FaultProxy;
  const offices: TestCore[] = [];

  beforeAll(async () => {
    side = await portalSide('pglite');
    proxy = await startFaultProxy(side.origin, Math.random, { dropHeaders: [PUSH_LIMIT_HEADER] });
    proxy.faults = false;
  });
  afterAll(async () => {
    for (const o of offices) o.close();
    await proxy?.close();
    await side?.close();
  });

  /** A first round of the school through `origin`: the entries each push carried, and whether both sides agree after. */
  async function firstRound(origin: string): Promise<number[]> {
    const { school, address, key } = await addSchool(side.portal.portal, origin);
    const office = await officeFor(address);
    offices.push(office);
    await office.core.roster.importFile(DESK, ROSTER, 'list.csv');
    office.core.codes.issue(DESK, { all: true }, { audience: 'all', onlyMissing: true });
    await office.core.sync.pair(DESK, address, key);
    const sent: number[] = [];
    const result = await office.core.sync.round({ progress: (phase, done) => phase === 'push' && sent.push(done) });
    expect(result.pending).toBe(0);
    expect(await portalRoster(side.portal.portal, school)).toEqual(officeRoster(office.core));
    // Ticks: 0, then the running total after each push.
    return sent.slice(1).map((done, i) => done - sent[i]!);
  }

  it(`sends up to ${LARGEST_PUSH} entries a push to a portal that says it takes them`, async () => {
    const pushes = await firstRound(side.origin);
    expect(pushes.reduce((a, b) => a + b)).toBeGreaterThan(LARGEST_PUSH);
    expect(pushes[0]).toBe(LARGEST_PUSH);
    expect(pushes).toHaveLength(2);
  });

  it(`sends ${MAX_PUSH_ENTRIES} a push to a portal that does not say`, async () => {
    const pushes = await firstRound(proxy.origin);
    expect(pushes.slice(0, -1).every((n) => n === MAX_PUSH_ENTRIES)).toBe(true);
    expect(pushes.length).toBeGreaterThan(LARGEST_PUSH / MAX_PUSH_ENTRIES);
  });

  it('takes the largest push there can be in one body, and refuses a larger one before reading it', async () => {
    const { address } = await addSchool(side.portal.portal, side.origin);
    const push = `${address.replace(/\/hello$/, SYNC_PATH)}/push`;
    // The largest entry: a person whose three names JSON escapes to 6 bytes a character.
    const odd = '\u0001'.repeat(200);
    const entries = Array.from({ length: LARGEST_PUSH }, (_, i) => ({
      seq: 1_000_000 + i,
      chain: 'f'.repeat(64),
      entity: 'person',
      uid: randomUUID(),
      kind: 'student',
      surname: odd,
      name: odd,
      patronymic: odd,
      birthDate: '2014-03-05',
      classUid: randomUUID(),
      archived: false,
    }));
    const largest = JSON.stringify({ protocol: PROTOCOL_VERSION, deviceId: randomUUID(), entries });
    expect(largest.length).toBeGreaterThan(MAX_PUSH_BYTES * 0.9);
    expect(largest.length).toBeLessThanOrEqual(MAX_PUSH_BYTES);
    const send = (body: string) =>
      fetch(push, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nobody' }, body });
    // Read and parsed, then refused for what it is (no such pairing), not for its size.
    const taken = await send(largest);
    expect(taken.status).toBe(401);
    expect(((await taken.json()) as { reason: string }).reason).toBe('sync.unpaired');
    const larger = await send(largest.padEnd(MAX_PUSH_BYTES + 1, ' '));
    expect(larger.status).toBe(413);
  });
});
