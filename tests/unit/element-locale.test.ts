// Screen readers heard English («Close this dialog»): Element Plus's Russian locale has English
// leftovers. The locale the app installs must have none.
import { describe, expect, it } from 'vitest';
import enLocale from 'element-plus/es/locale/lang/en';
import ruLocale from 'element-plus/es/locale/lang/ru';
import { completeElementLocale } from '../../src-shared/i18n/ru-element.ts';

// The packages' typings describe them as CommonJS; at run time the default export is the locale.
type Locale = { name: string; el: object };
const en = enLocale as unknown as Locale;
const ru = ruLocale as unknown as Locale;

function leaves(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string') return [[prefix, tree]];
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return [];
  return Object.entries(tree).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('the Element Plus locale the app installs', () => {
  it('has every string of the English one, none of them left in English', () => {
    const mine = new Map(leaves(completeElementLocale(ru).el));
    const english = leaves(en.el).filter(([, text]) => /[a-z]{3}/i.test(text) && text !== 'OK');
    expect(english.length).toBeGreaterThan(100);
    const untranslated = english.filter(([key, text]) => mine.get(key) === undefined || mine.get(key) === text).map(([k]) => k);
    expect(untranslated).toEqual([]);
    expect(mine.get('dialog.close')).toBe('Закрыть окно');
    expect(mine.get('messagebox.close')).toBe('Закрыть окно');
  });
});
