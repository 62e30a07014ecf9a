// Why a password, login or email is refused: the same words on the portal and at the office desk.
import type { PasswordProblem } from '../auth/password-policy.ts';
import type { LoginProblem } from '../auth/login.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/password-policy.ts';
import { LOGIN_MAX, LOGIN_MIN } from '../auth/login.ts';
import { plural } from './plural.ts';

export const ruPolicy = {
  password: {
    hint: `Не короче ${PASSWORD_MIN} символов; можно любые буквы, цифры, пробелы и знаки, но без логина, имени, фамилии и даты рождения. Удобно взять несколько слов подряд.`,
    problems: {
      too_short: `Пароль слишком короткий: нужно не меньше ${PASSWORD_MIN} символов. Можно взять несколько слов подряд.`,
      too_long: `Пароль слишком длинный: не больше ${PASSWORD_MAX} символов.`,
      has_login: 'Пароль не должен содержать логин.',
      has_name: 'Пароль не должен содержать имя или фамилию — их легко угадать.',
      has_birth_date: 'Пароль не должен содержать дату рождения — её легко угадать.',
      common: 'Этот пароль слишком распространён: его подбирают в первую очередь. Придумайте другой.',
    } satisfies Record<PasswordProblem, string>,
    mismatch: 'Пароли не совпадают: введите один и тот же пароль дважды.',
  },
  login: {
    hint: `${LOGIN_MIN}–${LOGIN_MAX} символа: латинские буквы, цифры, точка, дефис или подчёркивание; начинается с буквы.`,
    problems: {
      required: 'Придумайте логин.',
      too_short: `Логин слишком короткий: нужно не меньше ${LOGIN_MIN} символов.`,
      too_long: `Логин слишком длинный: не больше ${LOGIN_MAX} символов.`,
      not_latin: 'В логине можно использовать только латинские буквы (a–z), без русских.',
      bad_chars: 'В логине можно использовать только латинские буквы, цифры, точку, дефис и подчёркивание — без пробелов.',
      bad_start: 'Логин должен начинаться с латинской буквы.',
    } satisfies Record<LoginProblem, string>,
    taken: 'Этот логин уже занят. Выберите другой — например, предложенный.',
  },
  email: {
    invalid: 'Адрес почты записан с ошибкой. Пример: ivanova@mail.ru',
    typo: (suggestion: string) => `Возможно, вы имели в виду ${suggestion}?`,
  },
  phone: {
    invalid: 'Номер мобильного телефона записан с ошибкой. Пример: +7 902 170-28-76',
    notMobile: 'Нужен номер мобильного телефона (начинается с +7 9…).',
    digits: (count: number) =>
      `В номере ${count} ${plural(count, 'цифра', 'цифры', 'цифр')}, а в мобильном их 11: +7 (или 8) и ещё десять. Пример: +7 902 170-28-76`,
  },
};
