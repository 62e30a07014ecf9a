// Issue #10 «Backups that restore», with #11's anchor: copies carry a signed manifest; a restore checks
// the file before touching anything, saves the current state first, and starts a new anchored head
// with a journal row, so that it never reads as tampering.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMaintenance } from '../../src-main/core/maintenance.ts';
import { openDatabase } from '../../src-main/core/db/database.ts';
import { MIGRATIONS } from '../../src-main/core/db/migrations/index.ts';
import { MANIFEST_TABLE } from '../../src-main/core/services/backup-manifest.ts';
import type { RestoredHead } from '../../src-main/core/services/audit-anchor.ts';
import { CURATOR, makeCore, SCHOOL, TEST_COST, type TestCore } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';
import { DESK, auditRows, importBytes, wide } from './roster/helpers.ts';
import { legacyDatabase } from '../support/legacy.ts';
import { openCore } from '../../src-main/core/core.ts';

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('backups that restore', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
    await importBytes(t.core, wide('6А;Семёнов;Пётр;Ильич;05.03.2014;М;Семёнова Анна Петровна;+7 902 170-28-76;anna@example.ru;;;'));
  });
  afterEach(() => t.close());

  /** The state a test can compare: people, the journal's length, the live file's bytes. */
  const state = () => ({
    people: t.core.db.prepare('SELECT surname, name, phone FROM people ORDER BY id').all(),
    journal: t.core.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number,
  });

  it('makes copies readable by the user only, each with a manifest that anchors its journal', async () => {
    const made = await t.core.backups.create(DESK, 'manual');
    expect(mode(made.path)).toBe(0o600);
    expect(made).toMatchObject({ kind: 'manual', auditRows: expect.any(Number) });
    const copy = new Database(made.path, { readonly: true });
    const manifest = JSON.parse(copy.prepare(`SELECT manifest FROM ${MANIFEST_TABLE}`).pluck().get() as string) as {
      audit: { id: number; hash: string; mac: string };
      school: string;
    };
    const last = copy.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get();
    copy.close();
    expect(manifest).toMatchObject({ school: SCHOOL.schoolName, audit: last });
    expect(t.core.backups.list()[0]).toMatchObject({ fileName: made.fileName, kind: 'manual', auditRows: manifest.audit.id });
    expect(fs.readdirSync(t.core.backupsDir)).toEqual([made.fileName]); // one file: it can go to a USB stick as it is
  });

  it('restores: the file checked first, the current state saved, the journal going on with a row that says so', async () => {
    const before = state();
    const found = t.core.roster.find('семёнов').total; // the boy and his mother
    const backup = await t.core.backups.create(DESK, 'manual');
    // Work after the copy: an edit, a new parent, more journal rows.
    const student = t.core.roster.find('семёнов').hits[0]!;
    t.core.roster.updatePerson(DESK, { id: student.id, surname: 'Иванов' });
    await t.core.auth.signIn('tab', CURATOR.login, CURATOR.password);
    const sinkCalls: RestoredHead[] = [];
    const listenerCalls: RestoredHead[] = [];
    t.core.audit.addSink({ headChanged: () => undefined, restored: (r) => sinkCalls.push(r) });
    t.core.backups.onRestored((r) => listenerCalls.push(r));

    const check = await t.core.backups.check(backup.path);
    expect(check).toMatchObject({ anchored: true, students: 1, guardians: 1, operators: 1, audit: { ok: true } });

    const done = await t.core.backups.restore(DESK, t.core.backups.resolve(backup.fileName));
    expect(state().people).toEqual(before.people);
    expect(t.core.roster.find('семёнов').total).toBe(found); // the search index follows the restored roster
    expect(t.core.roster.find('иванов').total).toBe(0);
    // The state before the restore is a copy of its own, with the edit in it.
    const saved = new Database(done.savedAs, { readonly: true });
    expect(saved.prepare("SELECT count(*) FROM people WHERE surname = 'Иванов'").pluck().get()).toBe(1);
    // ...and its journal ending with «restore started from …».
    expect(saved.prepare('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get()).toBe('audit.restore_started');
    saved.close();
    expect(path.basename(done.savedAs)).toMatch(/-before-restore\.sqlite$/);
    // The journal: the copy's rows, then «restored from …»; sound, anchored, never read as tampering.
    const [last] = t.core.audit.page({}, 1, 0).rows;
    expect(last).toMatchObject({ action: 'audit.restored', details: { from: backup.fileName, savedAs: path.basename(done.savedAs) } });
    expect(t.core.audit.verify()).toMatchObject({ ok: true, anchorId: last!.id });
    expect(sinkCalls).toEqual(listenerCalls);
    expect(sinkCalls[0]).toMatchObject({ from: backup.fileName, head: { id: last!.id } });
    // Every desk session ends: the operators they stood on were replaced.
    expect(t.core.auth.current('tab')).toBeUndefined();
    // And the journal goes on from there.
    t.core.audit.append(DESK, { action: 'auth.sign_in' });
    expect(t.core.audit.verify()).toMatchObject({ ok: true });
  });

  it('refuses a damaged file, another program’s file, a newer version, a doctored journal and another office’s copy, touching nothing', async () => {
    const backup = await t.core.backups.create(DESK, 'manual');
    const dir = tempDir();
    const variant = (name: string, change: (db: Database.Database) => void) => {
      const file = path.join(dir.dir, name);
      fs.copyFileSync(backup.path, file);
      const db = new Database(file);
      change(db);
      db.close();
      return file;
    };
    const damaged = path.join(dir.dir, 'damaged.sqlite');
    const bytes = fs.readFileSync(backup.path);
    bytes.fill(0x55, 4096, 8192); // a page overwritten
    fs.writeFileSync(damaged, bytes);
    const notOurs = path.join(dir.dir, 'other.sqlite');
    new Database(notOurs).exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    const newer = variant('newer.sqlite', (db) => db.pragma(`user_version = ${MIGRATIONS.length + 1}`));
    const truncated = variant('truncated.sqlite', (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').run();
    });
    const edited = variant('edited.sqlite', (db) => {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare("UPDATE audit_log SET operator_login = 'кто-то' WHERE id = 1").run();
    });
    const other = await makeCore();
    const foreign = (await other.core.backups.create(DESK, 'manual')).path;

    const journal = state().journal;
    const refusals: [string, string][] = [
      [damaged, 'restore.damaged'],
      [notOurs, 'restore.not_kurator'],
      [path.join(dir.dir, 'missing.sqlite'), 'restore.unreadable'],
      [newer, 'restore.too_new'],
      [truncated, 'restore.journal'],
      [edited, 'restore.journal'],
      [foreign, 'restore.other_key'],
    ];
    for (const [file, reason] of refusals) {
      await expect(t.core.backups.restore(DESK, file), file).rejects.toMatchObject({ reason });
    }
    await expect(t.core.backups.check(truncated)).rejects.toMatchObject({ params: { reason: 'truncated' } });
    // Nothing restored, no copy «before restore» made; each refusal journaled.
    expect(state().people).toHaveLength(2);
    expect(t.core.backups.list().map((b) => b.kind)).toEqual(['manual']);
    expect(auditRows(t.core, 'backup.restore_refused').map((r) => r.details.reason)).toEqual(refusals.map(([, r]) => r).reverse());
    expect(state().journal).toBe(journal + refusals.length);
    expect(t.core.audit.verify()).toMatchObject({ ok: true });
    expect(fs.readdirSync(t.dir).filter((f) => f.includes('.restore'))).toEqual([]); // no staged copy left behind
    other.close();
    dir.remove();
  });

  it('restores a copy an older version made (no manifest, unkeyed journal) only when told, bringing it up to date', async () => {
    const old = tempDir();
    const legacy = path.join(old.dir, 'legacy.sqlite');
    await legacyDatabase(legacy, 2);
    await expect(t.core.backups.restore(DESK, legacy)).rejects.toMatchObject({ reason: 'restore.unanchored' });
    const checked = await t.core.backups.check(legacy);
    expect(checked).toMatchObject({ anchored: false, schemaVersion: 3, audit: { ok: true, legacy: 2 } });
    await t.core.backups.restore(DESK, legacy, { acceptUnanchored: true });
    expect(t.core.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(t.core.audit.page({}, 4, 0).rows.map((r) => r.action)).toEqual([
      'audit.restored',
      'audit.keyed',
      'person.view',
      'setup.complete',
    ]);
    expect(t.core.audit.verify(), JSON.stringify(t.core.audit.verify())).toMatchObject({ ok: true, legacy: 2 });
    old.remove();
  });

  it('makes one daily copy a day and removes daily copies older than the setting, keeping the others', async () => {
    t.core.settings.update(DESK, { backupKeepDays: 3 });
    await t.core.backups.create(DESK, 'manual');
    const first = await t.core.backups.runDaily();
    expect(first.made).toMatchObject({ kind: 'daily' });
    expect(mode(first.made!.path)).toBe(0o600);
    expect((await t.core.backups.runDaily()).made).toBeNull();
    for (let day = 1; day <= 4; day++) {
      t.clock.advance(24 * 60 * 60_000);
      await t.core.backups.runDaily();
    }
    const kinds = t.core.backups.list().map((b) => b.kind);
    expect(kinds.filter((k) => k === 'daily')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'manual')).toHaveLength(1);
    expect(auditRows(t.core, 'backup.prune').map((r) => r.details)).toEqual([
      { removed: 1, keepDays: 3 },
      { removed: 1, keepDays: 3 },
    ]);
    expect(auditRows(t.core, 'backup.auto')).toHaveLength(5);
  });

  it('the running app makes the day’s copy as it starts', async () => {
    const stop = startMaintenance(t.core);
    try {
      await vi.waitFor(() => expect(t.core.backups.list().map((b) => b.kind)).toContain('daily'), { timeout: 10_000 });
    } finally {
      stop();
    }
  });

  it('gives the copy made before a database upgrade a manifest too', async () => {
    const old = tempDir();
    const db = await openDatabase(path.join(old.dir, 'kurator.sqlite'), { migrations: MIGRATIONS.slice(0, 3) });
    db.close();
    const core = await openCore({ dataDir: old.dir, mode: 'cli', passwordCost: TEST_COST });
    const [made] = core.backups.list();
    expect(made).toMatchObject({ kind: 'before-upgrade', auditRows: 0 });
    expect(mode(made!.path)).toBe(0o600);
    core.close();
    old.remove();
  });
});
