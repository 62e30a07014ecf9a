// The Electron security checklist as pure functions and plain values, so Node tests can check them
// without an Electron binary. Only `import type` from electron here.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { t } from '../../src-shared/i18n/index.ts';
import { isLoopbackHost } from '../../src-shared/sync/loopback.ts';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://kurator';
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export function secureWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
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
    devTools,
  };
}

export interface Bounds {
  width: number;
  height: number;
  x?: number | undefined;
  y?: number | undefined;
}

export function windowOptions(preload: string, bounds: Bounds, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    title: t.app.name,
    show: false,
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preload, devTools),
  };
}

/** A hidden window that renders a printout: no preload, no scripts, same hardening. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: { ...secureWebPreferences('', false), preload: undefined, javascript: false },
  };
}

/**
 * The dev server whose pages count as our own: only during `electron-vite dev` (an unpackaged app
 * that electron-vite started in development) and only on this computer. Anywhere else
 * ELECTRON_RENDERER_URL is ignored: an environment variable must not make any origin trusted.
 */
export function devServerUrl(env: Readonly<Record<string, string | undefined>>, packaged: boolean): string | undefined {
  const raw = env.ELECTRON_RENDERER_URL;
  if (packaged || env.NODE_ENV_ELECTRON_VITE !== 'development' || !raw) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || !isLoopbackHost(u.hostname)) return undefined;
  return u.origin;
}

/** Our own pages: the app:// origin, or the dev server during `electron-vite dev`. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === `${APP_SCHEME}:` && u.host === 'kurator') return true;
  if (devServerUrl) {
    try {
      return u.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** The part of Electron's WebFrameMain the sender check reads. */
export interface SenderFrameLike {
  url: string;
  /** Null for the top frame of a page: iframes may never call the core. */
  parent: unknown;
}

/** IPC is answered only for the top frame of our own page loaded from our own origin. */
export function isTrustedSender(frame: SenderFrameLike | null | undefined, devServerUrl?: string): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url, devServerUrl);
}

/** External links open in the system browser only for https addresses on allow-listed hosts. */
export function isAllowedExternalUrl(url: string, allowedHosts: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password) return false;
  const host = u.hostname.toLowerCase();
  return allowedHosts.some((h) => host === h.toLowerCase() || host.endsWith(`.${h.toLowerCase()}`));
}

/** The structural part of WebContents that hardening uses (a fake of it runs in Node tests). */
export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  /** Any frame, iframes included (Electron passes the URL on the event). */
  on(event: 'will-frame-navigate', listener: (event: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

export function hardenWebContents(
  contents: HardenableContents,
  options: { devServerUrl?: string | undefined; allowedHosts: () => readonly string[]; openExternal: (url: string) => void },
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, options.allowedHosts())) options.openExternal(url);
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, options.devServerUrl)) {
      event.preventDefault();
      if (isAllowedExternalUrl(url, options.allowedHosts())) options.openExternal(url);
    }
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  // A frame inside our page (the printout preview) stays on our origin too; it never opens links.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, options.devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface HardeningOptions {
  devServerUrl?: string | undefined;
  allowedHosts: () => readonly string[];
  openExternal: (url: string) => void;
}

/** The structural part of Electron's `app` that `hardenApp` uses. */
export interface AppLike {
  on(event: 'web-contents-created', listener: (event: unknown, contents: HardenableContents) => void): unknown;
}

/** Every web contents the app ever creates (windows, the print window, anything else) is hardened. */
export function hardenApp(app: AppLike, options: HardeningOptions): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options));
}

/** The structural part of an Electron `Session` whose permission handlers `denyAllPermissions` sets. */
export interface PermissionSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  setDisplayMediaRequestHandler(handler: (request: unknown, callback: (streams: Record<string, never>) => void) => void): void;
}

/**
 * The desk app needs no camera, microphone, location, notifications, USB, serial, HID or screen
 * capture: every request and check is refused.
 */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // An empty answer refuses the capture.
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}
