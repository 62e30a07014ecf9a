// The core in its worker thread, as browser mode and the Electron shell host it: calls go through,
// a core that dies is started again (the client is told why it must sign in again), and a file that
// exhausts the import worker's heap ends only that worker.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../src-main/core/paths.ts';
import { startCoreHost, type CoreHost, type CoreHostOptions } from '../../../src-main/core/host/core-host.ts';
import { SOURCE_WORKERS } from '../../../src-main/core/host/files.ts';
import { CURATOR, setUpDataDir } from '../../support/core.ts';
import { tempDir } from '../../support/tmp.ts';
import { generateRoster } from '../../../bench/generate.ts';
import type { AppError, Result } from '../../../src-shared/result.ts';
import { lockDataFolder } from '../../../src-main/core/folder-lock.ts';
import type { WorkProgress } from '../../../src-shared/work.ts';

let generated: ReturnType<typeof generateRoster> | undefined;
const district = () => (generated ??= generateRoster(20_000));

const CRASHING_WORKER = new URL('../../support/crashing-core-worker.ts', import.meta.url);
const HOLDER = new URL('../../support/hold-data-folder.ts', import.meta.url);

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function hosted(options: Partial<CoreHostOptions> = {}): Promise<{ host: CoreHost; dir: string }> {
  const tmp = tempDir();
  await setUpDataDir(tmp.dir);
  const host = await startCoreHost({ ...SOURCE_WORKERS, timers: false, ...options, dataDir: tmp.dir, mode: 'browser' });
  cleanup.push(async () => {
    await host.close();
    tmp.remove();
  });
  return { host, dir: tmp.dir };
}

const reasonOf = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.reason);

async function signIn(host: CoreHost, client: string): Promise<void> {
  const r = await host.dispatch('signIn', { login: CURATOR.login, password: CURATOR.password }, client);
  expect(reasonOf(r)).toBe('ok');
}

