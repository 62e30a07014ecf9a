// The registration pages' markup: the code step, whom a code is for, the account form, the sign-in of
// a parent who already has an account, and «what next».
import { html, type Html } from '../../src-node/html.ts';
import { errorMessage, t } from '../../src-shared/i18n/index.ts';
import type { AppError } from '../../src-shared/result.ts';
import { LOGIN_MAX } from '../../src-shared/auth/login.ts';
import type { PageContext } from '../http/app.ts';
import { checkbox, errorSummary, field, form, newPasswordFields, submit } from '../http/forms.ts';
import { waysIn } from '../http/layout.ts';
import { shortName } from '../accounts/people.ts';
import type { Applicant } from './service.ts';
import { otherCodeField } from './service.ts';
import { emailSeen, type AccountForm, type FieldErrors } from './validate.ts';

const r = t.portal.registration;
const a = t.portal.accounts;

/** Up to this many more children's codes in one registration. */
export const OTHER_CODES = 3;

export const messages = (errors: FieldErrors): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, errorMessage(e)]));

export function codeStep(ctx: PageContext, code: string | null, error: AppError | null): Html {
  const message = error ? errorMessage(error) : null;
  return html`${errorSummary(r.problem, { code: message })}
<p>${r.intro}</p>
${form(`${ctx.base}/${ctx.school.landing}`, ctx.csrf(), [
  field({
    name: 'code',
    label: r.codeLabel,
    value: code,
    error: message,
    hint: a.code.hint,
    autocomplete: 'off',
    autocapitalize: 'none',
    required: true,
  }),
  submit(r.next),
])}
${waysIn(ctx.base)}`;
}

/** «Родителям (6А)», the child's name shortened, and what the code is for. */
export function whom(applicant: Applicant, note = true): Html {
  const f = applicant.facts;
  const label = applicant.kind === 'parent' ? a.code.forParent(f.className) : a.code.forStudent(f.className);
  const child = shortName(f.student!);
  return html`<div class="notice whom">
  <p class="whom-label">${label}</p>
  <p>${applicant.kind === 'parent' ? a.code.child(child) : child}</p>
  ${note ? html`<p class="hint">${applicant.kind === 'parent' ? a.code.parentNote : a.code.studentNote}</p>` : ''}
</div>`;
}

const hidden = (name: string, value: string): Html => html`<input type="hidden" name="${name}" value="${value}">`;

function otherCodes(form: AccountForm | null, errors: FieldErrors): Html {
  const values = form?.otherCodes ?? [];
  const open = values.length > 0 || Object.keys(errors).some((k) => k.startsWith('other_code'));
  const inputs = Array.from({ length: OTHER_CODES }, (_, i) => {
    const e = errors[otherCodeField(i)];
    return field({
      name: 'other_code',
      id: otherCodeField(i),
      label: a.form.moreLabel(i + 1),
      value: values[i] ?? '',
      error: e ? errorMessage(e) : null,
      autocomplete: 'off',
      autocapitalize: 'none',
    });
  });
  return html`<details class="more"${open ? html` open` : ''}>
  <summary>${a.form.more}</summary>
  <p class="hint">${a.form.moreIntro}</p>
  ${inputs}
</details>`;
}

export interface AccountStepData {
  applicant: Applicant;
  code: string;
  form: AccountForm | null;
  errors: FieldErrors;
  /** A free login to offer (the applicant's, or one made from the typed full name). */
  suggestion: string | null;
  /** Someone signed in on this device: registering will switch to the new account. */
  signedIn?: { login: string; kind: 'student' | 'parent' } | null;
}

/** Registering while signed in replaces the session: said before the form, not discovered after. */
function signedInNotice(ctx: PageContext, who: AccountStepData['signedIn']): Html {
  if (!who) return html``;
  const child =
    who.kind === 'parent' ? html`<p>${a.form.signedInChild} <a href="${ctx.base}/children">${a.form.signedInChildLink}</a>.</p>` : html``;
  return html`<div class="notice warn" role="status" data-notice="signed-in"><p>${a.form.signedIn(who.login)}</p>${child}</div>`;
}

