// What one registration costs the portal, step by step: SQL statements (BEGIN and COMMIT counted) and
// process CPU of each of the three requests (the QR link, the account form, the submit), registrations
// run one at a time with nearly free hashes, so what is left is the portal's own work. A report for
// issue #7, not a test.
//
//   KURATOR_TEST_RUN=1 node bench/portal-steps.ts [registrations]          (default 200; PGlite)
//   KURATOR_TEST_RUN=1 DATABASE_URL=postgres://… node bench/portal-steps.ts  (a scratch database there)
//   BENCH_SQL=1 …                                                           (also lists each step's statements)
//   BENCH_PROFILE=dir …                                                     (a .cpuprofile of the measured part)
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Session } from 'node:inspector/promises';
import { openPortal } from '../src-portal/portal.ts';
import { buildServer } from '../src-portal/http/server.ts';
import { FEATURES } from '../src-portal/features.ts';
import type { DbTarget } from '../src-portal/db/connect.ts';
import { Browser, HOST, registrationSteps, seed } from './portal-kit.ts';

const N = Number(process.argv[2] ?? 200);
const WARM_UP = 20;

// Every statement kysely sends goes through QueryExecutorBase.executeQuery; transactions begin and end
// in the RuntimeDriver. Neither is exported, so they are reached by file (the same module instances).
const kysely = new URL('../node_modules/kysely/dist/', import.meta.url);
const { QueryExecutorBase } = (await import(new URL('query-executor/query-executor-base.js', kysely).href)) as {
  QueryExecutorBase: { prototype: { executeQuery(q: { sql: string }, o?: unknown): Promise<unknown> } };
};
const { RuntimeDriver } = (await import(new URL('driver/runtime-driver.js', kysely).href)) as {
  RuntimeDriver: {
    prototype: Record<'beginTransaction' | 'commitTransaction' | 'rollbackTransaction', (...a: unknown[]) => Promise<unknown>>;
  };
};
const seen: string[] = [];
/** Milliseconds of CPU each statement took (one at a time, so nothing else runs meanwhile), by its text and step. */
const took = new Map<string, number>();
let stepNow = 0;
const execute = QueryExecutorBase.prototype.executeQuery;
QueryExecutorBase.prototype.executeQuery = async function (q, o) {
  const text = q.sql.replace(/\s+/g, ' ').trim();
  seen.push(text);
  const c0 = process.cpuUsage();
  try {
    return await execute.call(this, q, o);
  } finally {
    const c1 = process.cpuUsage(c0);
    const key = `${stepNow}:${text}`;
    took.set(key, (took.get(key) ?? 0) + (c1.user + c1.system) / 1000);
  }
};
for (const m of ['beginTransaction', 'commitTransaction', 'rollbackTransaction'] as const) {
  const original = RuntimeDriver.prototype[m];
  RuntimeDriver.prototype[m] = function (...a: unknown[]) {
    seen.push(m.replace('Transaction', '').toUpperCase());
    return original.apply(this, a);
  };
}

const STEPS = ['GET /hello?code=…', 'GET /hello (form)', 'POST /register'] as const;

async function measure(label: string, target: DbTarget): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kurator-portal-steps-'));
  const portal = await openPortal({
    dataDir,
    target,
    env: { PORTAL_SECRET: randomBytes(32).toString('hex') },
    passwordCost: { memory: 64, passes: 1, parallelism: 1 },
  });
  const server = await buildServer(portal, FEATURES, { requestsPerMinute: 1e9, logger: false });
  try {
    const { school } = await portal.schools.add({ name: 'Школа', address: `https://${HOST}/hello` });
    const codes = await seed(portal, school, N + WARM_UP);
    await server.listen({ host: '127.0.0.1', port: 0 });
    const port = (server.server.address() as { port: number }).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const statements = [0, 0, 0];
    const cpu = [0, 0, 0];
    const lists: string[][] = [[], [], []];
    const profiler = process.env.BENCH_PROFILE ? new Session() : null;
    for (let i = 0; i < N + WARM_UP; i++) {
      if (i === WARM_UP && profiler) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      const b = new Browser(port, agent);
      for (const [s, step] of registrationSteps(b, codes[i]!, i).entries()) {
        seen.length = 0;
        stepNow = s;
        const c0 = process.cpuUsage();
        const r = await step();
        const c1 = process.cpuUsage();
        if (s === 2 && r.status !== 303) throw new Error(`registration ${i}: HTTP ${r.status}`);
        if (i < WARM_UP) continue;
        statements[s]! += seen.length;
        cpu[s]! += (c1.user - c0.user + c1.system - c0.system) / 1000;
        if (i === WARM_UP) lists[s] = [...seen];
        if (i === WARM_UP - 1) took.clear();
      }
    }
    agent.destroy();
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      const file = path.join(process.env.BENCH_PROFILE!, `${label.split(' ')[0]}-${Date.now()}.cpuprofile`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      profiler.disconnect();
    }
    console.log(`\n${label}: ${N} registrations one at a time (after ${WARM_UP} to warm up), nearly free hashes`);
    for (const [s, name] of STEPS.entries()) {
      console.log(
        `  ${name.padEnd(22)} ${(statements[s]! / N).toFixed(1).padStart(5)} statements  ${(cpu[s]! / N).toFixed(2).padStart(6)} ms CPU`,
      );
      if (process.env.BENCH_SQL !== '1') continue;
      for (const q of lists[s]!) console.log(`      ${((took.get(`${s}:${q}`) ?? 0) / N).toFixed(2).padStart(5)} ms  ${q.slice(0, 140)}`);
    }
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / N;
    console.log(
      `  ${'registration'.padEnd(22)} ${total(statements).toFixed(1).padStart(5)} statements  ${total(cpu).toFixed(2).padStart(6)} ms CPU`,
    );
  } finally {
    await server.close();
    await portal.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Kurator portal, one registration's cost — Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kurator-pglite-steps-'));
  try {
    await measure('PGlite', { kind: 'pglite', dir: path.join(dir, 'pgdata') });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL?.trim();
  if (!url) return;
  const name = `kurator_steps_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  try {
    await measure(`PostgreSQL (${fresh.host})`, { kind: 'postgres', url: fresh.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  console.log(
    `\nload average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

await main();
