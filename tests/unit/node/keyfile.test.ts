import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readKeyFile, writeKeyFile, KeyFileError } from '../../../src-node/keyfile.ts';
import { tempDir } from '../../support/tmp.ts';

const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe('key file', () => {
  let tmp: ReturnType<typeof tempDir>;
  afterEach(() => tmp?.remove());

  it('is created readable by its owner only, in a folder only the owner can enter', () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'new-folder', 'kurator.key');
    writeKeyFile(file, { a: 1 });
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(readKeyFile(file)).toEqual({ a: 1 });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['kurator.key']);
  });

  it('tightens a file that others could read', () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'kurator.key');
    fs.writeFileSync(file, '{"a":1}', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(readKeyFile(file)).toEqual({ a: 1 });
    expect(mode(file)).toBe(0o600);
  });

  it('says which file is broken instead of starting with new secrets', () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'kurator.key');
    fs.writeFileSync(file, 'not json');
    expect(() => readKeyFile(file)).toThrow(KeyFileError);
    expect(() => readKeyFile(file)).toThrow(file);
    expect(readKeyFile(path.join(tmp.dir, 'none.key'))).toBeNull();
  });
});
