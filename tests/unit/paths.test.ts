import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../src-main/core/paths.ts';

describe('data folder', () => {
  it('is Electron’s userData folder for an app named Kurator, on every platform', () => {
    expect(defaultDataDir('linux', {}, '/home/ivan')).toBe('/home/ivan/.config/Kurator');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ivan')).toBe('/cfg/Kurator');
    expect(defaultDataDir('darwin', {}, '/Users/ivan')).toBe('/Users/ivan/Library/Application Support/Kurator');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ivan\\AppData\\Roaming' }, 'C:\\Users\\ivan')).toBe(
      'C:\\Users\\ivan\\AppData\\Roaming\\Kurator',
    );
  });

  it('--data-dir wins over KURATOR_DATA_DIR, which wins over the default', () => {
    expect(resolveDataDir('/a', { KURATOR_DATA_DIR: '/b' })).toBe('/a');
    expect(resolveDataDir(undefined, { KURATOR_DATA_DIR: '/b' })).toBe('/b');
    expect(resolveDataDir('rel', {})).toBe(path.resolve('rel'));
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/cfg' })).toMatch(/Kurator$/);
  });
});
