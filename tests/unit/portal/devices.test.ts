import { describe, expect, it } from 'vitest';
import { describeDevice, when, zoneName } from '../../../src-portal/accounts/devices.ts';

describe('times on portal pages', () => {
  const july = new Date('2026-07-01T10:00:00Z');
  const january = new Date('2026-01-15T10:00:00Z');
  const shown = (d: Date, zone: string) => zoneName(d, zone).shown;

  it('names the zone as Russia counts it: Moscow time, or hours from it', () => {
    expect(shown(july, 'Europe/Moscow')).toBe('МСК');
    expect(shown(july, 'Asia/Yekaterinburg')).toBe('МСК+2');
    expect(shown(july, 'Asia/Vladivostok')).toBe('МСК+7');
    expect(shown(july, 'Europe/Kaliningrad')).toBe('МСК\u22121');
    expect(shown(july, 'Asia/Kolkata')).toBe('МСК+2:30');
    expect(shown(july, 'UTC')).toBe('МСК\u22123');
    // West of Greenwich (a minus in Intl's offset too), with half an hour.
    expect(shown(january, 'America/New_York')).toBe('МСК\u22128');
    expect(shown(january, 'America/St_Johns')).toBe('МСК\u22126:30');
  });

  it('follows summer time where a zone keeps it, and Moscow as it was then', () => {
    expect(shown(january, 'Europe/Berlin')).toBe('МСК\u22122');
    expect(shown(july, 'Europe/Berlin')).toBe('МСК\u22121');
    expect(shown(july, 'America/St_Johns')).toBe('МСК\u22125:30');
    expect(shown(january, 'Europe/Moscow')).toBe('МСК');
    // Moscow kept UTC+4 from 2011 to 2014: Yekaterinburg (UTC+6 then) was still МСК+2.
    expect(shown(new Date('2013-01-15T10:00:00Z'), 'Asia/Yekaterinburg')).toBe('МСК+2');
  });

  it('says the zone in words for a screen reader', () => {
    expect(zoneName(july, 'Europe/Moscow').spoken).toBe('по московскому времени');
    expect(zoneName(july, 'Asia/Yekaterinburg').spoken).toBe('по московскому времени плюс 2 часа');
    expect(zoneName(july, 'Europe/Kaliningrad').spoken).toBe('по московскому времени минус 1 час');
    expect(zoneName(july, 'Asia/Kolkata').spoken).toBe('по московскому времени плюс 2 часа 30 минут');
    expect(zoneName(january, 'America/New_York').spoken).toBe('по московскому времени минус 8 часов');
  });

  it('refuses a zone it cannot read rather than show a wrong one', () => {
    expect(() => zoneName(july, 'Mars/Olympus')).toThrow();
  });

  it('shows the date and time in the portal zone', () => {
    expect(when(july, 'Europe/Moscow')).toBe('01.07.2026, 13:00');
    expect(when(july, 'Asia/Yekaterinburg')).toBe('01.07.2026, 15:00');
    // 23:30 on the 1st in Moscow, already the 2nd in Yekaterinburg.
    expect(when(new Date('2026-07-01T20:30:00Z'), 'Europe/Moscow')).toBe('01.07.2026, 23:30');
    expect(when(new Date('2026-07-01T20:30:00Z'), 'Asia/Yekaterinburg')).toBe('02.07.2026, 01:30');
  });

  it('names a device by its browser and system', () => {
    expect(describeDevice('Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36')).toBe('Chrome, Android');
    expect(describeDevice(null)).toBe('неизвестное устройство');
  });
});
