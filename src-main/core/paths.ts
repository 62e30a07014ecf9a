import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Kurator';

/**
 * The per-user application data folder, exactly where Electron's `app.getPath('userData')` puts it
 * for an app named "Kurator", so the desktop app and browser mode share one database.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_NAME);
}

/** `--data-dir` wins, then `KURATOR_DATA_DIR`, then the default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.KURATOR_DATA_DIR;
  return chosen ? path.resolve(chosen) : defaultDataDir(process.platform, env);
}

export const databaseFile = (dataDir: string): string => path.join(dataDir, 'kurator.sqlite');
export const backupsDir = (dataDir: string): string => path.join(dataDir, 'backups');
