// Every Russian text of the printed invitations (slips and family sheets) and of invitation-code
// checking. Functions build the parameterized texts; the print layer escapes whatever they return.

import { CODE_LENGTH } from '../codes/code.ts';
import type { CodeProblem } from '../codes/input.ts';

/** A character as it can be shown in a message: invisible ones as U+XXXX. */
const visible = (char: string): string =>
  /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char) ? char : `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

export const ruPrint = {
  codes: {
    /** What the user typed is empty after spaces and hyphens are dropped. */
    empty: 'Введите код приглашения.',
    /** The letter `u` is the one letter a typist may think is missing by mistake. */
    letterU: (position: number) => `Знак ${position}: буквы «u» в кодах нет. Проверьте код по листку — возможно, это «v».`,
    invalidChar: (position: number, char: string) =>
      `Знак ${position}: «${char}» не может встречаться в коде. В коде только латинские буквы и цифры.`,
    tooShort: (length: number, expected: number) => `В коде ${expected} знаков, а введено ${length}. Проверьте, не пропущен ли знак.`,
    tooLong: (length: number, expected: number) => `В коде ${expected} знаков, а введено ${length}. Проверьте, нет ли лишнего знака.`,
    checksum: 'Код введён с ошибкой: в нём опечатка или переставлены соседние знаки. Сверьте код с листком по одному знаку.',
    /** What is wrong with a typed code. */
    problem(p: CodeProblem): string {
      const m = ruPrint.codes;
      switch (p.kind) {
        case 'empty':
          return m.empty;
        case 'invalid_char':
          return p.char.toLowerCase() === 'u' ? m.letterU(p.position) : m.invalidChar(p.position, visible(p.char));
        case 'length':
          return p.length < CODE_LENGTH ? m.tooShort(p.length, CODE_LENGTH) : m.tooLong(p.length, CODE_LENGTH);
        case 'checksum':
          return m.checksum;
      }
    },
    /** Short hint next to the input field. */
    hint: 'Регистр, пробелы и дефисы не важны; буквы «o», «i», «l» читаются как цифры 0, 1, 1.',
  },
  layout: {
    documentTitle: 'Приглашения в электронный журнал',
    familyDocumentTitle: 'Коды приглашения для семей',
    perPage: (n: number) => (n === 1 ? '1 приглашение на листе' : `${n} приглашения на листе`),
    cutHere: 'линия отреза',
  },
  slip: {
    title: 'Приглашение в электронный журнал',
    studentLabel: (className: string) => `Ученику (${className})`,
    parentLabel: (className: string) => `Родителям (${className})`,
    greetingStudent: 'Здравствуйте! Зарегистрируйтесь в электронном журнале школы:',
    greetingParent: 'Уважаемые родители! Зарегистрируйтесь в электронном журнале школы:',
    whyStudent: 'там ваши оценки, домашние задания, расписание и сообщения от учителей.',
    whyParent: 'там оценки и домашние задания вашего ребёнка, расписание и сообщения от учителей.',
    codeCaption: 'Код приглашения',
    addressCaption: 'Адрес регистрации',
    qrCaption: 'Наведите камеру телефона — код подставится сам',
    stepsCaption: 'Как зарегистрироваться',
    stepOpen: 'Откройте адрес регистрации или отсканируйте QR-код.',
    stepCode: 'Введите код приглашения (регистр, пробелы и дефисы не важны).',
    stepPassword: 'Придумайте пароль: от 8 знаков, без логина, имени и даты рождения; логин вы придумаете сами при регистрации.',
    stepEmailParent:
      'Укажите электронную почту (для родителей обязательно) и подтвердите её по ссылке из письма — тогда вы сможете сами восстановить доступ.',
    stepEmailStudent:
      'Если у вас есть электронная почта, укажите её и подтвердите по ссылке из письма — тогда вы сможете сами восстановить доступ.',
    stepOtherChildren: 'Если в школе учатся несколько ваших детей, после входа добавьте их коды в разделе «Дети».',
    personal: 'Не передавайте код посторонним.',
    /** Under the code: `Выдан 02.11.2026 · действует до 31.08.2027`; a reissued code says so. */
    issued: (date: string, reissued: boolean) => `${reissued ? 'Выдан повторно' : 'Выдан'} ${date}`,
    validUntil: (date: string) => `действует до ${date}`,
    help: 'Если что-то не получается, обратитесь к куратору электронного журнала:',
    helpNoContact: 'Если что-то не получается, обратитесь к куратору электронного журнала в школе.',
  },
  family: {
    title: 'Коды приглашения для родителей',
    greeting: 'Уважаемые родители! Зарегистрируйтесь в электронном журнале школы:',
    why: 'там оценки и домашние задания ваших детей, расписание и сообщения от учителей.',
    childrenCaption: (n: number) =>
      n === 1 ? 'Ваш код родителя — для этого ребёнка' : 'Ваши коды родителя — по одному для каждого ребёнка',
    className: (className: string) => `${className} класс`,
    stepOpenOne: 'Откройте адрес регистрации или отсканируйте QR-код у любого из детей.',
    stepCodeFirst: 'Зарегистрируйтесь по коду одного ребёнка. Регистр, пробелы и дефисы в коде не важны.',
    stepOtherChildren: 'После входа добавьте коды остальных детей в разделе «Дети» — регистрироваться заново не нужно.',
    continued: (page: number, pages: number) => `Продолжение, лист ${page} из ${pages}`,
  },
  errors: {
    badCode: (code: string) => `Код «${code}» не является правильным кодом приглашения (ошибка в контрольном знаке).`,
    badLayout: (n: unknown) => `Нельзя напечатать ${String(n)} приглашения на листе: выберите 1, 2 или 4.`,
    badUrl: 'Адрес регистрации в настройках школы должен начинаться с https:// (или http://).',
    noChildren: 'В семье нет ни одного ребёнка с кодом приглашения.',
    chromiumMissing: (tried: string) =>
      `Не найден браузер Chromium для печати в PDF (проверены: ${tried}). Установите Chromium или укажите путь в переменной CHROMIUM_PATH. ` +
      `Chromium was not found for PDF printing (tried: ${tried}). Install Chromium or set CHROMIUM_PATH.`,
  },
};

export type PrintMessages = typeof ruPrint;
