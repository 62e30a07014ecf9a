// The portal's registration under load: 50 browsers registering at once over HTTP (the QR link, the
// form, the account form) against a real server in this process, beside raw argon2id hashes per second
// measured in the same run (the same number of concurrent `hashPassword` calls) and a bare web server
// answering the same requests with the same hash (bench/portal-floor.ts), and sign-in latency while
// registrations go on. A report, not a test: it prints numbers and PASS/FAIL and exits 0.
//
//   node bench/portal.ts [registrations] [clients]     (default 300, 50)
//   DATABASE_URL=postgres://… node bench/portal.ts     (PGlite, then a fresh database on that server)
//   KURATOR_TEST_RUN=1 BENCH_OVERHEAD=1 node bench/portal.ts   (nearly free hashes: what the portal itself costs)
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPortal } from '../src-portal/portal.ts';
import { buildServer } from '../src-portal/http/server.ts';
import { FEATURES } from '../src-portal/features.ts';
import type { DbTarget } from '../src-portal/db/connect.ts';
import { hashPassword } from '../src-node/passwords.ts';
import { Browser, HOST, PASSWORD, register, seed } from './portal-kit.ts';
import { startFloorServer } from './portal-floor.ts';

const REGISTRATIONS = Number(process.argv[2] ?? 300);
const CLIENTS = Number(process.argv[3] ?? 50);
const SIGN_IN_CLIENTS = 5;
/** Bare web server, raw and registration blocks run in turn this many times each. */
const ROUNDS = 3;
const RATIO_TARGET = 0.8;

const line = (label: string, value: string) => console.log(`  ${label.padEnd(40)} ${value}`);
type Verdict = 'PASS' | 'FAIL' | 'UNSTEADY';
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
/**
 * The bare web server does all that raw does and more, so it cannot be much faster; when it is, the
 * machine's load changed between the blocks and no ratio of this run can be trusted.
 */
const STEADY_LIMIT = 1.05;

const cpuMs = (after: NodeJS.CpuUsage, before: NodeJS.CpuUsage) => (after.user - before.user + after.system - before.system) / 1000;

function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : NaN;
}