function accountFields(ctx: PageContext, d: AccountStepData): Html[] {
  const err = (name: string) => (d.errors[name] ? errorMessage(d.errors[name]) : null);
  const parent = d.applicant.kind === 'parent';
  const login = d.form?.login || d.suggestion || '';
  const loginHint = d.suggestion ? `${a.form.loginSuggested(d.suggestion)} ${t.policy.login.hint}` : t.policy.login.hint;
  const seen = emailSeen(d.errors, d.form?.email, d.form?.emailSeen);
  return [
    d.applicant.rules.needFullName
      ? field({
          name: 'full_name',
          label: a.form.fullName,
          value: d.form?.fullName,
          error: err('full_name'),
          hint: a.form.fullNameHint,
          autocomplete: 'name',
          autocapitalize: 'words',
          required: true,
          maxlength: 300,
        })
      : html``,
    field({
      name: 'login',
      label: a.form.login,
      value: login,
      error: err('login'),
      hint: loginHint,
      autocomplete: 'username',
      autocapitalize: 'none',
      required: true,
      maxlength: LOGIN_MAX,
    }),
    ...newPasswordFields({ password: a.form.password, again: a.form.password2 }, err, d.form !== null),
    field({
      name: 'email',
      label: a.form.email,
      type: 'email',
      value: d.form?.email,
      error: err('email'),
      hint: parent ? a.form.emailHintParent : a.form.emailHintStudent,
      autocomplete: 'email',
      inputmode: 'email',
      autocapitalize: 'none',
      required: parent,
      maxlength: 254,
    }),
    seen ? hidden('email_seen', seen) : html``,
    field({
      name: 'phone',
      label: a.form.phone,
      type: 'tel',
      value: d.form?.phone,
      error: err('phone'),
      hint: a.form.phoneHint,
      autocomplete: 'tel',
      inputmode: 'tel',
      maxlength: 30,
    }),
    parent ? otherCodes(d.form, d.errors) : html``,
    consent(ctx, d, err('consent')),
  ];
}

/** A parent ticks the consent; a student reads whose consent covers their data (no box for a child). */
function consent(ctx: PageContext, d: AccountStepData, error: string | null): Html {
  const link = html`<a href="${ctx.base}/privacy" target="_blank" rel="noopener">${a.form.consentLink}</a>`;
  if (!d.applicant.rules.consentRequired) return html`<p class="hint consent-note">${a.form.consentStudent} ${link}</p>`;
  return checkbox({ name: 'consent', label: html`${a.form.consentBefore}${link}`, checked: d.form?.consent, error, required: true });
}

/** The account form; the code rides along hidden (never in the address). */
export function accountStep(ctx: PageContext, d: AccountStepData): Html {
  return html`${errorSummary(r.problem, messages(d.errors))}
${signedInNotice(ctx, d.signedIn)}
${whom(d.applicant)}
<p class="links"><a href="${ctx.base}/${ctx.school.landing}">${a.code.another}</a></p>
${form(`${ctx.base}/register`, ctx.csrf(), [hidden('code', d.code), ...accountFields(ctx, d), submit(a.form.submit)])}`;
}

/** A parent who already has an account: sign in, and the child is added there. */
export function existingStep(ctx: PageContext, applicant: Applicant, code: string, error: AppError | null, login = ''): Html {
  const message = error ? errorMessage(error) : null;
  const child = `${shortName(applicant.facts.student!)}, ${applicant.facts.className}`;
  return html`${errorSummary(r.problem, { [error?.field ?? 'login']: message })}
${whom(applicant, false)}
<p>${a.existing.text(child)}</p>
${form(`${ctx.base}/login`, ctx.csrf(), [
  hidden('code', code),
  field({
    name: 'login',
    label: a.login.login,
    value: login,
    error: error?.field === 'login' ? message : null,
    autocomplete: 'username',
    autocapitalize: 'none',
    required: true,
  }),
  field({ name: 'password', label: a.login.password, type: 'password', autocomplete: 'current-password', required: true }),
  submit(a.existing.submit),
])}
<p class="links"><a href="${ctx.base}/recover">${t.portal.recover.signInLink}</a></p>`;
}

/** The parent whose code this is, signed in already: the child is added with one button. */
export function addChildStep(ctx: PageContext, applicant: Applicant, code: string, login: string): Html {
  const child = `${shortName(applicant.facts.student!)}, ${applicant.facts.className}`;
  return html`${whom(applicant, false)}
<p>${a.existing.signedIn(child, login)}</p>
${form(`${ctx.base}/children`, ctx.csrf(), [hidden('code', code), submit(a.existing.add)])}`;
}

export function privacyPage(ctx: PageContext): Html {
  return html`${a.privacy.paragraphs(ctx.school.name).map((p) => html`<p>${p}</p>`)}
<p class="links"><a href="${ctx.base}/${ctx.school.landing}">${a.privacy.back}</a></p>`;
}
