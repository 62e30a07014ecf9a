// The worker scripts as Node runs them from the sources (browser mode, tests). The Electron shell
// passes the bundled files instead (electron.vite.config.ts builds them beside its main script).
import { fileURLToPath } from 'node:url';

export const SOURCE_WORKERS = {
  workerFile: new URL('./core-worker.ts', import.meta.url),
  importWorkerFile: fileURLToPath(new URL('./import-worker.ts', import.meta.url)),
};
