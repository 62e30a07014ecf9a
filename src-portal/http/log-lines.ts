// The log as an IT admin reads it in a terminal or in journalctl: one short line per request and the
// warnings and errors in words, instead of pino's JSON. `--log-json` keeps the JSON for log collectors.
// Both are made from the same entries, whose serializers already leave out queries (codes, tokens).
import { Writable } from 'node:stream';
import { t } from '../../src-shared/i18n/index.ts';
import { localDateTime } from '../../src-shared/dates.ts';

interface Entry {
  level?: number;
  time?: number;
  msg?: string;
  req?: { method?: string; path?: string; host?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string; stack?: string };
}

/** One entry as text; null for what a person need not see (a health check that answered). */
export function logLine(entry: Entry): string | null {
  const at = localDateTime(new Date(entry.time ?? Date.now()).toISOString());
  const level = entry.level ?? 30;
  const req = entry.req;
  if (req && entry.res && level < 40) {
    if (req.path === '/healthz' && entry.res.statusCode === 200) return null;
    return `${at} ${req.method} ${req.host ?? ''}${req.path} ${entry.res.statusCode} ${Math.round(entry.responseTime ?? 0)} мс`;
  }
  // The start line on stdout says where it listens (fastify's says 127.0.0.1 for 0.0.0.0).
  if (entry.msg?.startsWith('Server listening at ')) return null;
  const label = level >= 50 ? t.portal.log.error : level >= 40 ? t.portal.log.warning : '';
  const where = req ? ` (${req.method} ${req.host ?? ''}${req.path})` : '';
  const head = `${at} ${label}${entry.msg ?? ''}${where}${entry.err?.message ? `: ${entry.err.message}` : ''}`;
  // A stack says where it broke; indented, so the next line's time stays at the margin.
  const stack =
    entry.err?.stack
      ?.split('\n')
      .slice(1)
      .map((l) => `    ${l.trim()}`) ?? [];
  return [head, ...stack].join('\n');
}

/** A stream for pino that writes `logLine`s to `out`. */
export function readableLog(out: NodeJS.WritableStream): Writable {
  let rest = '';
  return new Writable({
    write(chunk, _enc, done) {
      const lines = (rest + String(chunk)).split('\n');
      rest = lines.pop()!;
      for (const json of lines) {
        if (json.trim() === '') continue;
        let line: string | null;
        try {
          line = logLine(JSON.parse(json) as Entry);
        } catch {
          line = json;
        }
        if (line !== null) out.write(`${line}\n`);
      }
      done();
    },
  });
}
