// The account pages' markup: sign-in, the account page, password and email changes, confirmation,
// children. Every form posts with its CSRF token and has one submit button.
import { html, type Html } from '../../src-node/html.ts';
import { errorMessage, t } from '../../src-shared/i18n/index.ts';
import { displayPhone } from '../../src-shared/roster/keys.ts';
import type { AppError } from '../../src-shared/result.ts';
import type { PageContext } from '../http/app.ts';
import { errorSummary, field, form, newPasswordFields, submit } from '../http/forms.ts';
import type { AccountRow, SessionRow } from './sessions.ts';
import type { EmailChange } from './service.ts';
import { describeDevice, when, zoneName } from './devices.ts';
import { messages } from '../registration/views.ts';
import { emailSeen, type FieldErrors } from '../registration/validate.ts';

const a = t.portal.accounts;
const problem = t.portal.registration.problem;

const notice = (text: string | null, kind: 'ok' | 'warn' | '' = 'ok'): Html =>
  text ? html`<div class="notice ${kind}" role="status"><p>${text}</p></div>` : html``;

export function loginPage(ctx: PageContext, o: { login?: string; error?: AppError | null; notice?: string | null }): Html {
  const message = o.error ? errorMessage(o.error) : null;
  return html`${errorSummary(problem, { login: message })}
${notice(o.notice ?? null)}
${form(`${ctx.base}/login`, ctx.csrf(), [
  field({
    name: 'login',
    label: a.login.login,
    value: o.login,
    error: message,
    autocomplete: 'username',
    autocapitalize: 'none',
    required: true,
  }),
  field({ name: 'password', label: a.login.password, type: 'password', autocomplete: 'current-password', required: true, maxlength: 1024 }),
  submit(a.login.submit),
])}
<p class="links"><a href="${ctx.base}/${ctx.school.landing}">${a.login.noAccount}</a></p>
<p class="links"><a href="${ctx.base}/recover">${t.portal.recover.signInLink}</a></p>`;
}

/** A form that is only a button (sign out, resend …). */
export const buttonForm = (ctx: PageContext, path: string, label: string, primary = false): Html =>
  html`<form method="post" action="${ctx.base}${path}" class="inline">${html`<input type="hidden" name="_csrf" value="${ctx.csrf()}">`}<button type="submit"${primary ? html` class="primary"` : ''}>${label}</button></form>`;

/** A change of the confirmed address not confirmed yet: its link waiting, or run out. */
function changeBlock(ctx: PageContext, change: EmailChange): Html {
  const waiting = change.state === 'waiting';
  return html`<div class="notice warn"><p><strong>${waiting ? a.account.pending(change.email) : a.account.pendingExpired(change.email)}</strong></p>
<p>${waiting ? a.account.pendingNote : a.account.pendingExpiredNote}</p>
${buttonForm(ctx, '/account/resend', a.account.resend)} ${buttonForm(ctx, '/account/email/cancel', a.account.cancelPending)}</div>`;
}

function contacts(ctx: PageContext, acc: AccountRow, change: EmailChange | null): Html {
  const email = acc.email
    ? html`${acc.email} — <span class="${acc.email_confirmed_at ? 'ok' : 'warn'}">${acc.email_confirmed_at ? a.account.confirmed : a.account.notConfirmed}</span>`
    : a.account.noneEmail;
  const phone = acc.phone
    ? html`${displayPhone(acc.phone)}${acc.phone_confirmed_at ? html` — <span class="ok">${t.portal.recover.phone.confirmed}</span>` : html` — ${a.account.phoneNotConfirmed}`}`
    : a.account.none;
  return html`<dl class="facts">
  <dt>${a.account.login}</dt><dd><strong class="login">${acc.login}</strong></dd>
  <dt>${a.account.email}</dt><dd>${email}</dd>
  <dt>${a.account.phone}</dt><dd>${phone}</dd>
</dl>
${change ? changeBlock(ctx, change) : ''}${
    acc.email_confirmed_at
      ? ''
      : html`<div class="notice warn"><p>${acc.email ? a.account.unconfirmedWarning : a.account.noEmailWarning}</p>
${acc.email ? buttonForm(ctx, '/account/resend', a.account.resend) : html`<p class="links"><a href="${ctx.base}/account/email">${a.account.changeEmail}</a></p>`}</div>`
  }`;
}

/** The zone once per line, after its times: written short, said in words (a screen reader may skip «−»). */
function zone(d: Date, timeZone: string): Html {
  const { shown, spoken } = zoneName(d, timeZone);
  return html`<span aria-hidden="true">${shown}</span><span class="visually-hidden">${spoken}</span>`;
}

function sessionsList(ctx: PageContext, sessions: SessionRow[], current: string): Html {
  return html`<h2>${a.account.sessions}</h2>
<ul class="plain sessions">
  ${sessions.map(
    (s) => html`<li><strong>${describeDevice(s.user_agent)}</strong>${s.id === current ? html` (${a.account.thisDevice})` : ''}<br>
<span class="hint">${a.account.since(when(s.created_at, ctx.timeZone))}; ${a.account.lastSeen(when(s.last_seen_at, ctx.timeZone))}\u00a0${zone(s.last_seen_at, ctx.timeZone)}</span></li>`,
  )}
</ul>
${buttonForm(ctx, '/account/sessions', a.account.signOutAll)}`;
}

