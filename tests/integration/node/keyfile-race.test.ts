import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { readKeyFile, updateKeyFile, newSecret } from '../../../src-node/keyfile.ts';
import { tempDir } from '../../support/tmp.ts';

describe('key file shared by several processes', () => {
  let tmp: ReturnType<typeof tempDir>;
  afterEach(() => tmp?.remove());

  it('keeps one secret when several processes add it at the same moment', async () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'kurator.key');
    const script = `
      import { updateKeyFile, newSecret } from ${JSON.stringify(path.resolve(import.meta.dirname, '../../../src-node/keyfile.ts'))};
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
