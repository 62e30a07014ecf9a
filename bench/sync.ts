// Sync benchmark (a report, not a test): the first sync of a 2,000-student school (students, parents,
// links, codes) from a real office database to a real portal over HTTP on loopback, beside raw inserts
// of the same rows into the same engine (target: at most 3× raw); then a pull of 10,000 account
// changes. PGlite always; a PostgreSQL server too when DATABASE_URL is set (a scratch database is
// made on it and dropped after).
//
//   node bench/sync.ts [students]      (default 2000)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { openCore, type Core } from '../src-main/core/core.ts';
import { completeSetup } from '../src-main/core/services/setup.ts';
import type { Actor } from '../src-main/core/services/audit.ts';
import { openPortal, type Portal } from '../src-portal/portal.ts';
import { buildServer } from '../src-portal/http/server.ts';
import { FEATURES } from '../src-portal/features.ts';
import type { DbTarget } from '../src-portal/db/connect.ts';
import { OfficeSecrets } from '../src-main/core/secrets/key-file.ts';
import { codeDigest } from '../src-node/code-hash.ts';
import { generateRoster } from './generate.ts';
import { backupDatabase } from '../src-main/core/db/backup.ts';
import { LARGEST_PUSH } from '../src-shared/sync/protocol.ts';

const STUDENTS = Number(process.argv[2] ?? 2000);
const PULL_CHANGES = 10_000;
const TARGET_RATIO = 3;
/** Raw inserts go in batches of a push's size, each its own transaction, as the portal applies pushes. */
const BATCH = LARGEST_PUSH;
const ACTOR: Actor = { operatorId: 1, login: 'bench', via: 'cli' };

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const int = (n: number) => n.toLocaleString('en-US');
const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
const time = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
};

const RUNS = 3;

/** The school's office, made once: the roster imported, codes issued for everyone. Each run syncs a copy. */
async function templateOffice(): Promise<{ core: Core; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kurator-bench-office-'));
  const core = await openCore({ dataDir: dir, mode: 'cli' });
  await completeSetup(
    core,
    {
      schoolName: 'Школа № 1399',
      registrationUrl: 'https://1399.bench.invalid/hello',
      curatorContact: 'каб. 204',
      operator: { fullName: 'Бенч', login: 'bench', password: 'Kurator2026' },
    },
    'cli',
  );
  await core.roster.importFile(ACTOR, generateRoster(STUDENTS, 1399).bytes, 'school.csv');
  core.codes.issue(ACTOR, { all: true }, { audience: 'all', onlyMissing: true });
  return { core, dir };
}

/** A copy of the office database whose registration address is `address` (a new device to pair). */
async function officeCopy(template: Core, address: string): Promise<{ core: Core; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kurator-bench-copy-'));
  await backupDatabase(template.db, path.join(dir, 'kurator.sqlite'));
  const core = await openCore({ dataDir: dir, mode: 'cli' });
  core.settings.update(ACTOR, { registrationUrl: address });
  core.sync.timeoutMs = 120_000;
  return { core, dir };
}

/** The rows a first sync puts on the portal, read from the office as plain values. */
function officeRows(core: Core) {
  const codeKey = Buffer.from(new OfficeSecrets(core.dataDir).portal()!.codeKey, 'base64url');
  const all = <T>(q: string) => core.db.prepare(q).all() as T[];
  return {
    classes: all<{ uid: string; name: string }>('SELECT uid, grade || letter AS name FROM classes'),
    people: all<Record<string, unknown>>(
      `SELECT p.uid, CASE p.kind WHEN 'student' THEN 'student' ELSE 'guardian' END AS kind, p.surname, p.name, p.patronymic,
         CASE p.kind WHEN 'student' THEN p.birth_date END AS birth_date, c.uid AS class_uid
       FROM people p LEFT JOIN classes c ON c.id = p.class_id WHERE p.kind <> 'staff'`,
    ),
    links: all<Record<string, unknown>>(
      `SELECT g.uid AS guardian_uid, s.uid AS student_uid, l.relation FROM guardianships l
       JOIN people g ON g.id = l.guardian_id JOIN people s ON s.id = l.student_id`,
    ),
    codes: all<Record<string, unknown>>(
      `SELECT c.uid, c.code, c.kind, s.uid AS student_uid, g.uid AS guardian_uid, c.valid_until
       FROM invitation_codes c JOIN people s ON s.id = c.student_id LEFT JOIN people g ON g.id = c.guardian_id`,
    ).map(({ code, ...r }) => ({ ...r, code_hash: codeDigest(codeKey, String(code)), state: 'issued' })),
  };
}

/** The same rows inserted as plainly as the engine allows: multi-row INSERTs of 500, a transaction each. */
async function rawInserts(portal: Portal, rows: ReturnType<typeof officeRows>): Promise<number> {
  const school = (await portal.schools.add({ name: 'Сырая вставка', address: `https://raw-${randomUUID().slice(0, 8)}.bench/hello` }))
    .school;
  const now = new Date();
  const [, ms] = await time(async () => {
    const put = async <T>(list: T[], insert: (batch: T[]) => Promise<unknown>) => {
      for (let i = 0; i < list.length; i += BATCH) await insert(list.slice(i, i + BATCH));
    };
    const db = portal.db;
    await put(rows.classes, (b) =>
      db.transaction().execute((trx) =>
        trx
          .insertInto('roster_classes')
          .values(b.map((r) => ({ school_id: school, uid: r.uid, name: r.name, removed_at: null })))
          .execute(),
      ),
    );
    await put(rows.people, (b) =>
      db.transaction().execute((trx) =>
        trx
          .insertInto('roster_people')
          .values(b.map((r) => ({ school_id: school, ...r, archived_at: null, updated_at: now }) as never))
          .execute(),
      ),
    );
    await put(rows.links, (b) =>
      db.transaction().execute((trx) =>
        trx
          .insertInto('roster_links')
          .values(b.map((r) => ({ school_id: school, ...r, removed_at: null }) as never))
          .execute(),
      ),
    );
    await put(rows.codes, (b) =>
      db.transaction().execute((trx) =>
        trx
          .insertInto('invitation_codes')
          .values(b.map((r) => ({ school_id: school, ...r, revoke_reason: null }) as never))
          .execute(),
      ),
    );
  });
  return ms;
}

