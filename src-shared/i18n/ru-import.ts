// Every user-facing string of the roster importer, in Russian: file refusals, row problems, field
// labels for the wizard's mapping step. Parameterized messages are functions.

import { plural } from './plural.ts';
import type { Encoding, FieldKey, Layout, Relation, Separator } from '../roster/types.ts';
import type { BirthDateCheck } from '../errors.ts';
import { STUDENT_MAX_AGE, STUDENT_MIN_AGE } from '../roster/normalize.ts';

const quote = (s: string): string => `«${s}»`;
const list = (items: readonly string[]): string => items.map(quote).join(', ');
const lines = (ns: readonly number[]): string => `${ns.length === 1 ? 'строка' : 'строки'} ${ns.join(', ')}`;

const ruImportEncodings = {
  utf8: 'UTF-8',
  cp1251: 'Windows-1251 (кириллица)',
  koi8r: 'KOI8-R',
} satisfies Record<Encoding, string>;

const relationNames = { mother: 'мать', father: 'отец', other: 'законный представитель' } satisfies Record<Relation, string>;

/** Labels of the fields a column can be mapped to, in the order the wizard lists them. */
export const importFieldLabels: Readonly<Record<FieldKey, string>> = {
  class: 'Класс',
  surname: 'Фамилия',
  name: 'Имя',
  patronymic: 'Отчество',
  fullName: 'ФИО (одним столбцом)',
  birthDate: 'Дата рождения',
  sex: 'Пол',
  externalId: 'Идентификатор (ID)',
  motherFullName: 'Мать: ФИО',
  motherPhone: 'Мать: телефон',
  motherEmail: 'Мать: эл. почта',
  fatherFullName: 'Отец: ФИО',
  fatherPhone: 'Отец: телефон',
  fatherEmail: 'Отец: эл. почта',
  guardianFullName: 'Законный представитель: ФИО',
  guardianPhone: 'Законный представитель: телефон',
  guardianEmail: 'Законный представитель: эл. почта',
  role: 'Роль (ученик, мать, отец, учитель…)',
  relation: 'Кем приходится ребёнку',
  phone: 'Телефон',
  email: 'Эл. почта',
  childFullName: 'ФИО ребёнка',
  childBirthDate: 'Дата рождения ребёнка',
  childClass: 'Класс ребёнка',
};

/** The fields for the wizard's mapping step: key and Russian label. */
export const importFields: readonly { key: FieldKey; label: string }[] = (Object.keys(importFieldLabels) as FieldKey[]).map((key) => ({
  key,
  label: importFieldLabels[key],
}));

/** How a required column is named in «missing columns» messages (`fullName` = the name in any form). */
const requiredLabel = (f: FieldKey): string => (f === 'fullName' ? 'ФИО (или Фамилия и Имя)' : importFieldLabels[f]);

