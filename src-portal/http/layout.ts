// The frame of every portal page: the school's name, one main heading, and whom to ask for help —
// the curator and deputy director with the contacts the office sent up. No script, one stylesheet.
import { html, type Html } from '../../src-node/html.ts';
import { t } from '../../src-shared/i18n/index.ts';
import type { School } from '../schools/service.ts';

export interface SchoolContacts {
  curatorContact?: string;
  deputyContact?: string;
  supportHours?: string;
}

export const contactsOf = (school: School | null): SchoolContacts => (school?.settings ?? {}) as SchoolContacts;

/** A phone number: 10 to 15 digits with spaces, brackets or hyphens between them (`+7 495 123-45-67`). */
const PHONE = /\+?\d(?:[\s()-]*\d){9,14}/g;

/** Contact text with each phone number kept on one line (a number broken across lines is misdialled). */
export function withPhones(text: string): Html {
  const parts: Html[] = [];
  let at = 0;
  for (const m of text.matchAll(PHONE)) {
    parts.push(html`${text.slice(at, m.index)}<span class="phone">${m[0]}</span>`);
    at = m.index + m[0].length;
  }
  return html`${parts}${text.slice(at)}`;
}

/** Between two links of a `.links` row; on a phone each link takes its own line and the dot goes (portal.css). */
export const LINK_SEP = html`<span class="sep" aria-hidden="true"> · </span>`;

/**
 * The ways in for someone who already has an account: the school's page (where reminders send people)
 * and a missing page show them beside the code form.
 */
export function waysIn(base: string): Html {
  return html`<h2>${t.portal.registration.already}</h2>
<p class="links"><a href="${base}/login">${t.portal.accounts.login.submit}</a>${LINK_SEP}<a href="${base}/recover">${t.portal.recover.signInLink}</a></p>`;
}

/** Whom to ask: printed in every page's footer, and in full on pages that cannot help. */
export function helpBlock(school: School | null): Html {
  const c = contactsOf(school);
  const lines = [
    c.curatorContact ? t.portal.layout.curator(c.curatorContact) : null,
    c.deputyContact ? t.portal.layout.deputy(c.deputyContact) : null,
    c.supportHours ? t.portal.layout.hours(c.supportHours) : null,
  ].filter((l): l is string => l !== null);
  return html`<div class="help">
    <h2>${t.portal.layout.help}</h2>
    ${
      lines.length
        ? html`<ul>
            ${lines.map((l) => html`<li>${withPhones(l)}</li>`)}
          </ul>`
        : html`<p>${t.portal.layout.askSchool}</p>`
    }
  </div>`;
}

export interface PageSpec {
  school: School | null;
  /** The school's prefix path ('' or '/s/1399'): links are built on it. */
  base: string;
  title: string;
  body: Html;
  /** Shows the help block in the footer (default true). */
  help?: boolean;
}

/** A form sent back with its mistakes: the title says so first, as a screen reader reads it on arrival. */
const hasErrors = (body: unknown): boolean => String(body).includes('class="error-summary"');

export function renderPage(p: PageSpec): string {
  const schoolName = p.school?.name ?? t.portal.name;
  return html`<!doctype html>
    <html lang="ru">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${hasErrors(p.body) ? t.portal.layout.errorTitle(p.title) : p.title} — ${schoolName}</title>
        <link rel="stylesheet" href="${p.base}/assets/portal.css" />
      </head>
      <body>
        <a class="skip" href="#main">${t.portal.layout.skip}</a>
        <header class="top">
          ${p.school ? html`<p class="school">${p.school.name}</p>` : ''}
          <p class="${p.school ? 'service' : 'school'}">${t.portal.name}</p>
        </header>
        <main id="main">
          <h1>${p.title}</h1>
          ${p.body}
        </main>
        ${p.help === false ? '' : html`<footer>${helpBlock(p.school)}</footer>`}
      </body>
    </html> `.value;
}
