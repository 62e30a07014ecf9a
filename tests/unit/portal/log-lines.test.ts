// The portal's readable log: what an IT admin sees in the terminal instead of pino's JSON.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { logLine, readableLog } from '../../../src-portal/http/log-lines.ts';

const at = new Date(2026, 11, 2, 10, 31, 2).getTime();
const req = { method: 'POST', path: '/s/1399/register', host: 'portal.test' };

describe('readable log lines', () => {
  it('says each request in one line: when, what, the answer and how long', () => {
    expect(logLine({ level: 30, time: at, req, res: { statusCode: 303 }, responseTime: 12.4, msg: 'request completed' })).toBe(
      '02.12.2026 10:31:02 POST portal.test/s/1399/register 303 12 мс',
    );
  });

  it('leaves out a health check that answered, and fastify’s own «listening at» (the start line says where)', () => {
    const health = { level: 30, time: at, req: { method: 'GET', path: '/healthz', host: 'lb' }, res: { statusCode: 200 } };
    expect(logLine(health)).toBeNull();
    expect(logLine({ ...health, res: { statusCode: 500 } })).toContain('/healthz 500');
    expect(logLine({ level: 30, time: at, msg: 'Server listening at http://127.0.0.1:8080' })).toBeNull();
  });

  it('words warnings and errors, with the request and the stack indented under the line', () => {
    expect(logLine({ level: 40, time: at, msg: 'mail 5 attempt 2 failed: connection refused' })).toBe(
      '02.12.2026 10:31:02 Внимание: mail 5 attempt 2 failed: connection refused',
    );
    const error = logLine({
      level: 50,
      time: at,
      req,
      msg: 'request failed',
      err: { message: 'boom', stack: 'Error: boom\n    at f (x.ts:1:1)' },
    });
    expect(error).toBe('02.12.2026 10:31:02 Ошибка: request failed (POST portal.test/s/1399/register): boom\n    at f (x.ts:1:1)');
  });

  it('turns a stream of JSON lines, split anywhere, into text lines', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += String(d)));
    const log = readableLog(out);
    const json = JSON.stringify({ level: 30, time: at, req, res: { statusCode: 303 }, responseTime: 3 });
    log.write(`${json.slice(0, 20)}`);
    log.write(`${json.slice(20)}\n${JSON.stringify({ level: 40, time: at, msg: 'x' })}\n`);
    expect(text).toBe('02.12.2026 10:31:02 POST portal.test/s/1399/register 303 3 мс\n02.12.2026 10:31:02 Внимание: x\n');
  });
});
