// The journal's head anchored on the portal with every sync round (#11), over HTTP against a real
// portal on both engines. The intruder here has the office's files — the database, the key file and
// the anchor file — so the anchor file can be signed again after the journal is cut or rewritten;
// only the portal still remembers, and `audit verify` (in-process and the CLI) says so in words.
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OfficeSecrets } from '../../../src-main/core/secrets/key-file.ts';
import { FileAnchor } from '../../../src-main/core/services/audit-anchor.ts';
import { keyedHash } from '../../../src-main/core/services/audit-chain.ts';
import { verifyText } from '../../../src-shared/audit/verify.ts';
import { AppError } from '../../../src-shared/result.ts';
import { kuratorAsync as kurator } from '../../support/cli.ts';
import { CURATOR, makeCore, type TestCore } from '../../support/core.ts';
import { ENGINES } from '../../support/portal.ts';
import { tempDir } from '../../support/tmp.ts';
import { freePort } from '../../support/portal-process.ts';
import { addSchool, DESK, officeFor, portalSide, settle, sidesAgree, type PortalSide } from '../../support/sync.ts';
import { wide } from '../../unit/roster/helpers.ts';

const SIGNED_IN = { KURATOR_OPERATOR: CURATOR.login, KURATOR_PASSWORD: CURATOR.password, KURATOR_SYNC_TIMEOUT_MS: '5000' };

interface Row {
  id: number;
  at: string;
  operatorId: number | null;
  operatorLogin: string | null;
  action: string;
  personKind: string | null;
  personId: number | null;
  personLabel: string | null;
  details: string;
  prevHash: string;
  hash: string;
}
const SELECT = `SELECT id, at, operator_id AS operatorId, operator_login AS operatorLogin, action, person_kind AS personKind,
  person_id AS personId, person_label AS personLabel, details, prev_hash AS prevHash, hash FROM audit_log`;

/** The intruder: their own connection to the database, the journal's triggers dropped while they work. */
function tamper(dir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path.join(dir, 'kurator.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const triggers = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as {
      name: string;
      sql: string;
    }[];
    for (const tr of triggers) db.exec(`DROP TRIGGER ${tr.name}`);
    fn(db);
    for (const tr of triggers) db.exec(tr.sql);
  } finally {
    db.close();
  }
}

/** …and the anchor file signed again with the key from kurator.key, at the journal's new end. */
function reanchor(dir: string): void {
  const key = new OfficeSecrets(dir).auditKey();
  const db = new Database(path.join(dir, 'kurator.sqlite'), { readonly: true });
  try {
    const last = db.prepare(`${SELECT} ORDER BY id DESC LIMIT 1`).get() as Row;
    new FileAnchor(dir, key).reset({ id: last.id, hash: last.hash, at: last.at, keyedFrom: 1 });
  } finally {
    db.close();
  }
}

const viewRows = (t: TestCore, n: number) => {
  for (let i = 0; i < n; i++) {
    t.clock.advance(1000);
    t.core.audit.append(DESK, { action: 'person.view', person: { kind: 'student', id: 100 + i, label: `Семёнов Пётр ${i} (6А)` } });
  }
};
const lastId = (t: TestCore) => t.core.audit.portalHead()!.id;

