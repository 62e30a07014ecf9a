// Two transports for one contract: the Electron preload bridge, or HTTP to 127.0.0.1 in browser mode.
import type { MethodName } from '@shared/rpc/methods.ts';
import { failWith, type Result } from '@shared/result.ts';

export interface Transport {
  kind: 'electron' | 'browser';
  call(method: MethodName, args: unknown): Promise<Result<unknown>>;
  /** URL of a document the core serves (a printout preview), relative to the page. */
  documentUrl(path: string): string;
}

const TOKEN_KEY = 'kurator.token';
const CLIENT_KEY = 'kurator.client';
const CLIENT_HEADER = 'X-Kurator-Client';

/** A one-time launch code (the address `npm start` opens) → the token, or null when it is spent or stale. */
async function exchangeLaunchCode(code: string): Promise<string | null> {
  try {
    const res = await fetch('launch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
    if (!res.ok) return null;
    const body = (await res.json()) as { token?: unknown };
    return typeof body.token === 'string' ? body.token : null;
  } catch {
    return null;
  }
}

/**
 * Browser mode is opened as `http://127.0.0.1:PORT/#token=SECRET` (the printed address) or, when
 * `npm start` opens the browser itself, `#launch=CODE`, a one-time code exchanged here for the token.
 * The token is kept for this tab only (sessionStorage) and the address bar is cleaned at once.
 */
export async function takeTokenFromUrl(): Promise<string | null> {
  const token = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash)?.[1];
  const launch = /(?:^#|&)launch=([A-Za-z0-9_-]+)/.exec(window.location.hash)?.[1];
  if (token || launch) history.replaceState(null, '', `${window.location.pathname}#/`);
  const taken = token ?? (launch ? await exchangeLaunchCode(launch) : null);
  if (taken) sessionStorage.setItem(TOKEN_KEY, taken);
  return sessionStorage.getItem(TOKEN_KEY);
}

function clientId(): string {
  let id = sessionStorage.getItem(CLIENT_KEY);
  if (!id) {
    id = crypto.randomUUID();
    sessionStorage.setItem(CLIENT_KEY, id);
  }
  return id;
}

/** After a sign-in the server gives the tab a new client id (the session's key is renewed). */
function adoptClientId(res: Response): void {
  const fresh = res.headers.get(CLIENT_HEADER);
  if (fresh && /^[A-Za-z0-9_-]{8,64}$/.test(fresh)) sessionStorage.setItem(CLIENT_KEY, fresh);
}

type Lost = 'app.connection_lost' | 'app.no_token' | 'app.too_large';
const lost = (reason: Lost = 'app.connection_lost'): Result<never> => failWith(reason);

export function httpTransport(tokenSource: Promise<string | null>): Transport {
  let token: string | null = null;
  const ready = tokenSource.then((t) => (token = t));
  return {
    kind: 'browser',
    documentUrl: (path) => `${path}?t=${encodeURIComponent(token ?? '')}`,
    async call(method, args) {
      await ready;
      if (!token) return lost('app.no_token');
      let res: Response;
      try {
        res = await fetch(`api/${method}`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
            [CLIENT_HEADER]: clientId(),
          },
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        return lost();
      }
      if (res.status === 401) return lost('app.no_token');
      if (res.status === 413) return lost('app.too_large');
      if (!res.ok) return lost();
      adoptClientId(res);
      return (await res.json()) as Result<unknown>;
    },
  };
}

export function electronTransport(): Transport | null {
  const bridge = window.kurator;
  if (!bridge) return null;
  return {
    kind: 'electron',
    documentUrl: (path) => path,
    async call(method, args) {
      const fn = bridge.rpc[method];
      try {
        return await fn(args ?? {});
      } catch {
        return lost();
      }
    },
  };
}
