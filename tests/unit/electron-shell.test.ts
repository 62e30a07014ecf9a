// The Electron shell's security, checked through its pure parts (no Electron binary needed).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY,
  denyAllPermissions,
  devServerUrl,
  hardenApp,
  hardenWebContents,
  isAllowedExternalUrl,
  isAppUrl,
  isTrustedSender,
  printWindowOptions,
  secureWebPreferences,
  windowOptions,
  type HardenableContents,
  type PermissionSession,
} from '../../src-main/electron/security.ts';

type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
import { platformHandler, registerRpc, rpcHandler, type IpcEventLike } from '../../src-main/electron/ipc.ts';
import { FilePayloadSchema } from '../../src-shared/schemas/files.ts';
import { METHOD_NAMES, ipcChannel } from '../../src-shared/rpc/methods.ts';
import { RENDERER_CSP, CSP_DIRECTIVES } from '../../src-main/core/security/csp.ts';
import { ROOT } from '../../scripts/project.ts';
import { SecretStore, type Cipher } from '../../src-main/electron/secrets.ts';
import { makeCore } from '../support/core.ts';

const appFrame = { url: APP_ENTRY, parent: null };
const event = (frame: IpcEventLike['senderFrame'], id = 1): IpcEventLike => ({ sender: { id }, senderFrame: frame });

