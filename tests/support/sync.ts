// An office and a portal that sync, in one test process: the portal's server on a loopback port (an
// office process can reach it too), a school registered at its address, the office core set up with
// the same registration address. What both sides hold can be compared, and the portal records each
// sequence number it applies (to check that every change is applied exactly once).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildServer } from '../../src-portal/http/server.ts';
import { FEATURES } from '../../src-portal/features.ts';
import { appendChange } from '../../src-portal/changes/log.ts';
import type { Portal } from '../../src-portal/portal.ts';
import type { Core } from '../../src-main/core/core.ts';
import type { Actor } from '../../src-main/core/services/audit.ts';
import { codeDigest } from '../../src-node/code-hash.ts';
import { OfficeSecrets } from '../../src-main/core/secrets/key-file.ts';
import { makePortal, type Engine, type TestPortal } from './portal.ts';
import { makeCore, type TestCore } from './core.ts';
import { AppError } from '../../src-shared/result.ts';

export const DESK: Actor = { operatorId: 1, login: 'curator', via: 'app' };

/** The reason a sync operation was refused with, or 'ok'. */
export const reasonOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.reason;
    throw e;
  }
};

export interface PortalSide {
  portal: TestPortal;
  server: FastifyInstance;
  /** `http://127.0.0.1:PORT` of the portal itself. */
  origin: string;
  /** Sequence numbers applied, per device: each must appear once. */
  applied: Map<string, number[]>;
  close(): Promise<void>;
}

