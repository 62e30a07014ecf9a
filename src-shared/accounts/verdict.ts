// What the desk reads aloud about a portal account: can the person get back in alone (a confirmed
// email or phone to recover through, shown masked), or only with a reset slip from the desk. Pure, so
// the card, the lists and the command line say the same.

import { displayPhone } from '../roster/keys.ts';

export interface RecoveryFacts {
  email: string | null;
  emailConfirmed: boolean;
  phone: string | null;
  phoneConfirmed: boolean;
  disabled: boolean;
}

export type RecoveryWay = { channel: 'email' | 'phone'; masked: string };

export type Verdict =
  | { alone: true; ways: RecoveryWay[] }
  /** `locked`: the account is locked at the desk; `no_contact`: nothing confirmed to recover through. */
  | { alone: false; why: 'locked' | 'no_contact' };

/** `ivanova@mail.ru` → `i***@mail.ru`: enough to recognise aloud, not to write down. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/**
 * `+79021702876` → `+7 902 •••-••-76`: the operator code and the last two digits. The desk and the
 * portal's SMS page show it alike (the page asks for the five hidden digits, `hiddenDigits`).
 */
export function maskPhone(phone: string): string {
  const shown = displayPhone(phone);
  return `${shown.slice(0, 7)}•••-••-${phone.slice(-2)}`;
}

/** How many digits of a phone the mask hides: the SMS page asks for them. */
export const HIDDEN_DIGITS = 5;

/** The digits `maskPhone` hides: the 4th to 8th of the national number. */
export const hiddenDigits = (phone: string): string => phone.slice(5, 5 + HIDDEN_DIGITS);

export function recoveryVerdict(a: RecoveryFacts): Verdict {
  if (a.disabled) return { alone: false, why: 'locked' };
  const ways: RecoveryWay[] = [];
  if (a.email && a.emailConfirmed) ways.push({ channel: 'email', masked: maskEmail(a.email) });
  if (a.phone && a.phoneConfirmed) ways.push({ channel: 'phone', masked: maskPhone(a.phone) });
  return ways.length ? { alone: true, ways } : { alone: false, why: 'no_contact' };
}
