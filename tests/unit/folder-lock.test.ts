// The data folder's lock as browser mode and the desktop app take it (src-main/core/folder-lock.ts).
// SQLite keeps two connections of one process apart as it does two processes, so the refusal and its
// words are checked here; real processes, SIGKILL included, in tests/e2e/data-folder-lock.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { holderFile, lockDataFolder, lockFile, type FolderLock } from '../../src-main/core/folder-lock.ts';
import { AppError } from '../../src-shared/result.ts';
import { errorMessage } from '../../src-shared/i18n/index.ts';
import { tempDir } from '../support/tmp.ts';

/** Every file in the folder with its size, mode and times: what a refused start must leave as it was. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const st = fs.statSync(path.join(dir, name));
    out[name] = `${st.size} ${st.mode.toString(8)} ${st.mtimeMs} ${st.ctimeMs}`;
  }
  return out;
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('the data folder lock', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanup.splice(0).reverse()) c();
  });
  const take = (dir: string, mode: 'browser' | 'electron'): FolderLock => {
    const lock = lockDataFolder(dir, mode);
    cleanup.push(() => lock.release());
    return lock;
  };

  it('refuses a second app on the folder, naming the first, and touches nothing', () => {
    const data = tempDir();
    cleanup.push(() => data.remove());
    const first = take(data.dir, 'browser');
    first.announce('http://127.0.0.1:41234/');
    const before = snapshot(data.dir);

    const e = refusal(() => take(data.dir, 'electron'));
    expect(e.reason).toBe('app.folder_in_use');
    expect(e.params).toEqual({ dir: data.dir, pid: process.pid, mode: 'browser', address: 'http://127.0.0.1:41234/' });
    expect(snapshot(data.dir)).toEqual(before);
    const said = errorMessage(e);
    expect(said).toContain(`Папка данных ${data.dir} уже открыта`);
    expect(said).toContain(`процесс ${process.pid}, адрес http://127.0.0.1:41234/`);

    first.release();
    first.release(); // twice is harmless
    expect(fs.existsSync(holderFile(data.dir))).toBe(false);
    take(data.dir, 'electron');
  });

  it('a desktop core started again after a crash takes over the lock its dead predecessor left in this process', () => {
    const data = tempDir();
    cleanup.push(() => data.remove());
    take(data.dir, 'electron'); // the dead worker's, never released
    expect(refusal(() => take(data.dir, 'electron')).reason).toBe('app.folder_in_use');
    const again = lockDataFolder(data.dir, 'electron', { reclaimOwn: true });
    again.release();
  });

  it('names the desktop app, and an unknown holder when its note is missing', () => {
    const data = tempDir();
    cleanup.push(() => data.remove());
    take(data.dir, 'electron');
    const e = refusal(() => take(data.dir, 'browser'));
    expect(e.params).toEqual({ dir: data.dir, pid: process.pid, mode: 'electron', address: null });
    expect(errorMessage(e)).toContain(`работает приложение «Куратор» (процесс ${process.pid})`);

    fs.rmSync(holderFile(data.dir));
    const unknown = refusal(() => take(data.dir, 'browser'));
    expect(unknown.params).toEqual({ dir: data.dir, pid: null, mode: null, address: null });
    expect(errorMessage(unknown)).toContain('уже открыта другим запущенным «Куратором»');
  });

  it('is free when only a dead process’s note is left; files are the owner’s alone', () => {
    const data = tempDir();
    cleanup.push(() => data.remove());
    // What a crash leaves: the note names a process that is gone; the OS has dropped its lock.
    fs.writeFileSync(holderFile(data.dir), JSON.stringify({ pid: 2 ** 22 + 1, mode: 'browser', address: 'http://127.0.0.1:1/' }));
    const lock = take(data.dir, 'browser');
    expect(JSON.parse(fs.readFileSync(holderFile(data.dir), 'utf8'))).toEqual({ pid: process.pid, mode: 'browser', address: null });
    if (process.platform !== 'win32') {
      expect(fs.statSync(lockFile(data.dir)).mode & 0o777).toBe(0o600);
      expect(fs.statSync(holderFile(data.dir)).mode & 0o777).toBe(0o600);
    }
    expect(fs.readdirSync(data.dir).sort()).toEqual(['kurator.lock', 'kurator.lock.json']); // no journal file
    lock.release();
  });

  it('makes a missing data folder private', () => {
    const data = tempDir();
    cleanup.push(() => data.remove());
    const dir = path.join(data.dir, 'new', 'Kurator');
    take(dir, 'browser');
    if (process.platform !== 'win32') expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });
});
