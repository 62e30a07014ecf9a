// The school's registration address: the page a slip's QR code opens. (The registration itself is
// built on this: code check, account form, confirmation.)
import { html } from '../../src-node/html.ts';
import { t } from '../../src-shared/i18n/index.ts';
import { LANDING, type PortalApp } from '../http/app.ts';
import { errorSummary, field, form, submit } from '../http/forms.ts';
import { checkCodeInput } from '../../src-shared/codes/index.ts';
import type { PageContext } from '../http/app.ts';
import type { Html } from '../../src-node/html.ts';
import { stashFromQuery } from '../http/stash.ts';

function codeForm(ctx: PageContext, code: string | null, error: string | null): Html {
  return html`${errorSummary(t.portal.registration.problem, { code: error })}
<p>${t.portal.registration.intro}</p>
${form(`${ctx.base}/${ctx.school.landing}`, ctx.csrf(), [
  field({
    name: 'code',
    label: t.portal.registration.codeLabel,
    value: code,
    error,
    autocomplete: 'off',
    autocapitalize: 'none',
    required: true,
  }),
  submit(t.portal.registration.next),
])}`;
}

export function landingFeature(app: PortalApp): void {
  app.page('GET', LANDING, (req, reply, ctx) => {
    const code = stashFromQuery(app.portal, req, reply, ctx, 'code');
    if (code === 'redirected') return reply;
    return ctx.render(t.portal.registration.title, codeForm(ctx, code, null));
  });

  app.page('POST', LANDING, (req, _reply, ctx) => {
    const typed = String((req.body as Record<string, unknown> | undefined)?.code ?? '');
    // A typo the check symbol catches is said before any look-up: it costs no guess.
    const checked = checkCodeInput(typed);
    if (!checked.ok) return ctx.render(t.portal.registration.title, codeForm(ctx, typed, checked.message), { status: 400 });
    return ctx.render(t.portal.registration.title, codeForm(ctx, typed, t.portal.registration.unknownCode), { status: 400 });
  });
}
