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

/** `02.11.2026, 10:15` in the portal's time zone (not the server's: it often runs on UTC). */
export function when(d: Date, timeZone: string): string {
  return d.toLocaleString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
}
