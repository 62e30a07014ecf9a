// Long work shows progress, one mechanism for all of it (src-main/core/work.ts): issuing codes for the
// whole school, preparing many slips, a backup — each reports what it is doing, n of total, in order,
// ending at total; issuing and slips can be cancelled, and a cancel leaves the stored data untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, CURATOR, type TestCore } from '../support/core.ts';
import { generateRoster } from '../../bench/generate.ts';
import { DESK } from './roster/helpers.ts';
import { AppError } from '../../src-shared/result.ts';
import { prepareInvitations } from '../../src-main/core/codes/printing.ts';
import { Work } from '../../src-main/core/work.ts';
import type { WorkPhase, WorkProgress } from '../../src-shared/work.ts';
import type { Result } from '../../src-shared/result.ts';

type Tick = [WorkPhase, number, number];

/** Ticks of one phase come in order and the last is «total of total». */
function expectOrderedToTotal(ticks: Tick[], phase: WorkPhase, total: number): void {
  const mine = ticks.filter(([p]) => p === phase);
  expect(mine.length).toBeGreaterThan(1);
  for (let i = 1; i < mine.length; i++) expect(mine[i]![1]).toBeGreaterThanOrEqual(mine[i - 1]![1]);
  expect(mine.every(([, , t]) => t === total)).toBe(true);
  expect(mine.at(-1)).toEqual([phase, total, total]);
}

const reasonOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.reason : Promise.reject(e)),
  );

describe('long work shows progress', () => {
  let t: TestCore;
  let students: number;
  const stored = () => ({
    codes: t.core.db.prepare('SELECT id, code, state, print_count FROM invitation_codes ORDER BY id').all(),
    audit: t.core.db.prepare('SELECT count(*) FROM audit_log').pluck().get(),
  });

  beforeAll(async () => {
    t = await makeCore();
    const roster = generateRoster(700, 5);
    await t.core.roster.importFile(DESK, roster.bytes, 'school.csv');
    students = t.core.roster.stats().students;
  });
  afterAll(() => t.close());

  it('issuing codes for the whole school: students n of total, in order; a cancel rolls everything back', async () => {
    const before = stored();
    const abort = new AbortController();
    const cancelledTicks: Tick[] = [];
    const cancelled = t.core.jobs.issueCodes(
      DESK,
      { all: true },
      { audience: 'all', onlyMissing: true },
      {
        signal: abort.signal,
        progress: (phase, done, total) => {
          cancelledTicks.push([phase, done, total]);
          if (done >= 256) abort.abort(); // asked mid-way: stops at the next tick, inside the transaction
        },
      },
    );
    expect(await reasonOf(cancelled)).toBe('codes.issue_cancelled');
    expect(cancelledTicks.at(-1)).toEqual(['issue', 256, students]);
    expect(stored()).toEqual(before);

    const ticks: Tick[] = [];
    const report = await t.core.jobs.issueCodes(
      DESK,
      { all: true },
      { audience: 'all', onlyMissing: true },
      { progress: (...tick) => ticks.push(tick) },
    );
    expect(report.students).toBe(students);
    expectOrderedToTotal(ticks, 'issue', students);
    expect(ticks[0]).toEqual(['issue', 0, students]);
  });

  it('preparing slips: the bar polled through the dispatcher while they are drawn; a cancel prints and marks nothing', async () => {
    const client = 'c-print';
    expect((await t.dispatch('signIn', { login: CURATOR.login, password: CURATOR.password }, client)).ok).toBe(true);
    const request = { kind: 'invitations', scope: { all: true }, audience: 'all', layout: 2 } as const;
    const follow = async (until: () => boolean, seen: WorkProgress[]) => {
      while (!until()) {
        const p = (await t.dispatch('workProgress', {}, client)) as Result<WorkProgress | null>;
        if (p.ok && p.value) seen.push(p.value);
        await new Promise((r) => setImmediate(r));
      }
    };

    // All the way: what the bar saw is in order, below the total while drawing.
    const seen: WorkProgress[] = [];
    let prepared: Result<unknown> | undefined;
    const preparing = t.dispatch('preparePrint', request, client).then((r) => (prepared = r));
    await follow(() => prepared !== undefined, seen);
    await preparing;
    expect(prepared!.ok).toBe(true);
    const codes = (prepared as { value: { codes: number } }).value.codes;
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p) => p.task === 'print' && p.phase === 'slips' && p.total === codes && p.cancellable)).toBe(true);
    expect(seen.some((p) => p.done > 0 && p.done < p.total)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(await t.dispatch('workProgress', {}, client)).toEqual({ ok: true, value: null });
    // The same slips in-process end at their total.
    const ticks: Tick[] = [];
    const control = { signal: new AbortController().signal, progress: (...tick: Tick) => void ticks.push(tick) };
    await prepareInvitations(t.core, { ...request, scope: { all: true } }, control);
    expectOrderedToTotal(ticks, 'slips', codes);

    // Cancelled once drawing: nothing stored changes, no printout is left.
    const before = stored();
    let cancelled: Result<unknown> | undefined;
    const cancelling = t.dispatch('preparePrint', request, client).then((r) => (cancelled = r));
    const partway: WorkProgress[] = [];
    await follow(() => cancelled !== undefined || partway.some((p) => p.done > 0), partway);
    expect(await t.dispatch('workCancel', {}, client)).toEqual({ ok: true, value: { cancelled: true } });
    await cancelling;
    expect(cancelled).toMatchObject({ ok: false, error: { reason: 'print.cancelled' } });
    expect(stored()).toEqual(before);
    expect(await t.dispatch('workCancel', {}, client)).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('a backup: pages copied n of total, in order; the bar offers no cancel', async () => {
    const ticks: Tick[] = [];
    await t.core.backups.create(DESK, 'manual', undefined, (...tick) => ticks.push(tick));
    const total = ticks.at(-1)![2];
    expect(total).toBeGreaterThan(100); // more than one step of 100 pages
    expectOrderedToTotal(ticks, 'copy', total);

    const work = new Work();
    let release = () => {};
    const running = work.run('s', 'backup', false, async (c) => {
      c.progress('copy', 1, 2);
      await new Promise<void>((r) => (release = r));
    });
    expect(work.current('s')).toEqual({ task: 'backup', phase: 'copy', done: 1, total: 2, cancellable: false, cancelling: false });
    expect(work.cancel('s')).toBe(false);
    release();
    await running;
    expect(work.current('s')).toBeNull();
  });

  it('an import that has committed and is bringing the search up to date offers no cancel any more', async () => {
    const work = new Work();
    let release = () => {};
    const running = work.run('s', 'import', true, async (c) => {
      c.progress('apply', 10, 10);
      expect(work.current('s')?.cancellable).toBe(true);
      c.progress('index', 0, 1);
      await new Promise<void>((r) => (release = r));
    });
    expect(work.current('s')).toEqual({ task: 'import', phase: 'index', done: 0, total: 1, cancellable: false, cancelling: false });
    expect(work.cancel('s')).toBe(false);
    expect(work.current('s')?.cancelling).toBe(false);
    release();
    await running;
  });
});
