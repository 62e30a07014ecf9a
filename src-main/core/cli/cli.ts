// `npm run kurator -- <command>` (entry: main.ts): the command line for IT staff and scripts. Every command but
// `setup` signs in as an operator (KURATOR_OPERATOR / KURATOR_PASSWORD, or a prompt) and is audited.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openCore, type Core } from '../core.ts';
import { databaseFile, resolveDataDir } from '../paths.ts';
import { asAppError } from '../errors.ts';
import { actorOf } from '../services/auth.ts';
import { UsageError, type Command, type CommandContext } from './command.ts';
import { NoTerminalError, readLine, readPassword } from './prompt.ts';
import { errorMessage, t } from '../../../src-shared/i18n/index.ts';
import { AppError } from '../../../src-shared/result.ts';
import { parseArgsMessage } from '../../../src-node/cli-errors.ts';

/**
 * Which module defines which commands, in the help's order. A module is loaded only when one of its
 * commands runs (the full help loads them all): every start of the CLI would otherwise pay for the
 * imports of all commands — printing, the import's readers, mail, the portal client.
 * tests/unit/cli-commands.test.ts holds the names to what the modules define.
 */
export const COMMAND_MODULES: readonly { names: readonly string[]; load: () => Promise<readonly Command[]> }[] = [
  {
    names: ['setup', 'backup', 'restore', 'audit verify', 'audit export'],
    load: async () => (await import('./foundation-commands.ts')).foundationCommands,
  },
  { names: ['import', 'stats', 'find'], load: async () => (await import('./roster-commands.ts')).rosterCommands },
  {
    names: ['codes issue', 'codes list', 'print invitations', 'print families'],
    load: async () => (await import('./codes-commands.ts')).codesCommands,
  },
  { names: ['year end', 'operator reset-password'], load: async () => (await import('./desk-commands.ts')).deskCommands },
  { names: ['settings'], load: async () => (await import('./settings-commands.ts')).settingsCommands },
  {
    names: ['portal pair', 'portal unpair', 'sync', 'accounts list'],
    load: async () => (await import('./sync-commands.ts')).syncCommands,
  },
  {
    names: ['accounts show', 'accounts reset', 'accounts lists', 'codes mail'],
    load: async () => (await import('./desk-accounts-commands.ts')).deskAccountsCommands,
  },
];

/** Every command, in the help's order (loads every command's module). */
export async function loadCommands(): Promise<Command[]> {
  return (await Promise.all(COMMAND_MODULES.map((m) => m.load()))).flat();
}

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function usage(): Promise<string> {
  const lines = (await loadCommands()).map((c) => `  ${`${c.name} ${c.usage}`.trim()}\n      ${c.summary}`);
  return [t.cli.help.usage, '', t.cli.help.commands, ...lines, '', t.cli.help.signIn, t.cli.help.dataDir].join('\n');
}

/** The command the words name (two words before one), its module loaded; null when none. */
async function findCommand(positionals: string[]): Promise<Command | null> {
  for (const name of [positionals.slice(0, 2).join(' '), positionals[0] ?? '']) {
    const owner = COMMAND_MODULES.find((m) => m.names.includes(name));
    if (owner) return (await owner.load()).find((c) => c.name === name) ?? null;
  }
  return null;
}

async function signIn(core: Core): Promise<CommandContext['actor']> {
  let login = process.env.KURATOR_OPERATOR;
  let password = process.env.KURATOR_PASSWORD;
  try {
    login ||= await readLine(t.cli.prompts.login);
    password ||= await readPassword(t.cli.prompts.password);
  } catch (e) {
    if (e instanceof NoTerminalError) {
      throw new UsageError(t.cli.errors.needSignIn);
    }
    throw e;
  }
  const op = await core.auth.authenticate(login, password, 'cli');
  return actorOf(op, 'cli') as CommandContext['actor'];
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

/** Runs one command line; returns the exit code (0 ok, 1 failed, 2 wrong usage). */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let command: Command | null = null;
  try {
    const loose = parseArgs({ args: argv, options: GLOBAL_OPTIONS, strict: false, allowPositionals: true });
    command = await findCommand(loose.positionals);
    if (!command) {
      if (loose.values.help || loose.positionals.length === 0) {
        io.out(await usage());
        return loose.values.help ? 0 : 2;
      }
      throw new UsageError(t.cli.errors.unknownCommand(loose.positionals.join(' ')));
    }
    const parsed = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      strict: true,
      allowPositionals: true,
    });
    if (parsed.values.help) {
      io.out(t.cli.help.command(command.name, command.usage, command.summary));
      return 0;
    }
    const positionals = parsed.positionals.slice(command.name.split(' ').length);
    if (positionals.length < command.positionals.min || positionals.length > command.positionals.max) {
      throw new UsageError(
        positionals.length < command.positionals.min
          ? t.cli.errors.missingArgs
          : t.cli.errors.extraArgs(positionals.slice(command.positionals.max).join(' ')),
      );
    }
    const args = command.parse(parsed.values, positionals);
    const dataDir = resolveDataDir(parsed.values['data-dir'] as string | undefined);
    // Only setup makes a school: any other command on a folder without one (a mistyped --data-dir)
    // would leave an empty database there and answer as if the school were not set up.
    if (command.signIn && !fs.existsSync(databaseFile(dataDir))) throw new AppError('setup.no_data', { dir: dataDir });
    const core = await openCore({ dataDir, mode: 'cli' });
    try {
      // A folder never set up has no operator to sign in as: say so, not «wrong login or password».
      if (command.signIn && core.operators.count() === 0) throw new AppError('setup.required');
      const actor = command.signIn ? await signIn(core) : null;
      return await command.run({ core, actor, out: io.out, err: io.err }, args);
    } finally {
      core.close();
    }
  } catch (e) {
    const argsProblem = parseArgsMessage(e);
    if (e instanceof UsageError || argsProblem) {
      io.err(t.cli.errors.error(argsProblem ?? (e as Error).message));
      io.err(command ? t.cli.help.commandUsage(command.name, command.usage) : await usage());
      return 2;
    }
    const known = asAppError(e);
    if (known) {
      io.err(t.cli.errors.error(errorMessage(known)));
      return 1;
    }
    throw e;
  }
}
