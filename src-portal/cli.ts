// `npm run portal -- …` (its entry is main.ts): serves the portal, or runs one admin command (see `--help`).
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { errorMessage, t } from '../src-shared/i18n/index.ts';
import { AppError } from '../src-shared/result.ts';
import { ADMIN_OPS, findOp } from './admin/ops.ts';
import { callAdminChannel } from './admin/call.ts';
import { lockHolder, takeLock, type HeldLock, type LockInfo } from './admin/lock.ts';
import { loadSecrets } from './secrets.ts';
import { holdsPglite, pgliteDir, resolvePortalDataDir } from './paths.ts';
import { listenMessage, parseArgsMessage } from '../src-node/cli-errors.ts';
import { databaseProblem } from './db/problems.ts';

// The server, the database and the features are loaded only by what needs them: `--help`, a usage
// error or a command that goes through a running server's channel answer without them (142 modules
// instead of 713; `--help` in 0.13 s instead of 0.36).
const portalModule = () => import('./portal.ts');
async function serverModules() {
  const [portal, server, features, mail, maintenance, channel, listen, log] = await Promise.all([
    portalModule(),
    import('./http/server.ts'),
    import('./features.ts'),
    import('./mail/worker.ts'),
    import('./maintenance.ts'),
    import('./admin/channel.ts'),
    import('./http/listen-address.ts'),
    import('./http/log-lines.ts'),
  ]);
  return {
    openPortal: portal.openPortal,
    buildServer: server.buildServer,
    FEATURES: features.FEATURES,
    startMailWorker: mail.startMailWorker,
    startMaintenance: maintenance.startMaintenance,
    startAdminChannel: channel.startAdminChannel,
    startAddresses: listen.startAddresses,
    readableLog: log.readableLog,
  };
}

const c = t.portal.cli;

class UsageError extends Error {}