/** `n` account changes in the school's change log, numbered on from its last cursor. */
async function accountChanges(portal: Portal, school: number, personUids: string[], n: number): Promise<void> {
  const at = new Date().toISOString();
  for (let from = 0; from < n; from += 2000) {
    const chunk = Array.from({ length: Math.min(2000, n - from) }, (_, i) => ({
      uid: randomUUID(),
      login: `user${from + i}`,
      kind: 'parent',
      personUid: personUids[(from + i) % personUids.length],
      childUids: [],
      email: `user${from + i}@mail.ru`,
      emailConfirmed: (from + i) % 2 === 0,
      phone: null,
      phoneConfirmed: false,
      registeredAt: at,
      lastSignInAt: null,
      disabled: false,
    }));
    await sql`
      INSERT INTO change_log (school_id, cursor, type, payload, at)
      SELECT ${school}, (SELECT coalesce(max(cursor), 0) FROM change_log WHERE school_id = ${school}) + x.n, 'account', x.p, now()
      FROM jsonb_array_elements(${JSON.stringify(chunk)}::jsonb) WITH ORDINALITY AS x(p, n)`.execute(portal.db);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Raw inserts and first syncs, interleaved (this machine's load changes from second to second; both
 * see the same), each run into a school of its own; the medians are compared.
 */
async function benchEngine(label: string, target: DbTarget, template: Core): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kurator-bench-portal-'));
  const portal = await openPortal({ dataDir, target, env: { PORTAL_SECRET: randomBytes(32).toString('hex') } });
  const server = await buildServer(portal, FEATURES, { requestsPerMinute: 1_000_000 });
  const origin = (await server.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  const offices: { core: Core; dir: string }[] = [];
  try {
    console.log(`\n${label}`);
    const raws: number[] = [];
    const syncs: number[] = [];
    let rows: ReturnType<typeof officeRows> | null = null;
    let last: { school: number; office: Core } | null = null;
    for (let run = 0; run < RUNS; run++) {
      const address = `${origin}/s/run${run}/hello`;
      const added = await portal.schools.add({ name: 'Школа № 1399', address });
      const o = await officeCopy(template, address);
      offices.push(o);
      const [first, syncMs] = await time(async () => {
        await o.core.sync.pair(ACTOR, address, added.pairingKey);
        return o.core.sync.round();
      });
      rows ??= officeRows(o.core);
      if (first.pushed < rows.people.length) throw new Error(`the first sync pushed only ${first.pushed}`);
      syncs.push(syncMs);
      raws.push(await rawInserts(portal, rows));
      last = { school: added.school, office: o.core };
    }
    const count = rows!.classes.length + rows!.people.length + rows!.links.length + rows!.codes.length;
    const [raw, sync] = [median(raws), median(syncs)];
    const ratio = sync / raw;
    line(
      'rows of the school',
      `${int(count)} (${int(rows!.people.length)} people, ${int(rows!.links.length)} links, ${int(rows!.codes.length)} codes)`,
    );
    line(
      `raw inserts of the same rows (median of ${RUNS})`,
      `${secs(raw)}  (${int(Math.round(count / (raw / 1000)))} rows/s)  [${raws.map(secs).join(', ')}]`,
    );
    line(`first sync over HTTP (median of ${RUNS})`, `${secs(sync)}  [${syncs.map(secs).join(', ')}]`);
    console.log(`  first sync ${ratio.toFixed(1)}× raw  (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'})`);

    const people = rows!.people.map((p) => String(p.uid));
    await accountChanges(portal, last!.school, people, PULL_CHANGES);
    const [pulled, pullMs] = await time(() => last!.office.sync.round());
    line(
      `pull of ${int(PULL_CHANGES)} account changes`,
      `${secs(pullMs)}  (${int(Math.round(pulled.pulled / (pullMs / 1000)))} changes/s)`,
    );
    if (pulled.pulled !== PULL_CHANGES) line('  ! pulled', int(pulled.pulled));
  } finally {
    for (const o of offices) {
      o.core.close();
      fs.rmSync(o.dir, { recursive: true, force: true });
    }
    await server.close();
    await portal.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A scratch database on the server DATABASE_URL names; dropped after. */
async function scratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kurator_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

console.log(`Sync benchmark: a school of ${int(STUDENTS)} students (Node ${process.version}, ${os.cpus().length} CPUs)`);
const template = await templateOffice();
try {
  const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kurator-bench-pglite-'));
  await benchEngine('PGlite (embedded)', { kind: 'pglite', dir: pgliteDir }, template.core);
  fs.rmSync(pgliteDir, { recursive: true, force: true });
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (serverUrl) {
    const scratch = await scratchDatabase(serverUrl);
    try {
      await benchEngine('PostgreSQL (DATABASE_URL)', { kind: 'postgres', url: scratch.url }, template.core);
    } finally {
      await scratch.drop();
    }
  } else {
    console.log('\nPostgreSQL: skipped (set DATABASE_URL to a server where a scratch database may be made)');
  }
} finally {
  template.core.close();
  fs.rmSync(template.dir, { recursive: true, force: true });
}
