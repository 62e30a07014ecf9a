import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../src-main/core/http/server.ts';
import { HTTP_CSP, PRINT_DOCUMENT_CSP } from '../../src-main/core/security/csp.ts';

const PRINT_ID = '0b9c1f8e-4d1e-4a7b-9d3f-2c1b0a9e8d7c';
import { CURATOR, makeCore, type TestCore } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';

describe('browser-mode HTTP transport', () => {
  let t: TestCore;
  let server: BrowserServer;
  const web = tempDir();

  beforeAll(async () => {
    t = await makeCore();
    fs.writeFileSync(path.join(web.dir, 'index.html'), '<!doctype html><title>k</title>');
    fs.mkdirSync(path.join(web.dir, 'assets'));
    fs.writeFileSync(path.join(web.dir, 'assets', 'a.js'), 'export {}');
    server = await startBrowserServer({
      dispatch: t.dispatch,
      staticDir: web.dir,
      port: 0,
      maxBodyBytes: 1024,
      printDocument: (id) => (id === PRINT_ID ? '<!doctype html><p>Иванов Иван: k7m2-x9q-4tk</p>' : undefined),
      rekey: (from, to) => t.core.auth.rekey(from, to),
    });
  });
  afterAll(async () => {
    await server.close();
    t.close();
    web.remove();
  });

  const base = () => `http://127.0.0.1:${server.port}`;
  const call = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base()}/api/${method}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${server.token}`,
        'Content-Type': 'application/json',
        'X-Kurator-Client': 'test-client-1',
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('prints an address on 127.0.0.1 with a long random token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[A-Za-z0-9_-]{43}$`));
  });

  it('answers calls that carry the token', async () => {
    const r = await call('getStatus', {});
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, value: { setupDone: true, schoolName: 'ГБОУ Школа № 1399' } });
  });

  it('rejects calls without the token or with a wrong one', async () => {
    const refused = await call('getStatus', {}, { Authorization: '' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated', reason: 'http.token_required' } });
    expect((await call('getStatus', {}, { Authorization: `Bearer ${server.token.slice(0, -1)}x` })).status).toBe(401);
    expect((await call('getStatus', {}, { Authorization: server.token })).status).toBe(401);
  });

  it('rejects foreign Host headers (DNS rebinding) and foreign origins (other local pages)', async () => {
    const { request } = await import('node:http');
    const status = (headers: Record<string, string>, p = '/api/getStatus', method = 'POST') =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: p,
            method,
            headers: {
              Authorization: `Bearer ${server.token}`,
              'Content-Type': 'application/json',
              'X-Kurator-Client': 'test-client-1',
              ...headers,
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(method === 'POST' ? '{}' : undefined);
      });
    expect(await status({ Host: 'evil.example:80' })).toBe(403);
    expect(await status({ Host: `kurator.evil.example:${server.port}` })).toBe(403);
    expect(await status({ Host: 'evil.example' }, '/', 'GET')).toBe(403);
    expect(await status({ Origin: 'http://evil.example' })).toBe(403);
    expect(await status({ Origin: 'http://127.0.0.1:1' })).toBe(403);
    expect(await status({ Origin: 'null' })).toBe(403);
    expect(await status({ 'Sec-Fetch-Site': 'cross-site' })).toBe(403);
    expect(await status({ Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' })).toBe(200);
    expect(await status({ Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` })).toBe(200);
  });

  it('returns bad arguments as data, and refuses malformed requests', async () => {
    const r = await call('signIn', { login: 'curator' });
    expect(await r.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'password' } });
    const notJson = await call('getStatus', '{not json');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', reason: 'http.bad_json' } });
    expect((await call('getStatus', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await call('getStatus', {}, { 'X-Kurator-Client': '' })).status).toBe(400);
    expect((await call('getStatus', { pad: 'x'.repeat(2000) })).status).toBe(413);
    const get = await fetch(`${base()}/api/getStatus`, { headers: { Authorization: `Bearer ${server.token}` } });
    expect(get.status).toBe(405);
  });

  it('serves the UI with a strict CSP and hardening headers, and nothing outside its folder', async () => {
    const r = await fetch(`${base()}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toBe(HTTP_CSP);
    expect(HTTP_CSP).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`${base()}/assets/a.js`)).headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${base()}/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${base()}/..%2f..%2fetc/passwd`)).status).toBe(404);
    expect((await fetch(`${base()}/assets`)).status).toBe(404);
  });

  it('serves a prepared printout only with the token, sandboxed, framed by our page only', async () => {
    expect((await fetch(`${base()}/print/${PRINT_ID}`)).status).toBe(401);
    expect((await fetch(`${base()}/print/${PRINT_ID}?t=wrong`)).status).toBe(401);
    expect((await fetch(`${base()}/print/00000000-0000-4000-8000-000000000000?t=${server.token}`)).status).toBe(404);
    const r = await fetch(`${base()}/print/${PRINT_ID}?t=${server.token}`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('k7m2-x9q-4tk');
    expect(r.headers.get('content-security-policy')).toBe(PRINT_DOCUMENT_CSP);
    expect(PRINT_DOCUMENT_CSP).toMatch(/sandbox allow-same-origin allow-modals$/);
    expect(PRINT_DOCUMENT_CSP).not.toMatch(/script-src|allow-scripts/);
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('renews the session key at sign-in: the tab gets a new client id, the old one is signed out', async () => {
    const signIn = await call('signIn', { login: CURATOR.login, password: CURATOR.password }, { 'X-Kurator-Client': 'chosen-by-page' });
    expect(await signIn.json()).toMatchObject({ ok: true });
    const fresh = signIn.headers.get('x-kurator-client');
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await (await call('keepAlive', {}, { 'X-Kurator-Client': 'chosen-by-page' })).json()).toMatchObject({
      error: { reason: 'auth.required' },
    });
    expect(await (await call('keepAlive', {}, { 'X-Kurator-Client': fresh! })).json()).toMatchObject({ ok: true });
    // A failed sign-in renews nothing.
    const wrong = await call('signIn', { login: CURATOR.login, password: 'wrong-password-1' }, { 'X-Kurator-Client': 'other-tab-1' });
    expect(wrong.headers.get('x-kurator-client')).toBeNull();
  });

  it('a browser is opened on a token-free address whose one-time code is exchanged for the token once', async () => {
    const launch = server.launchUrl();
    expect(launch).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#launch=[A-Za-z0-9_-]{32}$`));
    expect(launch).not.toContain(server.token);
    const code = launch.split('#launch=')[1];
    const exchange = () =>
      fetch(`${base()}/launch`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
    const first = await exchange();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ token: server.token });
    expect((await exchange()).status).toBe(401);
    // Another site cannot exchange one either.
    const foreign = await fetch(`${base()}/launch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      body: JSON.stringify({ code: server.launchUrl().split('#launch=')[1] }),
    });
    expect(foreign.status).toBe(403);
  });

  it('listens on the loopback interface only', async () => {
    const net = await import('node:net');
    const reachable = (host: string) =>
      new Promise<boolean>((resolve) => {
        const s = net.connect({ host, port: server.port, timeout: 5_000 }, () => {
          s.destroy();
          resolve(true);
        });
        s.on('error', () => resolve(false));
        s.on('timeout', () => {
          s.destroy();
          resolve(false);
        });
      });
    expect(await reachable('127.0.0.1')).toBe(true);
    const os = await import('node:os');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) expect(await reachable(external.address)).toBe(false);
  });
});
