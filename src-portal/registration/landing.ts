// The school's registration address: the page a slip's QR code opens. (The registration itself is
// built on this: code check, account form, confirmation.)
import { html } from '../../src-node/html.ts';
import { t } from '../../src-shared/i18n/index.ts';
import { LANDING, type PortalApp } from '../http/app.ts';
import { field, form, submit } from '../http/forms.ts';
import { stashFromQuery } from '../http/stash.ts';

export function landingFeature(app: PortalApp): void {
  app.page('GET', LANDING, (req, reply, ctx) => {
    const code = stashFromQuery(app.portal, req, reply, ctx, 'code');
    if (code === 'redirected') return reply;
    return ctx.render(
      t.portal.registration.title,
      html`<p>${t.portal.registration.intro}</p>
        ${form(`${ctx.base}/${ctx.school.landing}`, ctx.csrf(), [
          field({
            name: 'code',
            label: t.portal.registration.codeLabel,
            value: code,
            autocomplete: 'off',
            autocapitalize: 'none',
            required: true,
          }),
          submit(t.portal.registration.next),
        ])}`,
    );
  });
}