describe('window', () => {
  it('uses the security checklist preferences', () => {
    expect(secureWebPreferences('/p.cjs', false)).toEqual({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    });
    expect(windowOptions('/p.cjs', { width: 1000, height: 700 }, false).webPreferences).toEqual(secureWebPreferences('/p.cjs', false));
  });

  it('the main process builds its windows from these options only', () => {
    const main = fs.readFileSync(path.join(ROOT, 'src-main', 'electron', 'main.ts'), 'utf8');
    const created = [...main.matchAll(/new BrowserWindow\(([a-zA-Z]+)\(/g)].map((m) => m[1]);
    expect(created.sort()).toEqual(['printWindowOptions', 'windowOptions']);
    expect(main.match(/new BrowserWindow\(/g)).toHaveLength(2);
    expect(main).not.toMatch(/webPreferences\s*:/);
  });

  it('renders printouts in a hidden window without preload and without scripts', () => {
    const o = printWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({
      javascript: false,
      preload: undefined,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
  });
});

describe('content security policy', () => {
  it('allows no inline script, no eval and no foreign origins', () => {
    expect(CSP_DIRECTIVES['default-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['script-src']).toBe("'self'");
    expect(CSP_DIRECTIVES['style-src']).toBe("'self'");
    expect(CSP_DIRECTIVES['object-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['base-uri']).toBe("'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*|http:|https:/);
  });
});

describe('navigation and new windows', () => {
  function fakeContents() {
    type Listener = (e: { preventDefault(): void; url: string }, url?: string) => void;
    const listeners: Record<string, Listener[]> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => (openHandler = h),
      on: (name: string, l: Listener) => {
        (listeners[name] ??= []).push(l);
        return contents;
      },
    } as unknown as HardenableContents;
    const fire = (name: string, url?: string) => {
      const e = {
        url: url ?? '',
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      for (const l of listeners[name] ?? []) l(e, url);
      return e.prevented;
    };
    return { contents, fire, open: (url: string) => openHandler!({ url }) };
  }

  it('denies every window.open; allow-listed https links go to the system browser', () => {
    const opened: string[] = [];
    const f = fakeContents();
    hardenWebContents(f.contents, { allowedHosts: () => ['ejgur.ru'], openExternal: (u) => opened.push(u) });
    expect(f.open('https://1399.ejgur.ru/hello')).toEqual({ action: 'deny' });
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(f.open('http://1399.ejgur.ru/')).toEqual({ action: 'deny' });
    expect(f.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://1399.ejgur.ru/hello']);
  });

  it('prevents navigation away from the app and refuses webviews', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, { allowedHosts: () => [], openExternal: () => undefined });
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(f.fire('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(f.fire('will-navigate', `${APP_ENTRY}#/audit`)).toBe(false);
    expect(f.fire('will-attach-webview')).toBe(true);
  });

  it('keeps every frame on our origin (will-frame-navigate): the printout preview cannot be sent elsewhere', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, { allowedHosts: () => ['ejgur.ru'], openExternal: () => undefined });
    expect(f.fire('will-frame-navigate', 'https://1399.ejgur.ru/hello')).toBe(true);
    expect(f.fire('will-frame-navigate', 'file:///etc/passwd')).toBe(true);
    expect(f.fire('will-frame-navigate', 'app://kurator/print/0b9c1f8e-4d1e-4a7b-9d3f-2c1b0a9e8d7c')).toBe(false);
  });

  it('hardens every web contents the app creates (web-contents-created), the print window too', () => {
    const created: ((event: unknown, contents: HardenableContents) => void)[] = [];
    hardenApp({ on: (_name, l) => created.push(l) }, { allowedHosts: () => [], openExternal: () => undefined });
    expect(created).toHaveLength(1);
    for (const f of [fakeContents(), fakeContents()]) {
      created[0]!({}, f.contents);
      expect(f.open('https://evil.example/')).toEqual({ action: 'deny' });
      expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
      expect(f.fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
      expect(f.fire('will-attach-webview')).toBe(true);
    }
  });

  it('refuses every permission request and check, device access and screen capture', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session: PermissionSession = {
      setPermissionRequestHandler: (h) => (handlers.request = h),
      setPermissionCheckHandler: (h) => (handlers.check = h),
      setDevicePermissionHandler: (h) => (handlers.device = h),
      setDisplayMediaRequestHandler: (h) => (handlers.display = h),
    };
    denyAllPermissions(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'fullscreen']) {
      const answers: boolean[] = [];
      (handlers.request as PermissionRequest)({}, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
      expect((handlers.check as (c: unknown, p: string) => boolean)({}, permission), permission).toBe(false);
    }
    expect((handlers.device as (d: unknown) => boolean)({ deviceType: 'usb' })).toBe(false);
    const streams: unknown[] = [];
    (handlers.display as (r: unknown, cb: (s: unknown) => void) => void)({}, (s) => streams.push(s));
    expect(streams).toEqual([{}]);
  });

  it('the main process uses these functions for the app and its session', () => {
    const main = fs.readFileSync(path.join(ROOT, 'src-main', 'electron', 'main.ts'), 'utf8');
    expect(main).toMatch(/denyAllPermissions\(session\.defaultSession/);
    expect(main).toMatch(/hardenApp\(app/);
    expect(main).not.toMatch(/setPermission(Request|Check)Handler|'web-contents-created'/);
  });
});

describe('the dev server is trusted only in development, on this computer', () => {
  const dev = { NODE_ENV_ELECTRON_VITE: 'development', ELECTRON_RENDERER_URL: 'http://localhost:5173' };
  it('ELECTRON_RENDERER_URL outside electron-vite dev, or not on loopback, is ignored', () => {
    expect(devServerUrl(dev, false)).toBe('http://localhost:5173');
    expect(devServerUrl(dev, true)).toBeUndefined();
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBeUndefined();
    expect(devServerUrl({ ...dev, NODE_ENV_ELECTRON_VITE: 'production' }, false)).toBeUndefined();
    expect(devServerUrl({ ...dev, ELECTRON_RENDERER_URL: 'https://evil.example' }, false)).toBeUndefined();
    expect(devServerUrl({ ...dev, ELECTRON_RENDERER_URL: 'http://user:pw@127.0.0.1:5173' }, false)).toBeUndefined();
    expect(devServerUrl({ ...dev, ELECTRON_RENDERER_URL: 'file:///tmp/x' }, false)).toBeUndefined();
    expect(devServerUrl({ ...dev, ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, false)).toBe('http://127.0.0.1:5173');
  });

  it('so an arbitrary origin never becomes a trusted sender', () => {
    const url = devServerUrl({ ELECTRON_RENDERER_URL: 'https://evil.example' }, false);
    expect(isTrustedSender({ url: 'https://evil.example/index.html', parent: null }, url)).toBe(false);
    const main = fs.readFileSync(path.join(ROOT, 'src-main', 'electron', 'main.ts'), 'utf8');
    expect(main).toMatch(/const DEV_URL = devServerUrl\(process\.env, app\.isPackaged\)/);
  });

  it('recognizes only its own origin and https links on allowed hosts', () => {
    expect(isAppUrl('app://kurator/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@ejgur.ru/', ['ejgur.ru'])).toBe(false);
    expect(isAllowedExternalUrl('https://notejgur.ru/', ['ejgur.ru'])).toBe(false);
  });
});

describe('IPC', () => {
  it('answers only the top frame of our own page', () => {
    expect(isTrustedSender(appFrame)).toBe(true);
    expect(isTrustedSender({ url: APP_ENTRY, parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/x.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('registers one channel per method, each checking the sender before anything else', async () => {
    const channels: string[] = [];
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 1 }));
    registerRpc({ handle: (c) => channels.push(c) }, dispatch, (e) => isTrustedSender(e.senderFrame));
    expect(channels).toEqual(METHOD_NAMES.map(ipcChannel));
    const handler = rpcHandler('getStatus', dispatch, (e) => isTrustedSender(e.senderFrame));
    expect(await handler(event({ url: 'https://evil.example/', parent: null }), {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden', reason: 'app.untrusted_sender' },
    });
    expect(dispatch).not.toHaveBeenCalled();
    await handler(event(appFrame, 7), { x: 1 });
    expect(dispatch).toHaveBeenCalledWith('getStatus', { x: 1 }, 'ipc:7');
  });

  it('parses arguments with zod through the real dispatcher', async () => {
    const t = await makeCore();
    const handler = rpcHandler('signIn', t.dispatch, () => true);
    expect(await handler(event(appFrame), { login: 'curator', password: ['array'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'password' },
    });
    expect(await handler(event(appFrame), undefined)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    t.close();
  });

  it('platform channels check the sender and the argument', async () => {
    const run = vi.fn(async () => ({ path: '/tmp/x.csv' }));
    const handler = platformHandler(FilePayloadSchema, (e) => isTrustedSender(e.senderFrame), run);
    const file = { fileName: 'audit.csv', mimeType: 'text/csv', content: 'a;b', encoding: 'utf8' };
    expect(await handler(event({ url: 'https://evil.example', parent: null }), file)).toMatchObject({ ok: false });
    expect(await handler(event(appFrame), { ...file, fileName: '../../.bashrc' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', reason: 'input.invalid' },
    });
    expect(await handler(event(appFrame), { ...file, encoding: 'exe' })).toMatchObject({ ok: false });
    expect(run).not.toHaveBeenCalled();
    expect(await handler(event(appFrame), file)).toEqual({ ok: true, value: { path: '/tmp/x.csv' } });
  });

  it('the preload exposes one function per method and no raw ipcRenderer', () => {
    const preload = fs.readFileSync(path.join(ROOT, 'src-main', 'electron', 'preload.ts'), 'utf8');
    expect(preload).toContain("contextBridge.exposeInMainWorld('kurator', bridge)");
    expect(preload).toContain('METHOD_NAMES.map');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preload).not.toMatch(/invoke\(\s*(channel|name|method)\s*,/);
  });
});

describe('secrets', () => {
  const cipher = (available = true): Cipher => ({
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from([...Buffer.from(s, 'utf8')].map((b) => b ^ 0x5a)),
    decryptString: (b) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString('utf8'),
  });
  const memory = () => {
    const data = new Map<string, unknown>();
    return {
      data,
      get: (k: string) => data.get(k),
      set: (k: string, v: unknown) => void data.set(k, v),
      delete: (k: string) => void data.delete(k),
    };
  };

  it('stores only ciphertext and reads it back', () => {
    const kv = memory();
    const s = new SecretStore(cipher(), kv);
    s.set('smtp', 'пароль-почты-123');
    expect(JSON.stringify([...kv.data])).not.toContain('пароль-почты-123');
    expect(s.get('smtp')).toBe('пароль-почты-123');
  });

  it('refuses to store a secret when the OS cannot encrypt it', () => {
    const kv = memory();
    expect(() => new SecretStore(cipher(false), kv).set('smtp', 'x')).toThrow('открытым текстом');
    expect(kv.data.size).toBe(0);
  });
});
