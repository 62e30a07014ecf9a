// `npm start` (its entry is start.ts): build if needed, then the Electron app; browser mode when Electron cannot run here
// or with `--browser`. Options: --port N, --data-dir DIR, --no-open.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ROOT, RENDERER_DIR, ensureBuilt, electronBinary } from './project.ts';
import { resolveDataDir } from '../src-main/core/paths.ts';
import { openInBrowser, runBrowserMode } from '../src-main/core/browser-mode.ts';
import { errorMessage, t } from '../src-shared/i18n/index.ts';
import { asAppError } from '../src-main/core/errors.ts';
import { listenMessage, parseArgsMessage } from '../src-node/cli-errors.ts';

const USAGE = t.start.usage;

function fatal(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      browser: { type: 'boolean', default: false },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
} catch (e) {
  fatal(t.cli.errors.error(parseArgsMessage(e) ?? (e as Error).message));
}
const opts = parsed.values;
if (opts.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const port = opts.port === undefined ? 0 : Number(opts.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fatal(t.start.badPort(opts.port));
const dataDir = resolveDataDir(opts['data-dir']);

ensureBuilt();

async function browserMode(reason?: string): Promise<void> {
  if (reason) process.stderr.write(`${t.start.browserFallback(reason)}\n`);
  let running;
  try {
    running = await runBrowserMode({ dataDir, port, staticDir: RENDERER_DIR, open: !opts['no-open'] });
  } catch (e) {
    // A database that is not ours or from a newer version, a port another program holds: say so in
    // one line, as the desktop app does, not with Node's stack.
    const known = asAppError(e);
    const problem = known ? errorMessage(known) : listenMessage(e, '127.0.0.1', port);
    if (!problem) throw e;
    process.stderr.write(`${t.cli.errors.error(problem)}\n`);
    process.exit(1);
  }
  const { server, stop } = running;
  // Listening for the stop signals before saying it runs: whoever reads the line may send one at
  // once, and a signal arriving in between would kill the process with its database open.
  const shutdown = () => {
    void stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.stdout.write(`Kurator is running at ${server.url}\n`);
  // The browser gets a one-time launch code, not the token: its command line is readable by every local user.
  if (!opts['no-open'] && !openInBrowser(server.launchUrl())) {
    process.stderr.write(`${t.start.openAddress}\n`);
  }
  process.stderr.write(`${t.start.dataDir(dataDir)}\n`);
}

const electron = electronBinary();
if (opts.browser || 'missing' in electron) {
  await browserMode('missing' in electron && !opts.browser ? electron.missing : undefined);
} else {
  const args = ['.', '--data-dir', dataDir];
  const started = Date.now();
  const child = spawn(electron.path, args, { cwd: ROOT, stdio: 'inherit' });
  child.on('error', (e) => void browserMode(e.message));
  child.on('exit', (code, signal) => {
    // An Electron that dies at once (missing libraries, no GPU, sandbox refused) is not a working app.
    if (code !== 0 && Date.now() - started < 5000) void browserMode(`exit ${code ?? signal}`);
    else process.exit(code ?? 0);
  });
}
