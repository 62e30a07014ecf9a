// The recovery pages' markup. Every form posts with its CSRF token and works without script; the
// anti-automation picture sits right above its field.
import { html, type Html } from '../../src-node/html.ts';
import { errorMessage, t } from '../../src-shared/i18n/index.ts';
import type { AppError } from '../../src-shared/result.ts';
import type { PageContext } from '../http/app.ts';
import { errorSummary, field, form, newPasswordFields, submit } from '../http/forms.ts';
import { LINK_SEP, contactsOf, withPhones } from '../http/layout.ts';
import { messages } from '../registration/views.ts';
import type { FieldErrors } from '../registration/validate.ts';
import { CAPTCHA_DIGITS, type CaptchaChallenge } from './captcha.ts';
import { HIDDEN_DIGITS } from '../../src-shared/accounts/verdict.ts';

const r = t.portal.recover;
const problem = t.portal.registration.problem;

const errorOf = (errors: FieldErrors) => (n: string) => (errors[n] ? errorMessage(errors[n]) : null);

const back = (ctx: PageContext): Html =>
  html`<p class="links"><a href="${ctx.base}/recover">${r.choose.title}</a>${LINK_SEP}<a href="${ctx.base}/login">${r.choose.back}</a></p>`;

/** A picture (or question) with the address its form posts to, for the buttons that change it. */
export type CaptchaOnPage = CaptchaChallenge & { action: string };

/** `?captcha=text` when the page asks the question: its form posts there, so a wrong answer gets a question again. */
export const captchaQuery = (c: CaptchaOnPage | null): string => (c && 'question' in c ? '?captcha=text' : '');

/** The picture (or question) and its field (nothing with `--no-captcha`). */
function captchaField(c: CaptchaOnPage | null, error: string | null): Html {
  if (!c) return html``;
  const id = html`<input type="hidden" name="captcha_id" value="${c.id}">`;
  const common = { name: 'captcha', error, autocomplete: 'off', inputmode: 'numeric', required: true } as const;
  if ('question' in c)
    return html`${id}
${field({ ...common, label: c.question, hint: r.captcha.questionHint, maxlength: 6 })}`;
  return html`${id}
<img class="captcha" src="${c.image}" alt="${r.captcha.alt}" width="200" height="64">
${field({ ...common, label: r.captcha.label, hint: r.captcha.hint, maxlength: CAPTCHA_DIGITS + 4 })}`;
}

/**
 * Another picture, or the question in words instead (and back): buttons of the form, so what was
 * typed comes back with the new one (links lost it). After the form's own button, which stays the
 * one Enter presses.
 */
function captchaChoices(c: CaptchaOnPage | null): Html {
  if (!c) return html``;
  const button = (query: string, label: string) =>
    html`<button type="submit" class="link" formaction="${c.action}${query}" name="captcha_new" value="1">${label}</button>`;
  return 'question' in c
    ? html`<p class="links">${button('?captcha=text', r.captcha.otherQuestion)}${LINK_SEP}${button('', r.captcha.toPicture)}</p>`
    : html`<p class="links">${button('?captcha=text', r.captcha.toQuestion)}${LINK_SEP}${button('', r.captcha.otherPicture)}</p>`;
}

export function choosePage(ctx: PageContext): Html {
  return html`<p>${r.choose.intro}</p>
<ul class="plain links choices">
  <li><a class="button" href="${ctx.base}/recover/login">${r.choose.login}</a></li>
  <li><a class="button" href="${ctx.base}/recover/password">${r.choose.password}</a></li>
  <li><a class="button" href="${ctx.base}/recover/both">${r.choose.both}</a></li>
</ul>
<p class="hint">${r.choose.note} <a href="${ctx.base}/recover/help">${r.choose.noContact}</a></p>
<p class="links"><a href="${ctx.base}/login">${r.choose.back}</a></p>`;
}

export interface LoginFormData {
  both: boolean;
  email?: string;
  phone?: string;
  birthDate?: string;
  errors: FieldErrors;
  captcha: CaptchaOnPage | null;
}

