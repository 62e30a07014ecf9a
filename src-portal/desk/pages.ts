// `PREFIX/reset`: a desk reset slip's page. The QR's link carries the token (`?t=`), moved at once
// into an encrypted cookie (http/stash.ts); without it, the slip's short code is typed (`code`).
// Then the new password twice (`password`, `password2`: the same fields and policy as registration).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type Html } from '../../src-node/html.ts';
import { errorMessage, t } from '../../src-shared/i18n/index.ts';
import { PASSWORD_MAX } from '../../src-shared/auth/password-policy.ts';
import { AppError } from '../../src-shared/result.ts';
import type { PageContext, PortalApp } from '../http/app.ts';
import { errorSummary, field, form, submit } from '../http/forms.ts';
import { SLIP_SLOT, clearStash, stashFromQuery } from '../http/stash.ts';
import { mailContext, textField } from '../accounts/auth.ts';
import { FormRefusal } from '../accounts/service.ts';
import { messages } from '../registration/views.ts';
import type { FieldErrors } from '../registration/validate.ts';
import type { SlipKey } from './service.ts';

const r = t.deskAccounts.portal;
const problem = t.portal.registration.problem;

function codeField(ctx: PageContext, o: { code?: string; error?: AppError | null; secondary?: boolean }): Html {
  return form(`${ctx.base}/reset`, ctx.csrf(), [
    field({
      name: 'code',
      label: r.code,
      value: o.code ?? '',
      error: o.error ? errorMessage(o.error) : null,
      autocomplete: 'one-time-code',
      autocapitalize: 'none',
      required: true,
      maxlength: 40,
    }),
    o.secondary ? html`<button type="submit">${r.next}</button>` : submit(r.next),
  ]);
}

/** The code typed by hand: a wrong one is the parent's typing mistake, shown at the field. */
function codePage(ctx: PageContext, o: { code?: string; error?: AppError | null }): Html {
  const errors: FieldErrors = o.error ? { code: o.error } : {};
  return html`${errorSummary(problem, messages(errors))}
<p>${r.codeIntro}</p>
${codeField(ctx, o)}`;
}

/**
 * The slip's link (its QR) that no longer works: nothing was typed, so no form error — one notice
 * with what happened and what to do, then, second, a newer slip's code. A used slip reads as an
 * unknown one (`reset.invalid` for both), as before: the page says no more than that.
 */
function linkProblemPage(ctx: PageContext, e: AppError): Html {
  const what = e.reason === 'reset.expired' ? r.linkExpired : e.reason === 'reset.invalid' ? r.linkInvalid : errorMessage(e);
  return html`<div class="notice warn" role="alert"><p>${what}</p><p>${r.askSchool}</p></div>
<p>${r.newerCode}</p>
${codeField(ctx, { secondary: true })}`;
}

/** A refused slip: by its link a notice, by its typed code the field's error. */
const refusalPage = (ctx: PageContext, key: SlipKey, e: AppError): Html =>
  'token' in key ? linkProblemPage(ctx, e) : codePage(ctx, { code: key.code, error: e });

function passwordForm(ctx: PageContext, o: { login: string; code: string | null; errors: FieldErrors }): Html {
  const err = (n: string) => (o.errors[n] ? errorMessage(o.errors[n]) : null);
  return html`${errorSummary(problem, messages(o.errors))}
<p>${r.intro(o.login)}</p>
${form(`${ctx.base}/reset`, ctx.csrf(), [
  html`<input type="text" name="username" value="${o.login}" autocomplete="username" hidden readonly />`,
  o.code ? html`<input type="hidden" name="code" value="${o.code}" />` : html``,
  field({
    name: 'password',
    label: r.password,
    type: 'password',
    error: err('password'),
    hint: t.policy.password.hint,
    autocomplete: 'new-password',
    required: true,
    maxlength: PASSWORD_MAX,
  }),
  field({
    name: 'password2',
    label: r.password2,
    type: 'password',
    error: err('password2'),
    autocomplete: 'new-password',
    required: true,
    maxlength: PASSWORD_MAX,
  }),
  submit(r.save),
])}`;
}

const donePage = (ctx: PageContext, login: string): Html =>
  html`<div class="notice ok" role="status"><p>${r.done(login)}</p></div>
<p><a class="button primary" href="${ctx.base}/login">${r.signIn}</a></p>`;

const statusOf = (e: AppError) => (e.code === 'throttled' ? 429 : 400);

export function deskFeature(app: PortalApp): void {
  const { portal } = app;

  /** The slip this request is about: the stashed token, or the code posted; null when neither. */
  const keyOf = (req: FastifyRequest, reply: FastifyReply, ctx: PageContext): SlipKey | 'redirected' | null => {
    const token = stashFromQuery(portal, req, reply, ctx, SLIP_SLOT);
    if (token === 'redirected') return token;
    if (token) return { token };
    const code = req.method === 'POST' ? textField(req, 'code', 40) : '';
    return code ? { code } : null;
  };

  app.page('GET', '/reset', async (req, reply, ctx) => {
    const key = keyOf(req, reply, ctx);
    if (key === 'redirected') return reply;
    if (!key) return ctx.render(r.title, codePage(ctx, {}));
    try {
      const slip = await portal.desk.slip(ctx.school.id, key, ctx.network);
      return ctx.render(r.title, passwordForm(ctx, { login: await portal.desk.loginOf(slip), code: null, errors: {} }));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      clearStash(reply, ctx, SLIP_SLOT);
      return ctx.render(r.title, refusalPage(ctx, key, e), { status: statusOf(e) });
    }
  });

  app.page('POST', '/reset', async (req, reply, ctx) => {
    const key = keyOf(req, reply, ctx);
    if (key === 'redirected') return reply;
    // Sent empty (an old phone ignores `required`): say what to type, not the same page again.
    if (!key)
      return ctx.render(r.title, codePage(ctx, { error: new AppError('reset.length', { typed: 0 }, { field: 'code' }) }), { status: 400 });
    const code = 'code' in key ? key.code : null;
    let login: string;
    try {
      login = await portal.desk.loginOf(await portal.desk.slip(ctx.school.id, key, ctx.network));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      clearStash(reply, ctx, SLIP_SLOT);
      return ctx.render(r.title, refusalPage(ctx, key, e), { status: statusOf(e) });
    }
    // The code step: the code was right, now the password form (the code rides along in it).
    if (!('password' in (req.body as object))) return ctx.render(r.title, passwordForm(ctx, { login, code, errors: {} }));
    const f = { password: textField(req, 'password'), password2: textField(req, 'password2') };
    try {
      await portal.desk.setPassword(ctx.school.id, key, f, ctx.network, mailContext(ctx));
    } catch (e) {
      if (e instanceof FormRefusal) return ctx.render(r.title, passwordForm(ctx, { login, code, errors: e.errors }), { status: 400 });
      if (!(e instanceof AppError)) throw e;
      return ctx.render(r.title, refusalPage(ctx, key, e), { status: statusOf(e) });
    }
    clearStash(reply, ctx, SLIP_SLOT);
    return ctx.render(r.doneTitle, donePage(ctx, login));
  });
}
