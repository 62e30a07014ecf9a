// The architecture's import rules, checked on every file (ESLint enforces the same with
// no-restricted-imports; this test keeps them even if the lint config drifts).
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/project.ts';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(rel));
    else if (/\.(ts|vue)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g),
  ];
  return specs.map((m) => m[1] ?? m[2] ?? m[3]!).map((s) => (s.startsWith('.') ? path.join(path.dirname(file), s) : s));
}

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const isNode = (s: string) => builtins.has(s) || builtins.has(s.split('/')[0]!);

function violations(dir: string, bad: (spec: string) => boolean): string[] {
  return files(dir).flatMap((f) =>
    imports(f)
      .filter(bad)
      .map((s) => `${f} → ${s}`),
  );
}

describe('architecture boundaries', () => {
  it('the renderer never imports Node or main-process code', () => {
    expect(violations('src-renderer', (s) => isNode(s) || s.startsWith('src-main') || s.startsWith('electron'))).toEqual([]);
  });

  it('the core never imports Electron', () => {
    expect(
      violations(
        'src-main/core',
        (s) => s === 'electron' || s.startsWith('electron/') || s === 'electron-store' || s.startsWith('src-main/electron'),
      ),
    ).toEqual([]);
  });

  it('shared code imports neither Node, nor main, nor renderer, nor UI libraries', () => {
    expect(
      violations(
        'src-shared',
        (s) =>
          isNode(s) || s.startsWith('src-main') || s.startsWith('src-renderer') || ['vue', 'electron', 'pinia', 'element-plus'].includes(s),
      ),
    ).toEqual([]);
  });

  it('the check itself sees imports (it is not vacuous)', () => {
    expect(imports('src-main/electron/main.ts')).toContain('electron');
    expect(imports('src-main/core/db/database.ts')).toContain('node:fs');
  });
});
