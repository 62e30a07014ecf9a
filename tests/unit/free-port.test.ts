// A port chosen for a server that starts later must not be one the kernel hands out by itself: an
// outgoing connection or a `listen(0)` (the test's SMTP server, say) could take it in between. A
// clean-clone CI run lost the pages e2e file to EADDRINUSE that way.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/portal-process.ts';

function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return [low!, high!];
  } catch {
    return [49152, 65535];
  }
}

describe('freePort', () => {
  it('gives ports outside the range the kernel picks from for port 0 and outgoing connections', async () => {
    const [low, high] = ephemeralRange();
    for (let i = 0; i < 20; i++) {
      const port = await freePort();
      expect(port < low || port > high, `port ${port} is inside ${low}–${high}`).toBe(true);
      expect(port).toBeGreaterThan(1023);
    }
  });

  it('gives a port nobody listens on', async () => {
    const port = await freePort();
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it('skips a port that is taken', async () => {
    const taken: net.Server[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const port = await freePort();
      expect(seen.has(port), `port ${port} handed out while still listened on`).toBe(false);
      seen.add(port);
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      taken.push(server);
    }
    await Promise.all(taken.map((s) => new Promise((resolve) => s.close(resolve))));
  });
});
