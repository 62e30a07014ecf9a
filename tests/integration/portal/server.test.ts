import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../src-portal/http/server.ts';
import { FEATURES } from '../../../src-portal/features.ts';
import { makePortal, type TestPortal } from '../../support/portal.ts';
import { SYNC_PATH } from '../../../src-shared/sync/protocol.ts';

/** Cookies a response set, as one Cookie header for the next request. */
const cookiesOf = (res: { headers: Record<string, unknown> }): string =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string | string[] | undefined) ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');

describe('the portal web server', () => {
  let p: TestPortal;
  let server: FastifyInstance;
  let log = '';
  beforeAll(async () => {
    p = await makePortal('pglite');
    await p.portal.schools.add({ name: 'Школа № 1399', address: 'https://portal.test/s/1399/hello' });
    // Typed without https:// (as an IT admin copies it from a browser's address bar): stored with it.
    await p.portal.schools.add({ name: 'Гимназия № 2', address: 'gym2.test/register' });
    expect((await p.portal.schools.list()).find((x) => x.name === 'Гимназия № 2')?.address).toBe('https://gym2.test/register');
    const stream = new Writable({ write: (chunk, _enc, cb) => ((log += String(chunk)), cb()) });
    server = await buildServer(p.portal, FEATURES, { logger: { level: 'info', stream }, requestsPerMinute: 1000 });
  });
  afterAll(async () => {
    await server.close();
    await p.close();
  });

  const get = (host: string, url: string, cookie?: string) =>
    server.inject({ method: 'GET', url, headers: { host, ...(cookie ? { cookie } : {}) } });

  it('answers each school at its own address and prefix', async () => {
    const a = await get('portal.test', '/s/1399/hello');
    expect(a.statusCode).toBe(200);
    expect(a.body).toContain('Школа № 1399');
    const b = await get('gym2.test', '/register');
    expect(b.statusCode).toBe(200);
    expect(b.body).toContain('Гимназия № 2');
    expect(b.body).toContain('href="/assets/portal.css"');
    expect((await get('GYM2.TEST', '/register')).statusCode).toBe(200);
  });

  // The login reminder sends a parent to the school's page: it offered only the code form.
  it('offers signing in and recovery on the school page, and the way back on a missing page', async () => {
    const page = await get('portal.test', '/s/1399/hello');
    expect(page.body).toContain('href="/s/1399/login">Войти</a>');
    expect(page.body).toContain('href="/s/1399/recover">Забыли логин или пароль?</a>');
    const missing = await get('portal.test', '/s/1399/no-such-page');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('href="/s/1399/hello">');
    expect(missing.body).toContain('href="/s/1399/login">Войти</a>');
  });

  it('says there is no school at an unknown address, and no page at a wrong path', async () => {
    const none = await get('elsewhere.test', '/s/1399/hello');
    expect(none.statusCode).toBe(404);
    expect(none.body).toContain('По этому адресу нет школы');
    expect((await get('portal.test', '/s/1398/hello')).statusCode).toBe(404);
    expect((await get('gym2.test', '/extra/register')).statusCode).toBe(404);
    expect((await get('gym2.test', '/hello')).statusCode).toBe(404);
    // The page without a school is styled like every other (its stylesheet answers on any host and
    // path), and its header names the service once.
    const css = /href="([^"]+\.css)"/.exec(none.body)![1]!;
    for (const [host, path] of [
      ['elsewhere.test', css],
      ['portal.test', css],
    ] as const) {
      const sheet = await get(host, path);
      expect(sheet.statusCode, `${host}${path}`).toBe(200);
      expect(sheet.headers['content-type']).toContain('text/css');
    }
    const header = /<header[\s\S]*?<\/header>/.exec(none.body)![0];
    expect(header.split('Регистрация в электронном журнале').length - 1).toBe(1);
    const prefix = await get('portal.test', '/s/1399/');
    expect(prefix.statusCode).toBe(302);
    expect(prefix.headers.location).toBe('/s/1399/hello');
  });

  it('sends strict security headers on every page', async () => {
    const res = await get('portal.test', '/s/1399/hello');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none';style-src 'self';img-src 'self' data:;form-action 'self';frame-ancestors 'none';base-uri 'none'",
    );
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toMatch(/<script|style=/);
    // Every answer, a page nobody has and the health check too.
    for (const other of [await get('portal.test', '/a/b/c/d/e/f/g'), await get('portal.test', '/healthz')]) {
      expect(other.headers['content-security-policy']).toBe(res.headers['content-security-policy']);
      expect(other.headers['x-frame-options']).toBe('DENY');
    }
    const css = await get('portal.test', '/s/1399/assets/portal.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('refuses a form posted without its CSRF token, in Russian', async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/s/1399/hello',
      headers: { host: 'portal.test' },
      payload: { code: 'k7m2x9q4tz' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Форма устарела');
  });

  it('moves a code out of the address bar at once, and never logs it', async () => {
    const first = await get('portal.test', '/s/1399/hello?code=k7m2-x9q-4tz');
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/s/1399/hello');
    const cookie = cookiesOf(first);
    expect(cookie).not.toContain('k7m2');
    const page = await get('portal.test', '/s/1399/hello', cookie);
    expect(page.body).toContain('value="k7m2-x9q-4tz"');
    expect(log).toContain('/s/1399/hello');
    expect(log).not.toContain('k7m2');
  });

  it('reports health at the root for any host', async () => {
    const before = log.length;
    const res = await get('anything.test', '/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    // Not logged when it answered, in JSON (what this server writes) as in text.
    expect(log.slice(before)).not.toContain('/healthz');
  });
});

