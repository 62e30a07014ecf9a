// The school's registration address (what a slip's QR code opens) and the registration that follows:
// the code, whom it is for, the account form, «what next».
import { t } from '../../src-shared/i18n/index.ts';
import { AppError } from '../../src-shared/result.ts';
import { splitFullName } from '../../src-shared/roster/normalize.ts';
import { LANDING, type PageContext, type PortalApp } from '../http/app.ts';
import { CODE_SLOT, clearStash, stashFromQuery } from '../http/stash.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Portal } from '../portal.ts';
import { FormRefusal } from '../accounts/service.ts';
import { setSessionCookie } from '../accounts/sessions.ts';
import { mailContext, requireSignIn, signedIn, textField } from '../accounts/auth.ts';
import type { Applicant } from './service.ts';
import { readAccountForm, type AccountForm, type FieldErrors } from './validate.ts';
import { accountStep, addChildStep, codeStep, existingStep, privacyPage } from './views.ts';
import { welcomePage } from './welcome.ts';

const r = t.portal.registration;
const a = t.portal.accounts;

/** The code step again, with the refusal next to the field. */
function refuseCode(ctx: PageContext, code: string, e: AppError) {
  const status = e.code === 'throttled' ? 429 : 400;
  return ctx.render(r.title, codeStep(ctx, code, e), { status });
}

/** The next page for a usable code: the account form, or — a parent with an account — signing in. */
async function showApplicant(
  portal: Portal,
  page: { req: FastifyRequest; reply: FastifyReply; ctx: PageContext },
  applicant: Applicant,
  code: string,
  form: AccountForm | null,
  errors: FieldErrors,
) {
  const { ctx } = page;
  const me = await signedIn(portal, page.req, page.reply, ctx);
  if (applicant.existing) {
    // Signed in as that very parent: one button adds the child (it asked for the login and password again).
    if (me?.account.id === applicant.existing.id) return ctx.render(a.existing.title, addChildStep(ctx, applicant, code, me.account.login));
    return ctx.render(a.existing.title, existingStep(ctx, applicant, code, null));
  }
  const suggestion = await portal.registration.suggestion(applicant, form?.fullName ? splitFullName(form.fullName) : null);
  const signedInAs = me ? { login: me.account.login, kind: me.account.kind } : null;
  const status = Object.keys(errors).length ? 400 : 200;
  return ctx.render(a.form.title, accountStep(ctx, { applicant, code, form, errors, suggestion, signedIn: signedInAs }), { status });
}

/** Looks the code up; a refusal goes back to the code step. */
async function withCode(
  portal: Portal,
  ctx: PageContext,
  code: string,
  next: (applicant: Applicant) => Promise<FastifyReply>,
  login?: string,
  onRefused?: () => void,
): Promise<FastifyReply> {
  let applicant: Applicant;
  try {
    applicant = await portal.registration.applicant(ctx.school.id, code, ctx.network, login);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    onRefused?.();
    return refuseCode(ctx, code, e);
  }
  return next(applicant);
}

async function register(portal: Portal, req: FastifyRequest, reply: FastifyReply, ctx: PageContext) {
  const form = readAccountForm(req.body);
  return withCode(
    portal,
    ctx,
    form.code,
    async (applicant) => {
      try {
        const done = await portal.registration.register(applicant, form, ctx.network, req.headers['user-agent'], mailContext(ctx));
        setSessionCookie(reply, ctx, done.token);
        clearStash(reply, ctx, CODE_SLOT);
        return ctx.redirect('/welcome');
      } catch (e) {
        const errors = e instanceof FormRefusal ? e.errors : e instanceof AppError && e.field ? { [e.field]: e } : null;
        if (!errors) throw e;
        // The code itself was refused meanwhile (used by someone else a moment ago): back to the code step.
        if (errors.code) return refuseCode(ctx, form.code, errors.code);
        return showApplicant(portal, { req, reply, ctx }, applicant, form.code, form, errors);
      }
    },
    form.login,
  );
}

export function landingFeature(app: PortalApp): void {
  const { portal } = app;

  app.page('GET', LANDING, async (req, reply, ctx) => {
    const code = stashFromQuery(portal, req, reply, ctx, CODE_SLOT);
    if (code === 'redirected') return reply;
    // A code from a scanned QR goes straight to whom it is for.
    // A refused code is said once (the field keeps it): the page opened again is a clean form, not
    // the same refusal for the stash's ten minutes.
    if (code) {
      const next = (applicant: Applicant) => showApplicant(portal, { req, reply, ctx }, applicant, code, null, {});
      return withCode(portal, ctx, code, next, undefined, () => clearStash(reply, ctx, CODE_SLOT));
    }
    return ctx.render(r.title, codeStep(ctx, null, null));
  });

  app.page('POST', LANDING, async (req, reply, ctx) => {
    const code = textField(req, 'code', 200);
    return withCode(portal, ctx, code, (applicant) => showApplicant(portal, { req, reply, ctx }, applicant, code, null, {}));
  });

  app.page('POST', '/register', (req, reply, ctx) => register(portal, req, reply, ctx));

  app.page('GET', '/welcome', async (req, reply, ctx) => {
    const me = await requireSignIn(portal, req, reply, ctx);
    if (!me) return reply;
    return ctx.render(a.done.title, await welcomePage(portal, ctx, me.account));
  });

  app.page('GET', '/privacy', (_req, _reply, ctx) => ctx.render(a.privacy.title, privacyPage(ctx)));
}
