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

const inside = (dir: string) => (s: string) => s === dir || s.startsWith(`${dir}/`);
const isElectron = (s: string) =>
  s === 'electron' || s.startsWith('electron/') || s === 'electron-store' || s.startsWith('src-main/electron');
const UI_LIBS = ['vue', 'vue-router', 'pinia', 'element-plus'];

/** Files of a folder that may not exist yet (the portal arrives in steps). */
const exists = (dir: string) => fs.existsSync(path.join(ROOT, dir));

describe('architecture boundaries', () => {
  it('the renderer never imports Node, Node-only shared code, main-process or portal code', () => {
    expect(
      violations(
        'src-renderer',
        (s) => isNode(s) || inside('src-main')(s) || isElectron(s) || inside('src-node')(s) || inside('src-portal')(s),
      ),
    ).toEqual([]);
  });

  it('the core never imports Electron or the portal', () => {
    expect(violations('src-main/core', (s) => isElectron(s) || inside('src-portal')(s))).toEqual([]);
  });

  it('the Electron shell never imports the portal', () => {
    expect(violations('src-main/electron', inside('src-portal'))).toEqual([]);
  });

  it('shared code imports neither Node, nor Node-only shared code, nor main, portal, renderer or UI libraries', () => {
    expect(
      violations(
        'src-shared',
        (s) =>
          isNode(s) ||
          ['src-main', 'src-renderer', 'src-node', 'src-portal'].some((d) => inside(d)(s)) ||
          ['electron', ...UI_LIBS].includes(s),
      ),
    ).toEqual([]);
  });

  it('Node-only shared code imports neither the office, nor the portal, nor Electron or UI', () => {
    expect(
      violations(
        'src-node',
        (s) => ['src-main', 'src-renderer', 'src-portal'].some((d) => inside(d)(s)) || isElectron(s) || UI_LIBS.includes(s),
      ),
    ).toEqual([]);
  });

  it('the portal never imports office code, Electron or UI libraries', () => {
    if (!exists('src-portal')) return;
    expect(
      violations('src-portal', (s) => inside('src-main')(s) || inside('src-renderer')(s) || isElectron(s) || UI_LIBS.includes(s)),
    ).toEqual([]);
  });

  it('the check itself sees imports (it is not vacuous)', () => {
    expect(imports('src-main/electron/main.ts')).toContain('electron');
    expect(imports('src-main/core/db/database.ts')).toContain('node:fs');
    expect(imports('src-main/core/services/auth.ts')).toContain('src-node/passwords.ts');
  });
});
