import { plural } from './plural.ts';
import { ruImport } from './ru-import.ts';
import { ruPrint } from './ru-print.ts';
import { ruPolicy } from './ru-policy.ts';
import { ruPortal } from './ru-portal.ts';
import { ruSync } from './ru-sync.ts';
import { ruRecoveryEvents } from './ru-recovery-events.ts';
import { ruErrors } from './ru-errors.ts';
import { ruDesk } from './ru-desk.ts';
import { ruDeskAccounts } from './ru-desk-accounts.ts';
import { ruJournal } from './ru-journal.ts';
import { PORTAL_SOON, ruData } from './ru-data.ts';
import { ruSchool } from './ru-school.ts';
import { ruHost } from './ru-host.ts';
import { ruWork } from './ru-work.ts';
import { ruNet } from './ru-net.ts';
import { ruPairing } from './ru-pairing.ts';
import { ruAudit } from './ru-audit.ts';
import type { Audience } from '../codes/views.ts';
import { displayDate } from '../roster/keys.ts';
import { localDateTime } from '../dates.ts';
import { MAX_IMPORT_MB } from '../roster/limits.ts';

// Every user-facing string of the app, in Russian. English (or any other language) is a second
// object of the same shape: `Messages` is the contract.
export const ru = {
  plural,
  desk: ruDesk,
  deskAccounts: ruDeskAccounts,
  school: ruSchool,
  host: ruHost,
  work: ruWork,
  app: {
    name: 'Куратор',
    title: 'Куратор — электронный журнал',
    loading: 'Загрузка…',
    unexpected: 'Непредвиденная ошибка. Попробуйте ещё раз; если не поможет — перезапустите программу.',
  },
  nav: {
    skip: 'К содержимому',
    home: 'Главная',
    classes: 'Классы',
    import: 'Загрузка списков',
    archive: 'Архив',
    audit: 'Журнал действий',
    operators: 'Операторы',
    settings: 'Настройки школы',
    backup: 'Резервные копии',
    lock: 'Заблокировать',
    lockHint: 'Ctrl+L',
    signOut: 'Выйти',
    /** aria-label of the side navigation. */
    sections: 'Разделы',
  },
  roles: {
    curator: 'Куратор',
    deputy: 'Заместитель директора',
  } as Record<string, string>,
  fields: {
    schoolName: 'Название школы',
    registrationUrl: 'Адрес регистрации',
    curatorContact: 'Контакт куратора',
    idleLockMinutes: 'Блокировка при бездействии, минут',
    codesValidUntil: 'Коды приглашений действуют до',
    surname: 'Фамилия',
    name: 'Имя',
    patronymic: 'Отчество',
    birthDate: 'Дата рождения',
    sex: 'Пол',
    classId: 'Класс',
    externalId: 'Внешний номер',
    phone: 'Телефон',
    email: 'Эл. почта',
    relation: 'Кем приходится',
    current: 'Текущий пароль',
    next: 'Новый пароль',
    reason: 'Причина',
    contentBase64: 'Файл',
    query: 'Запрос',
    login: 'Логин',
    password: 'Пароль',
    passwordRepeat: 'Пароль ещё раз',
    fullName: 'ФИО',
    role: 'Роль',
    active: 'Активен',
    ...ruSchool.fields,
  } as Record<string, string>,
  hints: {
    registrationUrlExample: 'https://1399.ejgur.ru/hello',
    codesValidUntil:
      'Для кодов, выданных с этого момента. Если не задано — до 31 августа (конец учебного года). Выданные коды не меняются.',
    codesValidUntilDefault: 'до конца учебного года',
    registrationUrl: 'Адрес портала, который печатается в приглашениях, например https://1399.ejgur.ru/hello',
    curatorContact: 'Кабинет, часы приёма, телефон или почта — печатается в приглашениях',
    password: ruPolicy.password.hint,
  },
  setup: {
    title: 'Первый запуск: настройка «Куратора»',
    intro: 'Укажите данные школы и создайте первого оператора с ролью «Куратор». Всё это можно изменить позже.',
    schoolStep: 'Школа',
    operatorStep: 'Первый оператор',
    next: 'Далее',
    back: 'Назад',
    finish: 'Завершить настройку',
    done: 'Настройка завершена. Войдите под созданным логином.',
  },
  signIn: {
    title: 'Вход в «Куратор»',
    submit: 'Войти',
    enterLogin: 'Введите логин.',
    enterPassword: 'Введите пароль.',
  },
  lock: {
    title: 'Программа заблокирована',
    text: (name: string) => `Работает оператор ${name}. Введите пароль, чтобы продолжить.`,
    unlock: 'Разблокировать',
    otherUser: 'Войти под другим оператором',
    idle: 'Программа заблокирована после бездействия.',
  },
  home: {
    welcome: (name: string) => `Здравствуйте, ${name}!`,
    intro:
      'Найдите человека в строке поиска сверху (клавиша / или Ctrl+K): ФИО в любом порядке, класс, дата рождения, телефон, почта или логин на портале (можно начало).',
    classes: 'классов',
    students: 'учеников',
    guardians: 'родителей',
    archived: 'в архиве',
    empty: 'Списков ещё нет. Начните с загрузки списков классов:',
  },
  classes: {
    title: 'Классы',
    name: 'Класс',
    students: 'Учеников',
    guardians: 'Родителей',
    teacher: 'Классный руководитель',
    empty: 'Классов пока нет — загрузите списки.',
    classTitle: (name: string) => `${name} класс`,
    student: 'Ученик',
    parents: 'Родители и законные представители',
    noStudents: 'В классе нет учеников',
    noParents: 'Родители не указаны',
  },
  person: {
    /** On a parent's card, after each child: who the parent is to them. */
    thisPersonIs: (relation: string) => `кем приходится: ${relation}`,
    surname: 'Фамилия',
    name: 'Имя',
    patronymic: 'Отчество',
    fullName: 'ФИО',
    kind: 'Кто',
    className: 'Класс',
    birthDate: 'Дата рождения',
    sex: 'Пол',
    externalId: 'Внешний номер',
    phone: 'Телефон',
    email: 'Эл. почта',
    id: 'Номер в базе',
    created: 'Добавлен',
    updated: 'Изменён',
    guardians: 'Родители и законные представители',
    children: 'Дети',
    siblings: 'Братья и сёстры',
    classTeacher: 'Классный руководитель',
    archive: 'В архив',
    restore: 'Вернуть из архива',
    archived: 'Переведён в архив',
    restored: 'Возвращён из архива',
    archiveConfirm: (name: string) =>
      `Перевести «${name}» в архив? Человек пропадёт из списков и поиска, его коды приглашений перестанут действовать. Он останется в базе и в журнале действий, его можно вернуть.`,
    restoreConfirm: (name: string) => `Вернуть «${name}» из архива?`,
    archivedBanner: (when: string) => `В архиве с ${when}`,
  },
  personEdit: {
    edit: 'Изменить',
    editTitle: 'Изменить данные',
    addGuardian: 'Добавить родителя',
    addGuardianTitle: 'Добавить родителя или законного представителя',
    saved: 'Сохранено',
    guardianAdded: (name: string) => `${name} добавлен(а) к ученику`,
    badPhone: 'Телефон: нужен российский номер, например 8 902 170-28-76 или +7 902 170 28 76',
    badEmail: 'Эл. почта: адрес вида name@example.ru',
    needContact: 'Укажите телефон или эл. почту: по ним родителя узнают при следующих загрузках списков.',
  },
  archive: {
    title: 'Архив',
    intro: 'Выбывшие ученики и люди, которых перевели в архив. Они не видны в списках и обычном поиске.',
    placeholder: 'Поиск в архиве: ФИО, дата рождения, телефон…',
    empty: 'В архиве никого нет',
    shown: (n: number, total: number) => `Показаны первые ${n} из ${total} по алфавиту — уточните поиск, чтобы найти остальных.`,
  },
  ...ruAudit,
  /** The journal's check, bulk reads, backups and restore. */
  journal: ruJournal,
  operators: {
    title: 'Операторы',
    add: 'Добавить оператора',
    edit: 'Изменить',
    editTitle: (login: string) => `Оператор ${login}: изменить`,
    resetPassword: 'Новый пароль',
    newPassword: 'Новый пароль',
    changeOwnPassword: 'Сменить свой пароль',
    currentPassword: 'Текущий пароль',
    saved: 'Сохранено',
    self: 'это вы',
    activeYes: 'Да',
    activeNo: 'Отключён',
    created: 'Создан',
  },
  settings: {
    title: 'Настройки школы',
    intro: 'Эти настройки хранятся в базе данных и попадают в резервные копии.',
    save: 'Сохранить',
    saved: 'Настройки сохранены',
    readOnly: 'Изменять настройки школы может только куратор; здесь их можно посмотреть.',
  },
  backup: {
    title: 'Резервные копии',
    intro:
      'Копия базы данных создаётся без остановки работы. Копии сохраняются в папке данных программы. Кроме того, копия делается автоматически перед тем, как новая версия программы обновит устройство базы.',
    create: 'Создать копию сейчас',
    created: (path: string) => `Копия сохранена: ${path}`,
    list: 'Сохранённые копии',
    file: 'Файл',
    size: 'Размер',
    when: 'Создана',
    empty: 'Копий пока нет',
  },
  common: {
    save: 'Сохранить',
    cancel: 'Отмена',
    close: 'Закрыть',
    yes: 'Да',
    no: 'Нет',
    required: 'Заполните это поле',
    tooShort: (min: number) => `Слишком коротко: нужно не меньше ${min} ${plural(min, 'знака', 'знаков', 'знаков')}`,
    tooLong: (max: number) => `Слишком длинно: можно не больше ${max} ${plural(max, 'знака', 'знаков', 'знаков')}`,
    atLeast: (min: number) => `Нужно число не меньше ${min}`,
    atMost: (max: number) => `Нужно число не больше ${max}`,
    actions: 'Действия',
    search: 'Поиск',
  },
  errors: {
    unavailable: 'Недоступно в этом режиме.',
    passwordsDiffer: 'Пароли не совпадают.',
    loginFormat: 'Логин: латинские буквы, цифры, точка, дефис или подчёркивание, от 3 до 32 символов.',
    dateRange: 'Дата «по» раньше даты «с».',
  },
  roster: {
    fields: {
      sex: 'Пол',
      externalId: 'Внешний номер',
      phone: 'Телефон',
      email: 'Эл. почта',
      guardian: 'Родитель',
      relation: 'Кем приходится',
    },
    sex: { M: 'М', F: 'Ж' } as Record<string, string>,
    sexFull: { M: 'мужской', F: 'женский' } as Record<string, string>,
    relation: { mother: 'мать', father: 'отец', other: 'законный представитель' } as Record<string, string>,
    kind: { student: 'Ученик', guardian: 'Родитель', staff: 'Сотрудник' } as Record<string, string>,
    conflict: (who: string, stored: string, inFile: string) =>
      `${who}: в базе «${stored}», в файле «${inFile}» — оставлено значение из базы`,
    twoGuardians: (who: string) => `${who}: телефон и почта из файла принадлежат в базе двум разным людям — использован совпавший телефон`,
  },
  rosterImport: {
    added: 'добавлено',
    updated: 'изменено',
    unchanged: 'без изменений',
    kinds: { classes: 'Классы:', students: 'Ученики:', guardians: 'Родители:', links: 'Связи:', staff: 'Сотрудники:' },
    doneTitle: (file: string) => `Загружен файл «${file}».`,
    dryRunTitle: (file: string) => `Проверка файла «${file}» (ничего не записано):`,
    duplicates: (n: number) => `Повторяющихся строк: ${n} (загружены один раз)`,
    duplicateOf: (line: number, of: number) => `Строка ${line} повторяет строку ${of}.`,
    rejected: (n: number) => `Отклонено строк: ${n}`,
    warningsTitle: (n: number) => `Предупреждений: ${n}`,
    conflictsTitle: (n: number) => `Расхождений с базой: ${n} (оставлены значения из базы)`,
    missingTitle: (n: number) =>
      `Нет в файле, но числятся в этих классах: ${n}. Их можно перевести в архив (в программе: «Загрузка списков» → отчёт).`,
    issue: (line: number, field: string, message: string, who?: string) =>
      `строка ${line}${who ? ` (${who})` : ''}, «${field}»: ${message}`,
    nothingChanged: 'Ничего не изменилось: база уже содержит эти данные.',
    noFile: (file: string) => `Файл не найден: ${file}`,
    tooLarge: `Файл больше ${MAX_IMPORT_MB} МБ: это не похоже на список классов.`,
    report: {
      kind: 'Что',
      line: 'Строка',
      who: 'Кто',
      field: 'Поле',
      message: 'Сообщение',
      summary: 'Итог',
      duplicate: 'Повтор строки',
      error: 'Строка отклонена',
      warning: 'Предупреждение',
      conflict: 'Расхождение с базой',
      missing: 'Нет в файле',
    },
    emptyQuery: 'Пустой запрос',
    /** Name of the saved import report: `<file name without extension>-отчёт.csv`. */
    reportFileName: (base: string) => `${base}-отчёт.csv`,
    statsText: (s: { classes: number; students: number; guardians: number; links: number; staff: number; archived: number }) =>
      [
        `Классов: ${s.classes}`,
        `Учеников: ${s.students}`,
        `Родителей и законных представителей: ${s.guardians}`,
        `Связей «родитель — ребёнок»: ${s.links}`,
        `Сотрудников: ${s.staff}`,
        `В архиве: ${s.archived}`,
      ].join('\n'),
  },
  /** The importer's own messages (file refusals, row problems, field labels). */
  importer: ruImport,
  /** Printed invitations and the codes on them. */
  print: ruPrint,
  policy: ruPolicy,
  portal: ruPortal,
  sync: ruSync,
  pairing: ruPairing,
  recoveryEvents: ruRecoveryEvents,
  /** Dates typed into forms, re-import from the archive, family-sheet gaps, PDF saving, reissuing. */
  data: ruData,
  /** The text of every failure reason (`src-shared/errors.ts`). */
  reasons: ruErrors,
  wizard: {
    title: 'Загрузка списков классов',
    steps: { file: 'Файл', format: 'Формат', mapping: 'Столбцы', preview: 'Проверка', done: 'Готово' },
    dropHint: 'Перетащите сюда файл со списками классов или выберите его.',
    choose: 'Выбрать файл…',
    formats: `CSV (UTF-8, Windows-1251 или KOI8-R; разделитель «;», «,» или табуляция), Excel (XLSX, XLS) или LibreOffice (ODS). До ${MAX_IMPORT_MB} МБ.`,
    file: (name: string) => `Файл: ${name}. Проверьте, правильно ли программа прочитала таблицу.`,
    encoding: 'Кодировка',
    garbled: {
      title: 'Вместо букв — «РђР±РІ» или знаки «�»?',
      readAs: (encoding: string) => `Прочитать как ${encoding}`,
    },
    separator: 'Разделитель',
    sheet: 'Лист',
    layout: 'Расположение данных',
    separators: { semicolon: 'Точка с запятой ( ; )', comma: 'Запятая ( , )', tab: 'Табуляция' },
    mappingIntro: 'Для каждого столбца файла выберите, что в нём. Столбцы без выбора не загружаются.',
    mapByHand: 'Укажите вручную, что в каких столбцах, и нажмите «Проверить».',
    column: 'Столбец в файле',
    example: 'Пример',
    field: 'Что в столбце',
    skip: 'не загружать',
    check: 'Проверить',
    previewIntro: (rows: number, rejected: number) =>
      `Строк в файле: ${rows}. ${rejected ? `Будут пропущены строки с ошибками: ${rejected}.` : 'Ошибок нет.'} Пока ничего не записано.`,
    willAdd: 'Будет добавлено',
    willUpdate: 'Будет изменено',
    added: 'Добавлено',
    updated: 'Изменено',
    unchanged: 'Без изменений',
    tabs: {
      errors: (n: number) => `Отклонённые строки (${n})`,
      warnings: (n: number) => `Предупреждения (${n})`,
      conflicts: (n: number) => `Расхождения с базой (${n})`,
      duplicates: (n: number) => `Повторы (${n})`,
      missing: (n: number) => `Нет в файле (${n})`,
    },
    noProblems: 'Нет',
    missingIntro:
      'Эти ученики числятся в классах из файла, но в файле их нет. Если они выбыли — отметьте их и переведите в архив; из базы они не удаляются.',
    archiveSelected: (n: number) => `Перевести в архив (${n})`,
    archiveConfirm: (n: number) =>
      `Перевести в архив выбранных учеников (${n})? Они пропадут из списков и поиска, их коды приглашений перестанут действовать. Из базы они не удаляются, их можно вернуть.`,
    selectAll: 'Выбрать всех',
    archivedN: (n: number) => `Переведено в архив: ${n}`,
    apply: (n: number) => `Загрузить (${n} ${plural(n, 'строка', 'строки', 'строк')})`,
    done: (name: string) => `Файл «${name}» загружен.`,
    saveReport: 'Сохранить отчёт',
    reportSaved: 'Отчёт сохранён',
    another: 'Загрузить другой файл',
  },
  search: {
    // Short enough to show whole in the top bar at 1366 px; the keys are shown beside it and named to screen readers.
    placeholder: 'ФИО, класс, дата рождения, телефон, почта, логин или код',
    keysHint: 'Перейти к поиску: клавиша / или Ctrl+K',
    nothing: 'Никого не нашлось.',
    parentOf: 'родитель:',
    more: (n: number) => `…и ещё ${n}. Уточните запрос.`,
    layoutFixed: (q: string) => `Показано для «${q}» (была включена латинская раскладка)`,
    codeOf: (code: string, state: string, whose: string) => `Код ${code} (${state}) — ${whose}`,
    codeProblem: (message: string) => `Похоже на код приглашения, но: ${message}`,
    resetSlipOf: (slip: { code: string; createdAt: string; state: string }, whose: string) =>
      `Бланк сброса доступа ${slip.code} от ${localDateTime(slip.createdAt, { seconds: false })} — ${whose}: ${slip.state}`,
    substring: 'Точных совпадений нет — показаны похожие',
    archived: 'в архиве',
  },
  codes: {
    title: 'Коды приглашений',
    kind: { student: 'ученика', parent: 'родителя' } as Record<string, string>,
    kindCap: { student: 'Код ученика', parent: 'Код родителя' } as Record<string, string>,
    state: {
      active: 'действует',
      printed: 'напечатан',
      redeemed: 'использован',
      revoked: 'отозван',
      expired: 'истёк срок',
    } as Record<string, string>,
    relationCap: { mother: 'Мать', father: 'Отец', other: 'Законный представитель' } as Record<string, string>,
    scopeClass: (name: string) => `класс ${name}`,
    scopeSelection: (n: number) => `выбранные ученики (${n})`,
    scopeAll: 'вся школа',
    /** The audit scope of the codes issued for the children family sheets would leave out. */
    scopeFamilyGaps: (scope: string) => `${scope}: недостающие коды семейных листов`,
    reasons: {
      bulkReissue: 'перевыпуск при выдаче кодов',
      expired: 'истёк срок действия',
      parentsKnown: 'заменён кодами внесённых родителей',
      archived: 'человек переведён в архив',
      schoolLeft: 'учётная запись удалена с портала вместе со школой',
    },
    unknownCode: 'Такого кода в базе нет: проверьте, с того ли бланка он переписан.',
    issued: (r: { students: number; parents: number; skipped: number; registered: number; revoked: number }) =>
      `Выдано кодов: учеников — ${r.students}, родителей — ${r.parents}.` +
      (r.skipped > r.registered ? ` Уже были действующие коды: ${r.skipped - r.registered}.` : '') +
      (r.registered ? ` Уже зарегистрированы на портале: ${r.registered} (код им не нужен).` : '') +
      (r.revoked ? ` Заменено старых кодов: ${r.revoked}.` : ''),
  },
  codesUi: {
    issueTitle: 'Выдать коды',
    issue: 'Выдать',
    printTitle: 'Печать приглашений',
    audience: 'Кому',
    audiences: { all: 'Ученикам и родителям', students: 'Ученикам', parents: 'Родителям' } as Record<string, string>,
    onlyMissing: 'Только тем, у кого нет действующего кода',
    onlyUnprinted: 'Только ещё не напечатанные',
    onlyMissingHint: 'Уже выданные и напечатанные коды останутся в силе.',
    replaceHint:
      'Всем, кто ещё не зарегистрировался на портале, будут выданы новые коды; старые перестанут действовать (и напечатанные тоже).',
    replaceConfirm: (where: string) =>
      `Выдать новые коды всем, кто ещё не зарегистрировался (${where})? Все ранее выданные коды, в том числе уже напечатанные и розданные, перестанут действовать.`,
    replaceYes: 'Да, заменить коды',
    validUntil: (isoDate: string) => `Коды действуют до ${displayDate(isoDate)}.`,
    what: 'Что печатать',
    kinds: { invitations: 'Приглашения', families: 'Семейные листы' },
    familiesHint: 'Лист на каждого родителя: его коды для всех его детей, в том числе учащихся в других классах.',
    perPage: 'На листе A4',
    printer: 'Принтер',
    preview: 'Предпросмотр печати',
    summary: (n: number) => `Кодов на печати: ${n}.`,
    missing: (n: number) => `Без действующего кода: ${n} — сначала выдайте им коды.`,
    print: 'Печать…',
    savePdf: 'Сохранить PDF',
    printed: (n: number) => `Отправлено на печать: ${n} ${plural(n, 'код', 'кода', 'кодов')}`,
    didItPrint: 'Приглашения напечатались? Если печать отменили — ответьте «Нет», и коды не будут отмечены напечатанными.',
    yesPrinted: 'Да, напечатались',
    notPrinted: 'Нет',
    pdfSaved: (where: string) => `PDF сохранён: ${where}`,
    issueButton: 'Выдать коды',
    issueAll: 'Выдать коды всей школе',
    printAll: 'Печать для всей школы',
    selected: (n: number) => `Отмечено учеников: ${n} — выдача и печать только для них`,
    printButton: 'Печать приглашений',
    codesColumn: 'Коды',
    studentCode: 'уч.',
    parentCodes: 'род.',
    noCodes: 'Кодов нет',
    code: 'Код',
    forWhom: 'Для кого',
    state: 'Состояние',
    validTill: 'Действует до',
    printedCol: 'Печать',
    printedTimes: (n: number, when: string) => (n ? `${n} ${plural(n, 'раз', 'раза', 'раз')}, последний ${when}` : 'не печатался'),
    reissue: 'Перевыпустить',
    revoke: 'Отозвать',
    reasonPrompt: 'Причина (например: «потерял бланк»)',
    reasonTooShort: 'Напишите причину — хотя бы три буквы.',
    reasonTitleReissue: 'Перевыпуск кода',
    reasonTitleRevoke: 'Отзыв кода',
    /** `portalLater`: paired, and the portal has not been told yet (it is, within seconds, when it answers). */
    reissued: (code: string, portalLater = false) =>
      `Новый код: ${code}. ${portalLater ? `Старый отозван; на портале он перестанет действовать ${PORTAL_SOON}.` : 'Старый больше не действует.'}`,
    revoked: (portalLater = false) => (portalLater ? `Код отозван; на портале он перестанет действовать ${PORTAL_SOON}.` : 'Код отозван'),
    /** Beside a code in the table while its change waits to go to the portal. */
    portalNotTold: {
      revoked: 'Портал ещё не знает: там код пока действует',
      live: 'Ещё не на портале: заработает после синхронизации',
    },
    issueForPerson: 'Выдать недостающие коды',
    printForPerson: 'Печать приглашений',
    history: 'Показать отозванные',
  },
  cliCodes: {
    classOrAll: 'Укажите класс (--class 6А) или всю школу (--all), одно из двух.',
    badClass: (v: string) => `--class: не похоже на класс: «${v}» (ожидается, например, 6А)`,
    badAudience: (v: string) => `--audience: students, parents или all, получено «${v}»`,
    badLayout: (v: string) => `--layout: 1, 2 или 4, получено «${v}»`,
    pdfOnly: '--out: файл должен иметь расширение .pdf',
    issueOrSkip: 'Укажите одно из двух: --issue-missing (выдать недостающие коды) или --skip-missing (печатать без этих детей).',
    printed: (n: number, file: string) => `Кодов напечатано: ${n} → ${file}`,
  },
  /** Names of the saved PDF files and the scope written to the audit log. */
  printFiles: {
    audience: { students: 'ученики', parents: 'родители', all: 'ученики и родители' } satisfies Record<Audience, string>,
    /** A family scope named by the parent's surname, when it is unknown. */
    parent: 'родитель',
    invitations: (where: string, audience: string) => `Приглашения ${where} (${audience}).pdf`,
    families: (where: string) => `Семейные листы ${where}.pdf`,
  },
  /** `npm run kurator -- …`: help, prompts, errors and messages of the command line. */
  cli: {
    help: {
      usage: 'Использование: npm run kurator -- <команда> [параметры] [--data-dir ПАПКА]',
      commands: 'Команды:',
      signIn: 'Вход оператора: переменные KURATOR_OPERATOR и KURATOR_PASSWORD или ввод с клавиатуры.',
      dataDir: 'Папка данных: --data-dir, переменная KURATOR_DATA_DIR или папка программы по умолчанию.',
      /** `--help` of one command. */
      command: (name: string, usage: string, summary: string) => `npm run kurator -- ${name} ${usage}\n  ${summary}`,
      /** The usage line printed after a wrong call of one command. */
      commandUsage: (name: string, usage: string) => `Использование: npm run kurator -- ${name} ${usage}`,
    },
    /** Arguments of each command after its name, as printed in the help (ФАЙЛ, ЛОГИН … are placeholders). */
    usage: {
      setup: '--school НАЗВАНИЕ --registration-url АДРЕС --operator ЛОГИН [--full-name ФИО] [--contact КОНТАКТ]',
      backup: '--out ФАЙЛ',
      auditVerify: '',
      auditExport: '--out ФАЙЛ.csv [--from ДАТА] [--to ДАТА] [--action КОД] [--operator ЛОГИН]',
      import:
        'ФАЙЛ [--dry-run] [--json] [--restore-archived] [--encoding utf8|cp1251|koi8r] [--separator ";"|","|tab] [--layout wide|long] [--sheet ЛИСТ] [--map "ЗАГОЛОВОК=СТОЛБЕЦ" …] [--force]',
      stats: '[--json]',
      find: 'ЗАПРОС [--json] [--limit N] [--archived]',
      codesIssue: '(--class 6А | --all) [--only-missing] [--json]',
      codesList: '[--class 6А] [--history] [--json]',
      printInvitations: '(--class 6А | --all) --audience students|parents|all [--layout 1|2|4] [--only-unprinted] --out ФАЙЛ.pdf',
      printFamilies: '(--class 6А | --all) --out ФАЙЛ.pdf [--issue-missing | --skip-missing]',
      settings:
        '[--contact КОНТАКТ] [--deputy КОНТАКТ] [--hours ЧАСЫ] [--registration-url АДРЕС] [--mail-server smtp://ЛОГИН@СЕРВЕР:587 --mail-from ОТПРАВИТЕЛЬ] [--json]',
    },
    /** One line about each command, for the help. */
    summary: {
      setup: 'первоначальная настройка: школа и первый оператор-куратор (пароль: KURATOR_PASSWORD или ввод)',
      backup: 'резервная копия базы без остановки работы (backup API SQLite)',
      auditVerify: 'проверить, что журнал действий не изменяли в обход программы',
      auditExport: 'выгрузить журнал действий в CSV (безопасный для Excel)',
      import:
        'загрузить списки классов из CSV, XLSX, XLS или ODS (--dry-run: только проверить, ничего не записывая; люди из архива, которые есть в файле, остаются в архиве, пока не указан --restore-archived)',
      stats: 'сколько в базе классов, учеников, родителей, связей и сотрудников',
      find: 'найти человека: ФИО в любом порядке, класс, дата рождения, телефон, почта, логин (или его начало), код',
      codesIssue: 'выдать коды приглашений ученикам и родителям (--only-missing: только тем, у кого нет действующего)',
      codesList: 'действующие коды (как они печатаются); --history: также отозванные, использованные и истёкшие',
      printInvitations: 'приглашения с кодами в PDF (A4, 1, 2 или 4 на листе; --only-unprinted: только ещё не напечатанные коды)',
      printFamilies:
        'семейные листы: на каждого родителя — коды всех его детей; если у родителя нет кода для кого-то из детей, печать останавливается: --issue-missing выдаёт недостающие коды, --skip-missing печатает без этих детей',
      settings:
        'контакты школы для приглашений и портала: без параметров — показать; --contact (куратор), --deputy (заместитель директора), --hours (часы приёма) — изменить (только куратор; пустое значение стирает)',
    },
    /** A setting left empty, as `settings` prints it. */
    notSet: 'не указано',
    prompts: {
      login: 'Логин оператора: ',
      password: 'Пароль: ',
      newPassword: 'Пароль нового оператора: ',
      repeatPassword: 'Ещё раз: ',
    },
    errors: {
      /** Every error line starts so. */
      error: (message: string) => `Ошибка: ${message}`,
      requiredParam: (name: string) => `Не указан обязательный параметр --${name}`,
      unknownCommand: (command: string) => `Неизвестная команда: «${command}»`,
      unknownParam: (name: string) => `Неизвестный параметр ${name}`,
      paramNeedsValue: (name: string) => `Параметру ${name} нужно значение`,
      unexpectedArg: (message: string) => `Лишний аргумент: ${message}`,
      missingArgs: 'Не хватает аргументов',
      extraArgs: (args: string) => `Лишние аргументы: ${args}`,
      needSignIn: 'Нужен вход оператора: задайте KURATOR_OPERATOR и KURATOR_PASSWORD (нет терминала для ввода).',
      needPassword: 'Укажите пароль в переменной KURATOR_PASSWORD (нет терминала для ввода).',
      interrupted: 'Прервано (Ctrl+C)',
      fileExists: (file: string) => `Файл уже существует: ${file}`,
      badDate: (name: string, text: string) =>
        `--${name}: ожидается дата ДД.ММ.ГГГГ, Д.М.ГГГГ, ГГГГ-ММ-ДД или ДДММГГГГ, получено «${text}»`,
      noSuchDate: (name: string, text: string) => `--${name}: такой даты нет: «${text}»`,
      unknownOperator: (login: string) => `--operator: нет оператора «${login}»`,
      badEncoding: '--encoding: utf8, cp1251 или koi8r',
      badSeparator: '--separator: ";" "," или tab',
      badLayout: '--layout: wide или long',
      badMap: (v: string) => `--map: ожидается «Заголовок в файле=Столбец», например "Уч. группа=Класс", получено «${v}»`,
      unknownField: (v: string) =>
        `--map: «${v}» — не столбец, который знает загрузка. Например: Класс, Фамилия, Имя, Отчество, ФИО, Дата рождения, Пол, Мать (ФИО), Тел. матери.`,
      noSuchColumn: (column: string, header: readonly string[]) =>
        `--map: в файле нет столбца «${column}». Заголовки в файле: ${header.map((h) => `«${h}»`).join(', ') || 'нет'}.`,
      badLimit: '--limit: целое число от 1 до 1000',
    },
    /** `settings --mail-server`: the school's SMTP server for «Отправить коды по почте». */
    mailServer: {
      label: 'Почта для приглашений',
      none: 'не настроена',
      shown: (url: string, from: string) => `${url}, отправитель ${from}`,
      badUrl: (v: string) =>
        `--mail-server: ожидается адрес вида smtp://логин@сервер:587 (или smtps://…:465), получено «${v}»; "" — отключить почту`,
      passwordInUrl:
        '--mail-server: не пишите пароль в адресе (командную строку видно в списке процессов) — передайте его в переменной KURATOR_SMTP_PASSWORD',
      fromRequired: '--mail-from: укажите отправителя, например "Школа № 1399 <kurator@school1399.ru>"',
      serverRequired: 'Сначала укажите почтовый сервер: --mail-server smtp://логин@сервер:587',
    },
    output: {
      setupDone: (school: string, login: string) => `Настройка завершена. Школа: ${school}. Куратор: ${login}.`,
      noContact:
        'Внимание: контакт куратора не задан — укажите его в «Настройках школы» или командой settings --contact, он печатается в приглашениях.',
    },
  },
  /** `npm start` (scripts/start.ts, scripts/project.ts). */
  start: {
    usage: 'Использование: npm start [-- --browser] [--port N] [--data-dir ПАПКА] [--no-open]',
    building: 'Подготовка интерфейса после установки или обновления (до минуты)…',
    badPort: (value: string | undefined) => `--port: ожидается номер порта 0–65535, получено «${value}»`,
    browserFallback: (reason: string) => `Electron не запускается (${reason}): включён режим браузера.`,
    openAddress: 'Откройте этот адрес в браузере.',
    dataDir: (dir: string) => `Данные: ${dir}. Остановить: Ctrl+C.`,
  },
  net: ruNet,
  /** The desktop shell: window menu and OS-level errors. */
  desktop: {
    menu: {
      file: 'Файл',
      quit: 'Выход',
      edit: 'Правка',
      undo: 'Отменить',
      redo: 'Повторить',
      cut: 'Вырезать',
      copy: 'Копировать',
      paste: 'Вставить',
      selectAll: 'Выделить всё',
      view: 'Вид',
      zoomIn: 'Крупнее',
      zoomOut: 'Мельче',
      resetZoom: 'Обычный размер',
      fullScreen: 'Во весь экран',
    },
    noEncryption: 'Шифрование ОС недоступно: секрет не сохранён (он не будет записан открытым текстом).',
  },
  /** Sizes: `512 Б`, `1,5 КБ`, `2,0 МБ` (the number is formatted by the caller). */
  units: {
    bytes: (n: number) => `${n} Б`,
    kilobytes: (n: string) => `${n} КБ`,
    megabytes: (n: string) => `${n} МБ`,
  },
};

export type Messages = typeof ru;
