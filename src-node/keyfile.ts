// One small JSON file of secrets per data folder, readable only by its owner (0600): the office keeps its
// pairing secret, journal key and mail password there (desktop app, browser mode and CLI alike); the
// portal keeps its server secret. Written atomically (temporary file, fsync, rename), so a crash leaves
// either the old file or the new one.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export class KeyFileError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'KeyFileError';
    this.file = file;
  }
}

/** Reads the file's JSON object, or null when there is no file. A file others can read is tightened to 0600. */
export function readKeyFile(file: string): Record<string, unknown> | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  tighten(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new KeyFileError(file, 'not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new KeyFileError(file, 'not a JSON object');
  return value as Record<string, unknown>;
}

/** Replaces the file's content atomically; the file is created 0600 (its folder 0700 when made here). */
export function writeKeyFile(file: string, value: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  tighten(file);
}

/**
 * Reads the file and lets `update` change it, under a lock file so that two processes adding a missing
 * secret at the same moment agree on one (the second sees the first's). Writes only when something changed.
 */
export function updateKeyFile(
  file: string,
  update: (current: Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown> {
  return withLock(`${file}.lock`, () => {
    const current = readKeyFile(file) ?? {};
    const next = update({ ...current });
    if (JSON.stringify(next) !== JSON.stringify(current)) writeKeyFile(file, next);
    return next;
  });
}

const STALE_LOCK_MS = 10_000;

/** Runs `fn` holding `lock` (a file made exclusively); a lock left by a dead process is taken over. */
export function withLock<T>(lock: string, fn: () => T): T {
  fs.mkdirSync(path.dirname(lock), { recursive: true, mode: 0o700 });
  const deadline = Date.now() + 2 * STALE_LOCK_MS;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx', 0o600));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A process that died holding the lock leaves it behind: old enough, it is taken over.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new KeyFileError(lock, 'held by another process for too long');
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** A fresh random secret, base64url. 32 bytes unless told otherwise. */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

function tighten(file: string): void {
  if (process.platform === 'win32') return; // NTFS ACLs of the user's profile folder already apply
  const mode = fs.statSync(file).mode & 0o777;
  if (mode !== 0o600) fs.chmodSync(file, 0o600);
}
