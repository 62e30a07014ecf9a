// A stand-in for the desktop app (Electron cannot run here): a process that holds a data folder the
// way the desktop app's core worker does (src-main/core/host/core-worker.ts), and writes nothing else there.
// `node tests/support/hold-data-folder.ts DIR` prints `held` once it has the folder; SIGTERM lets go.
import { lockDataFolder } from '../../src-main/core/folder-lock.ts';

const lock = lockDataFolder(process.argv[2]!, 'electron');
process.stdout.write('held\n');
const keepAlive = setInterval(() => undefined, 60_000);
process.on('SIGTERM', () => {
  clearInterval(keepAlive);
  lock.release();
  process.exit(0);
});
