// A session's device in words a parent recognises («Chrome, Android»), from its User-Agent.
import { t } from '../../src-shared/i18n/index.ts';

const BROWSERS: [RegExp, string][] = [
  [/YaBrowser\//, 'Яндекс Браузер'],
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

const first = (ua: string, table: [RegExp, string][]): string | null => table.find(([re]) => re.test(ua))?.[1] ?? null;

export function describeDevice(userAgent: string | null): string {
  const browser = userAgent ? first(userAgent, BROWSERS) : null;
  const system = userAgent ? first(userAgent, SYSTEMS) : null;
  if (browser && system) return t.portal.accounts.devices.on(browser, system);
  return browser ?? system ?? t.portal.accounts.devices.unknown;
}

/** Minutes east of UTC of `timeZone` at `d` (from Intl's `GMT+05:30`; `GMT` alone is UTC). */
function offsetMinutes(d: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(d)
    .find((p) => p.type === 'timeZoneName');
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name?.value ?? '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** Moscow keeps UTC+3 all year (no summer time since 2014). */
const MOSCOW_MINUTES = 180;

/** The zone as Russians name it: «МСК», or its distance from Moscow («МСК+2», «МСК−1», «МСК+2:30»). */
export function zoneLabel(d: Date, timeZone: string): string {
  const diff = offsetMinutes(d, timeZone) - MOSCOW_MINUTES;
  if (diff === 0) return t.portal.accounts.devices.moscow;
  const abs = Math.abs(diff);
  const hours = `${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
  return t.portal.accounts.devices.fromMoscow(`${diff > 0 ? '+' : '\u2212'}${hours}`);
}

/**
 * `02.11.2026, 10:15 МСК` in the portal's time zone (not the server's: it often runs on UTC), named,
 * so that a parent comparing it with what the school's desk shows in its own zone sees which is which.
 */
export function when(d: Date, timeZone: string): string {
  const shown = d.toLocaleString('ru-RU', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  return `${shown} ${zoneLabel(d, timeZone)}`;
}
