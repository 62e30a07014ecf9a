// Who is signed in on a page: the session cookie of this school, looked up in the database.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Portal } from '../portal.ts';
import type { PageContext } from '../http/app.ts';
import type { MailContext } from './mail.ts';
import { clearSessionCookie, sessionToken, type SignedIn } from './sessions.ts';

export async function signedIn(portal: Portal, req: FastifyRequest, reply: FastifyReply, ctx: PageContext): Promise<SignedIn | null> {
  const token = sessionToken(req);
  if (!token) return null;
  const found = await portal.accounts.sessions.find(token, ctx.school.id);
  if (!found) clearSessionCookie(reply, ctx);
  return found;
}

/** The signed-in account, or a redirect to the sign-in page (then null: the reply is sent). */
export async function requireSignIn(portal: Portal, req: FastifyRequest, reply: FastifyReply, ctx: PageContext): Promise<SignedIn | null> {
  const found = await signedIn(portal, req, reply, ctx);
  if (!found) ctx.redirect('/login?need=1');
  return found;
}

export const mailContext = (ctx: PageContext): MailContext => ({
  schoolId: ctx.school.id,
  schoolName: ctx.school.name,
  origin: ctx.origin,
});

/** The form body as a record (fastify's formbody gives one). */
export const bodyOf = (req: FastifyRequest): Record<string, unknown> => (req.body ?? {}) as Record<string, unknown>;

export const textField = (req: FastifyRequest, name: string, max = 1024): string => {
  const v = bodyOf(req)[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
};
