// The web floor of a registration: a bare fastify server (its form-body parser only) that answers the
// three requests of one registration as the portal does — the QR link with a 303 and a cookie, the
// account form with the very page the portal served, the submit with one argon2id hash and a 303 —
// and nothing else: no database, no templates, no CSRF or cookie checks. Beside raw hashing in the same
// run it shows how much of raw any web server on this machine keeps (the bench's own HTTP clients run
// in the same process), and so what is left for the portal's own work.
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { hashPassword, type Argon2Cost } from '../src-node/passwords.ts';

export async function startFloorServer(formPage: string, cost?: Argon2Cost): Promise<{ port: number; server: FastifyInstance }> {
  const server = Fastify({ logger: false });
  await server.register(formbody);
  server.get('/hello', async (req, reply) => {
    if ((req.query as { code?: string }).code) {
      return reply.code(303).header('set-cookie', 'stash_code=sealed; Path=/; HttpOnly; SameSite=Lax').header('location', '/hello').send();
    }
    return reply.type('text/html; charset=utf-8').send(formPage);
  });
  server.post('/register', async (req, reply) => {
    const { password } = req.body as { password?: string };
    if (!password) return reply.code(400).send();
    await hashPassword(password, cost);
    return reply.code(303).header('set-cookie', 'sid=session; Path=/; HttpOnly; SameSite=Lax').header('location', '/welcome').send();
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  return { port: (server.server.address() as { port: number }).port, server };
}
