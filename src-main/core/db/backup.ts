import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './database.ts';
import { makePrivateDir, touchPrivateFile } from '../security/files.ts';

/** `kurator-2026-11-22_09-15-02[-label].sqlite`, in UTC so names sort by time. */
export function backupFileName(at: Date, label?: string): string {
  const stamp = at.toISOString().slice(0, 19).replace('T', '_').replaceAll(':', '-');
  return `kurator-${stamp}${label ? `-${label}` : ''}.sqlite`;
}

/**
 * Online backup through SQLite's backup API: other connections keep reading and writing meanwhile.
 * The copy is readable by the user only (0600) from its first byte; `finish` adds to it (the manifest)
 * before it is checked (`integrity_check`) and reported as made.
 */
/** Pages copied per step of a backup (SQLite's default): the core answers between steps. */
const BACKUP_STEP_PAGES = 100;

export async function backupDatabase(
  db: Db,
  outFile: string,
  finish?: (copy: Db) => void,
  /** Pages copied of all, step by step (the copy yields to the event loop between steps). */
  progress?: (phase: 'copy', done: number, total: number) => void,
): Promise<{ path: string; size: number }> {
  const target = path.resolve(outFile);
  makePrivateDir(path.dirname(target));
  if (fs.existsSync(target)) throw new Error(`Backup target already exists: ${target}`);
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  // A copy of every child's name and every parent's phone: created 0600 before a byte is written.
  touchPrivateFile(partial);
  let pages = 0;
  await db.backup(partial, {
    progress: ({ totalPages, remainingPages }) => {
      pages = totalPages;
      progress?.('copy', totalPages - remainingPages, totalPages);
      return BACKUP_STEP_PAGES;
    },
  });
  progress?.('copy', pages, pages);
  // One self-contained file: the copy leaves WAL mode, so no -wal/-shm files go with it.
  const check = new Database(partial);
  try {
    check.pragma('journal_mode = DELETE');
    finish?.(check);
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`Backup failed its integrity check: ${String(result)}`);
  } finally {
    check.close();
  }
  fs.renameSync(partial, target);
  return { path: target, size: fs.statSync(target).size };
}

/** The copies in a folder, newest name first (the backups service adds what their manifests say). */
export function listBackups(dir: string): { fileName: string; path: string; size: number; createdAt: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite'))
    .map((fileName) => {
      const full = path.join(dir, fileName);
      const st = fs.statSync(full);
      return { fileName, path: full, size: st.size, createdAt: st.mtime.toISOString() };
    })
    .sort((a, b) => b.fileName.localeCompare(a.fileName));
}