describe.each(ENGINES)('the journal anchored on the portal (%s)', (engine) => {
  let side: PortalSide;
  let office: TestCore | null = null;
  let school: number;
  const dirs: { remove(): void }[] = [];

  beforeAll(async () => {
    side = await portalSide(engine);
  });
  afterEach(() => {
    office?.core.close();
    office = null;
  });
  afterAll(async () => {
    await side?.close();
    for (const d of dirs) d.remove();
  });

  const held = async () =>
    (
      await sql<{ device_id: string; head_id: number; head_hash: string }>`
        SELECT device_id, head_id, head_hash FROM audit_anchors WHERE school_id = ${school}`.execute(side.portal.portal.db)
    ).rows[0];
  const evidence = async () =>
    (
      await sql<{ kind: string; head_id: number; sent_id: number | null }>`
        SELECT kind, head_id, sent_id FROM audit_anchor_evidence WHERE school_id = ${school} ORDER BY at, kind`.execute(
        side.portal.portal.db,
      )
    ).rows;

  async function pairedOffice(): Promise<TestCore & { address: string }> {
    const added = await addSchool(side.portal.portal, side.origin);
    school = added.school;
    const dir = tempDir();
    dirs.push(dir);
    const t = await officeFor(added.address, dir.dir);
    office = t;
    await t.core.roster.importFile(DESK, wide('6А;Иванов;Пётр;Сергеевич;05.03.2014;М;Иванова Мария Петровна;89021702876;;;;'), 'list.csv');
    await t.core.sync.pair(DESK, added.address, added.key);
    await settle(t.core);
    viewRows(t, 6);
    await t.core.sync.round();
    return Object.assign(t, { address: added.address });
  }

  it('goes up with every round, even one with nothing else to send, and verify checks it', async () => {
    const t = await pairedOffice();
    const head = t.core.audit.portalHead()!;
    expect(await held()).toEqual({ device_id: expect.any(String), head_id: head.id, head_hash: head.hash });
    // Only the number, the hash and the office's MAC went up: no journal contents on the portal.
    const columns = await sql<{
      c: string;
    }>`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'audit_anchors'`.execute(side.portal.portal.db);
    expect(columns.rows.map((r) => r.c).sort()).toEqual(
      ['confirmed_at', 'device_id', 'head_hash', 'head_id', 'head_mac', 'received_at', 'school_id'].sort(),
    );

    viewRows(t, 2);
    expect(await t.core.sync.round()).toMatchObject({ pushed: 0, pulled: 0 });
    expect((await held())!.head_id).toBe(lastId(t));

    // Heads moved past are kept once a day (the first at once), and verify checks them too.
    const checkpoints = async () => (await evidence()).filter((e) => e.kind === 'checkpoint').length;
    expect(await checkpoints()).toBe(1);
    side.portal.clock.advance(24 * 60 * 60_000);
    for (let day = 0; day < 2; day++) {
      viewRows(t, 1);
      await t.core.sync.round();
    }
    expect(await checkpoints()).toBe(2);

    const verified = await t.core.sync.verifyJournal();
    expect(verified).toMatchObject({ ok: true, portal: { state: 'ok', anchorId: lastId(t) } });
    expect(verifyText(verified)).toMatch(/^Журнал цел: .* Сверено с отметкой на портале \(запись № \d+\)\.$/);
  });

  it('catches the last rows cut off even when the anchor file was signed again; a head going back is refused and kept', async () => {
    const t = await pairedOffice();
    const anchored = lastId(t);
    tamper(t.dir, (db) => db.prepare('DELETE FROM audit_log WHERE id > ?').run(anchored - 3));
    reanchor(t.dir);
    // The office's own check is fooled: the chain is sound and ends where the (re-signed) file says.
    expect(t.core.audit.verify()).toMatchObject({ ok: true });

    const verified = await t.core.sync.verifyJournal();
    expect(verified).toMatchObject({ ok: false, portal: { state: 'truncated', anchorId: anchored, badId: anchored - 2 } });
    expect(verifyText(verified)).toBe(
      `Журнал повреждён, начиная с записи № ${anchored - 2}: удалены последние записи: в журнале их меньше, чем было отмечено на портале при синхронизации. На портале отмечена запись № ${anchored}.`,
    );

    // The command line says the same and fails.
    t.core.close();
    const cli = await kurator(['audit', 'verify', '--data-dir', t.dir], SIGNED_IN);
    expect(cli.code, cli.stdout).toBe(1);
    expect(cli.stderr).toContain(`На портале отмечена запись № ${anchored}.`);
    const again = await makeCore({ dir: t.dir, setup: false });
    again.core.sync.timeoutMs = 5_000;
    office = again;

    // A round sends the shorter head: refused (the curator sees why), kept beside the head held.
    const round = await again.core.sync.round().catch((e: unknown) => e);
    expect(round).toBeInstanceOf(AppError);
    expect((round as AppError).reason).toBe('sync.anchor_refused');
    expect((await held())!.head_id).toBe(anchored);
    const refused = [{ kind: 'refused', head_id: anchored, sent_id: lastId(again) }];
    expect((await evidence()).filter((e) => e.kind === 'refused')).toEqual(refused);
    // Sent again every minute, it is still one piece of evidence.
    await expect(again.core.sync.round()).rejects.toThrow(AppError);
    expect((await evidence()).filter((e) => e.kind === 'refused')).toEqual(refused);

    // Written on past the old head, it is still refused: it does not stand on the head held.
    viewRows(again, 10);
    expect(lastId(again)).toBeGreaterThan(anchored);
    await expect(again.core.sync.round()).rejects.toThrow(AppError);
    expect((await held())!.head_id).toBe(anchored);
    expect((await evidence()).filter((e) => e.kind === 'refused')).toEqual(refused);
    expect(await again.core.sync.verifyJournal()).toMatchObject({ ok: false, portal: { state: 'rewritten', anchorId: anchored } });
  });

  it('catches a journal rewritten with the key (every hash recomputed, the anchor file re-signed)', async () => {
    const t = await pairedOffice();
    const anchored = lastId(t);
    const key = new OfficeSecrets(t.dir).auditKey();
    tamper(t.dir, (db) => {
      const rows = db.prepare(`${SELECT} WHERE id >= ? ORDER BY id`).all(anchored - 4) as Row[];
      db.prepare('DELETE FROM audit_log WHERE id >= ?').run(anchored - 4);
      const insert = db.prepare(`INSERT INTO audit_log (id, at, operator_id, operator_login, action, person_kind, person_id, person_label,
        details, prev_hash, hash) VALUES (@id, @at, @operatorId, @operatorLogin, @action, @personKind, @personId, @personLabel, @details,
        @prevHash, @hash)`);
      let prev = rows[0]!.prevHash;
      for (const r of rows) {
        const base = { ...r, prevHash: prev, personLabel: r.personLabel ? 'Кто-то другой (6А)' : null };
        const hash = keyedHash(key, base);
        insert.run({ ...base, hash });
        prev = hash;
      }
    });
    reanchor(t.dir);
    expect(t.core.audit.verify()).toMatchObject({ ok: true });
    const verified = await t.core.sync.verifyJournal();
    expect(verified).toMatchObject({ ok: false, portal: { state: 'rewritten', anchorId: anchored, badId: anchored } });
    expect(verifyText(verified)).toContain('записи заменены');
  });

  it('says plainly that the portal check was not done when the portal does not answer', async () => {
    const t = await pairedOffice();
    const secrets = new OfficeSecrets(t.dir);
    const pairing = secrets.portal()!;
    // A port nobody listens on. Not a fixed one in the kernel's ephemeral range: any listen(0) on the
    // machine (this suite's own servers among them) may be handed it, and ECONNREFUSED would not come.
    const dead = await freePort();
    secrets.setPortal({ ...pairing, address: pairing.address.replace(/:\d+\//, `:${dead}/`) });
    const verified = await t.core.sync.verifyJournal();
    expect(verified).toMatchObject({ ok: true, portal: { state: 'unchecked' } });
    expect(verifyText(verified)).toMatch(/^Журнал цел: .* С отметкой на портале не проверено — Портал недоступен \(ECONNREFUSED\)/);
    t.core.close();
    office = null;
    const cli = await kurator(['audit', 'verify', '--data-dir', t.dir], SIGNED_IN);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('С отметкой на портале не проверено');
  });

  it('a restore through Backups.restore makes the office a new device at once, and the head starts anew on the portal', async () => {
    const t = await pairedOffice();
    const deviceOf = () =>
      t.core.db.prepare('SELECT device_id AS d, device_registered AS r, previous_device_id AS p FROM sync_state').get() as {
        d: string;
        r: number;
        p: string | null;
      };
    const first = deviceOf().d;
    const backup = await t.core.backups.create(DESK, 'manual');
    viewRows(t, 5);
    t.core.roster.updatePerson(DESK, { id: t.core.roster.find('Иванов').hits[0]!.id, surname: 'Иваненко' });
    await settle(t.core);
    const before = (await held())!;

    await t.core.backups.restore(DESK, backup.path);
    // At once, before any round: a fresh device replacing the one the portal knows, its snapshot queued.
    expect(deviceOf()).toMatchObject({ r: 0, p: first });
    expect(deviceOf().d).not.toBe(first);
    expect(t.core.sync.status().pending).toBeGreaterThan(0);
    // The portal's head is the replaced database's: not this journal's, so not checked (and no failure).
    expect(await t.core.sync.verifyJournal()).toMatchObject({ ok: true, portal: { state: 'other_device' } });

    await settle(t.core);
    expect(await held()).toEqual({ device_id: deviceOf().d, head_id: lastId(t), head_hash: t.core.audit.portalHead()!.hash });
    expect(await evidence()).toContainEqual({ kind: 'replaced', head_id: before.head_id, sent_id: expect.any(Number) });
    expect(await t.core.sync.verifyJournal()).toMatchObject({ ok: true, portal: { state: 'ok' } });
    const sides = await sidesAgree(side.portal.portal, school, t.core);
    expect(sides.portal).toEqual(sides.office);

    // The same copy restored again: it replaces the device the portal knows now, not the copy's own.
    const second = deviceOf().d;
    t.clock.advance(60_000);
    await t.core.backups.restore(DESK, path.join(t.core.backupsDir, backup.fileName));
    expect(deviceOf()).toMatchObject({ r: 0, p: second });
    await settle(t.core);
    expect(t.core.sync.status()).toMatchObject({ superseded: false, lastError: null });
    expect(await t.core.sync.verifyJournal()).toMatchObject({ ok: true, portal: { state: 'ok' } });
  });
});
