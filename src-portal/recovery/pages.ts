// The recovery pages under `PREFIX/recover…` and phone confirmation under `PREFIX/account/phone`.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../src-shared/i18n/index.ts';
import { AppError } from '../../src-shared/result.ts';
import { displayPhone } from '../../src-shared/roster/keys.ts';
import type { PageContext, PortalApp } from '../http/app.ts';
import type { Portal } from '../portal.ts';
import { RECOVERY_SLOT, RESET_DONE_SLOT, SMS_STEP_SLOT, clearStash, stashFromQuery, stashValue } from '../http/stash.ts';
import { contactsOf } from '../http/layout.ts';
import { mailContext, requireSignIn, textField } from '../accounts/auth.ts';
import { FormRefusal } from '../accounts/service.ts';
import type { FieldErrors } from '../registration/validate.ts';
import type { CaptchaForm } from './captcha.ts';
import type { CaptchaOnPage } from './views.ts';
import type { Recovery, RecoveryContext } from './service.ts';
import {
  choosePage,
  forgotLoginPage,
  forgotPasswordPage,
  helpPage,
  loginSentPage,
  passwordSentPage,
  phoneCodePage,
  phonePage,
  resetDonePage,
  resetPage,
  smsCodePage,
  smsDigitsPage,
  smsLoginPage,
  throttledPage,
} from './views.ts';

const r = t.portal.recover;

const recoveryContext = (ctx: PageContext): RecoveryContext => ({
  ...mailContext(ctx),
  help: contactsOf(ctx.school).curatorContact || r.curatorUnknown,
});

/** A refusal as field errors; null for anything that is not a refusal (rethrown by the caller). */
const refusalErrors = (e: unknown): FieldErrors | null =>
  e instanceof FormRefusal ? e.errors : e instanceof AppError && e.field ? { [e.field]: e } : null;

const statusOf = (errors: FieldErrors) => (Object.values(errors).some((e) => e.code === 'throttled') ? 429 : 400);

/** `?captcha=text`: the question in words instead of the picture (the page and its form's action carry it). */
const asksQuestion = (req: FastifyRequest) => (req.query as Record<string, unknown>).captcha === 'text';

/** A new picture (or question, if the page asked for one) for the form posting to `action` (null when off). */
async function captchaFor(
  rec: Recovery,
  req: FastifyRequest,
  ctx: PageContext,
  form: CaptchaForm,
  action: string,
): Promise<CaptchaOnPage | null> {
  const c = await rec.captchas.issue(form, asksQuestion(req) ? 'question' : 'picture');
  return c && { ...c, action: `${ctx.base}${action}` };
}

/** «Другая картинка» (or the switch to the question and back) pressed: the form again with what was typed, no try counted. */
const asksNewCaptcha = (req: FastifyRequest) => textField(req, 'captcha_new', 5) === '1';

/** Checks the picture of a form; a wrong answer comes back as the field's error (the picture is used up either way). */
const captchaError = async (rec: Recovery, req: FastifyRequest, form: CaptchaForm): Promise<FieldErrors> =>
  (await rec.captchas.check(form, textField(req, 'captcha_id', 100), textField(req, 'captcha', 20)))
    ? {}
    : { captcha: new AppError(asksQuestion(req) ? 'recover.captcha_question' : 'recover.captcha', { field: 'captcha' }) };

/** A throttled request: its own page, 429, nothing about any account. */
const throttled = (ctx: PageContext, e: unknown): FastifyReply | null =>
  e instanceof AppError && e.reason === 'recover.throttled' && !e.field
    ? ctx.render(r.throttled, throttledPage(ctx, e), { status: 429 })
    : null;

/** A form's page again after a refusal (throttled: its own page); anything that is no refusal is rethrown. */
function refused(
  ctx: PageContext,
  e: unknown,
  again: (errors: FieldErrors) => Promise<FastifyReply>,
): Promise<FastifyReply> | FastifyReply {
  const page = throttled(ctx, e);
  if (page) return page;
  const errors = refusalErrors(e);
  if (!errors) throw e;
  return again(errors);
}

const formStatus = (errors: FieldErrors) => (Object.keys(errors).length ? statusOf(errors) : 200);

