// `npm run kurator -- <command>`: the command line for IT staff and scripts. Every command but
// `setup` signs in as an operator (KURATOR_OPERATOR / KURATOR_PASSWORD, or a prompt) and is audited.
import { parseArgs } from 'node:util';
import { openCore, type Core } from '../core.ts';
import { resolveDataDir } from '../paths.ts';
import { asAppError } from '../errors.ts';
import { actorOf } from '../services/auth.ts';
import { UsageError, type Command, type CommandContext } from './command.ts';
import { NoTerminalError, readLine, readPassword } from './prompt.ts';
import { foundationCommands } from './foundation-commands.ts';
import { rosterCommands } from './roster-commands.ts';
import { codesCommands } from './codes-commands.ts';
import { syncCommands } from './sync-commands.ts';
import { deskCommands } from './desk-commands.ts';
import { errorMessage, t } from '../../../src-shared/i18n/index.ts';
import { AppError } from '../../../src-shared/result.ts';

export const COMMANDS: Command[] = [...foundationCommands, ...rosterCommands, ...codesCommands, ...deskCommands, ...syncCommands];

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function usage(): string {
  const lines = COMMANDS.map((c) => `  ${`${c.name} ${c.usage}`.trim()}\n      ${c.summary}`);
  return [t.cli.help.usage, '', t.cli.help.commands, ...lines, '', t.cli.help.signIn, t.cli.help.dataDir].join('\n');
}

function findCommand(positionals: string[]): { command: Command; rest: string[] } | null {
  const two = positionals.slice(0, 2).join(' ');
  const byTwo = COMMANDS.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: positionals.slice(2) };
  const byOne = COMMANDS.find((c) => c.name === positionals[0]);
  return byOne ? { command: byOne, rest: positionals.slice(1) } : null;
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

/** Node's own parseArgs messages, in Russian. */
function parseArgsMessage(e: Error & { code?: unknown }): string | null {
  const name = /'(-[^' ]+)/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return t.cli.errors.unknownParam(name);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return t.cli.errors.paramNeedsValue(name);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return t.cli.errors.unexpectedArg(e.message);
    default:
      return null;
  }
}

/** Runs one command line; returns the exit code (0 ok, 1 failed, 2 wrong usage). */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let found: { command: Command; rest: string[] } | null = null;
  try {
    const loose = parseArgs({ args: argv, options: GLOBAL_OPTIONS, strict: false, allowPositionals: true });
    found = findCommand(loose.positionals);
    if (!found) {
      if (loose.values.help || loose.positionals.length === 0) {
        io.out(usage());
        return loose.values.help ? 0 : 2;
      }
      throw new UsageError(t.cli.errors.unknownCommand(loose.positionals.join(' ')));
    }
    const { command } = found;
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
    const argsProblem = e instanceof TypeError ? parseArgsMessage(e) : null;
    if (e instanceof UsageError || argsProblem) {
      io.err(t.cli.errors.error(argsProblem ?? (e as Error).message));
      io.err(found ? t.cli.help.commandUsage(found.command.name, found.command.usage) : usage());
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

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2));
}