describe('the health check', () => {
  it('answers 503 in JSON while the database does not answer', async () => {
    const p = await makePortal('pglite');
    const server = await buildServer(p.portal, FEATURES, { logger: false });
    try {
      expect((await server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      await p.portal.db.destroy();
      const down = await server.inject({ method: 'GET', url: '/healthz' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ status: 'error', problem: 'database' });
      expect(down.headers['cache-control']).toBe('no-store');
    } finally {
      await server.close();
      await p.close().catch(() => undefined);
    }
  });
});

describe('request limits', () => {
  it('are counted in the database: two servers on one database share them', async () => {
    const p = await makePortal('postgres');
    await p.portal.schools.add({ name: 'Школа № 5', address: 'https://five.test/hello' });
    const a = await buildServer(p.portal, FEATURES, { requestsPerMinute: 4 });
    const b = await buildServer(p.portal, FEATURES, { requestsPerMinute: 4 });
    try {
      const codes: number[] = [];
      for (const s of [a, b, a, b, a])
        codes.push((await s.inject({ method: 'GET', url: '/hello', headers: { host: 'five.test' } })).statusCode);
      expect(codes).toEqual([200, 200, 200, 200, 429]);
      const refused = await b.inject({ method: 'GET', url: '/hello', headers: { host: 'five.test' } });
      expect(refused.body).toContain('Слишком много запросов');
      p.clock.advance(61_000);
      expect((await a.inject({ method: 'GET', url: '/hello', headers: { host: 'five.test' } })).statusCode).toBe(200);
    } finally {
      await a.close();
      await b.close();
      await p.close();
    }
  });
});

describe('request limits, what they count and say', () => {
  it('count the pages of every school per address, not a page nobody has, the health check or sync calls', async () => {
    const p = await makePortal('pglite');
    await p.portal.schools.add({ name: 'Школа № 6', address: 'https://six.test/hello' });
    const server = await buildServer(p.portal, FEATURES, { requestsPerMinute: 3 });
    const get = (url: string, remoteAddress = '192.0.2.1') =>
      server.inject({ method: 'GET', url, remoteAddress, headers: { host: 'six.test' } });
    try {
      const first = await get('/hello');
      expect(first.statusCode).toBe(200);
      expect(first.headers).toMatchObject({ 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': '60' });
      for (const url of ['/a/b/c/d/e/f/g/h', '/healthz', `${SYNC_PATH}/pull`, `${SYNC_PATH}/pull`, `${SYNC_PATH}/pull`]) {
        expect((await get(url)).headers['x-ratelimit-remaining']).toBeUndefined();
      }
      // A path one of the routes takes counts, even when it turns out to be no page of the school.
      const wrong = await get('/no-such-page');
      expect([wrong.statusCode, wrong.headers['x-ratelimit-remaining']]).toEqual([404, '1']);
      p.clock.advance(30_000);
      expect((await get('/privacy')).headers).toMatchObject({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' });
      const refused = await get('/hello');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers).toMatchObject({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30', 'retry-after': '30' });
      expect(refused.body).toContain('Слишком много запросов');
      expect(refused.body).toContain('Школа № 6');
      // Another address has its own count.
      expect((await get('/hello', '192.0.2.2')).headers['x-ratelimit-remaining']).toBe('2');
      p.clock.advance(30_000);
      expect((await get('/hello')).headers['x-ratelimit-remaining']).toBe('2');
    } finally {
      await server.close();
      await p.close();
    }
  });
});

describe('the code form', () => {
  it('says a typo the check symbol catches before any look-up, next to the field', async () => {
    const p = await makePortal('pglite');
    await p.portal.schools.add({ name: 'Школа № 7', address: 'https://seven.test/hello' });
    const server = await buildServer(p.portal, FEATURES);
    try {
      const page = await server.inject({ method: 'GET', url: '/hello', headers: { host: 'seven.test' } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const res = await server.inject({
        method: 'POST',
        url: '/hello',
        headers: { host: 'seven.test', cookie: cookiesOf(page), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, code: 'k7m2-x9q-4ty' }).toString(),
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('aria-invalid="true"');
      expect(res.body).toMatch(/id="f-code-error">[^<]*(ошибк|опечат)/i);
    } finally {
      await server.close();
      await p.close();
    }
  });
});