export function recoveryFeature(app: PortalApp): void {
  app.page('GET', '/recover', (_req, _reply, ctx) => ctx.render(r.choose.title, choosePage(ctx)));
  app.page('GET', '/recover/help', (_req, _reply, ctx) => ctx.render(r.help.title, helpPage(ctx), { help: false }));
  loginPages(app);
  passwordPages(app);
  smsStartPages(app);
  smsStepPages(app);
  resetPages(app);
  phonePages(app, app.portal);
}

/** Forgot login, and forgot both (the same form with `both=1`). */
function loginPages(app: PortalApp): void {
  const rec = app.portal.recovery;
  type Typed = { email?: string; phone?: string; birthDate?: string; errors: FieldErrors };
  const loginForm = async (req: FastifyRequest, ctx: PageContext, both: boolean, d: Typed) => {
    const captcha = await captchaFor(rec, req, ctx, 'recover_login', '/recover/login');
    return ctx.render(both ? r.login.bothTitle : r.login.title, forgotLoginPage(ctx, { both, ...d, captcha }), {
      status: formStatus(d.errors),
    });
  };
  app.page('GET', '/recover/login', (req, _reply, ctx) => loginForm(req, ctx, false, { errors: {} }));
  app.page('GET', '/recover/both', (req, _reply, ctx) => loginForm(req, ctx, true, { errors: {} }));
  app.page('POST', '/recover/login', async (req, _reply, ctx) => {
    const both = textField(req, 'both', 5) === '1';
    const f = { email: textField(req, 'email', 300), phone: textField(req, 'phone', 100), birthDate: textField(req, 'birth_date', 40) };
    if (asksNewCaptcha(req)) return loginForm(req, ctx, both, { ...f, errors: {} });
    const captcha = await captchaError(rec, req, 'recover_login');
    if (Object.keys(captcha).length) return loginForm(req, ctx, both, { ...f, errors: captcha });
    try {
      await rec.forgotLogin(ctx.school.id, f, ctx.network, recoveryContext(ctx), both);
    } catch (e) {
      return refused(ctx, e, (errors) => loginForm(req, ctx, both, { ...f, errors }));
    }
    // Post/Redirect/Get: Back or Reload on the answer shows it again and sends nothing (the page
    // carries nothing of the request, so no stash is needed; known and unknown go to the same place).
    return ctx.redirect(both ? '/recover/both/sent' : '/recover/login/sent');
  });
  for (const both of [false, true]) {
    app.page('GET', both ? '/recover/both/sent' : '/recover/login/sent', (_req, _reply, ctx) =>
      ctx.render(r.login.sentTitle, loginSentPage(ctx, both, rec.policy.messagesPerHour)),
    );
  }
}

/** Forgot password: a reset link to the confirmed email. */
function passwordPages(app: PortalApp): void {
  const rec = app.portal.recovery;
  const passwordForm = async (req: FastifyRequest, ctx: PageContext, d: { login?: string; errors: FieldErrors }) => {
    const captcha = await captchaFor(rec, req, ctx, 'recover_password', '/recover/password');
    return ctx.render(r.password.title, forgotPasswordPage(ctx, { ...d, captcha }), { status: formStatus(d.errors) });
  };
  app.page('GET', '/recover/password', (req, _reply, ctx) => passwordForm(req, ctx, { errors: {} }));
  app.page('POST', '/recover/password', async (req, _reply, ctx) => {
    const login = textField(req, 'login', 200);
    if (asksNewCaptcha(req)) return passwordForm(req, ctx, { login, errors: {} });
    const captcha = await captchaError(rec, req, 'recover_password');
    if (Object.keys(captcha).length) return passwordForm(req, ctx, { login, errors: captcha });
    try {
      await rec.forgotPassword(ctx.school.id, login, ctx.network, recoveryContext(ctx));
    } catch (e) {
      return refused(ctx, e, (errors) => passwordForm(req, ctx, { login, errors }));
    }
    return ctx.redirect('/recover/password/sent');
  });
  app.page('GET', '/recover/password/sent', (_req, _reply, ctx) =>
    ctx.render(r.password.sentTitle, passwordSentPage(ctx, rec.policy.messagesPerHour)),
  );
}

