import { z } from '../z.ts';
import { t } from '../i18n/index.ts';
import { ROLES } from '../roles.ts';
import { Id, line } from './common.ts';
import { loginProblem } from '../auth/login.ts';
import { passwordProblem, type PasswordContext, type PasswordProblem } from '../auth/password-policy.ts';

/** An operator's login: the portal's rules and words, except that it may start with a digit. */
export const Login = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const problem = loginProblem(s.toLowerCase());
    if (problem && problem !== 'bad_start') ctx.addIssue({ code: 'custom', message: t.policy.login.problems[problem] });
  })
  .transform((s) => s.toLowerCase());

export type PasswordReason = `password.${PasswordProblem}`;

/**
 * The password policy as a reason (the one policy of src-shared/auth, for operators as for portal
 * accounts). Forms in the browser check it without the common-password list; the core checks it with.
 */
export function passwordReason(password: string, ctx: PasswordContext): PasswordReason | null {
  const problem = passwordProblem(password, ctx);
  return problem && `password.${problem}`;
}

/** `passwordReason` as the user's text, for forms. */
export function passwordProblemText(password: string, login: string): string | null {
  const reason = passwordReason(password, { login });
  return reason && t.reasons[reason];
}

/** A password as typed at sign-in: any text, bounded so hashing stays cheap. */
export const AnyPassword = z.string().min(1, t.common.required).max(1024);

const NewPassword = z.string().max(1024);

export const Role = z.enum(ROLES);

const checkPassword = (v: { password: string; login: string }, ctx: z.RefinementCtx) => {
  const problem = passwordProblemText(v.password, v.login);
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
};

const OperatorFields = z.object({ fullName: line(3, 200), login: Login, password: NewPassword }).strict();

/** The first operator, made by the setup wizard: always a curator. */
export const FirstOperator = OperatorFields.superRefine(checkPassword);

export const NewOperator = OperatorFields.extend({ role: Role }).strict().superRefine(checkPassword);

export const OperatorPatch = z
  .object({
    id: Id,
    fullName: line(3, 200).optional(),
    role: Role.optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const PasswordReset = z.object({ id: Id, password: NewPassword }).strict();

export const OwnPasswordChange = z.object({ current: AnyPassword, next: NewPassword }).strict();

export const SignIn = z.object({ login: z.string().trim().min(1, t.common.required).max(64), password: AnyPassword }).strict();

export const Unlock = z.object({ password: AnyPassword }).strict();