export async function portalSide(engine: Engine): Promise<PortalSide> {
  const portal = await makePortal(engine);
  const server = await buildServer(portal.portal, FEATURES, { requestsPerMinute: 1_000_000 });
  const origin = (await server.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  const applied = new Map<string, number[]>();
  portal.portal.sync.onApplied = (_school, device, seqs) => applied.set(device, [...(applied.get(device) ?? []), ...seqs]);
  return {
    portal,
    server,
    origin,
    applied,
    close: async () => {
      await server.close();
      await portal.close();
    },
  };
}

/** A school on the portal at `origin` (the portal's or a proxy's), and its one-time pairing key. */
export async function addSchool(
  portal: Portal,
  origin: string,
  name = 'ГБОУ Школа № 1399',
): Promise<{ school: number; address: string; key: string }> {
  const address = `${origin}/s/${randomUUID().slice(0, 8)}/hello`;
  const added = await portal.schools.add({ name, address });
  return { school: added.school, address, key: added.pairingKey };
}

/** An office set up with `address` as its registration address (what it pairs with). */
export async function officeFor(address: string, dir?: string): Promise<TestCore> {
  const office = await makeCore(dir ? { dir } : {});
  office.core.settings.update(DESK, { registrationUrl: address });
  office.core.sync.timeoutMs = 5_000;
  return office;
}

/** Roster rows the portal holds, as comparable values. */
export async function portalRoster(portal: Portal, school: number) {
  const q = async (query: ReturnType<typeof sql<Record<string, unknown>>>) => (await query.execute(portal.db)).rows;
  return {
    classes: await q(sql`SELECT uid, name FROM roster_classes WHERE school_id = ${school} AND removed_at IS NULL ORDER BY uid`),
    people: await q(sql`SELECT uid, kind, surname, name, patronymic, birth_date AS "birthDate", class_uid AS "classUid",
                               archived_at IS NOT NULL AS archived
                        FROM roster_people WHERE school_id = ${school} ORDER BY uid`),
    links: await q(sql`SELECT guardian_uid AS g, student_uid AS s, relation FROM roster_links
                       WHERE school_id = ${school} AND removed_at IS NULL ORDER BY guardian_uid, student_uid`),
    codes: await q(sql`SELECT uid, code_hash AS hash, kind, student_uid AS "studentUid", guardian_uid AS "guardianUid",
                              valid_until AS "validUntil", state
                       FROM invitation_codes WHERE school_id = ${school} ORDER BY uid`),
  };
}

/** The same rows as the office holds them: what the portal should hold after a sync. */
export function officeRoster(core: Core) {
  const codeKey = Buffer.from(new OfficeSecrets(core.dataDir).portal()!.codeKey, 'base64url');
  const all = (q: string) => core.db.prepare(q).all() as Record<string, unknown>[];
  return {
    classes: all('SELECT uid, grade || letter AS name FROM classes ORDER BY uid COLLATE BINARY'),
    people: all(
      `SELECT p.uid, CASE p.kind WHEN 'student' THEN 'student' ELSE 'guardian' END AS kind, p.surname, p.name, p.patronymic,
         CASE p.kind WHEN 'student' THEN p.birth_date END AS birthDate, c.uid AS classUid, p.archived_at IS NOT NULL AS archived
       FROM people p LEFT JOIN classes c ON c.id = p.class_id WHERE p.kind <> 'staff' ORDER BY p.uid`,
    ).map((r) => ({ ...r, archived: r.archived === 1 }) as Record<string, unknown>),
    links: all(
      `SELECT g.uid AS g, s.uid AS s, l.relation FROM guardianships l JOIN people g ON g.id = l.guardian_id
       JOIN people s ON s.id = l.student_id ORDER BY g.uid, s.uid`,
    ),
    codes: all(
      `SELECT c.uid, c.code, c.kind, s.uid AS studentUid, g.uid AS guardianUid, c.valid_until AS validUntil,
         CASE c.state WHEN 'revoked' THEN 'revoked' ELSE 'issued' END AS state
       FROM invitation_codes c JOIN people s ON s.id = c.student_id LEFT JOIN people g ON g.id = c.guardian_id ORDER BY c.uid`,
    ).map(({ code, ...r }) => ({ uid: r.uid, hash: codeDigest(codeKey, String(code)), ...r }) as Record<string, unknown>),
  };
}

/**
 * Both sides agree: the portal holds the office's rows as they are, and whatever else it holds (rows
 * of a database that was replaced, restored or unpaired) is archived, removed or revoked.
 */
export async function sidesAgree(portal: Portal, school: number, core: Core): Promise<{ portal: unknown; office: unknown }> {
  const there = await portalRoster(portal, school);
  const here = officeRoster(core);
  const known = new Set([...here.people, ...here.codes].map((r) => r.uid));
  const strays = [
    ...there.people.filter((r) => !known.has(r.uid) && !r.archived),
    ...there.codes.filter((r) => !known.has(r.uid) && r.state !== 'revoked'),
  ];
  return {
    portal: { ...there, people: there.people.filter((r) => known.has(r.uid)), codes: there.codes.filter((r) => known.has(r.uid)), strays },
    office: { ...here, strays: [] },
  };
}

/** Rounds until nothing moves (a parent learned from the portal goes back up in the round after). */
export async function settle(core: Core): Promise<{ pushed: number; pulled: number }> {
  const total = { pushed: 0, pulled: 0 };
  for (let i = 0; i < 10; i++) {
    const r = await core.sync.round();
    total.pushed += r.pushed;
    total.pulled += r.pulled;
    if (r.pushed === 0 && r.pulled === 0 && r.pending === 0) return total;
  }
  throw new Error('sync did not settle in 10 rounds');
}

/** What the registration feature writes to the change log: accounts, redemptions, parents it learned. */
type NewAccount = {
  uid?: string;
  personUid: string;
  login: string;
  kind: 'student' | 'parent';
  email?: string | null;
  emailConfirmed?: boolean;
};

export const portalEvents = {
  async account(p: TestPortal, school: number, a: NewAccount) {
    return (await portalEvents.accounts(p, school, [a]))[0]!;
  },
  /** Many accounts in one transaction. */
  async accounts(p: TestPortal, school: number, list: NewAccount[]) {
    const bodies = list.map((a) => ({
      uid: a.uid ?? randomUUID(),
      login: a.login,
      kind: a.kind,
      personUid: a.personUid,
      childUids: [],
      email: a.email ?? null,
      emailConfirmed: a.emailConfirmed ?? false,
      phone: null,
      phoneConfirmed: false,
      registeredAt: p.clock.now().toISOString(),
      lastSignInAt: null,
      disabled: false,
    }));
    await p.portal.db.transaction().execute(async (trx) => {
      for (const body of bodies) await appendChange(trx, p.clock, school, 'account', body);
    });
    return bodies;
  },
  async redemption(p: TestPortal, school: number, r: { codeUid: string; accountUid: string; login: string }) {
    await p.portal.db
      .transaction()
      .execute((trx) => appendChange(trx, p.clock, school, 'redemption', { ...r, at: p.clock.now().toISOString() }));
  },
  /** A parent who registered with a code issued while no parent was on file. */
  async guardian(p: TestPortal, school: number, g: { studentUid: string; surname: string; name: string }) {
    const personUid = randomUUID();
    await p.portal.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('roster_people')
        .values({
          school_id: school,
          uid: personUid,
          kind: 'guardian',
          surname: g.surname,
          name: g.name,
          patronymic: null,
          birth_date: null,
          class_uid: null,
          archived_at: null,
          origin: 'portal',
          updated_at: p.clock.now(),
        })
        .execute();
      await trx
        .insertInto('roster_links')
        .values({ school_id: school, guardian_uid: personUid, student_uid: g.studentUid, relation: 'other', removed_at: null })
        .execute();
      await appendChange(trx, p.clock, school, 'guardian', { personUid, ...g, patronymic: null, at: p.clock.now().toISOString() });
    });
    return personUid;
  },
};

/** Every device's numbers were applied once each, 1, 2, 3 … without a hole. */
export function appliedOnce(applied: Map<string, number[]>): boolean {
  for (const seqs of applied.values()) if (!seqs.every((s, i) => s === i + 1)) return false;
  return true;
}
