// Signing in and out, the account page and confirming an email address.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../src-shared/i18n/index.ts';
import { AppError } from '../../src-shared/result.ts';
import { displayPhone } from '../../src-shared/roster/keys.ts';
import type { PageContext, PortalApp } from '../http/app.ts';
import type { Portal } from '../portal.ts';
import { CODE_SLOT, CONFIRM_SLOT, clearStash, stashFromQuery } from '../http/stash.ts';
import { clearSessionCookie, setSessionCookie, type SignedIn } from './sessions.ts';
import { mailContext, requireSignIn, signedIn, textField } from './auth.ts';
import { childViews } from './people.ts';
import { accountPage, childrenPage, confirmedPage, confirmPage, loginPage } from './views.ts';
import { existingStep } from '../registration/views.ts';
import { withField } from '../registration/codes.ts';
import { settingsPages } from './settings.ts';

const a = t.portal.accounts;

const LOGIN_NOTICES: Record<string, string> = {
  signed_out: a.login.signedOut,
  signed_out_all: a.login.signedOutAll,
  need: a.login.needSignIn,
};

const ACCOUNT_NOTICES: Record<string, (acc: SignedIn['account'], pending: string | null) => string> = {
  password: () => a.account.passwordChanged,
  email: (acc, pending) =>
    pending ? a.account.emailPending(pending) : acc.email ? a.account.emailChanged(acc.email) : a.account.registered,
  email_kept: () => a.account.emailKept,
  resent: (acc, pending) => a.account.resent(pending ?? acc.email ?? ''),
  phone: (acc) => t.portal.recover.phone.done(displayPhone(acc.phone)),
};

const query = (req: FastifyRequest, name: string): string | undefined => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
};

async function renderAccount(portal: Portal, ctx: PageContext, me: SignedIn, o: { done?: string; error?: AppError | null } = {}) {
  const change = await portal.accounts.emailChange(me.account);
  const pending = change?.state === 'waiting' ? change.email : null;
  const notice = o.done ? (ACCOUNT_NOTICES[o.done]?.(me.account, pending) ?? null) : null;
  const data = {
    change,
    account: me.account,
    children: me.account.kind === 'parent' ? await childViews(portal.db, me.account) : [],
    sessions: await portal.accounts.sessions.active(me.account.id),
    currentSession: me.session.id,
    notice,
    error: o.error ?? null,
  };
  return ctx.render(a.account.title, accountPage(ctx, data), { status: o.error ? 400 : 200 });
}

/** A parent signing in from the code step: the child of the code is added once they are in. */
async function addAfterSignIn(portal: Portal, ctx: PageContext, me: SignedIn, code: string): Promise<FastifyReply> {
  try {
    await portal.registration.addChildren(me.account, [code], ctx.network);
    return ctx.redirect('/children?added=1');
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const children = await childViews(portal.db, me.account);
    return ctx.render(a.children.title, childrenPage(ctx, { children, code, error: e }), { status: 400 });
  }
}

/** A refused sign-in: the page it came from again (the plain sign-in, or the code step's). */
async function refuseSignIn(portal: Portal, ctx: PageContext, e: AppError, login: string, code: string): Promise<FastifyReply> {
  const status = e.code === 'throttled' ? 429 : e.code === 'invalid_input' ? 400 : 401;
  const error = e.field ? e : withField(e, 'login');
  if (code) {
    try {
      const applicant = await portal.registration.applicant(ctx.school.id, code, ctx.network);
      if (applicant.existing) return ctx.render(a.existing.title, existingStep(ctx, applicant, code, error, login), { status });
    } catch {
      // The code no longer leads here: the plain sign-in page says what went wrong with the password.
    }
  }
  return ctx.render(a.login.title, loginPage(ctx, { login, error }), { status });
}

