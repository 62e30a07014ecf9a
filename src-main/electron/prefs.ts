// Per-machine preferences (window size, last printer): electron-store, never the school's data.
import Store from 'electron-store';
import type { Bounds } from './security.ts';

export interface Prefs {
  window: Bounds & { maximized: boolean };
  lastPrinter: string | null;
}

export function openPrefs(cwd: string): Store<Prefs> {
  return new Store<Prefs>({
    cwd,
    name: 'preferences',
    defaults: { window: { width: 1280, height: 820, maximized: false }, lastPrinter: null },
    clearInvalidConfig: true,
    configFileMode: 0o600,
  });
}
