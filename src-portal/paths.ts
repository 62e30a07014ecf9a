import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the portal keeps its files (embedded database, key file, mail outbox) unless told otherwise. */
export function defaultPortalDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home = os.homedir(),
): string {
  if (platform === 'win32') return path.win32.join(env.LOCALAPPDATA ?? path.win32.join(home, 'AppData', 'Local'), 'Kurator Portal');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Kurator Portal');
  return path.posix.join(env.XDG_DATA_HOME || path.posix.join(home, '.local', 'share'), 'kurator-portal');
}

/** `--data-dir` wins, then `PORTAL_DATA_DIR`, then the default. */
export function resolvePortalDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.PORTAL_DATA_DIR;
  return chosen ? path.resolve(chosen) : defaultPortalDataDir(process.platform, env);
}

/** Where the embedded engine keeps its files inside the portal's data folder. */
export const pgliteDir = (dataDir: string): string => path.join(dataDir, 'pgdata');

/** Whether the folder holds an embedded database (PostgreSQL writes PG_VERSION when it creates one). */
export const holdsPglite = (dataDir: string): boolean => fs.existsSync(path.join(pgliteDir(dataDir), 'PG_VERSION'));
