// A school's registration address, as the office prints it on slips, split into where the portal
// answers for that school:
// `https://1399.ejgur.ru/hello` → host `1399.ejgur.ru`, prefix '', landing `hello`;
// `http://127.0.0.1:8080/s/1399/hello` → host `127.0.0.1:8080`, prefix `/s/1399`, landing `hello`.
import { isLoopbackHost } from './loopback.ts';

export interface SchoolLocation {
  host: string;
  prefix: string;
  landing: string;
}

/** Deepest prefix a school may have: pages are routed at prefix depths 0 … MAX_PREFIX_DEPTH. */
export const MAX_PREFIX_DEPTH = 4;

export type AddressProblem = 'not_url' | 'not_https' | 'no_page' | 'query' | 'too_deep' | 'bad_segment';

const SEGMENT = /^[A-Za-z0-9._~-]+$/;

export function parseSchoolAddress(address: string): SchoolLocation | AddressProblem {
  let u: URL;
  try {
    u = new URL(withScheme(address));
  } catch {
    return 'not_url';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'not_url';
  if (u.username || u.password) return 'not_url';
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) return 'not_https';
  if (u.search || u.hash) return 'query';
  const segments = u.pathname.split('/').filter((s) => s !== '');
  if (segments.length === 0) return 'no_page';
  if (!segments.every((s) => SEGMENT.test(s))) return 'bad_segment';
  if (segments.length - 1 > MAX_PREFIX_DEPTH) return 'too_deep';
  const landing = segments.at(-1)!;
  const prefix = segments.length > 1 ? `/${segments.slice(0, -1).join('/')}` : '';
  return { host: u.host.toLowerCase(), prefix, landing };
}

/**
 * The address with its scheme when typed without one — `1399.ejgur.ru/hello` → `https://1399.ejgur.ru/hello`
 * (`http://` for this computer: 127.0.0.1, localhost) — as a browser's address bar does. It was refused
 * with «нужен полный адрес», and the setup wizard's first screen stopped a curator there.
 */
export function withScheme(address: string): string {
  const a = address.trim();
  if (a === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(a) || a.startsWith('/')) return a;
  const host = a
    .split(/[/?#]/, 1)[0]!
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '');
  return `${isLoopbackHost(host) ? 'http' : 'https'}://${a}`;
}

/** The school's base URL for links in mail: scheme, host and prefix. */
export function schoolBase(address: string, prefix: string): string {
  const u = new URL(address);
  return `${u.protocol}//${u.host}${prefix}`;
}

/** The same registration address: scheme, host, prefix and page (case of the host aside). */
export function sameAddress(a: string, b: string): boolean {
  const x = parseSchoolAddress(a);
  const y = parseSchoolAddress(b);
  if (typeof x === 'string' || typeof y === 'string') return false;
  return new URL(a.trim()).protocol === new URL(b.trim()).protocol && x.host === y.host && x.prefix === y.prefix && x.landing === y.landing;
}
