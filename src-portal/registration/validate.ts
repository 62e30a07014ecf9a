// The account form of registration (and the same rules on the account pages): every problem is a
// reason on its field, all of them at once, so the page can say each next to its field.
import { isCommonPassword } from '../../src-node/common-passwords.ts';
import { loginProblem, readLogin } from '../../src-shared/auth/login.ts';
import type { PasswordContext } from '../../src-shared/auth/password-policy.ts';
import { emailTypoSuggestion, normalizeEmail } from '../../src-shared/contacts/email.ts';
import { isMobilePhone, mobileDigitsMiscount, normalizePhone, splitFullName, type PersonName } from '../../src-shared/roster/normalize.ts';
import { passwordReason } from '../../src-shared/schemas/operators.ts';
import { AppError } from '../../src-shared/result.ts';

export type FieldErrors = Record<string, AppError>;

/** The form as posted: the field names the issue gives, plus the extra codes of a parent. */
export interface AccountForm {
  code: string;
  login: string;
  password: string;
  password2: string;
  email: string;
  phone: string;
  fullName: string;
  consent: boolean;
  otherCodes: string[];
  /** The address the page last warned about (a typo hint is shown once). */
  emailSeen: string;
}

const text = (v: unknown, max = 1024): string => (typeof v === 'string' ? v.slice(0, max) : '');
const texts = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).map((x) => text(x, 200)).filter((x) => x.trim() !== '');

export function readAccountForm(body: unknown): AccountForm {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    code: text(b.code, 200),
    login: text(b.login, 200),
    password: text(b.password),
    password2: text(b.password2),
    email: text(b.email, 300),
    phone: text(b.phone, 100),
    fullName: text(b.full_name, 600),
    consent: b.consent === 'yes',
    otherCodes: texts(b.other_code).slice(0, 5),
    emailSeen: text(b.email_seen, 300),
  };
}

export function checkLogin(typed: string): { login: string; error: AppError | null } {
  const login = readLogin(typed);
  const problem = loginProblem(login);
  return { login, error: problem ? new AppError('register.login_invalid', { problem }, { field: 'login' }) : null };
}

/** The password policy with the common-password list; `field` is where the refusal is shown. */
export function checkNewPassword(password: string, again: string, ctx: PasswordContext, fields = ['password', 'password2']): FieldErrors {
  const errors: FieldErrors = {};
  // An empty field is asked for: «too short» reads wrong when nothing was typed (a refused form comes
  // back with its password fields empty).
  if (password === '') {
    errors[fields[0]!] = new AppError('register.password_required', { field: fields[0] });
    return errors;
  }
  const reason = passwordReason(password, { ...ctx, isCommon: isCommonPassword });
  if (reason) errors[fields[0]!] = new AppError(reason, { field: fields[0] });
  // Said with the refusal, not after it: both fields come back empty and are typed again anyway.
  if (password !== again) errors[fields[1]!] = new AppError('register.password_mismatch', { field: fields[1] });
  return errors;
}

/**
 * The address the form carries as already warned about: the one warned about now, or the one warned
 * about earlier — kept through any later refusal, so the warning is not repeated for the same address.
 */
export function emailSeen(errors: FieldErrors, typed: string | undefined, seen: string | undefined): string {
  if (errors.email?.reason === 'register.email_typo') return normalizeEmail(typed ?? '') ?? '';
  return normalizeEmail(seen ?? '') ?? '';
}

/** An address as typed: null when left empty; a typo of a common domain is pointed out once. */
export function checkEmail(typed: string, required: boolean, seen: string): { email: string | null; error: AppError | null } {
  if (typed.trim() === '') {
    return { email: null, error: required ? new AppError('register.email_required', { field: 'email' }) : null };
  }
  const email = normalizeEmail(typed);
  if (!email) return { email: null, error: new AppError('register.email_invalid', { field: 'email' }) };
  const suggestion = emailTypoSuggestion(email);
  if (suggestion && normalizeEmail(seen) !== email) {
    return { email, error: new AppError('register.email_typo', { suggestion }, { field: 'email' }) };
  }
  return { email, error: null };
}

export function checkPhone(typed: string): { phone: string | null; error: AppError | null } {
  if (typed.trim() === '') return { phone: null, error: null };
  const count = mobileDigitsMiscount(typed);
  if (count !== null) return { phone: null, error: new AppError('register.phone_digits', { count }, { field: 'phone' }) };
  const phone = normalizePhone(typed);
  if (!phone) return { phone: null, error: new AppError('register.phone_invalid', { field: 'phone' }) };
  if (!isMobilePhone(phone)) return { phone: null, error: new AppError('register.phone_not_mobile', { field: 'phone' }) };
  return { phone, error: null };
}

export function checkFullName(typed: string): { name: PersonName | null; error: AppError | null } {
  const name = splitFullName(typed);
  const fits = name && [name.surname, name.name, name.patronymic ?? 'x'].every((p) => p.length <= 200) && /\p{L}/u.test(name.name);
  return fits ? { name, error: null } : { name: null, error: new AppError('register.full_name', { field: 'full_name' }) };
}

export interface AccountRules {
  /** Parents must give an email; students may. */
  emailRequired: boolean;
  /** A parent code issued while no parent was on file: the parent's full name. */
  needFullName: boolean;
  /**
   * A parent ticks the consent to processing (152-ФЗ). A student is not asked: a child's data are
   * processed with the consent of the parents (legal representatives), which the school collects itself.
   */
  consentRequired: boolean;
  /** Names and birth dates a password must not contain (the person's and, for a parent, the children's). */
  names: string[];
  birthDates: string[];
}

export interface ValidAccount {
  login: string;
  email: string | null;
  phone: string | null;
  fullName: PersonName | null;
}

/** Everything but the login's uniqueness and the codes: those need the database. */
export function checkAccountForm(form: AccountForm, rules: AccountRules): { errors: FieldErrors; value: ValidAccount } {
  const errors: FieldErrors = {};
  const put = (e: AppError | null) => {
    if (e?.field) errors[e.field] = e;
  };
  const fullName = rules.needFullName ? checkFullName(form.fullName) : { name: null, error: null };
  put(fullName.error);
  const login = checkLogin(form.login);
  put(login.error);
  const names = [...rules.names, ...(fullName.name ? [fullName.name.surname, fullName.name.name] : [])];
  Object.assign(errors, checkNewPassword(form.password, form.password2, { login: login.login, names, birthDates: rules.birthDates }));
  const email = checkEmail(form.email, rules.emailRequired, form.emailSeen);
  put(email.error);
  const phone = checkPhone(form.phone);
  put(phone.error);
  if (rules.consentRequired && !form.consent) put(new AppError('register.consent', { field: 'consent' }));
  return { errors, value: { login: login.login, email: email.email, phone: phone.phone, fullName: fullName.name } };
}
