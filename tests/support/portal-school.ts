// A portal in this process with one school and its web server: what the registration and account
// tests start from.
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src-portal/http/server.ts';
import { FEATURES } from '../../src-portal/features.ts';
import { makePortal, type Engine, type TestPortal } from './portal.ts';
import { injectTransport, PortalClient } from './portal-client.ts';

export const SCHOOL_HOST = 'portal.test';
export const SCHOOL_BASE = '/s/1399';

export interface TestSchool extends TestPortal {
  server: FastifyInstance;
  schoolId: number;
  /** A browser on its own network (`ip` as the client's address). */
  client(ip?: string): PortalClient;
}

export async function makeSchool(
  engine: Engine,
  options: { logStream?: NodeJS.WritableStream; portal?: NonNullable<Parameters<typeof makePortal>[1]>['portal'] } = {},
): Promise<TestSchool> {
  const p = await makePortal(engine, { portal: options.portal });
  const { school } = await p.portal.schools.add({ name: 'Школа № 1399', address: `https://${SCHOOL_HOST}${SCHOOL_BASE}/hello` });
  const server = await buildServer(p.portal, FEATURES, {
    requestsPerMinute: 100_000,
    logger: options.logStream ? { level: 'info', stream: options.logStream } : false,
  });
  return {
    ...p,
    server,
    schoolId: school,
    client: (ip = '198.51.100.7') => new PortalClient(injectTransport(server, ip), { host: SCHOOL_HOST, base: SCHOOL_BASE }),
    close: async () => {
      await server.close();
      await p.close();
    },
  };
}