async function pool<T>(items: T[], concurrency: number, work: (item: T, i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
  return performance.now() - t0;
}

async function benchEngine(label: string, target: DbTarget): Promise<Verdict> {
  console.log(`\n${label}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kurator-portal-bench-'));
  const cheap = process.env.BENCH_OVERHEAD === '1' ? { memory: 64, passes: 1, parallelism: 1 } : undefined;
  const portal = await openPortal({ dataDir, target, env: { PORTAL_SECRET: randomBytes(32).toString('hex') }, passwordCost: cheap });
  const server = await buildServer(portal, FEATURES, { requestsPerMinute: 1e9, logger: false });
  let floor: Awaited<ReturnType<typeof startFloorServer>> | undefined;
  try {
    const { school } = await portal.schools.add({ name: 'Школа', address: `https://${HOST}/hello` });
    const signIns = 20;
    const codes = await seed(portal, school, REGISTRATIONS * 2 + signIns + 6);
    await server.listen({ host: '127.0.0.1', port: 0 });
    const port = (server.server.address() as { port: number }).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + SIGN_IN_CLIENTS + 10 });

    // The bare web server, the raw hashes and the registrations in turn, ROUNDS blocks each (bare, raw,
    // registrations, bare, …), so that the load of the shared machine, which drifts from one minute to
    // the next, weighs on all alike, raw and registrations next to each other. Raw: as many argon2id
    // hashes as there are registrations in a block, as many at once as there are clients. Both servers
    // are warmed up first (five registrations each).
    const warmUp = codes.slice(REGISTRATIONS * 2, REGISTRATIONS * 2 + 5);
    await pool(warmUp, 5, (code, i) => register(new Browser(port, agent), code, 300_000 + i));
    // The floor serves the account form exactly as the portal rendered it (a code kept unused for that).
    const looker = new Browser(port, agent);
    await looker.request('GET', `/hello?code=${codes.at(-1)!}`);
    const formPage = (await looker.request('GET', '/hello')).text;
    if (!formPage.includes('name="password"')) throw new Error('the account form did not come back');
    floor = await startFloorServer(formPage, cheap);
    const bareServer = floor;
    await pool(warmUp, 5, (code, i) => register(new Browser(bareServer.port, agent), code, 300_000 + i));
    const block = Math.ceil(REGISTRATIONS / ROUNDS);
    const raw = { ms: 0, cpu: 0, n: 0 };
    const bare = { ms: 0, cpu: 0, n: 0 };
    const reg = { ms: 0, cpu: 0, n: 0 };
    const pairs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const mine = codes.slice(r * block, Math.min(REGISTRATIONS, (r + 1) * block));
      const c0 = process.cpuUsage();
      bare.ms += await pool(mine, CLIENTS, (code, i) => register(new Browser(bareServer.port, agent), code, r * block + i));
      const c1 = process.cpuUsage();
      const rawMs = await pool(mine, CLIENTS, async () => void (await hashPassword(PASSWORD, cheap)));
      const c2 = process.cpuUsage();
      const regMs = await pool(mine, CLIENTS, (code, i) => register(new Browser(port, agent), code, r * block + i));
      const c3 = process.cpuUsage();
      bare.cpu += cpuMs(c1, c0);
      bare.n += mine.length;
      raw.ms += rawMs;
      raw.cpu += cpuMs(c2, c1);
      raw.n += mine.length;
      reg.ms += regMs;
      reg.cpu += cpuMs(c3, c2);
      reg.n += mine.length;
      pairs.push(rawMs / regMs);
    }
    const rawPerSecond = raw.n / (raw.ms / 1000);
    const barePerSecond = bare.n / (bare.ms / 1000);
    const regPerSecond = reg.n / (reg.ms / 1000);
    const ratio = regPerSecond / rawPerSecond;
    const steady = barePerSecond / rawPerSecond <= STEADY_LIMIT;
    const judged: Verdict = steady ? verdict(ratio >= RATIO_TARGET) : 'UNSTEADY';
    line(
      `raw argon2id, ${raw.n} hashes × ${CLIENTS} at once`,
      `${rawPerSecond.toFixed(1)} hashes/s (${(raw.cpu / raw.n).toFixed(1)} ms CPU each)`,
    );
    line(
      'bare web server, the same requests',
      `${barePerSecond.toFixed(1)} /s (${(bare.cpu / bare.n).toFixed(1)} ms CPU each): ${((barePerSecond / rawPerSecond) * 100).toFixed(0)} % of raw`,
    );
    line(
      `registrations, ${CLIENTS} clients`,
      `${regPerSecond.toFixed(1)} /s (${(reg.ms / 1000).toFixed(1)} s, ${(reg.cpu / reg.n).toFixed(1)} ms CPU each)`,
    );
    line(
      'registrations ÷ raw hashes',
      `${(ratio * 100).toFixed(0)} % (target ≥ ${RATIO_TARGET * 100} %) ${judged}; rounds ${pairs.map((x) => `${(x * 100).toFixed(0)} %`).join(', ')}`,
    );
    line('registrations ÷ bare web server', `${((regPerSecond / barePerSecond) * 100).toFixed(0)} %`);
    // What the portal adds to each hash in CPU (process CPU of both, so the load matters less): the
    // ratio an idle machine would show where the CPU is the limit.
    line(
      'raw CPU ÷ registration CPU',
      `${((raw.cpu / raw.n / (reg.cpu / reg.n)) * 100).toFixed(0)} % (${(reg.cpu / reg.n - raw.cpu / raw.n).toFixed(1)} ms of portal per registration; ${RATIO_TARGET * 100} % allows ${((raw.cpu / raw.n) * (1 / RATIO_TARGET - 1)).toFixed(1)}, the bare web server takes ${(bare.cpu / bare.n - raw.cpu / raw.n).toFixed(1)})`,
    );

    // Sign-in latency while another round of registrations runs.
    const signInCodes = codes.slice(REGISTRATIONS * 2 + 5, REGISTRATIONS * 2 + 5 + signIns);
    await pool(signInCodes, 5, (code, i) => register(new Browser(port, agent), code, 100_000 + i));
    const latencies: number[] = [];
    let loading = true;
    const signing = Promise.all(
      Array.from({ length: SIGN_IN_CLIENTS }, async (_, c) => {
        for (let i = c; loading; i += SIGN_IN_CLIENTS) {
          const b = new Browser(port, agent);
          await b.request('GET', '/login');
          const t0 = performance.now();
          const r = await b.request('POST', '/login', { login: `bench.${100_000 + (i % signIns)}`, password: PASSWORD });
          latencies.push(performance.now() - t0);
          if (r.status !== 303) throw new Error(`sign-in: HTTP ${r.status}`);
        }
      }),
    );
    const loadMs = await pool(codes.slice(REGISTRATIONS, REGISTRATIONS * 2), CLIENTS, (code, i) =>
      register(new Browser(port, agent), code, 200_000 + i),
    );
    loading = false;
    await signing;
    latencies.sort((a, b) => a - b);
    line(`registrations with ${SIGN_IN_CLIENTS} clients signing in`, `${(REGISTRATIONS / (loadMs / 1000)).toFixed(1)} /s`);
    line(
      `sign-in (${latencies.length}) p50 / p95 / max`,
      `${percentile(latencies, 0.5).toFixed(0)} / ${percentile(latencies, 0.95).toFixed(0)} / ${latencies.at(-1)?.toFixed(0)} ms`,
    );
    agent.destroy();
    if (!steady) {
      console.log(
        `  UNSTEADY: the bare web server ran at ${((barePerSecond / rawPerSecond) * 100).toFixed(0)} % of raw (it cannot beat raw by more than ${((STEADY_LIMIT - 1) * 100).toFixed(0)} %): the load moved during the run; run it again on a quieter machine`,
      );
    }
    return judged;
  } finally {
    await floor?.server.close();
    await server.close();
    await portal.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A fresh database on the DATABASE_URL server (dropped afterwards): the bench never writes into a real one. */
async function freshDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kurator_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return {
    url: fresh.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function main(): Promise<void> {
  const threads = process.env.UV_THREADPOOL_SIZE ?? '4';
  console.log(
    `Kurator portal benchmark — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, libuv threads ${threads}, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`argon2id at the OWASP parameters (m=19 MiB, t=2, p=1); ${REGISTRATIONS} registrations per round`);
  const results: [string, Verdict][] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kurator-pglite-bench-'));
  try {
    results.push(['PGlite', await benchEngine('PGlite (embedded)', { kind: 'pglite', dir: path.join(dir, 'pgdata') })]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    const fresh = await freshDatabase(url);
    try {
      results.push(['PostgreSQL', await benchEngine(`PostgreSQL (${new URL(url).host})`, { kind: 'postgres', url: fresh.url })]);
    } finally {
      await fresh.drop();
    }
  } else {
    console.log('\nPostgreSQL: skipped (set DATABASE_URL to a server where this role may create databases)');
  }
  console.log(
    `\nSummary (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  for (const [name, judged] of results) line(`${name}: registrations ≥ ${RATIO_TARGET * 100} % of raw hashing`, judged);
}

await main();
