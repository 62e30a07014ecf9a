// The journal screen shows audit details in Russian words; unknown keys stay visible as they are.
import { describe, expect, it } from 'vitest';
import { auditDetailsText } from '../../src-shared/audit/details.ts';

describe('auditDetailsText', () => {
  it('names keys and coded values in Russian', () => {
    expect(auditDetailsText({ kind: 'parent', oldCodeId: 18, oldCodeEnd: '4tz', reason: 'потерял бланк' })).toBe(
      'вид: родитель; № старого кода: 18; старый код: …4tz; причина: потерял бланк',
    );
    expect(auditDetailsText({ login: 'smirnova', reason: 'wrong_password' })).toBe('логин: smirnova; причина: неверный пароль');
    expect(auditDetailsText({ scope: 'класс 6А', audience: 'all', onlyMissing: true, students: 25 })).toBe(
      'для кого: класс 6А; кому: ученикам и родителям; только тем, у кого нет кода: да; учеников: 25',
    );
  });

  it('shows a change as «было → стало», and import counts in words', () => {
    expect(
      auditDetailsText({ changed: { phone: { from: '+79281112233', to: '+79165554433' }, email: { from: null, to: 'a@b.ru' } } }),
    ).toBe('изменено: телефон: +79281112233 → +79165554433, почта: — → a@b.ru');
    expect(auditDetailsText({ changed: { idleLockMinutes: 5 } })).toBe('изменено: блокировка через, мин: 5');
    expect(auditDetailsText({ classes: { added: 3, updated: 0, unchanged: 19 } })).toBe('классы: +3, изменено 0, без изменений 19');
    expect(auditDetailsText({ changed: { codesValidUntil: { from: null, to: '2027-08-31' } } })).toBe(
      'изменено: коды действуют до: — → 31.08.2027',
    );
    expect(auditDetailsText({ ok: false, checked: 12, badId: 7, reason: 'link' })).toBe(
      'журнал цел: нет; проверено записей: 12; первая повреждённая запись: 7; причина: нарушена связь записей',
    );
  });

  it('keeps what it does not know, as it is, but never as JSON', () => {
    expect(auditDetailsText({ futureKey: 'x', nested: { a: 1, reason: 'wrong_password' } })).toBe(
      'futureKey: x; nested: (a: 1, причина: неверный пароль)',
    );
    expect(auditDetailsText({})).toBe('');
  });
});
