// The portal's sync API on both engines, spoken to directly (the office's side has its own tests):
// pairing and its refusals, pushes applied exactly once, gaps, restored and copied databases, snapshots
// that archive what they leave out, codes that stay redeemed, pulls in commit order.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../src-portal/http/server.ts';
import { FEATURES } from '../../../src-portal/features.ts';
import { appendChange } from '../../../src-portal/changes/log.ts';
import { CHAIN_START, chainNext } from '../../../src-node/sync-chain.ts';
import { entryKey, type EntryBody } from '../../../src-shared/sync/protocol.ts';
import { ENGINES, makePortal, type TestPortal } from '../../support/portal.ts';

const HOST = 'sync.test';

/** A device's stream of entries: numbers and chains them as an office would. */
class Device {
  id = randomUUID();
  seq = 0;
  chain = CHAIN_START;
  entries(bodies: EntryBody[]) {
    return bodies.map((b) => {
      this.seq += 1;
      this.chain = chainNext(this.chain, this.seq, b.entity, entryKey(b));
      return { seq: this.seq, chain: this.chain, ...b };
    });
  }
}

const cls = (uid: string, name = '6А'): EntryBody => ({ entity: 'class', uid, name, removed: false });
const student = (uid: string, classUid: string, surname = 'Иванов'): EntryBody => ({
  entity: 'person',
  uid,
  kind: 'student',
  surname,
  name: 'Иван',
  patronymic: null,
  birthDate: '2014-03-05',
  classUid,
  archived: false,
});
const code = (uid: string, studentUid: string, state: 'issued' | 'revoked' = 'issued'): EntryBody => ({
  entity: 'code',
  uid,
  hash: uid.replaceAll('-', '').padEnd(64, '0').slice(0, 64),
  kind: 'student',
  studentUid,
  guardianUid: null,
  validUntil: '2027-08-31',
  state,
  revokeReason: state === 'revoked' ? 'revoked' : null,
});

