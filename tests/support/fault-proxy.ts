// A misbehaving network between the office and the portal: an HTTP proxy (a real server on loopback)
// that, while its faults are on, drops requests (before they reach the portal, or after — the answer
// is lost), sends them twice, delays them, holds one back until the next has gone through (so the
// portal gets them in the wrong order, the held one long after the office gave up on it), and answers
// 500 (without asking the portal, or after it applied the request). The Host header is passed on, as
// a TLS proxy in front of the portal does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'pass' | 'drop' | 'lose_answer' | 'twice' | 'delay' | 'hold' | 'fail' | 'fail_after';

export interface FaultProxy {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  faults: boolean;
  /** How often each fault was done. */
  counts: Record<Fault, number>;
  /** Resolves once no request is held back or on its way to the portal (each one it forwards has been answered). */
  quiet(): Promise<void>;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function forward(target: URL, req: http.IncomingMessage, body: Buffer): Promise<Answer | null> {
  return new Promise((resolve) => {
    const out = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', () => resolve(null));
      },
    );
    out.on('error', () => resolve(null));
    out.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `dropHeaders`: answer headers the proxy leaves out (lower case), as from a portal that never sent them. */
export async function startFaultProxy(
  portalOrigin: string,
  random: () => number,
  options: { holdMs?: number; dropHeaders?: readonly string[] } = {},
): Promise<FaultProxy> {
  const target = new URL(portalOrigin);
  const counts: Record<Fault, number> = { pass: 0, drop: 0, lose_answer: 0, twice: 0, delay: 0, hold: 0, fail: 0, fail_after: 0 };
  let held: (() => void) | null = null;
  // Requests taken and not yet done with: forwarded and answered, or dropped. One held back counts until
  // it has reached the portal and been answered, seconds after the office gave up on it.
  let open = 0;
  let waiting: (() => void)[] = [];
  const finished = () => {
    if (--open > 0) return;
    for (const w of waiting) w();
    waiting = [];
  };
  const quiet = () => (open === 0 ? Promise.resolve() : new Promise<void>((r) => waiting.push(r)));
  const proxy: FaultProxy = { origin: '', faults: false, counts, quiet, close: async () => undefined };

  // About half the requests meet a fault: enough that most rounds fail somewhere, few fail at once.
  const table: [number, Fault][] = [
    [0.07, 'drop'],
    [0.15, 'lose_answer'],
    [0.25, 'twice'],
    [0.33, 'delay'],
    [0.39, 'hold'],
    [0.44, 'fail'],
    [0.5, 'fail_after'],
  ];
  // Every fault is met at least once, whatever the seed: a short run (20 rounds, ~50 requests) left
  // to chance alone missed two of them about once in forty runs. Until each has been done, every
  // fourth request gets the next one not done yet.
  const notYet: Fault[] = table.map(([, f]) => f);
  let faultedRequests = 0;
  const pick = (): Fault => {
    if (!proxy.faults) return 'pass';
    const r = random();
    const due = notYet.length > 0 && ++faultedRequests % 4 === 0;
    const fault = due ? notYet[0]! : (table.find(([p]) => r < p)?.[1] ?? 'pass');
    const at = notYet.indexOf(fault);
    if (at >= 0) notYet.splice(at, 1);
    return fault;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks)));
  });

  const reply = (res: http.ServerResponse, a: Answer | null) => {
    if (!a) return res.socket?.destroy();
    const { 'transfer-encoding': _te, connection: _c, ...headers } = a.headers;
    for (const name of options.dropHeaders ?? []) delete headers[name];
    res.writeHead(a.status, headers).end(a.body);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
    open++;
    // A request held back goes through right after the next one: the portal sees them out of order.
    const release = held;
    held = null;
    const fault = pick();
    counts[fault]++;
    try {
      await act(fault, req, res, body);
    } finally {
      if (fault !== 'hold') finished();
    }
    if (release) setTimeout(release, 5);
  }

  async function act(fault: Fault, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
    switch (fault) {
      case 'drop':
        res.socket?.destroy();
        break;
      case 'lose_answer':
        await forward(target, req, body);
        res.socket?.destroy();
        break;
      case 'twice': {
        const [a, b] = await Promise.all([forward(target, req, body), forward(target, req, body)]);
        reply(res, random() < 0.5 ? a : b);
        break;
      }
      case 'delay':
        await sleep(random() * 400);
        reply(res, await forward(target, req, body));
        break;
      case 'hold': {
        // No answer: the office gives up and asks again; this request reaches the portal later.
        let sent = false;
        const send = () => {
          if (sent) return;
          sent = true;
          void forward(target, req, body).then(() => {
            res.socket?.destroy();
            finished();
          });
        };
        held = send;
        setTimeout(send, options.holdMs ?? 3_000).unref();
        break;
      }
      case 'fail':
        res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1>');
        break;
      case 'fail_after':
        await forward(target, req, body);
        res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>500 Internal Server Error</h1>');
        break;
      default:
        reply(res, await forward(target, req, body));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