/** The first SMS step's form: the login and the picture. */
async function smsForm(rec: Recovery, req: FastifyRequest, ctx: PageContext, d: { login?: string; errors: FieldErrors }) {
  const captcha = await captchaFor(rec, req, ctx, 'recover_sms', '/recover/sms');
  return ctx.render(r.sms.title, smsLoginPage(ctx, { ...d, captcha }), { status: formStatus(d.errors) });
}

/** Forgot password by SMS, the start: the login → the hidden digits' page. */
function smsStartPages(app: PortalApp): void {
  const { portal } = app;
  const rec = portal.recovery;
  app.page('GET', '/recover/sms', (req, _reply, ctx) => smsForm(rec, req, ctx, { errors: {} }));
  app.page('POST', '/recover/sms', async (req, reply, ctx) => {
    const login = textField(req, 'login', 200);
    if (asksNewCaptcha(req)) return smsForm(rec, req, ctx, { login, errors: {} });
    const captcha = await captchaError(rec, req, 'recover_sms');
    if (Object.keys(captcha).length) return smsForm(rec, req, ctx, { login, errors: captcha });
    try {
      const { step } = await rec.smsStart(ctx.school.id, login, ctx.network);
      // Post/Redirect/Get, the step riding in the stash: Reload on the next page sends nothing again.
      stashValue(portal, reply, ctx, SMS_STEP_SLOT, step);
      return ctx.redirect('/recover/sms/digits');
    } catch (e) {
      return refused(ctx, e, (errors) => smsForm(rec, req, ctx, { login, errors }));
    }
  });
}

/** An SMS step that went wrong: the same step again with the error, or the start when the step expired. */
async function smsStepError(
  rec: Recovery,
  req: FastifyRequest,
  ctx: PageContext,
  e: unknown,
  at: { step: string; page: 'digits' | 'code' },
) {
  if (e instanceof AppError && e.reason === 'recover.step_expired')
    return smsForm(rec, req, ctx, { errors: { login: new AppError('recover.step_expired', { field: 'login' }) } });
  return refused(ctx, e, async (errors) => smsStep(rec, ctx, at, errors));
}

/** The digits' or the code's page of a step. */
async function smsStep(rec: Recovery, ctx: PageContext, at: { step: string; page: 'digits' | 'code' }, errors: FieldErrors) {
  const masked = await rec.smsMasked(ctx.school.id, at.step);
  const view = at.page === 'digits' ? smsDigitsPage : smsCodePage;
  const title = at.page === 'digits' ? r.sms.digitsTitle : r.sms.codeTitle;
  return ctx.render(title, view(ctx, { masked, step: at.step, errors }), { status: formStatus(errors) });
}

/** Forgot password by SMS, the steps: the hidden digits → a code by SMS → the new password's page. */
function smsStepPages(app: PortalApp): void {
  const { portal } = app;
  const rec = portal.recovery;
  // A step's page (GET) with the step from the stash put back into its form; without one, the start.
  for (const page of ['digits', 'code'] as const) {
    app.page('GET', `/recover/sms/${page}`, async (req, reply, ctx) => {
      const step = stashFromQuery(portal, req, reply, ctx, SMS_STEP_SLOT);
      if (step === 'redirected') return reply;
      if (!step) return ctx.redirect('/recover/sms');
      return smsStep(rec, ctx, { step, page }, {}).catch((e: unknown) => smsStepError(rec, req, ctx, e, { step, page }));
    });
  }
  app.page('POST', '/recover/sms/digits', async (req, reply, ctx) => {
    const step = textField(req, 'step', 2000);
    try {
      await rec.smsDigits(ctx.school.id, step, textField(req, 'digits', 40), ctx.network, ctx.school.name);
    } catch (e) {
      return smsStepError(rec, req, ctx, e, { step, page: 'digits' });
    }
    stashValue(portal, reply, ctx, SMS_STEP_SLOT, step);
    return ctx.redirect('/recover/sms/code');
  });
  app.page('POST', '/recover/sms/code', async (req, reply, ctx) => {
    const step = textField(req, 'step', 2000);
    try {
      const token = await rec.smsCode(ctx.school.id, step, textField(req, 'code', 40), ctx.network);
      clearStash(reply, ctx, SMS_STEP_SLOT);
      stashValue(portal, reply, ctx, RECOVERY_SLOT, token);
      return ctx.redirect('/recover/reset');
    } catch (e) {
      return smsStepError(rec, req, ctx, e, { step, page: 'code' });
    }
  });
}

