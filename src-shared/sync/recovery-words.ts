// A recovery event (#8) in words for the desk: «восстановление пароля по SMS 12.09 10:41 — код
// отправлен», and the network it came from. Times are the office's local time; the year is shown
// only when it is not the current one.
import { t } from '../i18n/index.ts';
import type { RecoveryEventView } from './views.ts';

const pad = (n: number) => String(n).padStart(2, '0');

export function recoveryWhen(at: Date, now: Date): string {
  const year = at.getFullYear() === now.getFullYear() ? '' : `.${at.getFullYear()}`;
  return `${pad(at.getDate())}.${pad(at.getMonth() + 1)}${year} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

function what(e: RecoveryEventView): string {
  const w = t.recoveryEvents.what;
  if (e.action === 'login_reminder') return e.channel === 'sms' ? w.loginBySms : w.loginByEmail;
  return e.channel === 'sms' ? w.passwordBySms : w.passwordByEmail;
}

function outcome(e: RecoveryEventView): string {
  const o = t.recoveryEvents.outcome;
  switch (e.outcome) {
    case 'sent':
      return e.action === 'login_reminder' ? o.loginSent : e.action === 'reset_link' ? o.linkSent : o.codeSent;
    case 'limited':
      return o.limited;
    case 'wrong':
      return e.action === 'sms_digits' ? o.digitsWrong : o.codeWrong;
    case 'exhausted':
      return o.codeExhausted;
    case 'done':
      return o.passwordChanged;
  }
}

/** `ip:203.0.113.7` → «с адреса 203.0.113.7»; `ip6:2001:db8:0:1` → «из сети 2001:db8:0:1::/64». */
export function recoveryNetwork(network: string): string {
  if (network.startsWith('ip6:')) return t.recoveryEvents.network.ip6(network.slice(4));
  if (network.startsWith('ip:')) return t.recoveryEvents.network.ip(network.slice(3));
  return network;
}

export function recoveryLine(e: RecoveryEventView, now: Date): string {
  return t.recoveryEvents.line(what(e), recoveryWhen(new Date(e.at), now), outcome(e));
}
