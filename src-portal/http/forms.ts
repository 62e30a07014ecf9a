// Accessible form pieces: every input has a label, its hint and error are tied to it with
// aria-describedby, an invalid field says so (aria-invalid), and errors are listed at the top with
// links to their fields — the way a screen reader and a parent on an old phone both find them.
import { html, type Html } from '../../src-node/html.ts';

export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'password' | 'email' | 'tel' | 'number' | 'date';
  value?: string | null;
  autocomplete?: string;
  hint?: string | Html | null;
  error?: string | null;
  required?: boolean;
  inputmode?: 'text' | 'numeric' | 'email' | 'tel';
  /** Extra attributes known to be safe (`spellcheck="false"` …), as trusted markup. */
  maxlength?: number;
  autocapitalize?: 'none' | 'off' | 'words';
  autofocus?: boolean;
}

const fieldId = (name: string) => `f-${name}`;

export function field(f: FieldSpec): Html {
  const id = fieldId(f.name);
  const described = [f.hint ? `${id}-hint` : null, f.error ? `${id}-error` : null].filter(Boolean).join(' ');
  return html`<div class="field${f.error ? ' field-error' : ''}">
    <label for="${id}">${f.label}${f.required ? html`<span class="req" aria-hidden="true"> *</span>` : ''}</label>
    ${f.hint ? html`<p class="hint" id="${id}-hint">${f.hint}</p>` : ''}
    ${f.error ? html`<p class="error" id="${id}-error">${f.error}</p>` : ''}
    <input
      id="${id}"
      name="${f.name}"
      type="${f.type ?? 'text'}"
      value="${f.value ?? ''}"
      ${
        f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ''
      }${f.required ? html` required` : ''}${f.inputmode ? html` inputmode="${f.inputmode}"` : ''}${
        f.maxlength ? html` maxlength="${f.maxlength}"` : ''
      }${f.autocapitalize ? html` autocapitalize="${f.autocapitalize}" spellcheck="false"` : ''}${
        described ? html` aria-describedby="${described}"` : ''
      }${f.error ? html` aria-invalid="true"` : ''}${f.autofocus ? html` autofocus` : ''}
    />
  </div>`;
}

export function checkbox(f: { name: string; label: string | Html; checked?: boolean; error?: string | null; required?: boolean }): Html {
  const id = fieldId(f.name);
  return html`<div class="field check${f.error ? ' field-error' : ''}">
    ${f.error ? html`<p class="error" id="${id}-error">${f.error}</p>` : ''}
    <input
      id="${id}"
      name="${f.name}"
      type="checkbox"
      value="yes"
      ${f.checked ? html` checked` : ''}${f.required ? html` required` : ''}${
        f.error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''
      }
    />
    <label for="${id}">${f.label}</label>
  </div>`;
}

/** The errors of a form, first on the page, each a link to its field. */
export function errorSummary(title: string, errors: Record<string, string | null | undefined>): Html {
  const list = Object.entries(errors).filter((e): e is [string, string] => !!e[1]);
  if (list.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" id="errors">
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
