// `--listen ADDR`: the start line names the address the portal listens on. For every interface
// (0.0.0.0, ::) it says so and gives an address that works on this computer, plus the addresses other
// computers use — not 127.0.0.1 as if it listened on loopback only.
// The three servers run on one PostgreSQL database: where a portal listens has nothing to do with its
// engine, and a process on PostgreSQL starts without opening the embedded one (~5 s of CPU each on a
// busy machine). The embedded default (127.0.0.1) start line is cli.test.ts's.
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgDatabase } from '../../support/portal.ts';
import { startPortal, type RunningPortal } from '../../support/portal-process.ts';
import { tempDir } from '../../support/tmp.ts';

/** This computer's first address other computers can reach (none on a machine with loopback only). */
const outward = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('the start line names where the portal listens', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dataDir: string;
  let server: RunningPortal | null = null;
  let pg: Awaited<ReturnType<typeof freshPgDatabase>>;
  let env: Record<string, string>;
  beforeAll(async () => {
    tmp = tempDir('kurator-portal-listen-');
    dataDir = path.join(tmp.dir, 'portal');
    pg = await freshPgDatabase();
    env = { DATABASE_URL: pg.url };
  });
  afterAll(async () => {
    await server?.stop();
    await pg?.drop();
    tmp.remove();
  });

  const healthy = async (origin: string) => expect((await fetch(`${origin}/healthz`)).status).toBe(200);

  it('0.0.0.0: all interfaces, a local address that works, and the others’ address', async () => {
    expect(outward, 'this test needs a network interface besides loopback').toBeTruthy();
    server = await startPortal(dataDir, { env, args: ['--listen', '0.0.0.0'] });
    const port = new URL(server.origin).port;
    expect(server.startLine).toMatch(
      /^Kurator portal is running at http:\/\/127\.0\.0\.1:\d+\/ — listening on all interfaces \(0\.0\.0\.0\)/,
    );
    expect(server.startLine).toContain(`http://${outward}:${port}/`);
    expect(server.startLine).toContain('mail is written to');
    await healthy(server.origin);
    await healthy(`http://${outward}:${port}`);
    expect(await server.stop()).toBe(0);
    server = null;
  });

  it('::: all interfaces too, with a local address that works', async () => {
    server = await startPortal(dataDir, { env, args: ['--listen', '::'] });
    expect(server.startLine).toMatch(/^Kurator portal is running at http:\/\/localhost:\d+\/ — listening on all interfaces \(::\)/);
    expect(server.startLine).not.toContain('[::]');
    await healthy(server.origin);
    expect(await server.stop()).toBe(0);
    server = null;
  });

  it('one address of this computer: that address, nothing about all interfaces', async () => {
    server = await startPortal(dataDir, { env, args: ['--listen', outward!] });
    expect(server.startLine).toMatch(new RegExp(`^Kurator portal is running at http://${outward!.replaceAll('.', '\\.')}:\\d+/ — mail`));
    await healthy(server.origin);
    expect(await server.stop()).toBe(0);
    server = null;
  });

  // A supervisor (systemd, a test, an admin's Ctrl+C) may stop the portal the moment it says it runs:
  // it must end as it was told (closing its database), not die of the signal's default action.
  it('a SIGTERM sent the moment the start line appears ends it cleanly, every time', async () => {
    for (let round = 0; round < 8; round++) {
      const portal = await startPortal(dataDir, { env });
      expect(await portal.stop(), `round ${round}: ${portal.signal()} ${portal.stderr()}`).toBe(0);
    }
  }, 120_000);

  it('says in its start line when mail would go out from the placeholder sender (SMTP_URL without MAIL_FROM)', async () => {
    const smtp = 'smtp://127.0.0.1:2525';
    const bare = await startPortal(dataDir, { env: { ...env, SMTP_URL: smtp } });
    expect(await bare.stop()).toBe(0);
    expect(bare.startLine).toContain('mail goes to smtp://127.0.0.1:2525 (MAIL_FROM is not set: the sender is the placeholder');
    expect(bare.startLine).toContain('noreply@kurator.invalid');
    const named = await startPortal(dataDir, { env: { ...env, SMTP_URL: smtp, MAIL_FROM: 'Школа №1399 <noreply@school1399.ru>' } });
    expect(await named.stop()).toBe(0);
    expect(named.startLine).toContain('mail goes to smtp://127.0.0.1:2525');
    expect(named.startLine).not.toContain('MAIL_FROM');
  }, 60_000);
});
