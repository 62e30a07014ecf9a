// Paths and build freshness shared by the launcher, the tests and the benchmark.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { t } from '../src-shared/i18n/index.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(ROOT, 'out');
export const RENDERER_DIR = path.join(OUT_DIR, 'renderer');
const STAMP = path.join(OUT_DIR, '.build-stamp');
const INPUTS = [
  'src-main',
  'src-renderer',
  'src-shared',
  'src-node',
  'resources',
  'electron.vite.config.ts',
  'package.json',
  'package-lock.json',
];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function buildIsFresh(): boolean {
  if (!fs.existsSync(STAMP) || !fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return false;
  const built = fs.statSync(STAMP).mtimeMs;
  return INPUTS.every((i) => newestMtime(path.join(ROOT, i)) <= built);
}

/**
 * Runs `electron-vite build` when the sources are newer than the last build: one line said on stderr,
 * the build's own output only when it fails (a curator's first `npm start` showed thirty lines of it).
 */
export function ensureBuilt(force = false): void {
  if (!force && buildIsFresh()) return;
  process.stderr.write(`${t.start.building}\n`);
  const cli = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  runQuietly(process.execPath, [cli, 'build'], 'electron-vite build');
  fs.writeFileSync(STAMP, new Date().toISOString());
}

/** Runs a command in the project folder; its output is written to stderr only if it fails (then it throws). */
export function runQuietly(command: string, args: string[], name: string): void {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (r.status === 0) return;
  process.stderr.write(Buffer.concat([r.stdout ?? Buffer.alloc(0), r.stderr ?? Buffer.alloc(0)]));
  throw new Error(`${name} failed (exit ${r.status ?? r.signal})`);
}

/**
 * The Electron binary when one is installed and can run here; otherwise the reason it cannot.
 * Never calls `require('electron')`: that tries to download the binary when it is missing.
 */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): { path: string } | { missing: string } {
  const pkgDir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkgDir, 'dist');
  const bin = rel ? path.join(dist, rel) : '';
  if (!bin || !fs.existsSync(bin)) return { missing: 'Electron binary is not installed (node_modules/electron/dist)' };
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { missing: 'no display (DISPLAY/WAYLAND_DISPLAY) to show a window on' };
  }
  return { path: bin };
}
