// The installer configuration (electron-builder.yml) as electron-builder itself reads and validates
// it, the fuses it flips, and the icons it packs. No installer can be built here (Electron and the
// packaging tools are downloaded by `npm run dist`); everything short of that is checked.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/project.ts';
import { ICO_SIZES, PNG_SIZES, iconSvg } from '../../scripts/make-icons.ts';
import { ELECTRON_FUSES } from '../../src-main/electron/fuses.ts';

const require = createRequire(import.meta.url);
type Config = Record<string, unknown> & {
  electronFuses?: Record<string, boolean>;
  win?: { icon?: string; target?: { target: string }[] };
  nsis?: { installerIcon?: string };
  linux?: { icon?: string; target?: { target: string }[] };
};
const builder = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Config>;
  validateConfiguration(config: Config, debugLogger: unknown): Promise<void>;
};
const quiet = { add: () => undefined, isEnabled: false };

/** Width and height of a PNG from its IHDR chunk. */
function pngSize(buf: Buffer): [number, number] {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

/** The images of an .ico: the size its directory declares and the size its data really has. */
function icoImages(buf: Buffer): { declared: number; actual: [number, number] }[] {
  expect([buf.readUInt16LE(0), buf.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: buf.readUInt16LE(4) }, (_, i) => {
    const e = 6 + 16 * i;
    const declared = buf.readUInt8(e) || 256;
    const data = buf.subarray(buf.readUInt32LE(e + 12), buf.readUInt32LE(e + 12) + buf.readUInt32LE(e + 8));
    const isPng = data.readUInt32BE(0) === 0x89504e47;
    const actual: [number, number] = isPng ? pngSize(data) : [data.readInt32LE(4), data.readInt32LE(8) / 2];
    return { declared, actual };
  });
}

describe('electron-builder.yml', () => {
  let config: Config;
  beforeAll(async () => {
    config = await builder.getConfig(ROOT, null, null);
  });

  it('is valid for electron-builder (its own schema and checks)', async () => {
    await expect(builder.validateConfiguration(config, quiet)).resolves.toBeUndefined();
    // ...and the check is real: a misspelt fuse is refused.
    const wrong = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(builder.validateConfiguration(wrong, quiet)).rejects.toThrow(/electronFuses/);
  });

  it('flips the hardening fuses: RunAsNode off, cookie encryption on, NODE_OPTIONS and --inspect off, ASAR integrity, ASAR only', () => {
    expect(ELECTRON_FUSES).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.electronFuses).toEqual(ELECTRON_FUSES);
    expect(config.asar).toBe(true);
  });

  it('builds an NSIS installer for Windows and AppImage and deb for Linux', () => {
    expect(config.win?.target?.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux?.target?.map((t) => t.target)).toEqual(['AppImage', 'deb']);
  });

  it('declares icons that exist', () => {
    for (const p of [config.win?.icon, config.nsis?.installerIcon, config.linux?.icon]) {
      expect(p).toBeTypeOf('string');
      expect(fs.existsSync(path.join(ROOT, p!)), p).toBe(true);
    }
  });

  it('npm run dist is there', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toMatch(/electron-vite build && electron-builder/);
  });
});

describe('icons', () => {
  const res = (p: string) => path.join(ROOT, 'resources', p);

  it('Linux: a PNG in every size, each really that size', () => {
    for (const n of PNG_SIZES) expect(pngSize(fs.readFileSync(res(`icons/${n}x${n}.png`))), `${n}`).toEqual([n, n]);
    expect(pngSize(fs.readFileSync(res('icon.png')))).toEqual([512, 512]);
  });

  it('Windows: an .ico with 16 … 256 px images, each really the size it declares', () => {
    const images = icoImages(fs.readFileSync(res('icon.ico')));
    expect(images.map((i) => i.declared)).toEqual([...ICO_SIZES]);
    for (const i of images) expect(i.actual, `${i.declared}`).toEqual([i.declared, i.declared]);
  });

  it('were rendered from the drawing in scripts/make-icons.ts (run `npm run icons` after changing it)', () => {
    expect(fs.readFileSync(res('icon.svg'), 'utf8')).toBe(iconSvg());
  });
});
