// An import applies the roster inside the transaction importFile opens. A savepoint of its own
// inside that transaction made every insert keep its statement journal to the end (SQLite truncates
// the sub-journal only when no savepoint is open): for 20,000 students, about 1 GB of temp-file
// writes and three times the CPU of the same inserts without it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeCore, type TestCore } from '../../support/core.ts';
import { applyRoster } from '../../../src-main/core/roster/apply.ts';
import { parseRoster } from '../../../src-main/core/roster/import/index.ts';
import { counts, importBytes, snapshot, wide } from './helpers.ts';

const FILE = wide(
  '6А;Иванова;Мария;Петровна;05.03.2012;Ж;Иванова Анна Сергеевна;8 (902) 170-28-76;;;;',
  '7А;Орлов;Никита;;15.07.2011;М;Орлова Елена;;;;;',
);

let t: TestCore;
afterEach(() => t?.close());

describe('applyRoster and transactions', () => {
  it('inside the caller’s transaction opens no savepoint of its own', async () => {
    t = await makeCore();
    const db = t.core.db;
    const parsed = await parseRoster(FILE, 'список.csv', {}, { clock: t.clock });
    const report = db
      .transaction(() => {
        const transaction = vi.spyOn(db, 'transaction');
        const r = applyRoster(db, parsed, { at: new Date(t.clock.now()).toISOString(), dryRun: false });
        expect(transaction).not.toHaveBeenCalled();
        transaction.mockRestore();
        return r;
      })
      .immediate();
    expect(report.students).toEqual(counts(2, 0, 0));
    expect(snapshot(t.core).people).toHaveLength(4);
  });

  it('an import through importFile is all or nothing with it', async () => {
    t = await makeCore();
    t.core.db.exec(`CREATE TEMP TRIGGER refuse AFTER INSERT ON main.people WHEN new.kind = 'guardian'
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    const before = snapshot(t.core);
    await expect(importBytes(t.core, FILE)).rejects.toThrow('disk says no');
    expect(snapshot(t.core)).toEqual(before);
  });

  it('a dry run inside a transaction still writes nothing', async () => {
    t = await makeCore();
    const parsed = await parseRoster(FILE, 'список.csv', {}, { clock: t.clock });
    const before = snapshot(t.core);
    const report = t.core.db
      .transaction(() => applyRoster(t.core.db, parsed, { at: new Date(t.clock.now()).toISOString(), dryRun: true }))
      .immediate();
    expect(report.students).toEqual(counts(2, 0, 0));
    expect(snapshot(t.core)).toEqual(before);
  });

  it('outside a transaction it is all or nothing on its own', async () => {
    t = await makeCore();
    const parsed = await parseRoster(FILE, 'список.csv', {}, { clock: t.clock });
    t.core.db.exec(`CREATE TEMP TRIGGER refuse AFTER INSERT ON main.people WHEN new.kind = 'guardian'
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    const before = snapshot(t.core);
    expect(() => applyRoster(t.core.db, parsed, { at: new Date(t.clock.now()).toISOString(), dryRun: false })).toThrow('disk says no');
    expect(snapshot(t.core)).toEqual(before);
  });
});
