// Self-service access recovery on the portal (#8): forgot login, forgot password by email or SMS,
// forgot both, whom to ask when none of it can help; phone confirmation by SMS; the messages.
import { plural } from './plural.ts';
import { waitWords } from './ru-portal-accounts.ts';

/** The numbers of the question that replaces the picture, 0 to 20. */
const NUMBER_WORDS = [
  'ноль',
  'один',
  'два',
  'три',
  'четыре',
  'пять',
  'шесть',
  'семь',
  'восемь',
  'девять',
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
  'двадцать',
];

/** The hourly cap, said where a page speaks of sending: past it, nothing goes out. */
const capNote = (perHour: number) =>
  `Сообщения об одной учётной записи уходят не чаще ${perHour} ${plural(perHour, 'раза', 'раз', 'раз')} в час: если вы уже просили их за этот час, нового может не быть — откройте последнее пришедшее.`;

const CURATOR_UNKNOWN = 'куратор в школе';

/**
 * The line every recovery message ends with, for someone who did not ask: nothing to do, the password
 * is as it was, and whom to tell if it goes on (the school's curator, with the contact when known).
 */
const notYou = (help: string) =>
  `Если это были не вы, ничего не делайте — просто удалите это письмо: пароль остался прежним. Если такие письма приходят снова, сообщите куратору электронного журнала${help === CURATOR_UNKNOWN ? ' в школе' : `: ${help}`}.`;
/** The school as an SMS names it: at most 30 characters. */
const smsFrom = (school: string) => (school.length > 30 ? `${school.slice(0, 29).trimEnd()}…` : school);
const NOT_YOU_SMS = 'Если это не вы, ничего не делайте: пароль прежний.';
/** The login reminder changes nothing: no word about the password, and room for a 32-character login. */
const NOT_YOU_LOGIN_SMS = 'Если это не вы — ничего не делайте.';

const ASK = 'Если не получается — обратитесь к куратору электронного журнала или заместителю директора (контакты ниже).';

