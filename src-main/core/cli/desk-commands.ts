// `year end` (the end of the school year, curator only) and `operator reset-password` (a new
// password at the office PC, without signing in: the way back in when the only curator forgot theirs).
import os from 'node:os';
import { AppError } from '../../../src-shared/result.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import type { YearEndPlan } from '../../../src-shared/roster/desk-views.ts';
import { NoTerminalError, readLine, readPassword } from './prompt.ts';
import { UsageError, command, requireCurator, requireString } from './command.ts';

const y = t.desk.yearEnd.cli;

function planText(plan: YearEndPlan): string {
  if (plan.moves.length === 0 && plan.graduating.length === 0) return t.desk.yearEnd.nothing;
  const lines = [y.title];
  for (const g of plan.graduating) lines.push(y.graduate(g.className, g.students));
  for (const m of plan.moves) lines.push(y.move(m.from, m.to, m.students, m.teacher));
  lines.push(t.desk.yearEnd.summary(plan.leaving.length, plan.guardiansLeaving, plan.codesRevoked));
  return lines.join('\n');
}

async function confirmed(): Promise<boolean> {
  try {
    return /^(да|yes|y|д)$/i.test((await readLine(y.ask)).trim());
  } catch (e) {
    if (e instanceof NoTerminalError) throw new UsageError(y.needYes);
    throw e;
  }
}

const yearEnd = command({
  name: 'year end',
  usage: y.usage,
  summary: y.summary,
  options: { 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  signIn: true,
  parse: (values) => ({ dryRun: values['dry-run'] === true, yes: values.yes === true }),
  async run({ core, actor, out, err }, a) {
    requireCurator(core, actor!);
    const plan = core.yearEnd.plan();
    out(planText(plan));
    if (plan.moves.length === 0 && plan.graduating.length === 0) return 0;
    if (a.dryRun) {
      core.audit.append(actor!, {
        action: 'roster.year_end_dry_run',
        details: {
          classes: plan.moves.length,
          graduated: plan.leaving.length,
          guardiansArchived: plan.guardiansLeaving,
          revoked: plan.codesRevoked,
        },
      });
      out(y.dryRun);
      return 0;
    }
    if (plan.blockedUntil) throw new AppError('roster.year_end_recent', { date: plan.lastYearEnd!, until: plan.blockedUntil });
    if (!a.yes && !(await confirmed())) {
      err(y.cancelled);
      return 1;
    }
    const result = await core.yearEnd.apply(actor!, plan.version);
    out(y.done(result.backup));
    return 0;
  },
});

async function newPassword(login: string): Promise<string> {
  const fromEnv = process.env.KURATOR_NEW_PASSWORD;
  if (fromEnv) return fromEnv;
  try {
    const first = await readPassword(t.desk.resetPassword.prompt(login));
    const second = await readPassword(t.desk.resetPassword.repeat);
    if (first !== second) throw new UsageError(t.errors.passwordsDiffer);
    return first;
  } catch (e) {
    if (e instanceof NoTerminalError) throw new UsageError(t.desk.resetPassword.needPassword);
    throw e;
  }
}

const resetPassword = command({
  name: 'operator reset-password',
  usage: t.desk.resetPassword.usage,
  summary: t.desk.resetPassword.summary,
  options: { login: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  signIn: false,
  parse: (values) => ({ login: requireString(values, 'login').trim().toLowerCase() }),
  async run({ core, out, err }, a) {
    if (core.operators.count() === 0) throw new AppError('setup.required');
    // Unknown logins are refused before a password is asked for.
    if (!core.operators.list().some((o) => o.login === a.login)) throw new AppError('operator.login_not_found', { login: a.login });
    const password = await newPassword(a.login);
    const op = await core.operators.resetPasswordAtOffice(a.login, password, { osUser: os.userInfo().username, host: os.hostname() });
    out(t.desk.resetPassword.done(op.login));
    if (!op.active) err(t.desk.resetPassword.inactive(op.login));
    return 0;
  },
});

export const deskCommands = [yearEnd, resetPassword];
