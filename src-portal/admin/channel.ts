// While a server has the embedded database open, admin commands reach it here: a second listener on
// 127.0.0.1 only, answering only requests that carry a key derived from the server secret in the data
// folder's key file (whoever can read that file could open the database anyway).
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Portal } from '../portal.ts';
import { findOp } from './ops.ts';
import { AppError } from '../../src-shared/result.ts';
import { errorMessage } from '../../src-shared/i18n/index.ts';
import { adminKey, type AdminAnswer } from './call.ts';

export async function startAdminChannel(portal: Portal): Promise<{ url: string; close(): Promise<void> }> {
  const key = Buffer.from(adminKey(portal.secrets));
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  app.post<{ Params: { op: string }; Body: Record<string, unknown> }>('/admin/:op', async (req, reply) => {
    const given = Buffer.from(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (given.length !== key.length || !timingSafeEqual(given, key))
      return reply.code(401).send({ ok: false, code: 'unauthenticated', message: 'wrong admin key' });
    const op = findOp(req.params.op.replaceAll('-', ' '));
    if (!op) return reply.code(404).send({ ok: false, code: 'not_found', message: req.params.op });
    try {
      const args = op.args.parse(req.body ?? {});
      return { ok: true, value: await op.run(portal, args, 'server') } satisfies AdminAnswer;
    } catch (e) {
      if (e instanceof AppError) return { ok: false, code: e.reason, message: errorMessage(e) } satisfies AdminAnswer;
      throw e;
    }
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}