export function forgotLoginPage(ctx: PageContext, d: LoginFormData): Html {
  const err = errorOf(d.errors);
  return html`${errorSummary(problem, messages(d.errors))}
<p>${d.both ? r.login.bothIntro : r.login.intro}</p>
${form(`${ctx.base}/recover/login${captchaQuery(d.captcha)}`, ctx.csrf(), [
  d.both ? html`<input type="hidden" name="both" value="1">` : html``,
  field({
    name: 'email',
    label: r.login.email,
    type: 'email',
    value: d.email,
    error: err('email'),
    autocomplete: 'email',
    inputmode: 'email',
    autocapitalize: 'none',
    maxlength: 254,
  }),
  field({
    name: 'phone',
    label: r.login.phone,
    type: 'tel',
    value: d.phone,
    // After both fields: under the email alone it read as if a phone went there too.
    hint: r.login.contactHint,
    error: err('phone'),
    // «Укажите почту или телефон» is said at the email field and concerns this one as much.
    sharedError: d.errors.email?.reason === 'recover.contact_required' ? 'f-email-error' : null,
    autocomplete: 'tel',
    inputmode: 'tel',
    maxlength: 30,
  }),
  field({
    name: 'birth_date',
    label: r.login.birthDate,
    value: d.birthDate,
    hint: r.login.birthDateHint,
    error: err('birth_date'),
    autocomplete: 'off',
    inputmode: 'numeric',
    maxlength: 10,
    required: true,
  }),
  captchaField(d.captcha, err('captcha')),
  submit(d.both ? r.login.bothSubmit : r.login.submit),
  captchaChoices(d.captcha),
])}
${back(ctx)}`;
}

export function loginSentPage(ctx: PageContext, both: boolean, perHour: number): Html {
  return html`<div class="notice ok" role="status"><p>${both ? r.login.sentBoth(perHour) : r.login.sent(perHour)}</p></div>
${both ? html`<p>${r.login.sentBothSms}</p><p><a class="button" href="${ctx.base}/recover/sms">${r.password.bySms}</a></p>` : html``}
<p class="hint">${r.choose.note} <a href="${ctx.base}/recover/help">${r.choose.noContact}</a></p>
<p class="links"><a href="${ctx.base}/login">${r.choose.back}</a></p>`;
}

/** A login and the picture: the first step of a password reset, by email or by SMS. */
function loginStep(
  ctx: PageContext,
  step: { action: string; intro: string; label: string; submit: string },
  d: { login?: string; errors: FieldErrors; captcha: CaptchaOnPage | null },
): Html {
  const err = errorOf(d.errors);
  return html`${errorSummary(problem, messages(d.errors))}
<p>${step.intro}</p>
${form(`${ctx.base}${step.action}${captchaQuery(d.captcha)}`, ctx.csrf(), [
  field({
    name: 'login',
    label: step.label,
    value: d.login,
    error: err('login'),
    autocomplete: 'username',
    autocapitalize: 'none',
    maxlength: 200,
    required: true,
  }),
  captchaField(d.captcha, err('captcha')),
  submit(step.submit),
  captchaChoices(d.captcha),
])}`;
}

export function forgotPasswordPage(ctx: PageContext, d: { login?: string; errors: FieldErrors; captcha: CaptchaOnPage | null }): Html {
  const step = { action: '/recover/password', intro: r.password.intro, label: r.password.login, submit: r.password.submit };
  return html`${loginStep(ctx, step, d)}
<p class="links"><a href="${ctx.base}/recover/sms">${r.password.bySms}</a></p>
${back(ctx)}`;
}

export function passwordSentPage(ctx: PageContext, perHour: number): Html {
  return html`<div class="notice ok" role="status"><p>${r.password.sent(perHour)}</p></div>
<p class="hint">${r.password.notArrived}</p>
<p><a class="button" href="${ctx.base}/recover/sms">${r.password.bySms}</a></p>
<p class="hint">${r.choose.note} <a href="${ctx.base}/recover/help">${r.choose.noContact}</a></p>
<p class="links"><a href="${ctx.base}/login">${r.choose.back}</a></p>`;
}

export function smsLoginPage(ctx: PageContext, d: { login?: string; errors: FieldErrors; captcha: CaptchaOnPage | null }): Html {
  const step = { action: '/recover/sms', intro: r.sms.intro, label: r.sms.login, submit: r.sms.submit };
  return html`${loginStep(ctx, step, d)}
${back(ctx)}`;
}

export function smsDigitsPage(ctx: PageContext, d: { masked: string; step: string; errors: FieldErrors }): Html {
  const err = errorOf(d.errors);
  return html`${errorSummary(problem, messages(d.errors))}
<p>${r.sms.digitsIntro(d.masked)}</p>
${form(`${ctx.base}/recover/sms/digits`, ctx.csrf(), [
  html`<input type="hidden" name="step" value="${d.step}">`,
  field({
    name: 'digits',
    label: r.sms.digits,
    hint: r.sms.digitsHint(HIDDEN_DIGITS),
    error: err('digits'),
    autocomplete: 'off',
    inputmode: 'numeric',
    maxlength: HIDDEN_DIGITS + 4,
    required: true,
    autofocus: true,
  }),
  submit(r.sms.digitsSubmit),
])}
<p class="hint">${r.sms.notMine} <a href="${ctx.base}/recover/help">${r.choose.noContact}</a></p>
${back(ctx)}`;
}

