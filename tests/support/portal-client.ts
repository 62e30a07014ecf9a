// A small browser for the portal's pages in tests: keeps cookies (by path), sends forms with the CSRF
// token of the page they are on, follows nothing by itself. Talks to a server in this process
// (fastify's inject) or to a portal process over HTTP — with any Host header, so a school's address
// need not resolve.
import http from 'node:http';
import type { FastifyInstance } from 'fastify';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type Transport = (r: {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}) => Promise<RawResponse>;

export function injectTransport(server: FastifyInstance, remoteAddress = '127.0.0.1'): Transport {
  return async (r) => {
    const res = await server.inject({ method: r.method, url: r.path, headers: r.headers, payload: r.body, remoteAddress });
    return { status: res.statusCode, headers: res.headers as RawResponse['headers'], body: res.body };
  };
}

/** Over HTTP to a portal process (`origin`: `http://127.0.0.1:PORT`). */
export function httpTransport(origin: string): Transport {
  const url = new URL(origin);
  return (r) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.headers, agent: false },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(r.body);
    });
}

export class Page {
  readonly status: number;
  readonly body: string;
  readonly location: string | null;
  readonly headers: RawResponse['headers'];
  constructor(r: RawResponse) {
    this.status = r.status;
    this.body = r.body;
    this.headers = r.headers;
    this.location = typeof r.headers.location === 'string' ? r.headers.location : null;
  }
  /** The CSRF token of the page's (first) form. */
  csrf(): string | null {
    return /name="_csrf" value="([^"]+)"/.exec(this.body)?.[1] ?? null;
  }
  /** The value of an input by name, or null. */
  value(name: string): string | null {
    const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(this.body)?.[0];
    return input ? (/value="([^"]*)"/.exec(input)?.[1] ?? null) : null;
  }
  /** The error text shown next to a field (`f-code-error`). */
  error(field: string): string | null {
    return new RegExp(`id="f-${field}-error">([^<]*)<`).exec(this.body)?.[1] ?? null;
  }
  /** The text of the first `<h1>`. */
  get title(): string {
    return /<h1>([^<]*)<\/h1>/.exec(this.body)?.[1] ?? '';
  }
}

interface Cookie {
  name: string;
  value: string;
  path: string;
}

export class PortalClient {
  private readonly send: Transport;
  readonly host: string;
  /** The school's prefix ('' or '/s/1399'). */
  readonly base: string;
  readonly userAgent: string;
  private cookies: Cookie[] = [];
  last: Page | null = null;

  constructor(send: Transport, o: { host: string; base?: string; userAgent?: string }) {
    this.send = send;
    this.host = o.host;
    this.base = o.base ?? '';
    this.userAgent = o.userAgent ?? 'Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36';
  }

  private cookieHeader(path: string): string {
    return this.cookies
      .filter((c) => c.path === '/' || path === c.path || path.startsWith(`${c.path}/`) || path.startsWith(`${c.path}?`))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private keep(r: RawResponse): void {
    for (const line of ([] as string[]).concat(r.headers['set-cookie'] ?? [])) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const path = attrs.find((x) => /^path=/i.test(x))?.slice(5) || '/';
      const gone =
        attrs.some((x) => /^max-age=0$/i.test(x) || (/^expires=/i.test(x) && Date.parse(x.slice(8)) < Date.now())) || value === '';
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
      if (!gone) this.cookies.push({ name, value, path });
    }
  }

  /** The same browser (its cookies) talking to another server: the next process behind a load balancer. */
  through(send: Transport): PortalClient {
    const other = new PortalClient(send, { host: this.host, base: this.base, userAgent: this.userAgent });
    other.cookies = this.cookies.map((c) => ({ ...c }));
    return other;
  }

  /** The raw value of a cookie the client holds. */
  cookie(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name)?.value;
  }

  /** `/login` under the school's prefix. */
  async get(path: string): Promise<Page> {
    const full = `${this.base}${path}`;
    const r = await this.send({
      method: 'GET',
      path: full,
      headers: { host: this.host, cookie: this.cookieHeader(full), 'user-agent': this.userAgent },
    });
    this.keep(r);
    return (this.last = new Page(r));
  }

  /** Posts a form with the CSRF token of the last page (or none, with `csrf: false`). */
  async post(path: string, fields: Record<string, string | string[]>, o: { csrf?: boolean | string } = {}): Promise<Page> {
    const full = `${this.base}${path}`;
    const form = new URLSearchParams();
    const token = o.csrf === false ? null : typeof o.csrf === 'string' ? o.csrf : this.last?.csrf();
    if (token) form.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) for (const x of ([] as string[]).concat(v)) form.append(k, x);
    const r = await this.send({
      method: 'POST',
      path: full,
      body: form.toString(),
      headers: {
        host: this.host,
        cookie: this.cookieHeader(full),
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': this.userAgent,
      },
    });
    this.keep(r);
    return (this.last = new Page(r));
  }

  /** Follows a 303/302 the last answer gave (the location is absolute-path, with the prefix). */
  async follow(): Promise<Page> {
    const to = this.last?.location;
    if (!to) throw new Error(`no redirect to follow (status ${this.last?.status})`);
    return this.get(to.slice(this.base.length));
  }
}