export interface AccountPageData {
  account: AccountRow;
  children: { name: string; className: string }[];
  sessions: SessionRow[];
  currentSession: string;
  notice: string | null;
  error: AppError | null;
  /** A new address asked for to replace the confirmed one. */
  change: EmailChange | null;
}

export function accountPage(ctx: PageContext, d: AccountPageData): Html {
  const parent = d.account.kind === 'parent';
  return html`${notice(d.notice)}${d.error ? notice(errorMessage(d.error), 'warn') : ''}
${contacts(ctx, d.account, d.change)}
<ul class="plain links">
  <li><a href="${ctx.base}/account/password">${a.account.changePassword}</a></li>
  <li><a href="${ctx.base}/account/email">${a.account.changeEmail}</a></li>
  <li><a href="${ctx.base}/account/phone">${d.account.phone && !d.account.phone_confirmed_at ? t.portal.recover.phone.link : t.portal.recover.phone.change}</a></li>
</ul>
${
  parent
    ? html`<h2>${a.account.children}</h2>
${d.children.length ? html`<ul>${d.children.map((c) => html`<li>${a.children.childLine(c.name, c.className)}</li>`)}</ul>` : html`<p>${a.account.noChildren}</p>`}
<p class="links"><a href="${ctx.base}/children">${a.account.addChild}</a></p>`
    : ''
}
${sessionsList(ctx, d.sessions, d.currentSession)}
${buttonForm(ctx, '/logout', a.account.signOut, true)}`;
}

export function passwordPage(ctx: PageContext, errors: FieldErrors): Html {
  const err = (n: string) => (errors[n] ? errorMessage(errors[n]) : null);
  return html`${errorSummary(problem, messages(errors))}
<p>${a.password.note}</p>
${form(`${ctx.base}/account/password`, ctx.csrf(), [
  field({
    name: 'current',
    label: a.password.current,
    type: 'password',
    error: err('current'),
    autocomplete: 'current-password',
    required: true,
    maxlength: 1024,
  }),
  ...newPasswordFields({ password: a.password.next, again: a.password.again }, err),
  submit(a.password.submit),
])}
<p class="links"><a href="${ctx.base}/account">${a.children.back}</a></p>`;
}

export function emailPage(ctx: PageContext, account: AccountRow, o: { email?: string; seen?: string; errors: FieldErrors }): Html {
  const err = (n: string) => (o.errors[n] ? errorMessage(o.errors[n]) : null);
  const seen = emailSeen(o.errors, o.email, o.seen);
  const parent = account.kind === 'parent';
  return html`${errorSummary(problem, messages(o.errors))}
<p>${a.email.note}</p>
${form(`${ctx.base}/account/email`, ctx.csrf(), [
  field({
    name: 'email',
    label: a.email.next,
    type: 'email',
    value: o.email ?? account.email,
    error: err('email'),
    hint: parent ? null : a.email.nextHintStudent,
    autocomplete: 'email',
    inputmode: 'email',
    autocapitalize: 'none',
    required: parent,
    maxlength: 254,
  }),
  seen ? html`<input type="hidden" name="email_seen" value="${seen}">` : html``,
  field({
    name: 'password',
    label: a.email.password,
    type: 'password',
    error: err('password'),
    autocomplete: 'current-password',
    required: true,
    maxlength: 1024,
  }),
  submit(a.email.submit),
])}
<p class="links"><a href="${ctx.base}/account">${a.children.back}</a></p>`;
}

export function confirmPage(ctx: PageContext, o: { email: string; login: string } | { error: AppError | null }): Html {
  if ('error' in o) {
    return html`<p>${o.error ? errorMessage(o.error) : a.confirm.noLink}</p><p class="links"><a href="${ctx.base}/login">${a.login.title}</a></p>`;
  }
  return html`<p>${a.confirm.text(o.email, o.login)}</p>
${form(`${ctx.base}/confirm`, ctx.csrf(), [submit(a.confirm.submit)])}`;
}

export const confirmedPage = (ctx: PageContext, email: string, before = false): Html =>
  html`<div class="notice ok" role="status"><p>${before ? a.confirm.already(email) : a.confirm.done(email)}</p></div>
<p><a class="button primary" href="${ctx.base}/account">${a.confirm.toAccount}</a></p>`;

export function childrenPage(
  ctx: PageContext,
  o: { children: { name: string; className: string }[]; code?: string; error?: AppError | null; notice?: string | null },
): Html {
  const message = o.error ? errorMessage(o.error) : null;
  return html`${errorSummary(problem, { code: message })}${notice(o.notice ?? null)}
<p>${a.children.intro}</p>
${o.children.length ? html`<ul>${o.children.map((c) => html`<li>${a.children.childLine(c.name, c.className)}</li>`)}</ul>` : html`<p>${a.account.noChildren}</p>`}
<h2>${a.children.add}</h2>
<p>${a.children.addIntro}</p>
${form(`${ctx.base}/children`, ctx.csrf(), [
  field({
    name: 'code',
    label: a.children.code,
    value: o.code,
    error: message,
    hint: a.code.hint,
    autocomplete: 'off',
    autocapitalize: 'none',
    required: true,
  }),
  submit(a.children.submit),
])}
<p class="links"><a href="${ctx.base}/account">${a.children.back}</a></p>`;
}