export function smsCodePage(ctx: PageContext, d: { masked: string; step: string; errors: FieldErrors }): Html {
  const err = errorOf(d.errors);
  return html`${errorSummary(problem, messages(d.errors))}
<p>${r.sms.codeIntro(d.masked)}</p>
${form(`${ctx.base}/recover/sms/code`, ctx.csrf(), [
  html`<input type="hidden" name="step" value="${d.step}">`,
  field({
    name: 'code',
    label: r.sms.code,
    hint: r.sms.codeHint,
    error: err('code'),
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    maxlength: 10,
    required: true,
    autofocus: true,
  }),
  submit(r.sms.codeSubmit),
])}
<p class="links"><a href="${ctx.base}/recover/sms">${r.sms.again}</a></p>
${back(ctx)}`;
}

export function resetPage(ctx: PageContext, o: { login: string; errors: FieldErrors } | { error: AppError | null }): Html {
  if ('error' in o) {
    return html`<p>${o.error ? errorMessage(o.error) : r.reset.noLink}</p>
<p><a class="button" href="${ctx.base}/recover/password">${r.reset.newLink}</a></p>
<p class="links"><a href="${ctx.base}/login">${r.choose.back}</a></p>`;
  }
  const err = errorOf(o.errors);
  return html`${errorSummary(problem, messages(o.errors))}
<p>${r.reset.intro(o.login)}</p>
${form(`${ctx.base}/recover/reset`, ctx.csrf(), [
  html`<input type="text" name="username" value="${o.login}" autocomplete="username" hidden>`,
  ...newPasswordFields({ password: r.reset.password, again: r.reset.again }, err),
  submit(r.reset.submit),
])}`;
}

export const resetDonePage = (ctx: PageContext): Html =>
  html`<div class="notice ok" role="status"><p>${r.reset.done}</p></div>
<p><a class="button primary" href="${ctx.base}/login">${r.reset.toLogin}</a></p>`;

/** Whom to ask, in full: the curator and the deputy director with their contacts, and the hours. */
export function helpPage(ctx: PageContext): Html {
  const c = contactsOf(ctx.school);
  const lines = [
    c.curatorContact ? t.portal.layout.curator(c.curatorContact) : null,
    c.deputyContact ? t.portal.layout.deputy(c.deputyContact) : null,
    c.supportHours ? t.portal.layout.hours(c.supportHours) : null,
  ].filter((l): l is string => l !== null);
  return html`<p>${r.help.text}</p>
${lines.length ? html`<ul class="contacts">${lines.map((l) => html`<li>${withPhones(l)}</li>`)}</ul>` : html`<p>${r.help.noContacts}</p>`}
<p>${r.help.bring}</p>
${back(ctx)}`;
}

export function throttledPage(ctx: PageContext, error: AppError): Html {
  return html`<div class="notice warn" role="alert"><p>${errorMessage(error)}</p></div>
${back(ctx)}`;
}

// ---- phone confirmation (account page) ----------------------------------------------------------

export function phonePage(ctx: PageContext, d: { phone?: string | null; errors: FieldErrors }): Html {
  const err = errorOf(d.errors);
  return html`${errorSummary(problem, messages(d.errors))}
<p>${r.phone.intro}</p>
${form(`${ctx.base}/account/phone`, ctx.csrf(), [
  field({
    name: 'phone',
    label: r.phone.phone,
    type: 'tel',
    value: d.phone ?? '',
    error: err('phone'),
    autocomplete: 'tel',
    inputmode: 'tel',
    maxlength: 30,
    required: true,
  }),
  submit(r.phone.submit),
])}
<p class="links"><a href="${ctx.base}/account">${r.phone.back}</a></p>`;
}

export function phoneCodePage(ctx: PageContext, d: { phone: string; errors: FieldErrors }): Html {
  const err = errorOf(d.errors);
  return html`${errorSummary(problem, messages(d.errors))}
<p>${r.phone.codeIntro(d.phone)}</p>
${form(`${ctx.base}/account/phone/confirm`, ctx.csrf(), [
  field({
    name: 'code',
    label: r.phone.code,
    hint: r.sms.codeHint,
    error: err('code'),
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    maxlength: 10,
    required: true,
    autofocus: true,
  }),
  submit(r.phone.codeSubmit),
])}
<p class="links"><a href="${ctx.base}/account/phone">${r.sms.again}</a></p>
<p class="links"><a href="${ctx.base}/account">${r.phone.back}</a></p>`;
}
