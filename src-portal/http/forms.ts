// Accessible form pieces: every input has a label, its hint and error are tied to it with
// aria-describedby, an invalid field says so (aria-invalid), and errors are listed at the top with
// links to their fields — the way a screen reader and a parent on an old phone both find them.
import { html, type Html } from '../../src-node/html.ts';
import { PASSWORD_MAX } from '../../src-shared/auth/password-policy.ts';
import { t } from '../../src-shared/i18n/index.ts';

export interface FieldSpec {
  name: string;
  /** When several fields share a name (`other_code`): what tells their ids apart. */
  id?: string;
  label: string;
  type?: 'text' | 'password' | 'email' | 'tel' | 'number' | 'date';
  value?: string | null;
  autocomplete?: string;
  hint?: string | Html | null;
  error?: string | null;
  /** An error shown at another field that concerns this one too (`f-email-error` for «почта или телефон»). */
  sharedError?: string | null;
  required?: boolean;
  inputmode?: 'text' | 'numeric' | 'email' | 'tel';
  /** Extra attributes known to be safe (`spellcheck="false"` …), as trusted markup. */
  maxlength?: number;
  autocapitalize?: 'none' | 'off' | 'words';
  autofocus?: boolean;
}

const fieldId = (name: string) => `f-${name}`;

type AttrValue = string | number | boolean | null | undefined;

/** Attributes, escaped; `true` writes a bare attribute, false/null/undefined leave it out. */
export function attrs(values: Record<string, AttrValue>): Html {
  const parts = Object.entries(values)
    .filter(([, v]) => v !== false && v !== null && v !== undefined)
    .map(([k, v]) => (v === true ? html` ${k}` : html` ${k}="${String(v)}"`));
  return html`${parts}`;
}

export function field(f: FieldSpec): Html {
  const id = fieldId(f.id ?? f.name);
  // The error first: a screen reader says these in order, and a long hint (a password's policy) read
  // before it buried it. On screen the error stays next to the field, under the hint.
  const described = [f.error ? `${id}-error` : (f.sharedError ?? null), f.hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  const input = attrs({
    id,
    name: f.name,
    type: f.type ?? 'text',
    value: f.value ?? '',
    autocomplete: f.autocomplete,
    required: f.required,
    inputmode: f.inputmode,
    maxlength: f.maxlength,
    autocapitalize: f.autocapitalize,
    spellcheck: f.autocapitalize ? 'false' : undefined,
    'aria-describedby': described || undefined,
    'aria-invalid': f.error || f.sharedError ? 'true' : undefined,
    autofocus: f.autofocus,
  });
  return html`<div class="field${f.error ? ' field-error' : ''}">
<label for="${id}">${f.label}${f.required ? html`<span class="req" aria-hidden="true"> *</span>` : ''}</label>
${f.hint ? html`<p class="hint" id="${id}-hint">${f.hint}</p>` : ''}
${f.error ? html`<p class="error" id="${id}-error">${f.error}</p>` : ''}
<input${input}>
</div>`;
}

export function checkbox(f: { name: string; label: string | Html; checked?: boolean; error?: string | null; required?: boolean }): Html {
  const id = fieldId(f.name);
  const input = attrs({
    id,
    name: f.name,
    type: 'checkbox',
    value: 'yes',
    checked: f.checked,
    required: f.required,
    'aria-invalid': f.error ? 'true' : undefined,
    'aria-describedby': f.error ? `${id}-error` : undefined,
  });
  return html`<div class="field check${f.error ? ' field-error' : ''}">
${f.error ? html`<p class="error" id="${id}-error">${f.error}</p>` : ''}
<input${input}>
<label for="${id}">${f.label}</label>
</div>`;
}

/** The errors of a form, first on the page, each a link to its field. It takes the focus as the page
 * opens (autofocus, no script; the first autofocus on a page wins over a field's), so Tab goes on from
 * the mistakes and a screen reader starts there — the focus was left at the top of the page. */
export function errorSummary(title: string, errors: Record<string, string | null | undefined>): Html {
  const list = Object.entries(errors).filter((e): e is [string, string] => !!e[1]);
  if (list.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" id="errors" autofocus>
    <h2>${title}</h2>
    <ul>
      ${list.map(([name, message]) => html`<li><a href="#${fieldId(name)}">${message}</a></li>`)}
    </ul>
  </div>`;
}

export const csrfInput = (token: string): Html => html`<input type="hidden" name="_csrf" value="${token}" />`;

export const submit = (label: string): Html => html`<button type="submit" class="primary">${label}</button>`;

/** A form that posts to `action` with the CSRF token. One submit button per step. */
export function form(action: string, csrf: string, body: Html | Html[], options: { id?: string } = {}): Html {
  return html`<form method="post" action="${action}" ${options.id ? html` id="${options.id}"` : ''} novalidate>
    ${csrfInput(csrf)}${body}
  </form>`;
}

/**
 * A new password typed twice (`password`, `password2`), as registration, the account page and every
 * reset ask for it: the policy's hint, and the autocomplete a password manager needs to offer one.
 * `cleared`: the form came back refused — a password is never sent back, so the hint says to type it again.
 */
export function newPasswordFields(
  labels: { password: string; again: string },
  error: (name: string) => string | null | undefined,
  cleared = false,
): Html[] {
  const common = { type: 'password', autocomplete: 'new-password', required: true, maxlength: PASSWORD_MAX } as const;
  const hint = cleared ? `${t.portal.accounts.form.passwordCleared} ${t.policy.password.hint}` : t.policy.password.hint;
  return [
    field({ ...common, name: 'password', label: labels.password, error: error('password'), hint }),
    field({ ...common, name: 'password2', label: labels.again, error: error('password2') }),
  ];
}
