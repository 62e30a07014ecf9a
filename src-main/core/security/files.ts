// Files only the office's own user may read: the data folder is 0700 and every file the app writes
// (database, its WAL and SHM, backups, exports, PDFs, the key file) 0600 — they hold children's names,
// parents' phones and live invitation codes. On Windows the per-user profile folder is private
// already and POSIX modes mean nothing: these are no-ops there.
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

const posix = (): boolean => process.platform !== 'win32';

/** Creates a folder (and its parents) readable by its owner only; an existing one is left as it is. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
}

/**
 * Creates an empty file with mode 0600 if there is none. SQLite gives its WAL and SHM files the
 * mode of the database file, so creating the database this way keeps all three private.
 */
export function touchPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE));
  if (posix()) fs.chmodSync(file, PRIVATE_FILE);
}

/** Writes a file readable by its owner only (an existing file is made so too). */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  fs.writeFileSync(file, data, { mode: PRIVATE_FILE });
  if (posix()) fs.chmodSync(file, PRIVATE_FILE);
}

/** `writePrivateFile` for callers that await. */
export async function writePrivateFileAsync(file: string, data: string | Uint8Array): Promise<void> {
  await fs.promises.writeFile(file, data, { mode: PRIVATE_FILE });
  if (posix()) await fs.promises.chmod(file, PRIVATE_FILE);
}

/**
 * Makes the data folder private: created 0700; when it exists, it and everything in it (folders
 * 0700, files 0600) are tightened where other users could read them. Symbolic links are not
 * followed. Returns what was changed, relative to the folder (for the journal's note).
 */
export function securePrivateTree(root: string): string[] {
  makePrivateDir(root);
  if (!posix()) return [];
  const changed: string[] = [];
  const visit = (p: string, dir: boolean) => {
    const mode = fs.lstatSync(p).mode & 0o777;
    const wanted = dir ? PRIVATE_DIR : PRIVATE_FILE;
    // Only ever removes access: an owner-only mode stricter than ours (0400) is kept.
    if (mode & 0o077) {
      fs.chmodSync(p, mode & wanted);
      changed.push(path.relative(root, p) || '.');
    }
    if (!dir) return;
    for (const e of fs.readdirSync(p, { withFileTypes: true })) {
      if (e.isDirectory()) unlessGone(() => visit(path.join(p, e.name), true));
      else if (e.isFile()) unlessGone(() => visit(path.join(p, e.name), false));
    }
  };
  visit(root, true);
  return changed;
}

/**
 * Runs `look` on something readdir listed, and skips it if it is gone by then: another Kurator
 * process (a CLI command, browser mode) that closes the database removes its WAL and SHM files.
 */
function unlessGone(look: () => void): void {
  try {
    look();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
