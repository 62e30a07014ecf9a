// The account's own settings: a new password, a new email address, and a parent's children.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../src-shared/i18n/index.ts';
import { AppError } from '../../src-shared/result.ts';
import type { PageContext, PortalApp } from '../http/app.ts';
import type { Portal } from '../portal.ts';
import { FormRefusal } from './service.ts';
import { mailContext, requireSignIn, textField } from './auth.ts';
import type { SignedIn } from './sessions.ts';
import { childrenPage, emailPage, passwordPage } from './views.ts';
import { childViews } from './people.ts';
import type { FieldErrors } from '../registration/validate.ts';

const a = t.portal.accounts;

/** A refusal of a settings form as its field errors, or null for anything else (rethrown). */
const fieldErrors = (e: unknown): FieldErrors | null =>
  e instanceof FormRefusal ? e.errors : e instanceof AppError ? { [e.field ?? 'password']: e } : null;

const statusOf = (errors: FieldErrors) => (Object.values(errors).some((e) => e.code === 'throttled') ? 429 : 400);

type SignedInHandler = (me: SignedIn, req: FastifyRequest, reply: FastifyReply, ctx: PageContext) => Promise<FastifyReply>;

function signedInPage(app: PortalApp, method: 'GET' | 'POST', path: string, handler: SignedInHandler): void {
  app.page(method, path, async (req, reply, ctx) => {
    const me = await requireSignIn(app.portal, req, reply, ctx);
    return me ? handler(me, req, reply, ctx) : reply;
  });
}

async function showChildren(
  portal: Portal,
  ctx: PageContext,
  me: SignedIn,
  o: { code?: string; error?: AppError | null; notice?: string | null },
) {
  const children = await childViews(portal.db, me.account);
  return ctx.render(a.children.title, childrenPage(ctx, { children, ...o }), {
    status: o.error ? (o.error.code === 'throttled' ? 429 : 400) : 200,
  });
}

export function settingsPages(app: PortalApp): void {
  const { portal } = app;

  signedInPage(app, 'GET', '/account/password', async (_me, _req, _reply, ctx) => ctx.render(a.password.title, passwordPage(ctx, {})));

  signedInPage(app, 'POST', '/account/password', async (me, req, _reply, ctx) => {
    const f = { current: textField(req, 'current'), password: textField(req, 'password'), password2: textField(req, 'password2') };
    try {
      await portal.accounts.changePassword(me.account, me.session.id, f, ctx.network, mailContext(ctx));
    } catch (e) {
      const errors = fieldErrors(e);
      if (!errors) throw e;
      return ctx.render(a.password.title, passwordPage(ctx, errors), { status: statusOf(errors) });
    }
    return ctx.redirect('/account?done=password');
  });

  signedInPage(app, 'GET', '/account/email', async (me, _req, _reply, ctx) =>
    ctx.render(a.email.title, emailPage(ctx, me.account, { errors: {} })),
  );

  signedInPage(app, 'POST', '/account/email', async (me, req, _reply, ctx) => {
    const f = { email: textField(req, 'email', 300), password: textField(req, 'password'), emailSeen: textField(req, 'email_seen', 300) };
    let outcome;
    try {
      outcome = await portal.accounts.changeEmail(me.account, f, ctx.network, mailContext(ctx));
    } catch (e) {
      const errors = fieldErrors(e);
      if (!errors) throw e;
      return ctx.render(a.email.title, emailPage(ctx, me.account, { email: f.email, seen: f.emailSeen, errors }), {
        status: statusOf(errors),
      });
    }
    return ctx.redirect(outcome === 'kept' ? '/account?done=email_kept' : '/account?done=email');
  });

  signedInPage(app, 'GET', '/children', async (me, req, _reply, ctx) => {
    const added = (req.query as Record<string, unknown>).added === '1';
    return showChildren(portal, ctx, me, { notice: added ? a.account.childAdded : null });
  });

  signedInPage(app, 'POST', '/children', async (me, req, _reply, ctx) => {
    const code = textField(req, 'code', 200);
    try {
      await portal.registration.addChildren(me.account, [code], ctx.network);
      return ctx.redirect('/children?added=1');
    } catch (e) {
      const error = e instanceof FormRefusal ? Object.values(e.errors)[0]! : e instanceof AppError ? e : null;
      if (!error) throw e;
      return showChildren(portal, ctx, me, { code, error });
    }
  });
}
