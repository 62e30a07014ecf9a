// Every word of the registration portal (pages, mail, its command line), in Russian.
import type { AddressProblem } from '../sync/address.ts';
import { ruPortalAccounts } from './ru-portal-accounts.ts';
import { ruPortalRecover } from './ru-portal-recover.ts';

/** What each letter or SMS of the outbox is, for `mail failed`. */
const ruPortalMailKinds: Record<string, string> = {
  confirm_email: 'письмо для подтверждения почты',
  confirm_phone: 'SMS с кодом подтверждения телефона',
  reset_link: 'письмо со ссылкой для нового пароля',
  login_reminder: 'напоминание логина',
  sms_code: 'SMS с кодом восстановления',
  password_changed: 'уведомление о смене пароля',
  email_changed: 'уведомление о смене почты',
  desk_reset_used: 'уведомление: пароль задан по бланку из школы',
};

export const ruPortal = {
  accounts: ruPortalAccounts,
  recover: ruPortalRecover,
  name: 'Регистрация в электронном журнале',
  layout: {
    skip: 'К содержимому',
    /** The title of a page whose form came back with mistakes. */
    errorTitle: (title: string) => `Ошибка: ${title}`,
    help: 'Нужна помощь?',
    curator: (contact: string) => `Куратор электронного журнала: ${contact}`,
    deputy: (contact: string) => `Заместитель директора: ${contact}`,
    hours: (hours: string) => `Часы приёма: ${hours}`,
    askSchool: 'Обратитесь к куратору электронного журнала вашей школы.',
  },
  errors: {
    notFoundTitle: 'Страница не найдена',
    notFound: 'Такой страницы нет. Проверьте адрес или откройте ссылку из приглашения ещё раз.',
    toSchool: 'На главную страницу школы',
    noSchool: 'По этому адресу нет школы. Проверьте адрес — он напечатан в приглашении.',
    csrfTitle: 'Форма устарела',
    csrf: 'Страница была открыта слишком давно или в другой вкладке. Обновите страницу и отправьте форму ещё раз.',
    tooManyTitle: 'Слишком много запросов',
    tooMany: (seconds: number) => `Слишком много запросов с вашего адреса. Подождите ${seconds} с и попробуйте снова.`,
    internalTitle: 'Что-то пошло не так',
    internal: 'На портале произошла ошибка. Попробуйте ещё раз через минуту; если не поможет — обратитесь к куратору.',
    back: 'Вернуться',
  },
  registration: {
    title: 'Регистрация по коду приглашения',
    intro: 'Введите код из приглашения, которое вам выдали в школе.',
    codeLabel: 'Код приглашения',
    next: 'Продолжить',
    already: 'Уже зарегистрированы?',
    problem: 'Проверьте, пожалуйста:',
    unknownCode: 'Такого кода нет. Проверьте код по приглашению или обратитесь к куратору.',
  },
  admin: {
    badName: 'Название школы: от 2 до 200 символов.',
    badAddress: {
      not_url: () => 'Адрес регистрации: нужен полный адрес, например https://1399.ejgur.ru/hello',
      not_https: () =>
        'Адрес регистрации должен начинаться с https:// (http:// допустим только для этого компьютера: 127.0.0.1, localhost).',
      no_page: () => 'Адрес регистрации должен заканчиваться страницей регистрации, например https://1399.ejgur.ru/hello',
      query: () => 'В адресе регистрации не должно быть «?» и «#».',
      too_deep: (max: number) => `Адрес регистрации слишком длинный: не больше ${max} частей пути перед страницей регистрации.`,
      bad_segment: () => 'В пути адреса регистрации допустимы латинские буквы, цифры, «.», «-», «_» и «~».',
    } satisfies Record<AddressProblem, (max: number) => string>,
    addressTaken: (id: number, name: string) => `По этому адресу уже зарегистрирована школа № ${id} («${name}»).`,
    noSchool: (id: number) => `Школы с номером ${id} на портале нет (список: school list).`,
  },
  /** The server's readable log (`--log-json` leaves it as pino's JSON). */
  log: {
    error: 'Ошибка: ',
    warning: 'Внимание: ',
  },
  cli: {
    running: (url: string) => `Kurator portal is running at ${url}`,
    // The start line is English, as the issue gives it: scripts and the tests read it.
    listeningEverywhere: (wildcard: string, others: string[]) =>
      ` — listening on all interfaces (${wildcard})${others.length > 0 ? `, from other computers: ${others.join(', ')}` : ''}`,
    mailToFiles: (dir: string) => ` — mail is written to ${dir} (SMTP_URL is not set)`,
    mailToSmtp: (server: string, placeholderSender: string | null) =>
      ` — mail goes to ${server}${placeholderSender ? ` (MAIL_FROM is not set: the sender is the placeholder ${placeholderSender}, which mail servers refuse)` : ''}`,
    usage: [
      'Портал регистрации «Куратора».',
      '',
      'Запуск:   npm run portal -- [--port N] [--listen ADDR] [--data-dir DIR] [--trust-proxy] [--time-zone ЗОНА] [--no-captcha] [--log-json] [--adopt-secret]',
      '          --time-zone: часовой пояс времени на страницах (Europe/Moscow по умолчанию; или PORTAL_TIME_ZONE)',
      '          --no-captcha: формы восстановления доступа без картинки с цифрами (ограничения частоты остаются)',
      '          --log-json: журнал запросов в stderr строками JSON (для сборщиков журналов), а не текстом',
      '          --adopt-secret: принять этот секрет, если база настроена с другим, а тот утерян (после этого — новые ключи школам)',
      'Команды:  npm run portal -- school add --name "Школа №1399" --address https://1399.ejgur.ru/hello [--json]',
      '          npm run portal -- school list [--json]',
      '          npm run portal -- school key --school ID [--json]      новый ключ подключения (старый перестаёт работать)',
      '          npm run portal -- school remove --school ID --yes     удалить школу и все её данные на портале',
      '          npm run portal -- mail failed [--json]                 письма, которые не удалось отправить',
      '          npm run portal -- mail retry                           отправить их ещё раз',
      '          npm run portal -- backup --out FILE                    копия встроенной базы (для PostgreSQL — pg_dump)',
      '',
      'Переменные: DATABASE_URL (сервер PostgreSQL), SMTP_URL (почта), SMS_URL (SMS.ru: https://sms.ru/sms/send?api_id=…),',
      '            MAIL_FROM, PORTAL_DATA_DIR, PORTAL_SECRET.',
    ].join('\n'),
    unknownCommand: (cmd: string) => `Неизвестная команда: ${cmd}. Список команд: npm run portal -- --help`,
    needParam: (name: string) => `Не указан параметр --${name}.`,
    badPort: (value: string) => `--port: нужен номер порта от 0 до 65535, а не «${value}».`,
    badSchool: (value: string) => `--school: нужен номер школы на портале (число из school list), а не «${value}».`,
    error: (message: string) => `Ошибка: ${message}`,
    firstStart: (dir: string) =>
      `Первый запуск: создаётся встроенная база данных в ${dir}. Это может занять до минуты; затем появится адрес портала.`,
    busy: (pid: number) =>
      `Портал с этой папкой данных уже запущен (процесс ${pid}). Остановите его или укажите другую папку (--data-dir).`,
    waitStarting: (pid: number) =>
      `Портал с этой папкой данных запускается (процесс ${pid}): команда выполнится через него, как только он будет готов. Подождите…`,
    waitCommand: (pid: number) =>
      `С папкой данных портала сейчас работает другая команда портала (процесс ${pid}): эта выполнится, как только та закончит. Подождите…`,
    stillStarting: (pid: number) =>
      `Портал с этой папкой данных всё ещё запускается (процесс ${pid}) и пока не принимает команды. Дождитесь строки «Kurator portal is running at …» в его окне и повторите команду. Если он не запускается, остановите процесс ${pid}.`,
    busyStarting: (pid: number) =>
      `Портал с этой папкой данных уже запускается (процесс ${pid}). Второй портал на той же папке не запустить: дождитесь первого или укажите другую папку (--data-dir).`,
    busyCommand: (pid: number) =>
      `С папкой данных портала сейчас работает команда портала (процесс ${pid}). Дождитесь, пока она закончит, и повторите.`,
    confirmRemove:
      'Удаление необратимо: учётные записи, коды и почта этой школы будут удалены с портала. Добавьте --yes, чтобы подтвердить.',
    schoolAdded: (id: number, name: string, address: string, key: string) =>
      [
        `Школа «${name}» добавлена (номер на портале: ${id}).`,
        `Ключ подключения «Куратора» (показывается один раз): ${key}`,
        `Введите его в «Кураторе»: Настройки школы → Портал, или: npm run kurator -- portal pair --url ${address} --key ${key}`,
      ].join('\n'),
    noSchools: 'Школ на портале пока нет. Добавьте: npm run portal -- school add --name … --address …',
    schoolLine: (id: number, name: string, address: string, paired: boolean) =>
      `${id}\t${name}\t${address}\t${paired ? '«Куратор» подключён' : 'не подключена'}`,
    newKey: (id: number, key: string) =>
      `Новый ключ подключения школы № ${id} (старый больше не действует; «Куратору» нужно подключиться заново): ${key}`,
    schoolRemoved: (id: number, name: string) => `Школа № ${id} («${name}») и все её данные удалены с портала.`,
    noFailedMail: 'Неотправленных писем нет.',
    /** A letter or SMS not sent, in two lines: when (this computer's clock, its zone named), what, to
     * whom and its id (the log names it by id); then the attempts and the last error. */
    failedMailLine: (m: {
      at: string;
      kind: string;
      school: { id: number; name: string | null } | null;
      to: string;
      id: string;
      attempts: number;
      error: string;
      gaveUp: boolean;
    }) =>
      `${m.at} — ${ruPortalMailKinds[m.kind] ?? m.kind}${m.school ? `, школа № ${m.school.id}${m.school.name ? ` «${m.school.name}»` : ''}` : ''}, кому: ${m.to} (письмо ${m.id})\n` +
      `  попыток: ${m.attempts}, ${m.gaveUp ? 'отправка прекращена' : 'будет ещё попытка'}; ошибка: ${m.error || '—'}`,
    mailRetried: (n: number) =>
      n === 0
        ? 'Неотправленных писем нет: повторять нечего.'
        : `Писем поставлено на отправку: ${n}. Портал отправит их в течение минуты (если он запущен); проверьте потом: npm run portal -- mail failed`,
    backupUsePgDump: 'Портал работает с сервером PostgreSQL (DATABASE_URL): копию делает pg_dump.',
    backupIsFolder: (file: string) =>
      `${file} — это папка, а копия базы — файл. Укажите имя файла в ней, например --out ${file}/portal-backup.tar.gz`,
    backupNoFolder: (dir: string) => `Папки ${dir} нет: создайте её или укажите в --out файл в существующей папке.`,
    backupUnwritable: (file: string) => `Не удаётся записать копию в ${file}: нет прав на запись в эту папку или места на диске.`,
    noPortalHere: (dir: string) =>
      `В папке ${dir} нет портала. Проверьте --data-dir (или PORTAL_DATA_DIR). Новый портал создаёт первый запуск npm run portal или команда school add.`,
    secretMismatch:
      'База портала настроена с другим секретом: с этим секретом портал не узнал бы ни одного кода, ключа подключения и ссылки из писем. ' +
      'Запустите его с тем же PORTAL_SECRET, что у других процессов этой базы (или с прежним файлом DATA_DIR/portal.key). ' +
      'Если прежний секрет утерян навсегда: запуск с --adopt-secret сделает этот секрет секретом базы; после этого каждой школе нужен новый ключ (school key) и повторное подключение «Куратора», а ссылки из уже отправленных писем перестанут работать.',
    database: {
      tooNew: (found: number, known: number) =>
        `База портала создана более новой версией портала (схема ${found}, эта версия знает до ${known}): обновите код портала (npm ci после обновления). База не тронута.`,
      refused: (server: string) => `Сервер PostgreSQL ${server} не принял имя пользователя или пароль из DATABASE_URL. Проверьте их.`,
      noDatabase: (server: string, database: string) =>
        `На сервере PostgreSQL ${server} нет базы «${database}». Создайте её (createdb ${database}) или исправьте DATABASE_URL.`,
      unreachable: (server: string) =>
        `Сервер PostgreSQL ${server} из DATABASE_URL недоступен: проверьте, что он запущен и что адрес и порт верны.`,
    },
    newPortal: (dir: string) => `В папке ${dir} портала ещё нет: создаётся новый портал.`,
    backupDone: (file: string, size: number) => `Копия базы портала сохранена: ${file} (${Math.ceil(size / 1024)} КБ).`,
  },
};
