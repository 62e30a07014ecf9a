// One running app per data folder. Browser mode and the desktop app each keep the core's timers
// (daily backup, journal summaries) and a sync round every minute over the folder; two of them at
// once would write the same database, key file and anchor from two loops. The second is refused
// before it touches anything. The CLI takes no lock: a short command beside the running app is
// normal (the database is WAL, rounds are claimed across processes, the key file is written under
// its own lock).
//
// The lock is SQLite's own file lock on `kurator.lock`, an empty database held in an EXCLUSIVE
// transaction for the app's life. The operating system drops it when the process ends, however it
// ends (SIGKILL, a power cut): nothing stale is left to judge by pids or ages, which a rebooted
// machine reuses. It is the locking the database itself relies on (fcntl on Linux and macOS,
// LockFileEx on Windows), from a library the app loads anyway; SQLite also keeps two connections of
// one process apart, so the check holds for threads and in-process tests too.
//
// Who holds it is written beside it, in `kurator.lock.json`, for the refusal's words only: trusted
// only while the lock is held and its process runs (a crash leaves it; the next holder replaces it).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../src-shared/result.ts';
import { z } from '../../src-shared/z.ts';
import { makePrivateDir, touchPrivateFile, writePrivateFile } from './security/files.ts';
import { processRuns } from '../../src-node/process-start.ts';

export type AppMode = 'browser' | 'electron';

export const lockFile = (dataDir: string): string => path.join(dataDir, 'kurator.lock');
export const holderFile = (dataDir: string): string => path.join(dataDir, 'kurator.lock.json');

const Holder = z.object({
  pid: z.number().int().positive(),
  mode: z.enum(['browser', 'electron']),
  address: z.string().nullable(),
});
type Holder = z.infer<typeof Holder>;

export interface FolderLock {
  /** Records where browser mode listens (its origin, never the token) for a refused second start. */
  announce(address: string): void;
  release(): void;
}

/**
 * Takes the data folder for this process, or throws `app.folder_in_use` naming the folder and, when
 * known, the process that has it (its pid, browser mode or the desktop app, browser mode's address).
 */
export function lockDataFolder(dataDir: string, mode: AppMode, options: { reclaimOwn?: boolean } = {}): FolderLock {
  makePrivateDir(dataDir);
  const file = lockFile(dataDir);
  if (!fs.existsSync(file)) touchPrivateFile(file);
  let db: Database.Database | null = new Database(file, { timeout: 0 });
  try {
    // No journal file: nothing is ever written; the transaction is there only for its lock.
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    if (!isBusy(e)) throw e;
    // `reclaimOwn`: held by this very process (a worker that died with the lock open): still ours.
    if (!options.reclaimOwn || readHolder(dataDir)?.pid !== process.pid) throw inUse(dataDir);
    db = null;
  }
  const holder: Holder = { pid: process.pid, mode, address: null };
  const write = () => {
    const tmp = `${holderFile(dataDir)}.${process.pid}.tmp`;
    writePrivateFile(tmp, JSON.stringify(holder));
    fs.renameSync(tmp, holderFile(dataDir));
  };
  write();
  let held = true;
  return {
    announce(address) {
      holder.address = address;
      if (held) write();
    },
    release() {
      if (!held) return;
      held = false;
      fs.rmSync(holderFile(dataDir), { force: true });
      db?.close(); // rolls the empty transaction back and lets the lock go
    },
  };
}

const isBusy = (e: unknown): boolean => String((e as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');

function inUse(dataDir: string): AppError {
  const holder = readHolder(dataDir);
  return new AppError('app.folder_in_use', {
    dir: dataDir,
    pid: holder?.pid ?? null,
    mode: holder?.mode ?? null,
    address: holder?.address ?? null,
  });
}

/** The holder as it wrote itself down, when that process still runs (a crashed one's note is stale). */
function readHolder(dataDir: string): Holder | null {
  try {
    const parsed = Holder.safeParse(JSON.parse(fs.readFileSync(holderFile(dataDir), 'utf8')));
    return parsed.success && processRuns(parsed.data.pid) ? parsed.data : null;
  } catch {
    return null;
  }
}
