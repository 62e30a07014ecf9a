// After a large import the next search does not rebuild the in-memory index on the core's thread:
// the import worker builds it from what it committed and hands it over with its answer. Judged as a
// ratio: the first search after the import against a full rebuild of the same roster in this run.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startCoreHost, type CoreHost } from '../../../src-main/core/host/core-host.ts';
import { SOURCE_WORKERS } from '../../../src-main/core/host/files.ts';
import { databaseFile } from '../../../src-main/core/paths.ts';
import { SearchIndex } from '../../../src-main/core/roster/search.ts';
import { CURATOR, setUpDataDir, valueOf as value } from '../../support/core.ts';
import { tempDir } from '../../support/tmp.ts';
import { generateRoster } from '../../../bench/generate.ts';
import type { SearchResult } from '../../../src-shared/roster/search.ts';
import type { WorkProgress } from '../../../src-shared/work.ts';

const tmp = tempDir();
let host: CoreHost | undefined;
afterAll(async () => {
  await host?.close();
  tmp.remove();
});

/** The fastest of a few full rebuilds of the index from the database file: the floor. */
function rebuildMs(dataDir: string): number {
  const db = new Database(databaseFile(dataDir), { readonly: true });
  try {
    let best = Infinity;
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      SearchIndex.load(db);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  } finally {
    db.close();
  }
}

describe('the first search after a large import', () => {
  it('answers in a small fraction of a full index rebuild and finds the imported people', async () => {
    const school = generateRoster(1_000, 11);
    await setUpDataDir(tmp.dir, {
      prepare: (core) => core.roster.importFile({ operatorId: null, login: null, via: 'cli' }, school.bytes, 'school.csv'),
    });
    host = await startCoreHost({ ...SOURCE_WORKERS, timers: false, dataDir: tmp.dir, mode: 'browser' });
    const client = 'http:tab-1';
    const h = host;
    value(await h.dispatch('signIn', { login: CURATOR.login, password: CURATOR.password }, client));
    const search = async (query: string) => {
      const started = performance.now();
      const result = value<SearchResult>(await h.dispatch('searchPeople', { query }, client));
      return { result, ms: performance.now() - started };
    };
    // The desk has been searching: the index of the school as it was is built.
    const district = generateRoster(20_000, 77);
    const wanted = district.sample.filter((s) => s.kind === 'student').slice(-2);
    const queries = wanted.map((s) => `${s.person.surname} ${s.person.name} ${s.person.patronymic} ${s.birthDate}`);
    expect((await search(queries[0]!)).result.total).toBe(0);

    const analyzed = value<{ uploadId: string }>(
      await h.dispatch('importAnalyze', { fileName: 'district.csv', contentBase64: district.bytes.toString('base64') }, client),
    );
    // Searches go on while the import writes, commits and builds its index: none waits for a rebuild.
    let applied: { report: { students: { added: number } } } | undefined;
    const applying = h.dispatch('importApply', { uploadId: analyzed.uploadId }, client).then((r) => (applied = value(r)));
    const during: number[] = [];
    const phases = new Set<string>();
    while (!applied) {
      during.push((await search(school.sample[during.length % school.sample.length]!.person.surname)).ms);
      const bar = value<WorkProgress | null>(await h.dispatch('workProgress', {}, client));
      if (bar) phases.add(`${bar.phase}${bar.cancellable ? '' : ' (no cancel)'}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    // The bar said what the seconds after the commit were for, and offered no cancel then.
    expect(phases).toContain('index (no cancel)');
    await applying;
    expect(applied.report.students.added).toBeGreaterThan(19_000);

    const first = await search(queries[0]!);
    const second = await search(queries[1]!);
    const floor = rebuildMs(tmp.dir);
    const sorted = [...during].sort((a, b) => a - b);
    const slowest = sorted.at(-1)!;
    const p95 = sorted[Math.ceil(0.95 * sorted.length) - 1]!;
    console.log(
      `${during.length} searches during the import: p95 ${p95.toFixed(1)} ms, slowest ${slowest.toFixed(1)} ms; ` +
        `first search after the import: ${first.ms.toFixed(1)} ms, next ${second.ms.toFixed(1)} ms; ` +
        `full rebuild (floor) ${floor.toFixed(0)} ms: ${(first.ms / floor).toFixed(3)}× rebuild`,
    );
    for (const [i, { result }] of [first, second].entries()) {
      const s = wanted[i]!;
      expect(result.hits.some((hit) => hit.birthDate === s.birthDate && hit.fullName.startsWith(s.person.surname))).toBe(true);
    }
    expect(during.length).toBeGreaterThan(10);
    // None waited for a rebuild (one rebuilding beside the import's worker took ~6× the floor here);
    // a busy machine's pauses stay below the floor.
    expect(p95).toBeLessThan(floor * 0.2);
    expect(slowest).toBeLessThan(floor);
    expect(first.ms).toBeLessThan(floor * 0.2);
    expect(second.ms).toBeLessThan(floor * 0.2);
  }, 300_000);
});
