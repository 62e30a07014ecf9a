import { z } from '../z.ts';
import { t } from '../i18n/index.ts';
import { ROLES } from '../roles.ts';
import { Id, line } from './common.ts';

export const Login = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{3,32}$/, { message: t.errors.loginFormat })
  .transform((s) => s.toLowerCase());

export const PASSWORD_MIN = 10;

export type PasswordReason = 'password.too_short' | 'password.needs_letters_and_digits' | 'password.contains_login';

/** Operator password policy; returns the first problem or null. Shared by forms and the core. */
export function passwordReason(password: string, login: string): PasswordReason | null {
  if (password.length < PASSWORD_MIN) return 'password.too_short';
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) return 'password.needs_letters_and_digits';
  if (login && password.toLowerCase().includes(login.toLowerCase())) return 'password.contains_login';
  return null;
}

/** `passwordReason` as the user's text, for forms. */
export function passwordProblem(password: string, login: string): string | null {
  const reason = passwordReason(password, login);
  return reason && t.reasons[reason];
}

/** A password as typed at sign-in: any text, bounded so hashing stays cheap. */
export const AnyPassword = z.string().min(1, t.common.required).max(1024);

const NewPassword = z.string().max(1024);

export const Role = z.enum(ROLES);

const checkPassword = (v: { password: string; login: string }, ctx: z.RefinementCtx) => {
  const problem = passwordProblem(v.password, v.login);
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
