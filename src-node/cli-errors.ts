// Node's own errors that a command line meets before any of our code could word them (a server's
// listen), in Russian: one rule for `npm start` and the portal.
import { t } from '../src-shared/i18n/index.ts';

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