export function accountsFeature(app: PortalApp): void {
  const { portal } = app;

  app.page('GET', '/login', async (req, reply, ctx) => {
    if (await signedIn(portal, req, reply, ctx)) return ctx.redirect('/account');
    const done = query(req, 'done') ?? (query(req, 'need') ? 'need' : undefined);
    return ctx.render(a.login.title, loginPage(ctx, { notice: done ? (LOGIN_NOTICES[done] ?? null) : null }));
  });

  app.page('POST', '/login', async (req, reply, ctx) => {
    const login = textField(req, 'login', 200);
    const code = textField(req, 'code', 200);
    let result: Awaited<ReturnType<typeof portal.accounts.signIn>>;
    try {
      result = await portal.accounts.signIn(ctx.school.id, login, textField(req, 'password'), ctx.network, req.headers['user-agent']);
    } catch (e) {
      if (e instanceof AppError) return refuseSignIn(portal, ctx, e, login, code);
      throw e;
    }
    setSessionCookie(reply, ctx, result.token);
    if (!code) return ctx.redirect('/account');
    clearStash(reply, ctx, CODE_SLOT);
    const me = (await portal.accounts.sessions.find(result.token, ctx.school.id))!;
    return addAfterSignIn(portal, ctx, me, code);
  });

  app.page('POST', '/logout', async (req, reply, ctx) => {
    const me = await signedIn(portal, req, reply, ctx);
    if (me) await portal.accounts.sessions.end(portal.db, me.session.id, 'sign_out');
    clearSessionCookie(reply, ctx);
    return ctx.redirect('/login?done=signed_out');
  });

  app.page('GET', '/account', async (req, reply, ctx) => {
    const me = await requireSignIn(portal, req, reply, ctx);
    if (!me) return reply;
    return renderAccount(portal, ctx, me, { done: query(req, 'done') });
  });

  app.page('POST', '/account/resend', async (req, reply, ctx) => {
    const me = await requireSignIn(portal, req, reply, ctx);
    if (!me) return reply;
    try {
      await portal.accounts.resendConfirmation(me.account, mailContext(ctx));
    } catch (e) {
      if (e instanceof AppError) return renderAccount(portal, ctx, me, { error: e });
      throw e;
    }
    return ctx.redirect('/account?done=resent');
  });

  app.page('POST', '/account/email/cancel', async (req, reply, ctx) => {
    const me = await requireSignIn(portal, req, reply, ctx);
    if (!me) return reply;
    await portal.accounts.cancelPendingEmail(me.account);
    return ctx.redirect('/account?done=email_kept');
  });

  app.page('POST', '/account/sessions', async (req, reply, ctx) => {
    const me = await requireSignIn(portal, req, reply, ctx);
    if (!me) return reply;
    await portal.accounts.sessions.endAll(portal.db, me.account.id, 'sign_out_all');
    clearSessionCookie(reply, ctx);
    return ctx.redirect('/login?done=signed_out_all');
  });

  app.page('GET', '/confirm', async (req, reply, ctx) => {
    const token = stashFromQuery(portal, req, reply, ctx, CONFIRM_SLOT);
    if (token === 'redirected') return reply;
    if (!token) return ctx.render(a.confirm.title, confirmPage(ctx, { error: null }));
    try {
      const found = await portal.accounts.confirmationFor(token);
      if (found.done) return ctx.render(a.confirm.alreadyTitle, confirmedPage(ctx, found.email, true));
      return ctx.render(a.confirm.title, confirmPage(ctx, found));
    } catch (e) {
      if (e instanceof AppError) return ctx.render(a.confirm.title, confirmPage(ctx, { error: e }), { status: 400 });
      throw e;
    }
  });

  app.page('POST', '/confirm', async (req, reply, ctx) => {
    const token = stashFromQuery(portal, req, reply, ctx, CONFIRM_SLOT);
    if (!token || token === 'redirected') return ctx.render(a.confirm.title, confirmPage(ctx, { error: null }), { status: 400 });
    try {
      const done = await portal.accounts.confirmEmail(token);
      clearStash(reply, ctx, CONFIRM_SLOT);
      return ctx.render(a.confirm.doneTitle, confirmedPage(ctx, done.email));
    } catch (e) {
      // The button pressed twice (or in two tabs): the first press did it.
      const found = e instanceof AppError && e.reason === 'account.link_used' ? await portal.accounts.confirmationFor(token) : null;
      if (found?.done) return ctx.render(a.confirm.alreadyTitle, confirmedPage(ctx, found.email, true));
      if (e instanceof AppError) return ctx.render(a.confirm.title, confirmPage(ctx, { error: e }), { status: 400 });
      throw e;
    }
  });

  settingsPages(app);
}