/** The new password: from a link's token or an SMS code's, waiting in the stash. */
function resetPages(app: PortalApp): void {
  const { portal } = app;
  const rec = portal.recovery;
  app.page('GET', '/recover/reset', async (req, reply, ctx) => {
    const token = stashFromQuery(portal, req, reply, ctx, RECOVERY_SLOT);
    if (token === 'redirected') return reply;
    if (!token) return ctx.render(r.reset.title, resetPage(ctx, { error: null }), { status: 400 });
    try {
      const { login } = await rec.resetFor(token);
      return ctx.render(r.reset.title, resetPage(ctx, { login, errors: {} }));
    } catch (e) {
      if (e instanceof AppError) return ctx.render(r.reset.title, resetPage(ctx, { error: e }), { status: 400 });
      throw e;
    }
  });

  app.page('POST', '/recover/reset', async (req, reply, ctx) => {
    const token = stashFromQuery(portal, req, reply, ctx, RECOVERY_SLOT);
    if (!token || token === 'redirected') return ctx.render(r.reset.title, resetPage(ctx, { error: null }), { status: 400 });
    const f = { password: textField(req, 'password'), password2: textField(req, 'password2') };
    try {
      await rec.resetPassword(token, f, ctx.network, recoveryContext(ctx));
    } catch (e) {
      if (e instanceof FormRefusal) {
        const { login } = await rec.resetFor(token);
        return ctx.render(r.reset.title, resetPage(ctx, { login, errors: e.errors }), { status: 400 });
      }
      if (e instanceof AppError) return ctx.render(r.reset.title, resetPage(ctx, { error: e }), { status: 400 });
      throw e;
    }
    clearStash(reply, ctx, RECOVERY_SLOT);
    stashValue(portal, reply, ctx, RESET_DONE_SLOT, 'done');
    return ctx.redirect('/recover/reset/done');
  });
  // Only the browser that set the password is told so (ten minutes, Reload included); anyone else signs in.
  app.page('GET', '/recover/reset/done', (req, reply, ctx) => {
    const done = stashFromQuery(portal, req, reply, ctx, RESET_DONE_SLOT);
    if (done === 'redirected') return reply;
    return done ? ctx.render(r.reset.doneTitle, resetDonePage(ctx)) : ctx.redirect('/login');
  });
}

function phonePages(app: PortalApp, portal: Portal): void {
  const rec = portal.recovery;
  app.page('GET', '/account/phone', async (req, reply, ctx) => {
    const me = await requireSignIn(portal, req, reply, ctx);
    if (!me) return reply;
    return ctx.render(r.phone.title, phonePage(ctx, { phone: displayPhone(me.account.phone), errors: {} }));
  });

  app.page('POST', '/account/phone', async (req, reply, ctx) => {
    const me = await requireSignIn(portal, req, reply, ctx);
    if (!me) return reply;
    const typed = textField(req, 'phone', 100);
    try {
      const phone = await rec.sendPhoneCode(me.account, typed, ctx.school.name);
      return ctx.render(r.phone.title, phoneCodePage(ctx, { phone: displayPhone(phone), errors: {} }));
    } catch (e) {
      const errors = refusalErrors(e);
      if (!errors) throw e;
      return ctx.render(r.phone.title, phonePage(ctx, { phone: typed, errors }), { status: statusOf(errors) });
    }
  });

  app.page('POST', '/account/phone/confirm', async (req, reply, ctx) => {
    const me = await requireSignIn(portal, req, reply, ctx);
    if (!me) return reply;
    try {
      await rec.confirmPhone(me.account, textField(req, 'code', 40));
      return ctx.redirect('/account?done=phone');
    } catch (e) {
      const errors = refusalErrors(e);
      if (!errors) throw e;
      const phone = displayPhone(await rec.pendingPhone(me.account.id));
      return ctx.render(r.phone.title, phoneCodePage(ctx, { phone, errors }), { status: statusOf(errors) });
    }
  });
}
