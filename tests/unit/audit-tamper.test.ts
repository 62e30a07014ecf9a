// The attacks on the journal from issue #11, made the way an intruder would: another connection to
// the database file (a SQLite editor), triggers dropped and recreated, hashes recomputed with the
// published algorithm — SHA-256 of the row's canonical JSON, which needs no secret. Each must be
// found by `audit verify`, and named.
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../support/core.ts';

const actor = { operatorId: 1, login: 'curator', via: 'app' as const };

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
  hash?: string;
}

/** What anyone can compute: the unkeyed hash of a row (the algorithm is in the sources). */
const sha = (r: Row): string =>
  createHash('sha256')
    .update(
      JSON.stringify([r.id, r.at, r.operatorId, r.operatorLogin, r.action, r.personKind, r.personId, r.personLabel, r.details, r.prevHash]),
      'utf8',
    )
    .digest('hex');

const SELECT = `SELECT id, at, operator_id AS operatorId, operator_login AS operatorLogin, action, person_kind AS personKind,
  person_id AS personId, person_label AS personLabel, details, prev_hash AS prevHash, hash FROM audit_log`;
const INSERT = `INSERT INTO audit_log (id, at, operator_id, operator_login, action, person_kind, person_id, person_label, details,
  prev_hash, hash) VALUES (@id, @at, @operatorId, @operatorLogin, @action, @personKind, @personId, @personLabel, @details, @prevHash, @hash)`;

/** The intruder's own connection to the office's database file. */
function intruder(dir: string): Database.Database {
  const db = new Database(path.join(dir, 'kurator.sqlite'));
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Runs `fn` with the journal's triggers dropped, then puts them back as they were. */
function withoutTriggers(db: Database.Database, fn: () => void): void {
  const triggers = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as {
    name: string;
    sql: string;
  }[];
  for (const tr of triggers) db.exec(`DROP TRIGGER ${tr.name}`);
  fn();
  for (const tr of triggers) db.exec(tr.sql);
}

describe('journal attacks (issue #11)', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
    for (let i = 0; i < 6; i++) {
      t.clock.advance(1000);
      t.core.audit.append(actor, {
        action: 'person.view',
        person: { kind: 'student', id: 100 + i, label: `Семёнов Пётр ${i} (6А)` },
      });
    }
    expect(t.core.audit.verify()).toMatchObject({ ok: true });
  });
  afterEach(() => t.close());

  it('finds the last rows deleted (truncation)', () => {
    const db = intruder(t.dir);
    withoutTriggers(db, () => db.prepare('DELETE FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log)').run());
    db.close();
    expect(t.core.audit.verify()).toMatchObject({ ok: false, reason: 'truncated' });
  });

  it('finds a row appended with a recomputed hash (forged append)', () => {
    const db = intruder(t.dir);
    const last = db.prepare(`${SELECT} ORDER BY id DESC LIMIT 1`).get() as Row;
    const forged: Row = {
      ...last,
      id: last.id + 1,
      at: new Date(Date.parse(last.at) + 1000).toISOString(),
      action: 'codes.revoke',
      details: '{"reason":"по просьбе родителя"}',
      prevHash: last.hash!,
    };
    db.prepare(INSERT).run({ ...forged, hash: sha(forged) });
    db.close();
    expect(t.core.audit.verify()).toMatchObject({ ok: false, reason: 'forged', badId: last.id + 1 });
  });

  it('refuses INSERT OR REPLACE over a row, and finds one made with the triggers dropped', () => {
    const db = intruder(t.dir);
    const last = db.prepare(`${SELECT} ORDER BY id DESC LIMIT 1`).get() as Row;
    const replaced: Row = { ...last, personLabel: 'Кто-то другой (6А)' };
    const replace = db.prepare(INSERT.replace('INSERT INTO', 'INSERT OR REPLACE INTO'));
    expect(() => replace.run({ ...replaced, hash: sha(replaced) })).toThrow(/append-only/);
    expect(() => db.prepare(INSERT.replace('INSERT INTO', 'REPLACE INTO')).run({ ...replaced, hash: sha(replaced) })).toThrow(
      /append-only/,
    );
    expect(db.prepare(`${SELECT} WHERE id = ?`).get(last.id)).toEqual(last);
    withoutTriggers(db, () => replace.run({ ...replaced, hash: sha(replaced) }));
    db.close();
    expect(t.core.audit.verify()).toMatchObject({ ok: false, reason: 'forged', badId: last.id });
  });

  it('finds the whole chain rewritten (a row taken out, the rest renumbered and rehashed)', () => {
    const db = intruder(t.dir);
    const rows = db.prepare(`${SELECT} ORDER BY id`).all() as Row[];
    const kept = rows.filter((r) => r.personId !== 103);
    withoutTriggers(db, () => {
      db.prepare('DELETE FROM audit_log').run();
      let prevHash = '0'.repeat(64);
      kept.forEach((r, i) => {
        const row: Row = { ...r, id: i + 1, prevHash };
        row.hash = sha(row);
        db.prepare(INSERT).run(row);
        prevHash = row.hash;
      });
    });
    db.close();
    expect(t.core.audit.verify()).toMatchObject({ ok: false, reason: 'rewritten' });
  });

  it('still reads clean after the app itself appends, restarts and appends again', async () => {
    t.core.audit.append(actor, { action: 'auth.sign_out' });
    t.core.close();
    const again = await makeCore({ setup: false, dir: t.dir });
    again.core.audit.append(actor, { action: 'auth.sign_in' });
    expect(again.core.audit.verify()).toMatchObject({ ok: true, checked: 9 });
    again.core.close();
  });
});
