// The embedded database is one process's files: a lock file in the data folder says which process has
// them open and where its admin channel listens, so a second server refuses to start and admin commands
// go through the running one. A lock left by a process that died is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { bootedAt, processRuns, processStartedAt } from '../../src-node/process-start.ts';

export interface LockInfo {
  pid: number;
  /**
   * A server (starting while `admin` is absent) or an admin command working on the files. A lock
   * without it (written before it was recorded) is a server's.
   */
  kind?: 'server' | 'command';
  /** The running server's admin channel on loopback (absent while a command holds the lock). */
  admin?: string;
}

export const lockFile = (dataDir: string): string => path.join(dataDir, 'portal.lock');

/** Slack between a file's time and a process's start time (both coarse). */
const SLACK_MS = 2_000;

/**
 * Whether the process now running as `pid` can be the one that wrote a lock at `writtenAt`. A pid is
 * only a number: after a power cut the next boot, or a restarted container, hands it to another
 * process, and a lock that counted it alive would keep the portal from starting for good.
 */
function wroteIt(pid: number, writtenAt: number): boolean {
  if (pid === process.pid || !processRuns(pid)) return false;
  if (writtenAt < bootedAt() - SLACK_MS) return false;
  const started = processStartedAt(pid);
  return started === null || started <= writtenAt + SLACK_MS;
}

/** The live holder of the data folder, if any. */
export function lockHolder(dataDir: string): LockInfo | null {
  try {
    const file = lockFile(dataDir);
    const writtenAt = fs.statSync(file).mtimeMs;
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && wroteIt(info.pid, writtenAt) ? info : null;
  } catch {
    return null;
  }
}

export interface HeldLock {
  /** Records the admin channel's address for commands run while the server is up. */
  announce(admin: string): void;
  release(): void;
}

/** Takes the data folder's lock, or returns who holds it. */
export function takeLock(dataDir: string, kind: 'server' | 'command'): HeldLock | { heldBy: LockInfo } {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = lockFile(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    // Written aside, then linked into place: the lock never exists without its content.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ pid: process.pid, kind }), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
      fs.rmSync(tmp, { force: true });
      let released = false;
      return {
        announce: (admin) => {
          fs.writeFileSync(tmp, JSON.stringify({ pid: process.pid, kind, admin }), { mode: 0o600 });
          fs.renameSync(tmp, file);
        },
        release: () => {
          if (!released) fs.rmSync(file, { force: true });
          released = true;
        },
      };
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = lockHolder(dataDir);
      if (holder) return { heldBy: holder };
      fs.rmSync(file, { force: true }); // left by a process that is gone
    }
  }
  throw new Error(`cannot take ${file}`);
}