describe.each(ENGINES)('the sync API on %s', (engine) => {
  let p: TestPortal;
  let server: FastifyInstance;
  let school: number;
  let key: string;

  const call = async (method: 'GET' | 'POST', name: string, body?: unknown, secret?: string) => {
    const res = await server.inject({
      method,
      url: `/s/1/sync/v1/${name}`,
      headers: { host: HOST, ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };
  const pair = (deviceId: string, pairingKey = key) => call('POST', 'pair', { protocol: 1, pairingKey, deviceId });
  const push = (secret: string, device: Device, entries: unknown[]) =>
    call('POST', 'push', { protocol: 1, deviceId: device.id, entries }, secret);
  const people = async () =>
    (await p.portal.db.selectFrom('roster_people').select(['uid', 'surname', 'archived_at']).where('school_id', '=', school).execute()).map(
      (r) => ({ uid: r.uid, surname: r.surname, archived: r.archived_at !== null }),
    );

  beforeAll(async () => {
    p = await makePortal(engine);
    server = await buildServer(p.portal, FEATURES, { requestsPerMinute: 100_000 });
    const added = await p.portal.schools.add({ name: 'Школа', address: `https://${HOST}/s/1/hello` });
    school = added.school;
    key = added.pairingKey;
  });
  afterAll(async () => {
    await server?.close();
    await p?.close();
  });

  it('pairs one office, refuses a wrong key, a second office and another protocol version', async () => {
    expect(await pair(randomUUID(), 'abcd-efgh-jkmn-pqrs-tvwx-yz01-2345')).toMatchObject({ status: 403, body: { reason: 'sync.bad_key' } });
    expect((await call('POST', 'pair', { protocol: 2, pairingKey: key, deviceId: randomUUID() })).body.reason).toBe('sync.version');
    const device = new Device();
    const first = await pair(device.id, key.toUpperCase().replaceAll('-', ' '));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ schoolId: school, schoolName: 'Школа' });
    expect(String(first.body.codeKey).length).toBeGreaterThanOrEqual(43);
    expect(await p.portal.schools.isPaired(school)).toBe(true);
    expect(await pair(randomUUID())).toMatchObject({ status: 409, body: { reason: 'sync.already_paired' } });
    // The same device asking again (its answer was lost) gets a new secret; the old one stops working.
    const again = await pair(device.id);
    expect(again.status).toBe(200);
    expect((await call('GET', 'pull?after=0', undefined, String(first.body.syncSecret))).body.reason).toBe('sync.unpaired');
    expect((await call('GET', 'pull?after=0', undefined, String(again.body.syncSecret))).status).toBe(200);
    expect((await call('GET', 'pull?after=0', undefined, 'nonsense')).status).toBe(401);
    // Unpaired, the school's key pairs another office.
    expect((await call('POST', 'unpair', {}, String(again.body.syncSecret))).status).toBe(200);
    expect(await p.portal.schools.isPaired(school)).toBe(false);
    expect((await pair(randomUUID())).status).toBe(200);
  });

  it('applies each entry once, refuses gaps, and stores the device’s last number with the entries', async () => {
    const device = new Device();
    const secret = await freshPairing(device);
    const [c, s1, s2] = [randomUUID(), randomUUID(), randomUUID()];
    const batch = device.entries([cls(c), student(s1, c), student(s2, c, 'Петров')]);
    expect(await push(secret, device, batch)).toEqual({ status: 200, body: { appliedThrough: 3 } });
    expect(await push(secret, device, batch)).toEqual({ status: 200, body: { appliedThrough: 3 } }); // a duplicate
    const later = device.entries([student(s1, c, 'Сидоров')]);
    expect(await push(secret, device, [...batch.slice(1), ...later])).toEqual({ status: 200, body: { appliedThrough: 4 } });
    expect((await people()).find((x) => x.uid === s1)?.surname).toBe('Сидоров');
    const skipped = device.entries([student(s2, c, 'Пропущенный')]);
    const after = device.entries([student(s2, c, 'После')]);
    expect(skipped[0]!.seq).toBe(5);
    expect(await push(secret, device, after)).toMatchObject({ status: 409, body: { reason: 'sync.gap', expected: 5 } });
    expect((await push(secret, device, [...skipped, ...after])).body).toEqual({ appliedThrough: 6 });
    expect((await people()).find((x) => x.uid === s2)?.surname).toBe('После');
    // A request the office did not number in order is not read.
    expect((await push(secret, device, [after[0], skipped[0]])).body.reason).toBe('sync.bad_request');
  });

  it('tells a restored database it is behind, a copy that went its own way it forked, and replaces the device', async () => {
    const device = new Device();
    const secret = await freshPairing(device);
    const c = randomUUID();
    const saved = { ...device }; // the backup
    const sent = device.entries([cls(c), student(randomUUID(), c), student(randomUUID(), c)]);
    expect((await push(secret, device, sent)).body).toEqual({ appliedThrough: 3 });

    const restored = Object.assign(new Device(), saved);
    expect((await push(secret, restored, restored.entries([cls(c, '6Б')]))).body.reason).toBe('sync.device_behind');
    const copy = Object.assign(new Device(), saved);
    const forked = copy.entries([cls(c, '6Б'), cls(c, '6В'), cls(c, '6Г'), cls(c, '6Д')]);
    expect((await push(secret, copy, forked)).body.reason).toBe('sync.device_forked');

    // The copy goes on as a new device; the original is superseded and cannot take the school back.
    const next = new Device();
    expect((await call('POST', 'new-device', { protocol: 1, deviceId: next.id, replaces: device.id }, secret)).status).toBe(200);
    expect((await call('POST', 'new-device', { protocol: 1, deviceId: next.id, replaces: device.id }, secret)).status).toBe(200);
    expect((await push(secret, device, device.entries([cls(c)]))).body.reason).toBe('sync.device_superseded');
    const other = new Device();
    const takeBack = await call('POST', 'new-device', { protocol: 1, deviceId: other.id, replaces: device.id }, secret);
    expect(takeBack.body.reason).toBe('sync.device_superseded');
    expect((await push(secret, next, next.entries([cls(c, '6Е')]))).body).toEqual({ appliedThrough: 1 });
  });

  it('archives what a snapshot leaves out (but not what the office never sent), and never un-redeems a code', async () => {
    const device = new Device();
    const secret = await freshPairing(device);
    const [c, kept, dropped, portalMade, codeUid] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await p.portal.db
      .insertInto('roster_people')
      .values({
        school_id: school,
        uid: portalMade,
        kind: 'guardian',
        surname: 'Портальная',
        name: 'Анна',
        origin: 'portal',
        patronymic: null,
        birth_date: null,
        class_uid: null,
        archived_at: null,
        updated_at: new Date(),
      })
      .execute();
    const g1 = randomUUID();
    expect(
      (
        await push(
          secret,
          device,
          device.entries([snap('begin', g1), cls(c), student(kept, c), student(dropped, c), code(codeUid, kept), snap('end', g1)]),
        )
      ).body,
    ).toEqual({ appliedThrough: 6 });
    await p.portal.db
      .updateTable('invitation_codes')
      .set({ redeemed_at: new Date(), redeemed_by: randomUUID() })
      .where('uid', '=', codeUid)
      .execute();

    const g2 = randomUUID();
    await push(
      secret,
      device,
      device.entries([snap('begin', g2), cls(c), student(kept, c), code(codeUid, kept, 'revoked'), snap('end', g2)]),
    );
    const now = Object.fromEntries((await people()).map((x) => [x.uid, x.archived]));
    expect(now[kept]).toBe(false);
    expect(now[dropped]).toBe(true);
    expect(now[portalMade]).toBe(false);
    const row = await p.portal.db.selectFrom('invitation_codes').selectAll().where('uid', '=', codeUid).executeTakeFirstOrThrow();
    expect(row.state).toBe('revoked');
    expect(row.redeemed_at).not.toBeNull();
    // Brought back at the desk: the next entry restores them.
    await push(secret, device, device.entries([student(dropped, c)]));
    expect((await people()).find((x) => x.uid === dropped)?.archived).toBe(false);
  });

  it('pages through the change log in order; a new pairing key revokes the sync secret', async () => {
    const device = new Device();
    const secret = await freshPairing(device);
    const before = Number((await call('GET', 'pull?after=0&limit=1000', undefined, secret)).body.next);
    for (let i = 0; i < 5; i++) {
      await p.portal.db.transaction().execute((trx) =>
        appendChange(trx, p.clock, school, 'redemption', {
          codeUid: randomUUID(),
          accountUid: randomUUID(),
          login: `u${i}`,
          at: new Date().toISOString(),
        }),
      );
    }
    const page1 = (await call('GET', `pull?after=${before}&limit=3`, undefined, secret)).body;
    expect(page1).toMatchObject({ more: true, next: before + 3 });
    expect((page1.changes as { type: string; login: string }[]).map((c) => [c.type, c.login])).toEqual([
      ['redemption', 'u0'],
      ['redemption', 'u1'],
      ['redemption', 'u2'],
    ]);
    const page2 = (await call('GET', `pull?after=${String(page1.next)}&limit=3`, undefined, secret)).body;
    expect(page2).toMatchObject({ more: false, next: before + 5 });
    await p.portal.schools.newKey(school);
    expect((await call('GET', 'pull?after=0', undefined, secret)).body.reason).toBe('sync.unpaired');
    expect(await p.portal.schools.isPaired(school)).toBe(false);
  });

  /** Unpairs whatever office is paired and pairs `device` with a fresh key. */
  async function freshPairing(device: Device): Promise<string> {
    key = (await p.portal.schools.newKey(school)).pairingKey;
    const r = await pair(device.id);
    expect(r.status).toBe(200);
    return String(r.body.syncSecret);
  }
});

const snap = (phase: 'begin' | 'end', generation: string): EntryBody => ({ entity: 'snapshot', phase, generation });
