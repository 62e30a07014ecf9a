// Migrations are append-only: a released migration file never changes. This test holds their
// checksums; a new migration is added to the manifest in the same commit that adds the file.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src-main/core/db/migrations/index.ts';
import { ROOT } from '../../../scripts/project.ts';

const DIR = path.join(ROOT, 'src-main', 'core', 'db', 'migrations');
const MANIFEST = path.join(ROOT, 'tests', 'unit', 'db', 'migrations.manifest.json');

const files = () =>
  fs
    .readdirSync(DIR)
    .filter((f) => /^\d{4}-.+\.ts$/.test(f))
    .sort();

const normalizedHash = (file: string) =>
  createHash('sha256')
    .update(fs.readFileSync(path.join(DIR, file), 'utf8').replace(/\r\n/g, '\n'))
    .digest('hex');

describe('migrations', () => {
  it('are numbered 0001, 0002 … without gaps and all registered, in order', () => {
    const names = files();
    names.forEach((f, i) => expect(f.startsWith(String(i + 1).padStart(4, '0') + '-')).toBe(true));
    expect(MIGRATIONS.map((m) => m.version)).toEqual(names.map((_, i) => i + 1));
  });

  it('are never edited once released (checksums match the manifest)', () => {
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { file: string; sha256: string }[];
    const actual = files().map((file) => ({ file, sha256: normalizedHash(file) }));
    for (const released of manifest) {
      const now = actual.find((a) => a.file === released.file);
      expect(now, `released migration ${released.file} was removed or renamed`).toBeDefined();
      expect(now!.sha256, `released migration ${released.file} was edited: add a new migration instead`).toBe(released.sha256);
    }
    const unlisted = actual.filter((a) => !manifest.some((m) => m.file === a.file));
    expect(unlisted, `add to ${path.relative(ROOT, MANIFEST)}: ${JSON.stringify(unlisted)}`).toEqual([]);
  });
});