export const ruImport = {
  plural,
  fieldLabels: importFieldLabels,
  fields: importFields,
  layouts: {
    wide: 'Одна строка на ученика, родители в столбцах',
    long: 'Одна строка на человека, столбец «Роль»',
  } satisfies Record<Layout, string>,
  encodings: ruImportEncodings,
  separators: {
    ';': 'точка с запятой (;)',
    ',': 'запятая (,)',
    '\t': 'табуляция',
  } satisfies Record<Separator, string>,
  relations: relationNames as Record<string, string>,
  /** Who a parent column group of the wide layout is about, in row messages («нет ФИО (мать)»). */
  parentWho: relationNames,

  file: {
    empty: 'Файл пустой: в нём нет ни одной строки.',
    headerOnly: 'В файле есть только строка заголовков, а учеников нет.',
    tooLarge: (sizeMb: number, limitMb: number) =>
      `Файл слишком большой: ${sizeMb.toLocaleString('ru-RU')} МБ, а можно не больше ${limitMb.toLocaleString('ru-RU')} МБ. Разделите список на несколько файлов.`,
    tooLargeUnpacked: (fileName: string, limitMb: number) =>
      `Таблица ${quote(fileName)} слишком велика в распакованном виде (больше ${limitMb.toLocaleString('ru-RU')} МБ). Оставьте в ней только список учеников или сохраните его как CSV.`,
    tooManyRows: (limit: number) => `В файле больше ${limit.toLocaleString('ru-RU')} строк. Разделите список на несколько файлов.`,
    image: (fileName: string) =>
      `Файл ${quote(fileName)} — это изображение, а не таблица. Выберите файл CSV, Excel (XLSX, XLS) или LibreOffice (ODS).`,
    pdf: (fileName: string) =>
      `Файл ${quote(fileName)} — это документ PDF, а не таблица. Выберите файл CSV, Excel (XLSX, XLS) или LibreOffice (ODS).`,
    zipNotSheet: (fileName: string) =>
      `Файл ${quote(fileName)} — архив, но не таблица Excel или LibreOffice. Выберите файл CSV, Excel (XLSX, XLS) или LibreOffice (ODS).`,
    html: (fileName: string) =>
      `Файл ${quote(fileName)} — веб-страница (HTML), а не таблица, хотя может открываться в Excel. Откройте его в Excel и сохраните как «Книга Excel (.xlsx)» или «CSV UTF-8».`,
    officeUnreadable: (fileName: string) =>
      `Файл ${quote(fileName)} — документ Microsoft Office, который не читается как таблица: книга защищена паролем, повреждена или это не таблица (например, документ Word). Снимите пароль или сохраните список как «Книга Excel (.xlsx)» или «CSV UTF-8».`,
    binary: (fileName: string) =>
      `Файл ${quote(fileName)} не похож на таблицу. Выберите файл CSV (текст с разделителями), Excel (XLSX, XLS) или LibreOffice (ODS).`,
    workbookBroken: (fileName: string) => `Не удалось прочитать таблицу ${quote(fileName)}: файл повреждён или сохранён не полностью.`,
    noSheets: 'В таблице нет ни одного листа.',
    sheetNotFound: (sheet: string, sheets: readonly string[]) => `В книге нет листа ${quote(sheet)}. Листы книги: ${list(sheets)}.`,
    unclosedQuote: (line: number) =>
      `В строке ${line} открыта кавычка, которая нигде не закрыта: файл повреждён или разделитель выбран неверно.`,
    /** The text looks read in the wrong encoding; `better` reads the same bytes cleanly, if one does. */
    garbled: (better: Encoding | null) =>
      better
        ? `Похоже, текст прочитан не в той кодировке. В кодировке ${ruImportEncodings[better]} эти же данные читаются правильно.`
        : 'Похоже, текст прочитан не в той кодировке, и ни UTF-8, ни Windows-1251, ни KOI8-R не дают правильного текста. Откройте файл в Excel, сохраните его как «CSV UTF-8» и загрузите снова.',
    missingColumns: (missing: readonly FieldKey[], found: readonly string[]) =>
      `${missing.length === 1 ? 'Нет обязательного столбца' : 'Нет обязательных столбцов'}: ${missing.map(requiredLabel).map(quote).join(', ')}. ` +
      `Заголовки в файле: ${found.length > 0 ? list(found) : 'нет'}. Переименуйте столбцы или укажите, какой из них что значит (в окне загрузки или, в командной строке, --map "Заголовок=Класс").`,
    noBirthDateColumn: 'В файле есть ученики, но нет столбца «Дата рождения».',
    noClassColumn: 'В файле есть ученики, но нет столбца «Класс».',
  },

  row: {
    missing: (label: string) => `Не заполнено поле ${quote(label)}.`,
    fullNameIncomplete: 'Нужны хотя бы фамилия и имя, через пробел.',
    tooLong: (length: number, limit: number) =>
      `Слишком длинное значение: ${length.toLocaleString('ru-RU')} символов, а можно не больше ${limit.toLocaleString('ru-RU')}. Строка не загружена.`,
    nameTooLong: (limit: number) => `Слишком длинное ФИО: фамилия, имя и отчество — каждое не длиннее ${limit} символов.`,
    birthDateMissing: 'Не указана дата рождения.',
    birthDateFormat: (value: string) => `Не удалось прочитать дату ${quote(value)}. Пишите дату как 05.03.2012.`,
    birthDateImpossible: (value: string) => `Такой даты не существует: ${quote(value)}.`,
    birthDateFuture: (value: string) => `Дата рождения ${quote(value)} ещё не наступила.`,
    birthDateTooYoung: (value: string, minAge: number) => `Дата рождения ${quote(value)}: ученику меньше ${minAge} лет. Проверьте год.`,
    birthDateTooOld: (value: string, maxAge: number) => `Дата рождения ${quote(value)}: ученику больше ${maxAge} лет. Проверьте год.`,
    /** A date no student can have (import rows and desk edits alike); `value` as the user wrote it. */
    birthDateImplausible: (check: BirthDateCheck, value: string): string =>
      check === 'future'
        ? ruImport.row.birthDateFuture(value)
        : check === 'too_young'
          ? ruImport.row.birthDateTooYoung(value, STUDENT_MIN_AGE)
          : ruImport.row.birthDateTooOld(value, STUDENT_MAX_AGE),
    classMissing: 'Не указан класс.',
    classInvalid: (value: string) => `Класс ${quote(value)} не распознан. Пишите класс как 6А: номер от 1 до 11 и буква.`,
    sexInvalid: (value: string) => `Пол ${quote(value)} не распознан (нужно М или Ж): поле не импортировано.`,
    phoneInvalid: (value: string) =>
      `Телефон ${quote(value)} не распознан (нужен российский номер, например 8 902 170-28-76): поле не импортировано.`,
    emailInvalid: (value: string) => `Адрес эл. почты ${quote(value)} не распознан: поле не импортировано.`,
    contactWithoutName: (who: string) => `Есть телефон или почта, но нет ФИО (${who}): контакты не импортированы.`,
    parentNameIncomplete: (value: string) => `ФИО ${quote(value)}: нужны хотя бы фамилия и имя через пробел. Этот человек не импортирован.`,
    duplicateStudentDiffers: (firstLine: number) =>
      `Этот ученик (те же ФИО и дата рождения) уже есть в строке ${firstLine}, но с другими данными. Строка не импортирована: исправьте файл, если данные строки ${firstLine} неверны.`,
    roleMissing: 'Не указана роль (ученик, мать, отец, законный представитель, учитель, классный руководитель).',
    roleInvalid: (value: string) =>
      `Роль ${quote(value)} не распознана. Возможные роли: ученик, мать, отец, законный представитель, учитель, классный руководитель.`,
    childMissing: 'Не указан ребёнок: напишите ФИО ученика, родителем которого является этот человек.',
    /** One detail of a child reference in «not found» messages: `класс 6А`. */
    childClassDetail: (className: string) => `класс ${className}`,
    childNotFound: (child: string) => `Ученик ${quote(child)} не найден среди учеников этого файла (или его строка отклонена).`,
    childNotFoundWith: (child: string, details: string) =>
      `Ученик ${quote(child)} (${details}) не найден среди учеников этого файла (или его строка отклонена).`,
    /** A child reference that fits several students: each of them, and how to say which. */
    childAmbiguous: (child: string, students: readonly { fullName: string; className: string; birthDate: string; line: number }[]) =>
      `Ребёнок ${quote(child)} подходит к нескольким ученикам файла: ${students
        .map((s) => `${s.fullName}, ${s.className}, ${s.birthDate} (строка ${s.line})`)
        .join(
          '; ',
        )}. Укажите ребёнка точнее: полное ФИО, класс в скобках — ${quote(`${students[0]?.fullName ?? child} (${students[0]?.className ?? '6А'})`)} — или дату рождения ребёнка.`,
    childBirthDateInvalid: (value: string) => `Дата рождения ребёнка ${quote(value)} не распознана: не используется при поиске ребёнка.`,
    childClassInvalid: (value: string) => `Класс ребёнка ${quote(value)} не распознан: не используется при поиске ребёнка.`,
    classTeacherNoClass: 'Для классного руководителя не указан класс (или он не распознан).',
    staffSecondClass: (name: string, first: string, firstLine: number, other: string) =>
      `${name} уже классный руководитель ${first} (строка ${firstLine}); класс ${other} не назначен.`,
    classHasTeacher: (className: string, name: string, line: number) =>
      `У класса ${className} уже есть классный руководитель: ${name} (строка ${line}). Этому человеку класс не назначен.`,
    personConflict: (name: string, what: 'phone' | 'email' | 'name', kept: string, other: string, personLines: readonly number[]) =>
      `${name}: ${what === 'phone' ? 'разные телефоны' : what === 'email' ? 'разные адреса эл. почты' : 'разное написание ФИО'} — ${quote(kept)} и ${quote(other)} (${lines(personLines)}). Оставлено первое: ${quote(kept)}.`,
  },

  /** A short summary for the wizard: «550 учеников, 774 родителя, 2 строки отклонены». */
  summary: (students: number, guardians: number, staff: number, rejected: number) =>
    [
      `${students} ${plural(students, 'ученик', 'ученика', 'учеников')}`,
      `${guardians} ${plural(guardians, 'родитель', 'родителя', 'родителей')}`,
      ...(staff > 0 ? [`${staff} ${plural(staff, 'сотрудник', 'сотрудника', 'сотрудников')}`] : []),
      ...(rejected > 0 ? [`${rejected} ${plural(rejected, 'строка отклонена', 'строки отклонены', 'строк отклонено')}`] : []),
    ].join(', '),
};

export type RuImport = typeof ruImport;
