import { describe, expect, it } from 'vitest';
import { assertHealthy, dbAtVersion, migrateTo } from '../../../support/migrations.ts';

const ZERO = '0'.repeat(64);
const insert = `INSERT INTO audit_log (id, at, action, details, prev_hash, hash) VALUES (?, 't', 'a', '{}', ?, ?)`;
const replace = insert.replace('INSERT INTO', 'INSERT OR REPLACE INTO');

describe('migration 0004 (the journal takes rows only at its end)', () => {
  it('keeps the journal of version 3 and refuses REPLACE, rows under a used or free number, and broken links', () => {
    const db = dbAtVersion(3);
    db.prepare(insert).run(1, ZERO, 'h1');
    db.prepare(insert).run(2, 'h1', 'h2');
    // What version 3 let through: REPLACE deletes the old row without firing the delete trigger.
    db.prepare(replace).run(2, 'h1', 'h2-forged');
    expect(db.prepare('SELECT hash FROM audit_log WHERE id = 2').pluck().get()).toBe('h2-forged');
    migrateTo(db, 4);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(2);
    expect(() => db.prepare(replace).run(2, 'h1', 'h2-again')).toThrow('audit_log is append-only');
    expect(() => db.prepare(insert.replace('INSERT INTO', 'REPLACE INTO')).run(3, 'h2-forged', 'h1')).toThrow('append-only');
    expect(() => db.prepare(insert).run(5, 'h2-forged', 'h5')).toThrow('append-only'); // a free number, not the next
    expect(() => db.prepare(insert).run(3, 'h1', 'h3')).toThrow('append-only'); // not linked to the last row
    db.prepare(insert).run(3, 'h2-forged', 'h3');
    expect(db.prepare('SELECT id, hash FROM audit_log ORDER BY id').all()).toEqual([
      { id: 1, hash: 'h1' },
      { id: 2, hash: 'h2-forged' },
      { id: 3, hash: 'h3' },
    ]);
    assertHealthy(db);
  });

  it('lets a new journal start at row 1 linked to the genesis hash', () => {
    const db = dbAtVersion(4);
    expect(() => db.prepare(insert).run(1, 'x', 'h1')).toThrow('append-only');
    db.prepare(insert).run(1, ZERO, 'h1');
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
  });
});
