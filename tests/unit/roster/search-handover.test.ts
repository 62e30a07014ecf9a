// An index built elsewhere (the import's worker) and handed over: it crosses threads packed and comes
// back the same; until it arrives a search is served from the index as it was, but only when the
// import's commit is the one change since — any other change rebuilds, so nothing stale is shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { buildSearchData, loadSearchSource, packSearchIndex, unpackSearchIndex } from '../../../src-main/core/roster/search-data.ts';
import type { Committing } from '../../../src-main/core/roster/search.ts';
import { makeCore, type TestCore } from '../../support/core.ts';
import { DESK, wide } from './helpers.ts';

const FIRST = wide('6А;Иванова;Мария;Петровна;05.03.2012;Ж;Иванова Анна Сергеевна;8 (902) 170-28-76;anna.ivanova@mail.ru;;;');
const SECOND = wide(
  '6А;Иванова;Мария;Петровна;05.03.2012;Ж;Иванова Анна Сергеевна;8 (902) 170-28-76;anna.ivanova@mail.ru;;;',
  '7Б;Тимофеев;Глеб;Игоревич;01.02.2011;М;Тимофеева Ольга;89004445566;olga.t@yandex.ru;;;',
);

describe('a search index handed over by an import', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeCore();
    await t.core.roster.importFile(DESK, FIRST, 'first.csv');
  });
  afterAll(() => t.close());
  const found = (q: string) => t.core.roster.search.search(q).total;

  it('packs and unpacks to the same index, through a structured clone', () => {
    const data = buildSearchData(loadSearchSource(t.core.db));
    const { packed, transfer } = packSearchIndex(buildSearchData(loadSearchSource(t.core.db)));
    expect(isDeepStrictEqual(unpackSearchIndex(structuredClone(packed, { transfer })), data)).toBe(true);
  });

  it('serves the index as it was until the import hands over its own; another change rebuilds', async () => {
    const search = t.core.roster.search;
    expect(found('Иванова Мария')).toBe(1);
    let committing: Committing | null = null;
    const release = search.expect(() => committing);
    await t.core.roster.importFile(DESK, SECOND, 'second.csv', {}, false, undefined, undefined, (c) => (committing = c));
    expect(committing!.to).toBeGreaterThan(committing!.from);
    // Committed, its index not here yet: the old one answers (no rebuild on this thread).
    expect(found('Тимофеев Глеб')).toBe(0);
    search.adopt(committing!.to, packSearchIndex(buildSearchData(loadSearchSource(t.core.db))).packed);
    release();
    expect(found('Тимофеев Глеб')).toBe(1);
    // Found by id in the adopted index (a binary search over the ids: no map is rebuilt on arrival).
    const ids = t.core.db.prepare('SELECT id FROM people ORDER BY id DESC').pluck().all() as number[];
    expect(ids.map((id) => search.current().hitById(id)?.id)).toEqual(ids);
    expect(search.current().hitById(Math.max(...ids) + 1)).toBeUndefined();
    expect(search.current().hitById(0)).toBeUndefined();

    // Held again, but another write follows the import's commit: rebuilt, the archive is seen.
    committing = null;
    const releaseAgain = search.expect(() => committing);
    await t.core.roster.importFile(DESK, FIRST, 'first.csv', {}, false, undefined, undefined, (c) => (committing = c));
    const [gleb] = search.search('Тимофеев Глеб').hits;
    expect(t.core.roster.setArchived(DESK, [gleb!.id], true)).toBe(1);
    expect(found('Тимофеев Глеб')).toBe(0);
    // An index that arrives late and older than what is served is not taken.
    search.adopt(committing!.to, packSearchIndex(buildSearchData({ people: [], classes: [], guardianClasses: [] })).packed);
    releaseAgain();
    expect(found('Иванова Мария')).toBe(1);
  });
});
