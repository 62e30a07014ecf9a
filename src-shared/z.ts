// One configured zod for the whole app: Russian default messages, and no `new Function`
// (the renderer runs under a CSP without 'unsafe-eval'; zod's JIT would trip it).
import { z } from 'zod';
import { t } from './i18n/index.ts';

z.config(z.locales.ru());
// Plain words for text lengths instead of «ожидалось, что string будет иметь >=2 символа».
z.config({
  customError: (issue) => {
    if (issue.code === 'too_small' && issue.origin === 'string') {
      const min = Number(issue.minimum);
      return min <= 1 ? t.common.required : t.common.tooShort(min);
    }
    if (issue.code === 'too_big' && issue.origin === 'string') return t.common.tooLong(Number(issue.maximum));
    if (issue.code === 'too_small' && issue.origin === 'number') return t.common.atLeast(Number(issue.minimum));
    if (issue.code === 'too_big' && issue.origin === 'number') return t.common.atMost(Number(issue.maximum));
    return undefined;
  },
});
z.config({ jitless: true });

export { z };
