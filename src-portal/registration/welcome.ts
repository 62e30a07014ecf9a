// «What next» after registering: the login and what it is for, the confirmation mail, other children,
// whom to ask.
import { html, type Html } from '../../src-node/html.ts';
import { t } from '../../src-shared/i18n/index.ts';
import type { PageContext } from '../http/app.ts';
import type { Portal } from '../portal.ts';
import type { AccountRow } from '../accounts/sessions.ts';
import { accountChildren } from '../accounts/people.ts';

const d = t.portal.accounts.done;

export async function welcomePage(portal: Portal, ctx: PageContext, account: AccountRow): Promise<Html> {
  const children = account.kind === 'parent' ? (await accountChildren(portal.db, account)).length : 0;
  const email = account.email && !account.email_confirmed_at ? html`<p>${d.emailSent(account.email)}</p>` : html``;
  return html`<div class="notice ok">
  <p>${d.login} <strong class="login">${account.login}</strong></p>
  <p>${d.loginWhy}</p>
</div>
${account.email ? email : html`<p>${d.noEmail}</p>`}
${account.kind === 'parent' ? html`<p>${d.children(children)} <a href="${ctx.base}/children">${t.portal.accounts.account.addChild}</a></p>` : ''}
<p>${d.ask}</p>
<p><a class="button primary" href="${ctx.base}/account">${d.toAccount}</a></p>`;
}
