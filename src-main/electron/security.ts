// The Electron security checklist as pure functions and plain values, so Node tests can check them
// without an Electron binary. Only `import type` from electron here.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { t } from '../../src-shared/i18n/index.ts';

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
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
