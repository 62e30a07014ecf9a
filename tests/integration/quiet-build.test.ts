// `npm start` builds the interface when the sources changed: one line said, the build's own output only
// when it fails (a curator's first start showed thirty lines of it before the address line).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/project.ts';

/** A process that runs `runQuietly` over a command printing on both pipes and exiting with `status`. */
function runQuietlyIn(status: number) {
  const noisy = `console.log('vite v7 building for production...'); console.error('✓ 1833 modules transformed.'); process.exit(${status})`;
  const script = `import { runQuietly } from ${JSON.stringify(path.join(ROOT, 'scripts', 'project.ts'))};
try { runQuietly(process.execPath, ['-e', ${JSON.stringify(noisy)}], 'the build'); console.log('ok'); }
catch (e) { console.log(e.message); }`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
}

describe('a build run quietly', () => {
  it('says nothing of its own when it works', () => {
    const r = runQuietlyIn(0);
    expect(r.stdout).toBe('ok\n');
    expect(r.stderr).toBe('');
  });

  it('shows all it printed, and fails, when it does not', () => {
    const r = runQuietlyIn(3);
    expect(r.stdout).toBe('the build failed (exit 3)\n');
    expect(r.stderr).toContain('vite v7 building for production...');
    expect(r.stderr).toContain('✓ 1833 modules transformed.');
  });
});
