import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { readKeyFile, updateKeyFile, writeKeyFile, KeyFileError, newSecret } from '../../../src-node/keyfile.ts';
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

  it('keeps one secret when several processes add it at the same moment', async () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'kurator.key');
    const script = `
      import { updateKeyFile, newSecret } from ${JSON.stringify(path.resolve('src-node/keyfile.ts'))};
      const v = updateKeyFile(process.argv[1], (c) => (c.secret ? c : { ...c, secret: newSecret() }));
      process.stdout.write(String(v.secret));`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    const seen = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(seen).size).toBe(1);
    expect(readKeyFile(file)).toEqual({ secret: seen[0] });
    expect(updateKeyFile(file, (c) => c)).toEqual({ secret: seen[0] });
    expect(newSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