describe('the core in a worker thread', () => {
  it('answers calls, serves the session it keeps and refuses what the dispatcher refuses', async () => {
    const { host } = await hosted();
    expect(reasonOf(await host.dispatch('rosterStats', {}, 'http:tab-1'))).toBe('auth.required');
    await signIn(host, 'http:tab-1');
    expect(reasonOf(await host.dispatch('rosterStats', {}, 'http:tab-1'))).toBe('ok');
    expect(reasonOf(await host.dispatch('noSuchMethod', {}, 'http:tab-1'))).toBe('app.unknown_method');
    await host.request('rekey', 'http:tab-1', 'http:tab-2');
    expect(reasonOf(await host.dispatch('rosterStats', {}, 'http:tab-2'))).toBe('ok');
    expect(await host.request('printDocument', '0b9c1f8e-4d1e-4a7b-9d3f-2c1b0a9e8d7c')).toBeNull();
    expect(await host.request('registrationUrl')).toMatch(/^https:\/\//);
  });

  it('starts the core again when its heap is exhausted; the client is told to sign in again, once', async () => {
    const restarted: number[] = [];
    const { host } = await hosted({ workerFile: CRASHING_WORKER, heapMb: 192, onRestart: (n) => restarted.push(n) });
    await signIn(host, 'http:tab-1');
    await signIn(host, 'http:tab-2');
    // The call in flight when the core died is answered, not left hanging.
    expect(reasonOf(await host.dispatch('test.exhaustHeap', {}, 'http:tab-1'))).toBe('core.restarted');
    expect(host.restarts).toBe(1);
    // The other tab learns it at its next call; after that it is an ordinary «sign in».
    expect(reasonOf(await host.dispatch('rosterStats', {}, 'http:tab-2'))).toBe('core.restarted');
    expect(reasonOf(await host.dispatch('rosterStats', {}, 'http:tab-2'))).toBe('auth.required');
    expect(reasonOf(await host.dispatch('rosterStats', {}, 'http:tab-1'))).toBe('auth.required');
    await signIn(host, 'http:tab-1');
    expect(reasonOf(await host.dispatch('rosterStats', {}, 'http:tab-1'))).toBe('ok');
    expect(restarted).toEqual([1]);
  });

  it('a file that exhausts the import worker heap ends that worker only: nothing written, the session goes on', async () => {
    const { host } = await hosted({ importHeapMb: 48 });
    await signIn(host, 'http:tab-1');
    const roster = district();
    const analyzed = await host.dispatch(
      'importAnalyze',
      { fileName: 'district.csv', contentBase64: roster.bytes.toString('base64') },
      'http:tab-1',
    );
    expect(reasonOf(analyzed)).toBe('import.out_of_memory');
    expect(host.restarts).toBe(0);
    const stats = await host.dispatch('rosterStats', {}, 'http:tab-1');
    expect(stats.ok && (stats.value as { students: number }).students).toBe(0);
    // The database is not held by the dead worker: a small file goes in.
    const small = generateRoster(50, 7);
    const again = await host.dispatch(
      'importAnalyze',
      { fileName: 'small.csv', contentBase64: small.bytes.toString('base64') },
      'http:tab-1',
    );
    expect(reasonOf(again)).toBe('ok');
    const uploadId = again.ok ? (again.value as { uploadId: string }).uploadId : '';
    expect(reasonOf(await host.dispatch('importApply', { uploadId }, 'http:tab-1'))).toBe('ok');
  });

  it('reports an import as it goes and cancels it before the commit: nothing written', async () => {
    const { host } = await hosted();
    const client = 'http:tab-1';
    await signIn(host, client);
    expect(await host.dispatch('workProgress', {}, client)).toEqual({ ok: true, value: null });
    const seen: WorkProgress[] = [];
    const follow = async (until: () => boolean) => {
      while (!until()) {
        const p = await host.dispatch('workProgress', {}, client);
        if (p.ok && p.value) seen.push(p.value as WorkProgress);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    let analyzed: Result<unknown> | undefined;
    const analyzing = host
      .dispatch('importAnalyze', { fileName: 'district.csv', contentBase64: district().bytes.toString('base64') }, client)
      .then((r) => (analyzed = r));
    await follow(() => analyzed !== undefined);
    await analyzing;
    expect(reasonOf(analyzed!)).toBe('ok');
    expect(seen.some((p) => p.task === 'analyze' && p.phase === 'read' && p.done > 0 && p.total > p.done)).toBe(true);
    expect(seen.some((p) => p.task === 'analyze' && p.phase === 'apply' && p.done > 0)).toBe(true);

    // The import itself, cancelled once it is writing.
    const uploadId = (analyzed as { value: { uploadId: string } }).value.uploadId;
    let applied: Result<unknown> | undefined;
    const applying = host.dispatch('importApply', { uploadId }, client).then((r) => (applied = r));
    seen.length = 0;
    await follow(() => applied !== undefined || seen.some((p) => p.task === 'import' && p.phase === 'apply'));
    expect(await host.dispatch('workCancel', {}, client)).toEqual({ ok: true, value: { cancelled: true } });
    await applying;
    expect(reasonOf(applied!)).toBe('import.cancelled');
    const stats = await host.dispatch('rosterStats', {}, client);
    expect(stats.ok && (stats.value as { students: number }).students).toBe(0);
    expect(await host.dispatch('workCancel', {}, client)).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('issues codes for the whole school in the jobs worker: the bar follows it, a cancel rolls it back', async () => {
    const tmp = tempDir();
    const school = generateRoster(5_000, 3);
    await setUpDataDir(tmp.dir, {
      prepare: (core) => core.roster.importFile({ operatorId: null, login: null, via: 'cli' }, school.bytes, 'school.csv'),
    });
    const host = await startCoreHost({ ...SOURCE_WORKERS, timers: false, dataDir: tmp.dir, mode: 'browser' });
    cleanup.push(async () => {
      await host.close();
      tmp.remove();
    });
    const client = 'http:tab-1';
    await signIn(host, client);
    const db = new Database(databaseFile(tmp.dir), { readonly: true });
    cleanup.push(async () => void db.close());
    const codes = () => db.prepare('SELECT count(*) FROM invitation_codes').pluck().get();
    const issue = () => host.dispatch('issueCodes', { scope: { all: true }, audience: 'all', onlyMissing: true }, client);
    const follow = async (seen: WorkProgress[], until: () => boolean) => {
      while (!until()) {
        const p = await host.dispatch('workProgress', {}, client);
        if (p.ok && p.value) seen.push(p.value as WorkProgress);
        await new Promise((r) => setTimeout(r, 5));
      }
    };

    let cancelled: Result<unknown> | undefined;
    const cancelling = issue().then((r) => (cancelled = r));
    const partway: WorkProgress[] = [];
    await follow(partway, () => cancelled !== undefined || partway.some((p) => p.done > 0));
    expect(await host.dispatch('workCancel', {}, client)).toEqual({ ok: true, value: { cancelled: true } });
    await cancelling;
    expect(reasonOf(cancelled!)).toBe('codes.issue_cancelled');
    expect(codes()).toBe(0);

    let issued: Result<unknown> | undefined;
    const issuing = issue().then((r) => (issued = r));
    const seen: WorkProgress[] = [];
    await follow(seen, () => issued !== undefined);
    await issuing;
    expect(reasonOf(issued!)).toBe('ok');
    const students = (issued as { value: { students: number } }).value.students;
    expect(students).toBe(5_000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p) => p.task === 'issue' && p.phase === 'issue' && p.total === students)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(seen.some((p) => p.done > 0 && p.done < students)).toBe(true);
    expect(codes()).toBeGreaterThan(5_000);
  });
});

describe('the desktop app’s data-folder lock, taken by its core worker', () => {
  it('refuses a folder another process has open, holds it while running, and lets go when closed', async () => {
    const tmp = tempDir();
    cleanup.push(async () => tmp.remove());
    await setUpDataDir(tmp.dir);
    const holder = spawn(process.execPath, [fileURLToPath(HOLDER), tmp.dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    await new Promise<void>((resolve) => holder.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve()));
    const refused = await startCoreHost({ ...SOURCE_WORKERS, timers: false, dataDir: tmp.dir, mode: 'electron' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((refused as AppError | null)?.reason).toBe('app.folder_in_use');
    holder.kill('SIGTERM');
    await exited;

    const host = await startCoreHost({ ...SOURCE_WORKERS, timers: false, dataDir: tmp.dir, mode: 'electron' });
    // The window's process never loads SQLite; the worker holds the folder (browser mode is refused).
    expect(() => lockDataFolder(tmp.dir, 'browser')).toThrow(expect.objectContaining({ reason: 'app.folder_in_use' }));
    await host.close();
    lockDataFolder(tmp.dir, 'browser').release();
  });
});
