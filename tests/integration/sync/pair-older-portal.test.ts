// Pairing across versions: a portal from before the address check refuses the `address` field (its
// request schema is strict) and is asked again without it; a current portal says it is current in
// every answer, refusals included, and is never asked twice.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../support/core.ts';
import { addSchool, DESK, officeFor, portalSide, reasonOf, type PortalSide } from '../../support/sync.ts';
import { LARGEST_PUSH, PUSH_LIMIT_HEADER, SYNC_PATH } from '../../../src-shared/sync/protocol.ts';

/** A portal's pair call as older versions answer it: refused with `sync.bad_request` when the body has a field it does not know. */
async function olderPortal(options: {
  current: boolean;
}): Promise<{ origin: string; bodies: Record<string, unknown>[]; close(): Promise<void> }> {
  const bodies: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      bodies.push(body);
      const headers = { 'content-type': 'application/json', ...(options.current ? { [PUSH_LIMIT_HEADER]: String(LARGEST_PUSH) } : {}) };
      if (!req.url!.endsWith(`${SYNC_PATH}/pair`)) return res.writeHead(404, headers).end('{}');
      if ('address' in body) return res.writeHead(400, headers).end(JSON.stringify({ reason: 'sync.bad_request', message: 'Bad request' }));
      const answer = { schoolId: 7, schoolName: 'Школа № 7', syncSecret: 's'.repeat(43), codeKey: 'k'.repeat(43) };
      res.writeHead(200, headers).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('pairing with a portal of another version', () => {
  const offices: TestCore[] = [];
  afterEach(() => {
    for (const o of offices.splice(0)) o.close();
  });

  it('asks a portal from before the address check again without the address, and pairs', async () => {
    const portal = await olderPortal({ current: false });
    try {
      const address = `${portal.origin}/s/seven/hello`;
      const office = await officeFor(address);
      offices.push(office);
      await office.core.sync.pair(DESK, address, 'AAAA-BBBB-CCCC');
      expect(office.core.sync.isPaired()).toBe(true);
      expect(portal.bodies).toHaveLength(2);
      expect(portal.bodies[0]).toMatchObject({ address });
      expect(portal.bodies[1]).not.toHaveProperty('address');
      expect(portal.bodies[1]).toMatchObject({ pairingKey: 'AAAA-BBBB-CCCC', deviceId: portal.bodies[0]!.deviceId });
    } finally {
      await portal.close();
    }
  });

  it('takes a current portal’s refusal as it is (the address check is never skipped)', async () => {
    const portal = await olderPortal({ current: true });
    try {
      const address = `${portal.origin}/s/seven/hello`;
      const office = await officeFor(address);
      offices.push(office);
      expect(await reasonOf(office.core.sync.pair(DESK, address, 'AAAA-BBBB-CCCC'))).toBe('sync.bad_request');
      expect(office.core.sync.isPaired()).toBe(false);
      expect(portal.bodies).toHaveLength(1);
    } finally {
      await portal.close();
    }
  });

  describe('the real portal', () => {
    let side: PortalSide;
    beforeAll(async () => {
      side = await portalSide('pglite');
    });
    afterAll(async () => {
      await side?.close();
    });

    it('says it is current in a refusal too', async () => {
      const { address } = await addSchool(side.portal.portal, side.origin);
      const base = address.replace(/\/hello$/, SYNC_PATH);
      const refused = await fetch(`${base}/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"protocol":1}',
      });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { reason: string }).reason).toBe('sync.bad_request');
      expect(refused.headers.get(PUSH_LIMIT_HEADER)).toBe(String(LARGEST_PUSH));
    });
  });
});
