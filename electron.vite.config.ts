import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';
import { RENDERER_CSP } from './src-main/core/security/csp.ts';

/** Puts the strict CSP into the built index.html (a relaxed one in dev, for the HMR client). */
function contentSecurityPolicy(): Plugin {
  let serve = false;
  return {
    name: 'kurator-csp',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    transformIndexHtml(html) {
      const policy = serve
        ? "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws:; img-src 'self' data: blob:"
        : RENDERER_CSP;
      return html.replace('<!-- CSP -->', `<meta http-equiv="Content-Security-Policy" content="${policy}" />`);
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The core runs in worker threads (src-main/core/host): their scripts are built beside main.
      rolldownOptions: {
        input: {
          index: resolve('src-main/electron/main.ts'),
          'core-worker': resolve('src-main/core/host/core-worker.ts'),
          'import-worker': resolve('src-main/core/host/import-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads must be CommonJS, whatever the package type.
      rolldownOptions: {
        input: { index: resolve('src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    base: './',
    resolve: { alias: { '@shared': resolve('src-shared') } },
    plugins: [vue(), contentSecurityPolicy()],
    build: {
      outDir: resolve('out/renderer'),
      target: 'chrome140',
      chunkSizeWarningLimit: 2000,
      minify: true,
      rolldownOptions: { input: resolve('src-renderer/index.html') },
    },
  },
});
