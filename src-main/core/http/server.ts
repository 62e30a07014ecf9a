import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../rpc/dispatch.ts';
import { HTTP_CSP, PRINT_DOCUMENT_CSP } from '../security/csp.ts';
import { readStatic } from './static.ts';
import { PRINT_DOCUMENT_PATH } from '../codes/print-jobs.ts';
import { failWith } from '../../../src-shared/result.ts';

export interface BrowserServerOptions {
  dispatch: Dispatch;
  /** The built UI (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  token?: string;
  /** Largest accepted request body (roster files travel in it). */
  maxBodyBytes?: number;
  /** A prepared printout by its id, for the preview frame (`GET /print/<id>?t=<token>`). */
  printDocument?: (id: string) => string | undefined | Promise<string | undefined>;
  /** Moves a client's session to a new client key: called after every successful sign-in. */
  rekey: (from: string, to: string) => void | Promise<void>;
  /** Milliseconds since the epoch (launch codes expire); the system clock by default. */
  now?: () => number;
}

export interface BrowserServer {
  port: number;
  token: string;
  /** `http://127.0.0.1:PORT/#token=SECRET`: the line printed for scripts and people. */
  url: string;
  /**
   * A token-free address for opening a browser (a command line is readable by every local user):
   * `http://127.0.0.1:PORT/#launch=CODE`, where CODE is good for one exchange within a minute.
   */
  launchUrl(): string;
  close(): Promise<void>;
}

const API_PREFIX = '/api/';
const LAUNCH_PATH = '/launch';
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
const LAUNCH_CODE = /^[A-Za-z0-9_-]{20,64}$/;
const LAUNCH_TTL_MS = 60_000;
/** The response header that hands the page its new client id after a sign-in. */
export const CLIENT_HEADER = 'X-Kurator-Client';

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
};

export const newToken = (): string => randomBytes(32).toString('base64url');

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

const sendJson = (res: http.ServerResponse, status: number, value: unknown) =>
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Checks that a request comes from our own page on our own port: the Host header defeats DNS
 * rebinding, Origin and Sec-Fetch-Site reject other sites and other local pages.
 */
export function checkOrigin(headers: http.IncomingHttpHeaders, port: number): string | null {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!headers.host || !allowedHosts.includes(headers.host.toLowerCase())) return 'host';
  const origin = headers.origin;
  if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin.toLowerCase())) return 'origin';
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'origin';
  return null;
}

/** What the browser server's handlers share: its options, secret token and launch codes. */
interface ServerState {
  options: BrowserServerOptions;
  token: string;
  staticDir: string;
  /** The largest RPC body accepted, in bytes. */
  limit: number;
  now: () => number;
  /** Launch code → when it stops working. Each is exchanged for the token once. */
  launchCodes: Map<string, number>;
}

/** `POST /launch {code}` → `{token}`, once per code. */
async function exchangeLaunchCode(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, 'Method not allowed', 'text/plain', { Allow: 'POST' });
  const body = await readBody(req, 1024);
  let code = '';
  try {
    if (body !== 'too_large') code = String((JSON.parse(body.toString('utf8')) as { code?: unknown }).code ?? '');
  } catch {
    // not JSON: no code
  }
  const expires = LAUNCH_CODE.test(code) ? state.launchCodes.get(code) : undefined;
  state.launchCodes.delete(code);
  if (expires === undefined || expires < state.now()) return sendJson(res, 401, failWith('http.token_required'));
  return sendJson(res, 200, { token: state.token });
}

/** `POST /api/<method>` with the token and the tab's client id: one call of the RPC contract. */
async function handleApi(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
  const auth = req.headers.authorization ?? '';
  const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!given || !sameToken(given, state.token)) {
    return sendJson(res, 401, failWith('http.token_required'));
  }
  if (req.method !== 'POST') return send(res, 405, 'Method not allowed', 'text/plain', { Allow: 'POST' });
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return send(res, 415, 'application/json expected', 'text/plain');
  }
  const client = String(req.headers['x-kurator-client'] ?? '');
  if (!CLIENT_ID.test(client)) return send(res, 400, 'X-Kurator-Client header expected', 'text/plain');
  const body = await readBody(req, state.limit);
  if (body === 'too_large') return send(res, 413, 'Request too large', 'text/plain');
  let args: unknown;
  try {
    args = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    return sendJson(res, 400, failWith('http.bad_json'));
  }
  const result = await state.options.dispatch(method, args, `http:${client}`);
  if (method === 'signIn' && result.ok) {
    // A new session gets a key no one chose or saw before: the tab is told its new client id.
    const fresh = randomBytes(24).toString('base64url');
    await state.options.rekey(`http:${client}`, `http:${fresh}`);
    return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8', { [CLIENT_HEADER]: fresh });
  }
  return sendJson(res, 200, result);
}

/** A print document (names and codes) for the print frame, which cannot send headers: the token comes in the query. */
async function handlePrintDocument(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse, url: URL, id: string) {
  const given = url.searchParams.get('t') ?? '';
  if (!given || !sameToken(given, state.token)) return send(res, 401, 'Token required', 'text/plain');
  const html = await state.options.printDocument?.(id);
  if (html === undefined) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'X-Frame-Options': 'SAMEORIGIN',
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PRINT_DOCUMENT_CSP,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}

/** The built UI's files. */
function handleStatic(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
  const file = readStatic(state.staticDir, url.pathname);
  if (!file) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.type,
    'Content-Security-Policy': HTTP_CSP,
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/** One request: the origin checked, then launch, API, print document or a static file. */
async function handle(state: ServerState, port: number, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const refused = checkOrigin(req.headers, port);
  if (refused) return send(res, 403, `Forbidden ${refused}`, 'text/plain; charset=utf-8');
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  if (url.pathname === LAUNCH_PATH) return exchangeLaunchCode(state, req, res);
  if (url.pathname.startsWith(API_PREFIX)) return handleApi(state, req, res, url.pathname.slice(API_PREFIX.length));
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
  const print = PRINT_DOCUMENT_PATH.exec(url.pathname);
  if (print) return handlePrintDocument(state, req, res, url, print[1]!);
  return handleStatic(state, req, res, url);
}

/** Browser mode: the UI and the RPC contract over HTTP on 127.0.0.1, guarded by a secret token. */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const state: ServerState = {
    options,
    token: options.token ?? newToken(),
    staticDir: path.resolve(options.staticDir),
    limit: options.maxBodyBytes ?? 64 * 1024 * 1024,
    now: options.now ?? Date.now,
    launchCodes: new Map(),
  };
  const { token, now, launchCodes } = state;
  let port = options.port;

  const server = http.createServer((req, res) => {
    void handle(state, port, req, res).catch((e: unknown) => {
      console.error(e);
      if (!res.headersSent) sendJson(res, 500, failWith('app.internal'));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    launchUrl: () => {
      const code = randomBytes(24).toString('base64url');
      for (const [c, expires] of launchCodes) if (expires < now()) launchCodes.delete(c);
      launchCodes.set(code, now() + LAUNCH_TTL_MS);
      return `http://127.0.0.1:${port}/#launch=${code}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