export const ruPortalRecover = {
  signInLink: 'Забыли логин или пароль?',
  choose: {
    title: 'Восстановление доступа',
    intro: 'Что вы не помните?',
    login: 'Я не помню логин',
    password: 'Я не помню пароль',
    both: 'Я не помню логин и пароль',
    note: 'Восстановить доступ самостоятельно можно, если в учётной записи есть подтверждённая почта или подтверждённый телефон.',
    noContact: 'Нет подтверждённой почты и телефона',
    back: 'Вернуться ко входу',
  },
  captcha: {
    label: 'Введите цифры с картинки',
    alt: 'Картинка с пятью цифрами. Если не видите её, нажмите кнопку «Не получается прочитать цифры?» в конце формы: вместо картинки будет вопрос словами.',
    hint: 'Пять цифр.',
    otherPicture: 'Другая картинка',
    toQuestion: 'Не получается прочитать цифры?',
    /** The question instead of the picture: it is the field's label. */
    question: (a: number, plus: boolean, b: number) => `Сколько будет ${NUMBER_WORDS[a]} ${plus ? 'плюс' : 'минус'} ${NUMBER_WORDS[b]}?`,
    questionHint: 'Ответ напишите цифрами.',
    otherQuestion: 'Другой вопрос',
    toPicture: 'Показать картинку с цифрами',
  },
  login: {
    title: 'Я не помню логин',
    bothTitle: 'Я не помню логин и пароль',
    intro: 'Укажите почту или мобильный телефон из учётной записи и дату рождения. Логин придёт на подтверждённую почту или по SMS.',
    bothIntro:
      'Укажите почту или мобильный телефон из учётной записи и дату рождения. На подтверждённую почту придёт письмо с логином и ссылкой для нового пароля, на подтверждённый телефон — SMS с логином.',
    email: 'Электронная почта',
    phone: 'Мобильный телефон',
    contactHint: 'Достаточно одного: почты или телефона.',
    birthDate: 'Дата рождения',
    birthDateHint:
      'Ученику — своя дата рождения; родителю — дата рождения любого из ваших детей. Например, 15.03.2014 или без точек: 15032014.',
    submit: 'Прислать логин',
    bothSubmit: 'Прислать логин и ссылку для пароля',
    sentTitle: 'Проверьте почту и телефон',
    // The same answer whatever happened (so nobody learns which accounts exist): with the hourly cap in
    // it, it is true also when the cap sent nothing.
    sent: (perHour: number) =>
      `Если данные совпали, мы отправили логин на подтверждённую почту или по SMS на подтверждённый телефон. ${capNote(perHour)} Письмо обычно приходит за несколько минут; проверьте и папку «Спам».`,
    sentBoth: (perHour: number) =>
      `Если данные совпали, мы отправили на подтверждённую почту письмо с логином и ссылкой для нового пароля: откройте ссылку из письма, она действует 1 час. Если подтверждённой почты нет, логин придёт по SMS на подтверждённый телефон. ${capNote(perHour)} Письмо обычно приходит за несколько минут; проверьте и папку «Спам».`,
    sentBothSms: 'Если логин пришёл по SMS, восстановите пароль:',
  },
  password: {
    title: 'Я не помню пароль',
    intro: 'Укажите логин. Если в учётной записи есть подтверждённая почта, мы пришлём на неё ссылку для нового пароля.',
    login: 'Логин',
    submit: 'Прислать ссылку',
    sentTitle: 'Проверьте почту',
    sent: (perHour: number) =>
      `Если такой логин есть и у него подтверждённая почта, мы отправили на неё ссылку для нового пароля. ${capNote(perHour)} Ссылка действует 1 час и только один раз. Проверьте и папку «Спам».`,
    bySms: 'Мне не пришло письмо, восстановить пароль по телефону',
    notArrived: 'Письмо не пришло за 10 минут? Проверьте папку «Спам» и логин: логин — не адрес почты.',
  },
  sms: {
    title: 'Восстановление пароля по телефону',
    intro: 'Укажите логин. Если в учётной записи есть подтверждённый телефон, мы пришлём на него код по SMS.',
    login: 'Логин',
    submit: 'Продолжить',
    digitsTitle: 'Проверка номера телефона',
    digitsIntro: (masked: string) => `Номер телефона в учётной записи: ${masked}. Введите цифры, которые скрыты точками.`,
    digits: 'Скрытые цифры',
    digitsHint: (n: number) => `${n} ${plural(n, 'цифра', 'цифры', 'цифр')} по порядку.`,
    notMine:
      'Не ваш номер? Сначала проверьте, верно ли введён логин: для логина, которого нет, здесь тоже показан номер — так никто не узнает, чей логин существует. Если логин верный, а номер не ваш, телефона в учётной записи нет или он не был подтверждён (кодом из SMS в личном кабинете) — восстановить пароль по SMS не получится.',
    digitsSubmit: 'Прислать код',
    codeTitle: 'Код из SMS',
    codeIntro: (masked: string) => `Мы отправили код по SMS на номер ${masked}. Код действует 10 минут.`,
    code: 'Код из SMS',
    codeHint: 'Шесть цифр.',
    codeSubmit: 'Продолжить',
    again: 'Запросить новый код',
  },
  reset: {
    title: 'Новый пароль',
    intro: (login: string) => `Придумайте новый пароль для учётной записи ${login}.`,
    password: 'Новый пароль',
    again: 'Новый пароль ещё раз',
    submit: 'Сохранить пароль',
    noLink: 'Откройте ссылку из письма ещё раз: страница действует 10 минут.',
    doneTitle: 'Пароль изменён',
    done: 'Пароль изменён. На всех устройствах выполнен выход; войдите с новым паролем.',
    toLogin: 'Войти',
    newLink: 'Запросить новую ссылку',
  },
  help: {
    title: 'Нужна помощь школы',
    text: 'Если в учётной записи нет подтверждённой почты и подтверждённого телефона, восстановить доступ самостоятельно нельзя — так никто другой не сможет войти под вашим именем. Обратитесь в школу: вам помогут восстановить доступ.',
    bring: 'Ученику достаточно прийти самому; родителю — взять с собой паспорт.',
    noContacts: 'Контакты школы пока не указаны: обратитесь к классному руководителю.',
  },
  phone: {
    title: 'Подтверждение телефона',
    intro: 'Подтверждённый телефон позволит восстановить пароль по SMS и узнать логин, если вы его забудете.',
    phone: 'Мобильный телефон',
    submit: 'Прислать код',
    codeIntro: (phone: string) => `Мы отправили код по SMS на номер ${phone}. Код действует 10 минут.`,
    code: 'Код из SMS',
    codeSubmit: 'Подтвердить телефон',
    link: 'Подтвердить телефон',
    /** On the account page, after the number (the email's word is feminine). */
    confirmed: 'подтверждён',
    change: 'Сменить телефон',
    done: (phone: string) => `Телефон ${phone} подтверждён.`,
    back: 'В личный кабинет',
  },
  throttled: 'Слишком много попыток',
  refusals: {
    throttled: (seconds: number) => `Слишком много попыток. Попробуйте снова ${waitWords(seconds)}.`,
    captcha: 'Цифры с картинки введены неверно. Введите цифры с новой картинки.',
    captchaQuestion: 'Ответ неверный. Ответьте на новый вопрос.',
    contactRequired: 'Укажите почту или мобильный телефон.',
    emailInvalid: 'Проверьте адрес почты: например, ivanova@mail.ru.',
    phoneInvalid: 'Проверьте номер: нужен мобильный, например +7 902 170-28-76.',
    birthDate: 'Укажите дату рождения полностью: день, месяц и год, например 15.03.2014.',
    birthDateImpossible: 'Такой даты не бывает: проверьте день и месяц (день — первым, месяц — вторым), например 15.03.2014.',
    loginRequired: 'Укажите логин.',
    loginIsEmail:
      'Это адрес почты, а здесь нужен логин — тот, что вы выбрали при регистрации (он есть в письме о регистрации). Не помните логин — вернитесь назад и выберите «Я не помню логин».',
    digitsWrong: 'Цифры не совпадают с номером в учётной записи.',
    codeWrong: (left: number) =>
      `Код неверный. ${left > 0 ? `Осталось ${left} ${plural(left, 'попытка', 'попытки', 'попыток')}.` : ''}`.trim(),
    codeUsedUp: 'Код больше не действует: он истёк или введён неверно слишком много раз. Запросите новый код.',
    stepExpired: 'Страница устарела. Начните восстановление заново.',
    messagesLimit: (minutes: number) =>
      `Сообщений было уже много. Новое можно запросить через ${minutes} ${plural(minutes, 'минуту', 'минуты', 'минут')} — или воспользуйтесь уже пришедшим.`,
    phoneRequired: 'Укажите номер мобильного телефона.',
    linkUsed:
      'Эта ссылка больше не действует: по ней (или по другой, более новой ссылке) пароль уже сменили, либо с тех пор изменилась почта или телефон в учётной записи. Если пароль всё ещё не помните, запросите новую ссылку кнопкой ниже.',
    linkExpired:
      'Срок действия ссылки истёк (ссылка из письма действует 1 час). Если пароль всё ещё не помните, запросите новую ссылку кнопкой ниже.',
    linkUnknown:
      'Ссылка не подошла: возможно, она скопирована с ошибкой. Откройте её прямо из письма; если пароль всё ещё не помните, запросите новую ссылку кнопкой ниже.',
  },
  mail: {
    loginSubject: (school: string) => `Ваш логин — ${school}`,
    loginText: (p: { school: string; logins: string[]; origin: string; help: string }) =>
      [
        'Здравствуйте!',
        '',
        `Кто-то (вероятно, вы) попросил напомнить логин на портале электронного журнала школы «${p.school}».`,
        p.logins.length === 1
          ? `Ваш логин: ${p.logins[0]}`
          : `С этим адресом связано несколько учётных записей. Ваши логины: ${p.logins.join(', ')}`,
        '',
        'Если вы не помните и пароль, восстановите его на странице входа: «Забыли логин или пароль?».',
        `Вход на портал школы: ${p.origin}/login`,
        '',
        notYou(p.help),
      ].join('\n'),
    loginAndResetSubject: (school: string) => `Ваш логин и новый пароль — ${school}`,
    loginAndResetText: (p: { school: string; links: { login: string; link: string }[]; origin: string; help: string }) =>
      [
        p.links.length === 1
          ? `Ваш логин: ${p.links[0]!.login}`
          : `С этим адресом связано несколько учётных записей. Ваши логины: ${p.links.map((l) => l.login).join(', ')}`,
        '',
        `Кто-то (вероятно, вы) сообщил, что не помнит логин и пароль на портале электронного журнала школы «${p.school}».`,
        ...(p.links.length === 1
          ? ['Чтобы задать новый пароль, откройте эту ссылку:', p.links[0]!.link]
          : p.links.flatMap((l) => ['', `Новый пароль для ${l.login} — по этой ссылке:`, l.link])),
        p.links.length === 1 ? 'Ссылка действует 1 час и только один раз.' : 'Каждая ссылка действует 1 час и только один раз.',
        '',
        notYou(p.help),
        '',
        `Вход на портал школы: ${p.origin}/login`,
      ].join('\n'),
    resetSubject: (school: string) => `Новый пароль — ${school}`,
    resetText: (p: { school: string; login: string; link: string; origin: string; help: string }) =>
      [
        p.link,
        '',
        `Откройте эту ссылку, чтобы задать новый пароль для учётной записи ${p.login} на портале электронного журнала школы «${p.school}».`,
        'Ссылка действует 1 час и только один раз.',
        '',
        notYou(p.help),
        '',
        `Вход на портал школы: ${p.origin}/login`,
      ].join('\n'),
    changedSubject: (school: string) => `Пароль изменён — ${school}`,
    changedText: (p: { school: string; login: string; help: string }) =>
      [
        'Здравствуйте!',
        '',
        `Пароль учётной записи ${p.login} на портале электронного журнала школы «${p.school}» изменён через восстановление доступа. На всех устройствах выполнен выход.`,
        '',
        `Если это были не вы — обратитесь к куратору электронного журнала: ${p.help}`,
      ].join('\n'),
  },
  /**
   * SMS texts name the school first (a code from nobody in particular is what phishing looks like);
   * a long name is cut. Cyrillic goes as UCS-2 (70 characters in one SMS, 67 in each part of a longer
   * one) and the school pays per part: every text fits two parts with any name and a 32-character login.
   */
  smsText: {
    login: (school: string, logins: string[]) =>
      `${smsFrom(school)}. ${logins.length === 1 ? `Логин в электронном журнале: ${logins[0]}` : `Логины в электронном журнале: ${logins.join(', ')}`}. ${NOT_YOU_LOGIN_SMS}`,
    code: (school: string, code: string) => `${smsFrom(school)}. Код смены пароля: ${code}. Никому не сообщайте. ${NOT_YOU_SMS}`,
    confirm: (school: string, code: string) => `${smsFrom(school)}. Код подтверждения: ${code}. Никому не сообщайте.`,
    changed: (school: string, login: string) => `${smsFrom(school)}. Пароль ${login} изменён. Если это не вы — обратитесь к куратору.`,
  },
  askCurator: ASK,
  curatorUnknown: CURATOR_UNKNOWN,
};
