// Node's own errors that a command line meets before any of our code could word them (its argument
// parser, a server's listen), in Russian: one rule for the office CLI, `npm start` and the portal.
import { t } from '../src-shared/i18n/index.ts';

/** parseArgs' message in Russian; null when the error is not parseArgs'. */
export function parseArgsMessage(e: unknown): string | null {
  if (!(e instanceof TypeError)) return null;
  const code = (e as { code?: unknown }).code;
  const name = /'(-[^' ]+)/.exec(e.message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return t.cli.errors.unknownParam(name);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return t.cli.errors.paramNeedsValue(name);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return t.cli.errors.unexpectedArg(/'([^']*)'/.exec(e.message)?.[1] ?? e.message);
    default:
      return null;
  }
}

/** Why a server could not listen on host:port, and what to do, in Russian; null for any other error. */
export function listenMessage(e: unknown, host: string, port: number): string | null {
  switch ((e as { code?: unknown } | null)?.code) {
    case 'EADDRINUSE':
      return t.net.portTaken(port);
    case 'EACCES':
      return t.net.portDenied(port);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return t.net.noSuchAddress(host);
    default:
      return null;
  }
}
