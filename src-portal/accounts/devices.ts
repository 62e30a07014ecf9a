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

/** Minutes east of UTC of `timeZone` at `d`, from Intl's `GMT+05:30` (or `GMT` alone, which some ICU versions write for UTC). */
function offsetMinutes(d: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(d)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (!m) throw new Error(`no UTC offset for ${timeZone}: ${name}`);
  return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

export interface ZoneName {
  /** As Russians write it: «МСК», or the distance from Moscow («МСК+2», «МСК−1», «МСК+2:30»). */
  shown: string;
  /** The same in words for a screen reader, which may say nothing for the minus sign. */
  spoken: string;
}

/** The zone of `timeZone` at `d`, counted from Moscow's own offset then (UTC+4 in 2011–2014, +3 since). */
export function zoneName(d: Date, timeZone: string): ZoneName {
  const z = t.portal.accounts.devices;
  const diff = offsetMinutes(d, timeZone) - offsetMinutes(d, 'Europe/Moscow');
  if (diff === 0) return { shown: z.moscow, spoken: z.moscowSpoken };
  const abs = Math.abs(diff);
  const [h, min] = [Math.floor(abs / 60), abs % 60];
  return {
    shown: z.fromMoscow(`${diff > 0 ? '+' : '\u2212'}${h}${min ? `:${String(min).padStart(2, '0')}` : ''}`),
    spoken: z.fromMoscowSpoken(diff > 0, h, min),
  };
}

/** `02.11.2026, 10:15` in the portal's time zone (not the server's: it often runs on UTC); name the zone with `zoneName`. */
export function when(d: Date, timeZone: string): string {
  return d.toLocaleString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone });
}
