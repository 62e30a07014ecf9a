// Numbering the outbox for a push (store.stageBatch): the rows already numbered come first, as they
// were; the push is topped up with the oldest unnumbered rows in their order, numbered on from the
// last number given, whatever ids were removed between them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { makeCore, type TestCore } from '../../support/core.ts';
import * as store from '../../../src-main/core/sync/store.ts';
import { tx } from '../../../src-main/core/db/database.ts';

describe('staging a push', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeCore();
  });
  afterEach(() => t.close());

  it('numbers the oldest rows in id order, keeps numbered ones first, and goes on after acknowledged ones', () => {
    const db = t.core.db;
    tx(db, () => store.startDevice(db, { schoolId: 1, deviceId: randomUUID(), registered: true, previousDeviceId: null, generation: 'g' }));
    const add = db.prepare("INSERT INTO sync_outbox (entity, key) VALUES ('person', ?)");
    const ids = Array.from({ length: 12 }, (_, i) => Number(add.run(`p${i}`).lastInsertRowid));
    // Rows removed before they were numbered leave gaps in the ids.
    db.prepare('DELETE FROM sync_outbox WHERE id IN (?, ?)').run(ids[3], ids[7]);
    const all = db.prepare('SELECT id FROM sync_outbox ORDER BY id').pluck().all() as number[];

    const first = tx(db, () => store.stageBatch(db, 5));
    expect(first.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    const idOf = db.prepare('SELECT id FROM sync_outbox WHERE seq = ?').pluck();
    expect(first.map((r) => idOf.get(r.seq))).toEqual(all.slice(0, 5));
    // Not acknowledged: the same rows again, nothing new numbered.
    expect(tx(db, () => store.stageBatch(db, 5))).toEqual(first);
    // Three acknowledged: the other two first, then the next three oldest, numbered on.
    tx(db, () => store.acknowledge(db, 3, 'c'));
    const second = tx(db, () => store.stageBatch(db, 5));
    expect(second.map((r) => r.seq)).toEqual([4, 5, 6, 7, 8]);
    expect(second.map((r) => idOf.get(r.seq))).toEqual(all.slice(3, 8));
    tx(db, () => store.acknowledge(db, 8, 'c'));
    const rest = tx(db, () => store.stageBatch(db, 100));
    expect(rest.map((r) => r.seq)).toEqual(Array.from({ length: all.length - 8 }, (_, i) => 9 + i));
    expect(rest.map((r) => idOf.get(r.seq))).toEqual(all.slice(8));
  });
});