const OPTIONS = {
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  listen: { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'time-zone': { type: 'string' },
  'adopt-secret': { type: 'boolean' },
  'no-captcha': { type: 'boolean' },
  'log-json': { type: 'boolean' },
  name: { type: 'string' },
  address: { type: 'string' },
  school: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  yes: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface PortalIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: PortalIo = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

type Values = Record<string, string | boolean | undefined>;

function need(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(c.needParam(name));
  return v;
}

function schoolNumber(value: string): number {
  if (!/^\d{1,9}$/.test(value.trim()) || Number(value) === 0) throw new UsageError(c.badSchool(value));
  return Number(value);
}

/** The arguments an admin command sends to its operation, from the command line's flags. */
function opArgs(name: string, values: Values): Record<string, unknown> {
  switch (name) {
    case 'school add':
      return { name: need(values, 'name'), address: need(values, 'address') };
    case 'school key':
    case 'school remove':
      return { school: schoolNumber(need(values, 'school')) };
    case 'backup':
      return { out: path.resolve(need(values, 'out')) };
    default:
      return {};
  }
}

async function runAdmin(name: string, values: Values, io: PortalIo): Promise<number> {
  const op = findOp(name)!;
  const args = opArgs(name, values);
  if (name === 'school remove' && !values.yes) throw new UsageError(c.confirmRemove);
  const dataDir = resolvePortalDataDir(values['data-dir'] as string | undefined);
  const print = (value: unknown) => io.out(values.json ? JSON.stringify(value) : op.text(value, args));
  const embedded = !process.env.DATABASE_URL?.trim();
  if (embedded) {
    // A data folder nobody has yet is not made by taking its lock (a mistyped --data-dir).
    if (!holdsPglite(dataDir) && !lockHolder(dataDir) && name !== 'school add') {
      throw new AppError('portal.no_portal_here', { path: dataDir });
    }
    const lock = await commandLock(dataDir, io);
    if ('admin' in lock) {
      const answer = await callAdminChannel(lock.admin, loadSecrets(dataDir, process.env), name, args);
      if (!answer.ok) throw new AppError('portal.admin_refused', { message: answer.message });
      print(answer.value);
      return 0;
    }
    try {
      // Checked under the lock: a server or a command that held it may have made the portal meanwhile.
      // A mistyped --data-dir would otherwise get a new, empty portal and «no schools» from it. Only
      // the first school (or the server's first start) makes one, and says where.
      if (!holdsPglite(dataDir)) {
        if (name !== 'school add') throw new AppError('portal.no_portal_here', { path: dataDir });
        io.err(c.newPortal(dataDir));
      }
      return await runHere(dataDir, op, args, print);
    } finally {
      lock.release();
    }
  }
  return runHere(dataDir, op, args, print);
}

/** How long a command waits for a starting server's channel, or for another command to end. */
const COMMAND_WAIT_MS = 120_000;

/**
 * The data folder for a command: its lock, or the running server's channel. A server still starting
 * (no channel yet) or another command is waited for, saying so once: the command then goes through
 * the server, or runs on the files.
 */
async function commandLock(dataDir: string, io: PortalIo): Promise<HeldLock | { admin: string }> {
  const deadline = Date.now() + COMMAND_WAIT_MS;
  let told = false;
  for (;;) {
    const lock = takeLock(dataDir, 'command');
    if (!('heldBy' in lock)) return lock;
    const { pid, admin, kind } = lock.heldBy;
    if (admin) return { admin };
    const starting = kind !== 'command';
    if (Date.now() > deadline) throw new AppError(starting ? 'portal.starting' : 'portal.busy_command', { pid });
    if (!told) io.err(starting ? c.waitStarting(pid) : c.waitCommand(pid));
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Why a server cannot start on a data folder another process holds. */
function busyError(holder: LockInfo): AppError {
  if (holder.admin) return new AppError('portal.busy', { pid: holder.pid });
  return new AppError(holder.kind === 'command' ? 'portal.busy_command' : 'portal.busy_starting', { pid: holder.pid });
}

async function runHere(
  dataDir: string,
  op: NonNullable<ReturnType<typeof findOp>>,
  args: unknown,
  print: (v: unknown) => void,
): Promise<number> {
  const { openPortal } = await portalModule();
  const portal = await openPortal({ dataDir });
  try {
    print(await op.run(portal, op.args.parse(args), 'cli'));
    return 0;
  } finally {
    await portal.close();
  }
}

function portNumber(value: string | undefined): number {
  if (value === undefined) return 8080;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new UsageError(c.badPort(value));
  return Number(value);
}

async function serve(values: Values, io: PortalIo): Promise<number> {
  const port = portNumber(values.port as string | undefined);
  const host = (values.listen as string | undefined) ?? '127.0.0.1';
  const dataDir = resolvePortalDataDir(values['data-dir'] as string | undefined);
  const embedded = !process.env.DATABASE_URL?.trim();
  const lock = embedded ? takeLock(dataDir, 'server') : null;
  if (lock && 'heldBy' in lock) throw busyError(lock.heldBy);
  // The embedded database's first start makes it from scratch: seconds on a quiet machine, a minute
  // on a busy one. Said on stderr (stdout's one line is the address), so nobody thinks it hangs.
  if (embedded && !holdsPglite(dataDir)) io.err(c.firstStart(pgliteDir(dataDir)));
  const { openPortal, buildServer, FEATURES, startMailWorker, startMaintenance, startAdminChannel, startAddresses, readableLog } =
    await serverModules();
  const portal = await openPortal({
    dataDir,
    captcha: values['no-captcha'] !== true,
    adoptSecret: values['adopt-secret'] === true,
    timeZone: (values['time-zone'] as string | undefined)?.trim() || undefined,
  });
  const server = await buildServer(portal, FEATURES, {
    trustProxy: values['trust-proxy'] === true,
    logger: { level: process.env.PORTAL_LOG_LEVEL ?? 'info', stream: values['log-json'] ? process.stderr : readableLog(process.stderr) },
  });
  try {
    await server.listen({ host, port });
  } catch (e) {
    // A port another program holds, an address not this computer's: one line, not Node's stack.
    const problem = listenMessage(e, host, port);
    await server.close();
    await portal.close();
    if (lock && !('heldBy' in lock)) lock.release();
    if (!problem) throw e;
    io.err(c.error(problem));
    return 1;
  }
  const admin = lock ? await startAdminChannel(portal) : null;
  if (lock && admin) lock.announce(admin.url);
  const worker = startMailWorker(portal.outbox, portal.mailTransport, { log: (m) => server.log.warn(m), sms: portal.smsSender });
  const maintenance = startMaintenance(portal);
  const mail =
    portal.mailTransport.kind === 'files'
      ? c.mailToFiles(portal.mailTransport.describe)
      : c.mailToSmtp(portal.mailTransport.describe, portal.placeholderSender);
  const where = startAddresses(server.server.address() as AddressInfo);
  const everywhere = where.everywhere ? c.listeningEverywhere(where.everywhere, where.others) : '';
  // Listening for the stop signals before saying it runs: whoever reads the line may send one at
  // once, and a signal arriving in between would kill the process with its database left open.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  io.out(`${c.running(where.local)}${everywhere}${mail}`);
  await stopped;
  maintenance.stop();
  await server.close();
  await admin?.close();
  await worker.stop();
  await portal.close();
  if (lock && !('heldBy' in lock)) lock.release();
  return 0;
}

export async function runPortalCli(argv: string[], io: PortalIo = processIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    if (values.help) {
      io.out(c.usage);
      return 0;
    }
    if (positionals.length === 0) return await serve(values, io);
    const name = positionals.join(' ');
    if (!ADMIN_OPS.some((o) => o.name === name)) throw new UsageError(c.unknownCommand(name));
    return await runAdmin(name, values, io);
  } catch (e) {
    const argsProblem = parseArgsMessage(e);
    if (e instanceof UsageError || argsProblem) {
      io.err(c.error(argsProblem ?? (e as Error).message));
      io.err(c.usage);
      return 2;
    }
    if (e instanceof AppError) {
      io.err(c.error(errorMessage(e)));
      return 1;
    }
    const dbProblem = databaseProblem(e, process.env.DATABASE_URL);
    if (dbProblem) {
      io.err(c.error(dbProblem));
      return 1;
    }
    throw e;
  }
}
