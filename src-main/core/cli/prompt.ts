// Terminal prompts: a visible one for logins, a hidden one for passwords (nothing echoed).
import { t } from '../../../src-shared/i18n/index.ts';

export class NoTerminalError extends Error {}

export function readLine(question: string): Promise<string> {
  return readFromTty(question, false);
}

export function readPassword(question: string): Promise<string> {
  return readFromTty(question, true);
}

function readFromTty(question: string, hidden: boolean): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.reject(new NoTerminalError(question));
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error(t.cli.errors.interrupted));
        if (ch === '\u007f' || ch === '\b') {
          if (value.length > 0) {
            value = value.slice(0, -1);
            if (!hidden) process.stderr.write('\b \b');
          }
          continue;
        }
        if (ch < ' ') continue;
        value += ch;
        if (!hidden) process.stderr.write(ch);
      }
    };
    stdin.on('data', onData);
  });
}
