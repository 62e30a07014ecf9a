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

/**
 * Browser mode is opened as `http://127.0.0.1:PORT/#token=SECRET`: the token is kept for this tab
 * only (sessionStorage) and removed from the address bar at once.
 */
export function takeTokenFromUrl(): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', `${window.location.pathname}#/`);
  }
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

type Lost = 'app.connection_lost' | 'app.no_token' | 'app.too_large';
const lost = (reason: Lost = 'app.connection_lost'): Result<never> => failWith(reason);

export function httpTransport(token: string | null): Transport {
  const client = clientId();
  return {
    kind: 'browser',
    documentUrl: (path) => `${path}?t=${encodeURIComponent(token ?? '')}`,
    async call(method, args) {
      if (!token) return lost('app.no_token');
      let res: Response;
      try {
        res = await fetch(`api/${method}`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
            'X-Kurator-Client': client,
          },
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        return lost();
      }
      if (res.status === 401) return lost('app.no_token');
      if (res.status === 413) return lost('app.too_large');
      if (!res.ok) return lost();
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
