// What `electron-vite build` produced: the CSP really is in the page, the preload really is CommonJS.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUT_DIR, RENDERER_DIR } from '../../scripts/project.ts';
import { RENDERER_CSP } from '../../src-main/core/security/csp.ts';

describe('built app', () => {
  const html = fs.readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8');

  it('index.html carries the strict CSP as its first head element after the charset', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(RENDERER_CSP);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('has no inline script or style the CSP would have to allow', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });

  it('the preload is a CommonJS script (sandboxed preloads cannot be ES modules)', () => {
    const preload = fs.readFileSync(path.join(OUT_DIR, 'preload', 'index.cjs'), 'utf8');
    expect(preload).toContain('require("electron")');
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).toContain('exposeInMainWorld("kurator"');
  });

  it('the main bundle keeps electron external; the core runs in its worker bundles, better-sqlite3 external there', () => {
    const dir = path.join(OUT_DIR, 'main');
    const main = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    expect(main).toMatch(/from "electron"/);
    // The window's process never opens the database: the core (and SQLite) live in the workers.
    expect(main).not.toMatch(/from "better-sqlite3"/);
    for (const worker of ['core-worker.js', 'import-worker.js']) expect(fs.existsSync(path.join(dir, worker)), worker).toBe(true);
    const chunks = fs.readdirSync(path.join(dir, 'chunks')).map((f) => fs.readFileSync(path.join(dir, 'chunks', f), 'utf8'));
    expect(chunks.some((c) => /from "better-sqlite3"/.test(c))).toBe(true);
    expect(chunks.some((c) => c.includes('better_sqlite3.node'))).toBe(false); // the native addon is loaded, never bundled
  });
});
