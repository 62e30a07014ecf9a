import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendChange, appendChanges, readChanges } from '../../../src-portal/changes/log.ts';
import { ENGINES, makePortal, type TestPortal } from '../../support/portal.ts';

describe.each(ENGINES)('the change log on %s', (engine) => {
  let p: TestPortal;
  let school: number;
  beforeAll(async () => {
    p = await makePortal(engine);
    school = (await p.portal.schools.add({ name: 'Школа', address: 'https://log.test/hello' })).school;
  });
  afterAll(() => p.close());

  it('numbers each school’s changes 1, 2, 3 … and reads them in order, in pages', async () => {
    const other = (await p.portal.schools.add({ name: 'Другая', address: 'https://other.test/hello' })).school;
    for (let i = 0; i < 5; i++) {
      await p.portal.db.transaction().execute((trx) => appendChange(trx, p.clock, school, 'test', { i }));
    }
    await p.portal.db.transaction().execute((trx) => appendChange(trx, p.clock, other, 'test', { i: 'other' }));
    const first = await readChanges(p.portal.db, school, 0, 3);
    expect(first.map((c) => c.cursor)).toEqual([1, 2, 3]);
    const rest = await readChanges(p.portal.db, school, 3, 10);
    expect(rest.map((c) => c.payload)).toEqual([{ i: 3 }, { i: 4 }]);
    expect((await readChanges(p.portal.db, other, 0, 10)).map((c) => c.cursor)).toEqual([1]);
  });

  it('appends several changes in one statement, in the order given, after those the transaction appended before', async () => {
    const before = (await readChanges(p.portal.db, school, 0, 100)).length;
    const cursors = await p.portal.db.transaction().execute(async (trx) => {
      const first = await appendChange(trx, p.clock, school, 'test', { n: 'a' });
      const next = await appendChanges(trx, p.clock, school, [
        { type: 'test', payload: { n: 'b' } },
        { type: 'other', payload: { n: 'c' } },
      ]);
      return [first, ...next, await appendChange(trx, p.clock, school, 'test', { n: 'd' })];
    });
    expect(cursors).toEqual([before + 1, before + 2, before + 3, before + 4]);
    const added = await readChanges(p.portal.db, school, before, 100);
    expect(added.map((c) => [c.type, c.payload.n])).toEqual([
      ['test', 'a'],
      ['test', 'b'],
      ['other', 'c'],
      ['test', 'd'],
    ]);
  });

  it('leaves no number behind when a transaction rolls back', async () => {
    const before = (await readChanges(p.portal.db, school, 0, 100)).length;
    await expect(
      p.portal.db.transaction().execute(async (trx) => {
        await appendChange(trx, p.clock, school, 'test', { lost: true });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await p.portal.db.transaction().execute((trx) => appendChange(trx, p.clock, school, 'test', { kept: true }));
    const all = await readChanges(p.portal.db, school, 0, 100);
    expect(all).toHaveLength(before + 1);
    expect(all.at(-1)!.cursor).toBe(before + 1);
  });
});

describe('the change log under concurrent writers (PostgreSQL)', () => {
  it('gives cursors in commit order: a reader that saw cursor N never misses a later commit below N', async () => {
    const p = await makePortal('postgres');
    try {
      const school = (await p.portal.schools.add({ name: 'Школа', address: 'https://race.test/hello' })).school;
      const seen: number[] = [];
      let writing = true;
      const reader = (async () => {
        let after = 0;
        // Reads while the writers run, then once more after they are all done.
        for (let last = false; ;) {
          const page = await readChanges(p.portal.db, school, after, 100);
          for (const c of page) seen.push(c.cursor);
          if (page.length) after = page.at(-1)!.cursor;
          else if (last) break;
          else await new Promise((r) => setTimeout(r, 5));
          last = !writing;
        }
      })();
      await Promise.all(
        Array.from({ length: 6 }, (_, w) =>
          (async () => {
            for (let i = 0; i < 10; i++) {
              await p.portal.db.transaction().execute(async (trx) => {
                // Several appends in one transaction take the school's lock once; it holds until the commit.
                await appendChange(trx, p.clock, school, 'test', { w, i });
                await new Promise((r) => setTimeout(r, Math.random() * 5));
                await appendChanges(trx, p.clock, school, [{ type: 'test', payload: { w, i, again: true } }]);
                await new Promise((r) => setTimeout(r, Math.random() * 10)); // a slow commit
              });
            }
          })(),
        ),
      );
      writing = false;
      await reader;
      expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    } finally {
      await p.close();
    }
  });
});
