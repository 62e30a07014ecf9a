import { describe, expect, it } from 'vitest';
import { describeDevice, when, zoneLabel } from '../../../src-portal/accounts/devices.ts';

describe('times on portal pages', () => {
  const july = new Date('2026-07-01T10:00:00Z');
  const january = new Date('2026-01-15T10:00:00Z');

  it('names the zone as Russia counts it: Moscow time, or hours from it', () => {
    expect(zoneLabel(july, 'Europe/Moscow')).toBe('МСК');
    expect(zoneLabel(july, 'Asia/Yekaterinburg')).toBe('МСК+2');
    expect(zoneLabel(july, 'Asia/Vladivostok')).toBe('МСК+7');
    expect(zoneLabel(july, 'Europe/Kaliningrad')).toBe('МСК\u22121');
    expect(zoneLabel(july, 'Asia/Kolkata')).toBe('МСК+2:30');
    expect(zoneLabel(july, 'UTC')).toBe('МСК\u22123');
  });

  it('follows summer time where a zone keeps it (Moscow does not)', () => {
    expect(zoneLabel(january, 'Europe/Berlin')).toBe('МСК\u22122');
    expect(zoneLabel(july, 'Europe/Berlin')).toBe('МСК\u22121');
    expect(zoneLabel(january, 'Europe/Moscow')).toBe('МСК');
  });

  it('shows the date and time in the portal zone, with the zone named', () => {
    expect(when(july, 'Europe/Moscow')).toBe('01.07.2026, 13:00 МСК');
    expect(when(july, 'Asia/Yekaterinburg')).toBe('01.07.2026, 15:00 МСК+2');
    // Past midnight there, still the day before in Moscow.
    expect(when(new Date('2026-07-01T22:30:00Z'), 'Asia/Yekaterinburg')).toBe('02.07.2026, 03:30 МСК+2');
  });

  it('names a device by its browser and system', () => {
    expect(describeDevice('Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36')).toBe('Chrome, Android');
    expect(describeDevice(null)).toBe('неизвестное устройство');
  });
});
