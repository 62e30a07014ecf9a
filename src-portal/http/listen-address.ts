// What the start line says about where the portal listens. Fastify answers 127.0.0.1 for a server
// on 0.0.0.0 and `[::]` for one on `::`: the first reads as loopback only, the second is no address
// to open. So the line is made from the bound socket itself.
import os from 'node:os';
import type { AddressInfo } from 'node:net';

export interface StartAddresses {
  /** An address that works on this computer. */
  local: string;
  /** `0.0.0.0` or `::` when the portal listens on every interface, else null. */
  everywhere: string | null;
  /** For every interface: the addresses other computers use (this computer's, loopback and link-local left out). */
  others: string[];
}

const url = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;

export function startAddresses(bound: AddressInfo, interfaces = os.networkInterfaces()): StartAddresses {
  const { address, port } = bound;
  if (address === '0.0.0.0' || address === '::') {
    // `::` takes IPv4 too on a dual-stack system (Linux, Windows and macOS by default).
    const families = address === '::' ? ['IPv4', 'IPv6'] : ['IPv4'];
    const others = Object.values(interfaces)
      .flat()
      .filter((a) => a && !a.internal && families.includes(a.family) && !a.address.startsWith('fe80:'))
      .map((a) => url(a!.address, port));
    return { local: url(address === '::' ? 'localhost' : '127.0.0.1', port), everywhere: address, others };
  }
  return { local: address === '::1' ? url('localhost', port) : url(address, port), everywhere: null, others: [] };
}
