// The keyed chain and its anchor outside the database: a journal of an older version goes on keyed,
// the anchor follows every committed append (and only committed ones), and what verify says when
// the anchor or the key is not what the journal expects.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, tx } from '../../src-main/core/db/database.ts';
import { MIGRATIONS } from '../../src-main/core/db/migrations/index.ts';
import { GENESIS_HASH, legacyHash } from '../../src-main/core/services/audit-chain.ts';
import { anchorFilePath } from '../../src-main/core/services/audit-anchor.ts';
import { keyFilePath } from '../../src-main/core/secrets/key-file.ts';
import { makeCore, type TestCore } from '../support/core.ts';
import { tempDir } from '../support/tmp.ts';

const actor = { operatorId: null, login: 'test', via: 'app' as const };
const anchorOf = (dir: string) => JSON.parse(fs.readFileSync(anchorFilePath(dir), 'utf8')) as { id: number; keyedFrom: number };

/** A data folder as an older version left it: a journal hashed without a key, no key file, no anchor. */
async function legacyFolder(dir: string, rows: number): Promise<void> {
  const db = await openDatabase(path.join(dir, 'kurator.sqlite'), { migrations: MIGRATIONS.slice(0, 3) });
  let prevHash = GENESIS_HASH;
  for (let id = 1; id <= rows; id++) {
    const row = {
      id,
      at: `2026-09-0${id}T10:00:00.000Z`,
      operatorId: null,
      operatorLogin: 'curator',
      action: 'person.view',
      personKind: 'student',
      personId: 100 + id,
      personLabel: `Ученик ${id}`,
      details: '{}',
      prevHash,
    };
    const hash = legacyHash(row);
    db.prepare(
      `INSERT INTO audit_log (id, at, operator_id, operator_login, action, person_kind, person_id, person_label, details, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...Object.values(row), hash);
    prevHash = hash;
  }
  db.close();
}

describe('the keyed journal and its anchor', () => {
  const open: TestCore[] = [];
  const dirs: ReturnType<typeof tempDir>[] = [];
  afterEach(() => {
    open.splice(0).forEach((c) => c.core.close());
    dirs.splice(0).forEach((d) => d.remove());
  });
  const core = async (dir: string, setup = false) => {
    const c = await makeCore({ dir, setup });
    open.push(c);
    return c;
  };
  const folder = () => {
    const d = tempDir();
    dirs.push(d);
    return d.dir;
  };

  it('keys a journal of an older version from a marker row on, keeping the old rows verifiable as they were', async () => {
    const dir = folder();
    await legacyFolder(dir, 3);
    const t = await core(dir);
    const rows = t.core.audit.page({}, 10, 0).rows;
    expect(rows[0]).toMatchObject({ id: 4, action: 'audit.keyed', details: { legacyRows: 3 } });
    t.core.audit.append(actor, { action: 'auth.sign_in' });
    expect(t.core.audit.verify()).toMatchObject({ ok: true, checked: 5, legacy: 3, anchorId: 5 });
    expect(anchorOf(dir)).toMatchObject({ id: 5, keyedFrom: 4 });
    // Opened again: no second marker.
    const again = await core(dir);
    expect(again.core.audit.page({ action: 'audit.keyed' }, 10, 0).total).toBe(1);
    expect(fs.statSync(anchorFilePath(dir)).mode & 0o777).toBe(0o600);
  });

  it('still finds an edited old row, and a rewrite that turns the keyed rows back into unkeyed ones', async () => {
    const dir = folder();
    await legacyFolder(dir, 3);
    const t = await core(dir);
    t.core.audit.append(actor, { action: 'auth.sign_in' });
    t.core.db.exec('DROP TRIGGER audit_log_no_update');
    t.core.db.prepare("UPDATE audit_log SET person_label = 'Кто-то' WHERE id = 2").run();
    expect(t.core.audit.verify()).toMatchObject({ ok: false, reason: 'hash', badId: 2 });
    t.core.db.prepare("UPDATE audit_log SET person_label = 'Ученик 2' WHERE id = 2").run();
    expect(t.core.audit.verify()).toMatchObject({ ok: true });
    // The marker and the row after it recomputed without the key, as if they had never been keyed.
    for (const id of [4, 5]) {
      const r = t.core.db
        .prepare(
          `SELECT id, at, operator_id AS operatorId, operator_login AS operatorLogin, action, person_kind AS personKind,
             person_id AS personId, person_label AS personLabel, details, prev_hash AS prevHash FROM audit_log WHERE id = ?`,
        )
        .get(id) as Parameters<typeof legacyHash>[0];
      const prev = t.core.db
        .prepare('SELECT hash FROM audit_log WHERE id = ?')
        .pluck()
        .get(id - 1) as string;
      const row = { ...r, prevHash: prev };
      t.core.db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, legacyHash(row), id);
    }
    expect(t.core.audit.verify()).toMatchObject({ ok: false, reason: 'rewritten', badId: 4 });
  });

  it('moves the anchor only to committed rows: a rolled-back append leaves it where it was', async () => {
    const t = await core(folder(), true);
    const before = anchorOf(t.dir).id;
    expect(() =>
      tx(t.core.db, () => {
        t.core.audit.append(actor, { action: 'test.rolled_back' });
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    await Promise.resolve();
    expect(anchorOf(t.dir).id).toBe(before);
    tx(t.core.db, () => t.core.audit.append(actor, { action: 'test.committed' }));
    await new Promise((r) => setImmediate(r));
    expect(anchorOf(t.dir).id).toBe(before + 1);
    expect(t.core.audit.verify()).toMatchObject({ ok: true });
  });

  it('accepts a journal ahead of its anchor (a crash between commit and anchor), never one behind it', async () => {
    const t = await core(folder(), true);
    const saved = fs.readFileSync(anchorFilePath(t.dir));
    t.core.audit.append(actor, { action: 'test.a' });
    t.core.audit.append(actor, { action: 'test.b' });
    fs.writeFileSync(anchorFilePath(t.dir), saved); // as if the process died before writing it
    expect(t.core.audit.verify()).toMatchObject({ ok: true, anchorId: 1 });
    t.core.audit.append(actor, { action: 'test.c' });
    expect(anchorOf(t.dir).id).toBe(4);
  });

  it('two processes appending in turn keep one anchor at the newest row', async () => {
    const a = await core(folder(), true);
    const b = await core(a.dir);
    for (let i = 0; i < 10; i++) (i % 2 ? a : b).core.audit.append(actor, { action: 'test.turn' });
    expect(anchorOf(a.dir).id).toBe(11);
    expect(a.core.audit.verify()).toMatchObject({ ok: true, checked: 11 });
    expect(b.core.audit.verify()).toMatchObject({ ok: true, checked: 11 });
  });

  it('says the anchor is missing, and does not make a new one that would hide the evidence', async () => {
    const t = await core(folder(), true);
    fs.rmSync(anchorFilePath(t.dir));
    t.core.audit.append(actor, { action: 'auth.sign_in' });
    expect(fs.existsSync(anchorFilePath(t.dir))).toBe(false);
    expect(t.core.audit.verify()).toMatchObject({ ok: false, reason: 'anchor_missing' });
    const again = await core(t.dir);
    expect(again.core.audit.verify()).toMatchObject({ ok: false, reason: 'anchor_missing' });
  });

  it('says the anchor was edited when it no longer carries its signature', async () => {
    const t = await core(folder(), true);
    t.core.audit.append(actor, { action: 'a' });
    t.core.audit.append(actor, { action: 'b' });
    const anchor = JSON.parse(fs.readFileSync(anchorFilePath(t.dir), 'utf8')) as Record<string, unknown>;
    // Cut the last row and point the anchor at the new end, copying its hash from the database.
    t.core.db.exec('DROP TRIGGER audit_log_no_delete');
    t.core.db.prepare('DELETE FROM audit_log WHERE id = 3').run();
    const hash = t.core.db.prepare('SELECT hash FROM audit_log WHERE id = 2').pluck().get();
    fs.writeFileSync(anchorFilePath(t.dir), JSON.stringify({ ...anchor, id: 2, hash }));
    expect(t.core.audit.verify()).toMatchObject({ ok: false, reason: 'anchor_invalid' });
    fs.writeFileSync(anchorFilePath(t.dir), 'not json');
    expect(t.core.audit.verify()).toMatchObject({ ok: false, reason: 'anchor_invalid' });
  });

  it('says the key is not the journal’s when kurator.key was replaced', async () => {
    const t = await core(folder(), true);
    t.core.close();
    fs.rmSync(keyFilePath(t.dir));
    const again = await core(t.dir);
    expect(again.core.audit.verify()).toMatchObject({ ok: false, reason: 'key' });
    // Without the anchor either, the rows themselves tell: none matches this key or no key.
    fs.rmSync(anchorFilePath(t.dir));
    expect(again.core.audit.verify()).toMatchObject({ ok: false, reason: 'key', badId: 1 });
  });
});
