// The Russian text of every failure reason (`src-shared/errors.ts`). The compiler checks that each
// reason has one and that parameterized texts take exactly the reason's parameters. Texts of the
// importer's file refusals and of the printouts live with the rest of those modules' messages.

import { ruWork } from './ru-work.ts';
import { ruPairing } from './ru-pairing.ts';
import { ruFolderLock } from './ru-folder-lock.ts';
import { ruHost } from './ru-host.ts';
import { ruData } from './ru-data.ts';
import type { ParamsOf, Reason } from '../errors.ts';
import { plural } from './plural.ts';
import { ruImport } from './ru-import.ts';
import { ruPrint } from './ru-print.ts';
import { ruPolicy } from './ru-policy.ts';
import { ruPortal } from './ru-portal.ts';
import { ruSync } from './ru-sync.ts';
import { ruJournal } from './ru-journal.ts';
import { MAX_PREFIX_DEPTH } from '../sync/address.ts';
import { displayDate } from '../roster/keys.ts';

/** The local calendar day of an ISO instant, `ДД.ММ.ГГГГ`. */
const displayInstantDate = (iso: string): string => new Date(iso).toLocaleDateString('ru-RU');

/** A reason's text: a string, or a function of its parameters. */
export type ReasonTexts = {
  readonly [R in Reason]: ParamsOf<R> extends undefined ? string : (params: ParamsOf<R>) => string;
};

const invalidInput = 'Проверьте введённые данные.';
const inactive = 'Учётная запись оператора отключена. Обратитесь к куратору.';
const wrongPassword = 'Неверный пароль.';
const noToken = 'Нет ключа доступа. Откройте «Куратор» по ссылке, которую программа показала при запуске (в ней есть #token=…).';
const notKurator = 'Этот файл не является базой данных «Куратора».';
const archived = 'Человек в архиве: сначала верните его из архива.';
const forbidden = 'Это действие доступно только куратору.';
const internal = 'Внутренняя ошибка программы. Подробности записаны в журнал программы.';

export const ruErrors: ReasonTexts = {
  // «Логин: Логин слишком короткий» reads twice: a problem that names its field goes without the label.
  'input.invalid': ({ label, problem }) =>
    problem === null ? invalidInput : label && !problem.toLowerCase().startsWith(label.toLowerCase()) ? `${label}: ${problem}` : problem,
  'app.unknown_method': ({ method }) => `${invalidInput} (${method})`,
  'app.internal': internal,
  'app.untrusted_sender': forbidden,
  'app.connection_lost': 'Нет связи с программой. Обновите страницу или перезапустите «Куратор».',
  'app.no_token': noToken,
  'app.too_large': 'Слишком большой файл или запрос.',
  'http.token_required': noToken,
  'http.bad_json': 'Запрос не прочитан: ожидается JSON.',

  'setup.required': 'Сначала выполните первоначальную настройку.',
  'setup.no_data': ({ dir }) =>
    `В папке ${dir} нет данных Kurator. Если школа ещё не настроена, сначала выполните первоначальную настройку (setup); если данные в другой папке, проверьте --data-dir.`,
  'setup.done': 'Программа уже настроена.',
  'auth.required': 'Войдите в программу.',
  'auth.locked': 'Программа заблокирована. Введите пароль.',
  'auth.forbidden': forbidden,
  'auth.throttled': ({ seconds }) =>
    `Слишком много неудачных попыток. Повторите через ${seconds} ${plural(seconds, 'секунду', 'секунды', 'секунд')}.`,
  'auth.wrong_credentials': 'Неверный логин или пароль.',
  'auth.wrong_password': wrongPassword,
  'auth.disabled': inactive,
  'auth.disabled_session_ended': inactive,

  'password.too_short': ruPolicy.password.problems.too_short,
  'password.too_long': ruPolicy.password.problems.too_long,
  'password.has_login': ruPolicy.password.problems.has_login,
  'password.has_name': ruPolicy.password.problems.has_name,
  'password.has_birth_date': ruPolicy.password.problems.has_birth_date,
  'password.common': ruPolicy.password.problems.common,
  'operator.wrong_current_password': wrongPassword,
  'operator.login_taken': 'Такой логин уже занят.',
  'operator.not_found': 'Оператор не найден.',
  'operator.last_curator': 'Должен остаться хотя бы один активный куратор.',

  'settings.validity_past': ({ date }) =>
    `Дата ${displayDate(date)} уже прошла: коды до неё не будут действовать ни дня. Укажите будущую дату или оставьте поле пустым (до 31 августа).`,
  'db.busy': 'База данных занята другой операцией (например, загрузкой списков). Повторите через минуту.',
  'db.too_new': ({ found, known }) =>
    `База данных создана более новой версией «Куратора» (версия схемы ${found}, эта программа знает до ${known}). ` +
    'Обновите программу. База не изменена.',
  'db.not_kurator': notKurator,
  'db.missing': ({ file }) => `${notKurator} (${file})`,

  'roster.person_not_found': 'Человек не найден.',
  'roster.student_not_found': 'Ученик не найден.',
  'roster.class_not_found': ({ name }) => (name === null ? 'Класс не найден.' : `Класс «${name}» не найден.`),
  'roster.archived': archived,
  'roster.only_for_students': 'Дата рождения, пол, класс и номер бывают только у учеников.',
  'roster.no_contact_for_students': 'Телефон и почта ученика не хранятся: их указывают у родителей.',
  'roster.birth_date_implausible': ({ check, shown }) => ruImport.row.birthDateImplausible(check, shown),
  'roster.duplicate_student': ({ who }) =>
    `Такой ученик уже есть в базе: ${who}. Два ученика с одинаковыми ФИО и датой рождения — это один человек.`,
  'roster.duplicate_guardian': ({ who }) => `В базе уже есть родитель с такими ФИО и телефоном (или почтой): ${who}.`,
  'roster.already_linked': 'Этот родитель уже связан с учеником.',

  'import.too_large': ({ sizeMb, limitMb }) => ruImport.file.tooLarge(sizeMb, limitMb),
  'import.too_large_unpacked': ({ fileName, limitMb }) => ruImport.file.tooLargeUnpacked(fileName, limitMb),
  'import.too_many_rows': ({ limit }) => ruImport.file.tooManyRows(limit),
  'import.empty': ruImport.file.empty,
  'import.header_only': ruImport.file.headerOnly,
  'import.image': ({ fileName }) => ruImport.file.image(fileName),
  'import.pdf': ({ fileName }) => ruImport.file.pdf(fileName),
  'import.office_unreadable': ({ fileName }) => ruImport.file.officeUnreadable(fileName),
  'import.binary': ({ fileName }) => ruImport.file.binary(fileName),
  'import.html': ({ fileName }) => ruImport.file.html(fileName),
  'import.zip_not_sheet': ({ fileName }) => ruImport.file.zipNotSheet(fileName),
  'import.workbook_broken': ({ fileName }) => ruImport.file.workbookBroken(fileName),
  'import.no_sheets': ruImport.file.noSheets,
  'import.sheet_not_found': ({ sheet, sheets }) => ruImport.file.sheetNotFound(sheet, sheets),
  'import.unclosed_quote': ({ line }) => ruImport.file.unclosedQuote(line),
  'import.missing_columns': ({ missing, found, garbled }) => {
    const message = ruImport.file.missingColumns(missing, found);
    return garbled ? `${ruImport.file.garbled(garbled.better)} ${message}` : message;
  },
  'import.no_birth_date_column': ruImport.file.noBirthDateColumn,
  'import.no_class_column': ruImport.file.noClassColumn,
  'import.garbled': ({ better }) =>
    `${ruImport.file.garbled(better)} Ничего не записано: укажите кодировку (--encoding) или, если текст верен, добавьте --force.`,
  'import.upload_expired': 'Загруженный файл больше не доступен (прошло больше часа или программа перезапущена). Выберите файл ещё раз.',

  'code.not_found': 'Код не найден.',
  'code.redeemed':
    'Этот код уже использован: человек зарегистрирован. Новый код не нужен — помогите ему восстановить доступ к учётной записи.',
  'code.already_live': 'У этого человека уже есть действующий код: перевыпустите его.',
  'code.not_live': 'Этот код уже не действует.',
  'code.person_archived': 'Человек в архиве: коды ему не выдаются.',
  'code.validity_passed': ({ date }) =>
    `Срок действия кодов в настройках школы (${displayDate(date)}) уже прошёл. Укажите новую дату в «Настройках школы».`,
  'code.malformed': ({ problem }) => ruPrint.codes.problem(problem),

  'print.expired': 'Подготовленная печать устарела. Откройте предпросмотр ещё раз.',
  'print.stale': 'Коды изменились после подготовки печати (кто-то перевыпустил или отозвал код). Откройте предпросмотр заново.',
  'print.nothing': 'Печатать нечего: у выбранных людей нет действующих кодов. Сначала выдайте коды.',
  'print.all_printed': 'Все действующие коды уже напечатаны. Чтобы напечатать их ещё раз, снимите отметку «Только ещё не напечатанные».',
  'print.no_chromium':
    'Для сохранения PDF нужен Chromium (в Linux: apt-get install chromium), или укажите путь в CHROMIUM_PATH. Можно напечатать из предпросмотра и выбрать «Сохранить как PDF».',
  'print.bad_url': ruPrint.errors.badUrl,
  'print.bad_code': ({ code }) => ruPrint.errors.badCode(code),
  'print.bad_layout': ({ layout }) => ruPrint.errors.badLayout(layout),
  'print.no_children': ruPrint.errors.noChildren,

  'portal.school_name': ruPortal.admin.badName,
  'portal.school_address': ({ problem }) => ruPortal.admin.badAddress[problem](MAX_PREFIX_DEPTH),
  'portal.address_taken': ({ id, name }) => ruPortal.admin.addressTaken(id, name),
  'portal.time_zone': ({ zone }) =>
    `Часовой пояс «${zone}» не известен. Укажите его так, как пишут в системе: Europe/Moscow, Europe/Samara, Asia/Yekaterinburg, Asia/Novosibirsk, Asia/Vladivostok.`,
  'portal.no_school': ({ id }) => ruPortal.admin.noSchool(id),
  'portal.busy': ({ pid }) => ruPortal.cli.busy(pid),
  'portal.use_pg_dump': ruPortal.cli.backupUsePgDump,
  'portal.admin_refused': ({ message }) => message,

  // Sync between the office and the portal: the portal's refusals, then the office's own.
  'sync.gap': ({ expected }) => ruSync.errors.gap(expected),
  'sync.device_behind': ruSync.errors.behind,
  'sync.device_forked': ruSync.errors.forked,
  'sync.device_superseded': ruSync.errors.superseded,
  'sync.unpaired': ruSync.errors.unpaired,
  'sync.no_school': ruSync.errors.noSchool,
  'sync.already_paired': ruSync.errors.alreadyPaired,
  'sync.bad_key': ruSync.errors.badKey,
  'sync.version': ruSync.errors.version,
  'sync.bad_request': ruSync.errors.badRequest,
  'sync.not_paired': ruSync.errors.notPaired,
  'sync.office_paired': ruSync.errors.officePaired,
  'sync.bad_address': ({ problem }) => ruPortal.admin.badAddress[problem](MAX_PREFIX_DEPTH),
  'sync.https_required': ruSync.errors.httpsRequired,
  'sync.address_mismatch': ({ printed }) => ruSync.errors.addressMismatch(printed),
  'sync.unreachable': ({ detail }) => ruSync.errors.unreachable(detail),
  'sync.portal_failed': ({ status }) => ruSync.errors.portalFailed(status),
  'sync.bad_answer': ruSync.errors.badAnswer,
  // The portal's registration and accounts.
  'register.code_unknown': ruPortal.accounts.refusals.codeUnknown,
  'register.code_revoked': ruPortal.accounts.refusals.codeRevoked,
  'register.code_expired': ({ date }) => ruPortal.accounts.refusals.codeExpired(displayDate(date)),
  'register.code_used': ruPortal.accounts.refusals.codeUsed,
  'register.code_student': ruPortal.accounts.refusals.codeStudent,
  'register.code_parent': ruPortal.accounts.refusals.codeParent,
  'register.code_other_parent': ruPortal.accounts.refusals.codeOtherParent,
  'register.code_twice': ruPortal.accounts.refusals.codeTwice,
  'register.child_linked': ruPortal.accounts.refusals.childLinked,
  'register.has_account': ruPortal.accounts.refusals.hasAccount,
  'register.parent_has_account': ruPortal.accounts.refusals.parentHasAccount,
  'register.throttled': ({ seconds }) => ruPortal.accounts.refusals.throttled(seconds),
  'register.login_invalid': ({ problem }) => ruPolicy.login.problems[problem],
  'register.login_taken': ruPolicy.login.taken,
  'register.password_mismatch': ruPolicy.password.mismatch,
  'register.email_required': ruPortal.accounts.refusals.emailRequired,
  'register.email_invalid': ruPolicy.email.invalid,
  'register.email_typo': ({ suggestion }) => ruPortal.accounts.refusals.emailTypo(suggestion),
  'register.phone_invalid': ruPolicy.phone.invalid,
  'register.phone_not_mobile': ruPolicy.phone.notMobile,
  'register.phone_digits': ({ count }) => ruPolicy.phone.digits(count),
  'register.full_name': ruPortal.accounts.refusals.fullName,
  'register.consent': ruPortal.accounts.refusals.consent,
  'account.wrong_credentials': ruPortal.accounts.refusals.wrongCredentials,
  'account.login_is_email': ruPortal.accounts.refusals.loginIsEmail,
  'account.throttled': ({ seconds }) => ruPortal.accounts.refusals.signInThrottled(seconds),
  'account.wrong_password': ruPortal.accounts.refusals.wrongPassword,
  'account.disabled': ruPortal.accounts.refusals.disabled,
  'account.link_invalid': ruPortal.accounts.refusals.linkInvalid,
  'account.link_broken': ruPortal.accounts.refusals.linkBroken,
  'account.link_used': ruPortal.accounts.refusals.linkUsed,
  'account.link_expired': ruPortal.accounts.refusals.linkExpired,
  'account.resend_wait': ({ seconds }) => ruPortal.accounts.refusals.resendWait(seconds),
  'account.email_change_wait': ({ seconds }) => ruPortal.accounts.refusals.emailChangeWait(seconds),
  'account.no_email': ruPortal.accounts.refusals.noEmail,
  'account.email_same': ruPortal.accounts.refusals.emailSame,
  'account.not_parent': ruPortal.accounts.refusals.notParent,
  // Roster upkeep at the desk (o2-desk).
  'roster.duplicate_student_archived': ({ who }) =>
    `Такой ученик есть в архиве: ${who}. Верните его из архива (раздел «Архив»), а не добавляйте второй раз.`,
  'roster.not_linked': 'Этот родитель не связан с учеником (возможно, связь уже убрали).',
  'roster.teacher_not_found': 'Учитель не найден среди сотрудников (или переведён в архив).',
  'roster.teacher_has_class': ({ who, className }) =>
    `${who} уже классный руководитель ${className}. Сначала назначьте в ${className} другого учителя.`,
  'roster.year_end_recent': ({ date, until }) =>
    `Перевод на следующий учебный год уже сделан ${displayInstantDate(date)}. Следующий можно сделать не раньше ${displayInstantDate(until)}.`,
  'roster.year_end_stale': 'Списки изменились после предпросмотра. Посмотрите перевод ещё раз.',
  'operator.login_not_found': ({ login }) => `Оператора с логином «${login}» нет.`,
  'backup.not_found': ({ fileName }) => ruJournal.backups.errors.notFound(fileName),
  'backup.no_folder': ({ folder }) => ruJournal.backups.errors.noFolder(folder),
  'backup.folder_desktop_only': ruJournal.backups.errors.folderDesktopOnly,
  'restore.unreadable': ({ file }) => ruJournal.restore.errors.unreadable(file),
  'restore.not_kurator': ruJournal.restore.errors.notKurator,
  'restore.damaged': ruJournal.restore.errors.damaged,
  'restore.too_new': ({ found, known }) => ruJournal.restore.errors.tooNew(found, known),
  'restore.manifest': ruJournal.restore.errors.manifest,
  'restore.other_key': ruJournal.restore.errors.otherKey,
  'restore.journal': ({ reason, id }) => ruJournal.restore.errors.journal(reason, id),
  'restore.unanchored': ruJournal.restore.errors.unanchored,
  'restore.no_curator': ruJournal.restore.errors.noCurator,
  // Data that stays right.
  'code.none_to_reissue': 'У этого родителя нет действующих кодов, которые можно перевыпустить. Выдайте коды («Выдать недостающие коды»).',
  'print.family_gaps': ({ children }) =>
    `${ruData.familyGaps.title(children)}. Выдайте недостающие коды (--issue-missing) или печатайте без них (--skip-missing).`,
  // The walk-in desk and portal accounts.
  'desk.no_account': 'У этого человека нет учётной записи на портале (или база ещё не получила её при синхронизации).',
  'desk.login_unknown': ({ login }) => `Учётной записи с логином «${login}» нет (или база ещё не получила её при синхронизации).`,
  'desk.reason_required': 'Укажите причину (не короче 3 знаков): она попадёт в журнал.',
  'desk.bad_email': 'Адрес почты записан неверно.',
  'desk.bad_phone': 'Телефон записан неверно: нужен мобильный номер, например 8 902 170-28-76.',
  'desk.no_change': 'Укажите новую почту или новый телефон.',
  'reset.invalid':
    'Бланк не подходит: код введён с ошибкой, бланк уже использован или заменён новым, или ещё не дошёл до портала. Проверьте код или обратитесь в школу.',
  'reset.typo': 'Код введён с ошибкой: в нём опечатка или переставлены соседние знаки. Сверьте код с бланком по одному знаку.',
  'reset.length': ({ typed }) =>
    typed === 0
      ? 'Введите код с бланка: он напечатан под QR-кодом, например abcd-efgh-jkm.'
      : `В коде с бланка 11 знаков (например, abcd-efgh-jkm), а введено ${typed}. Перепишите код с бланка целиком.`,
  'reset.invitation_code':
    'Это код приглашения, а не бланк сброса пароля: он вводится на странице регистрации. Здесь нужен код с бланка «Сброс доступа» (11 знаков).',
  'reset.locked': 'Учётная запись заблокирована школой: задать пароль по бланку сейчас нельзя. Обратитесь к куратору электронного журнала.',
  'reset.expired': 'Срок действия бланка истёк. Обратитесь в школу за новым.',
  'reset.replaced':
    'Этот бланк заменён более новым: в школе напечатали ещё один бланк для этой учётной записи. Воспользуйтесь последним бланком.',
  'reset.password_changed':
    'Пароль этой учётной записи уже сменили после того, как бланк напечатали, поэтому бланк больше не действует. Войдите с новым паролем; если пароль меняли не вы — обратитесь к куратору электронного журнала.',
  'reset.throttled': ({ seconds }) => `Слишком много неверных кодов. Попробуйте через ${seconds} с.`,
  'mail.not_configured':
    'Почтовый сервер школы не настроен (Настройки школы → Почта для приглашений, или командой settings --mail-server).',
  'mail.failed': ({ detail }) => `Почтовый сервер не принял письмо (${detail}). Проверьте настройки почты и попробуйте ещё раз.`,
  // Self-service access recovery on the portal (#8).
  'recover.throttled': ({ seconds }) => ruPortal.recover.refusals.throttled(seconds),
  'recover.captcha': ruPortal.recover.refusals.captcha,
  'recover.captcha_question': ruPortal.recover.refusals.captchaQuestion,
  'recover.contact_required': ruPortal.recover.refusals.contactRequired,
  'recover.email_invalid': ruPortal.recover.refusals.emailInvalid,
  'recover.phone_invalid': ruPortal.recover.refusals.phoneInvalid,
  'recover.birth_date': ruPortal.recover.refusals.birthDate,
  'recover.birth_date_impossible': ruPortal.recover.refusals.birthDateImpossible,
  'recover.login_required': ruPortal.recover.refusals.loginRequired,
  'recover.login_is_email': ruPortal.recover.refusals.loginIsEmail,
  'recover.digits_wrong': ruPortal.recover.refusals.digitsWrong,
  'recover.code_wrong': ({ left }) => ruPortal.recover.refusals.codeWrong(left),
  'recover.code_used_up': ruPortal.recover.refusals.codeUsedUp,
  'recover.step_expired': ruPortal.recover.refusals.stepExpired,
  'recover.messages_limit': ({ minutes }) => ruPortal.recover.refusals.messagesLimit(minutes),
  'recover.phone_required': ruPortal.recover.refusals.phoneRequired,
  // Review of #10/#11.
  'backup.exists': ({ path }) => `Копия с таким именем уже есть в этой папке: ${path}. Удалите её или выберите другую папку.`,
  // The core in its worker thread (#12).
  'core.restarted': ruHost.errors.coreRestarted,
  'import.out_of_memory': ruHost.errors.importOutOfMemory,
  'import.worker_failed': ruHost.errors.importWorkerFailed,
  'import.cancelled': ruHost.errors.importCancelled,
  // The journal's head anchored on the portal (#11).
  'sync.anchor_refused': ({ id }) => ruSync.errors.anchorRefused(id),
  // Long work shows progress (#12).
  'codes.issue_cancelled': ruWork.errors.issueCancelled,
  'print.cancelled': ruWork.errors.printCancelled,
  // The portal's `backup --out` (an IT admin's review).
  'portal.backup_is_folder': ({ path }) => ruPortal.cli.backupIsFolder(path),
  'portal.backup_no_folder': ({ path }) => ruPortal.cli.backupNoFolder(path),
  'portal.backup_unwritable': ({ path }) => ruPortal.cli.backupUnwritable(path),
  'portal.no_portal_here': ({ path }) => ruPortal.cli.noPortalHere(path),
  'portal.secret_mismatch': ruPortal.cli.secretMismatch,
  // The office paired with the portal.
  'settings.address_not_portal': ({ portal }) => ruPairing.errors.addressNotPortal(portal),
  'sync.pair_unreachable': ({ detail }) => ruPairing.errors.unreachable(detail),
  'sync.pair_no_school': ruPairing.errors.noSchool,
  // A password-reset link that no longer works (fixpages).
  'recover.link_used': ruPortal.recover.refusals.linkUsed,
  'recover.link_expired': ruPortal.recover.refusals.linkExpired,
  'recover.link_unknown': ruPortal.recover.refusals.linkUnknown,
  'register.password_required': ruPortal.accounts.refusals.passwordRequired,
  // One running app per data folder.
  // `portal pair` on a paired office.
  'sync.still_paired': ruPairing.errors.stillPaired,
  'app.folder_in_use': ({ dir, pid, mode, address }) => ruFolderLock.errors.folderInUse(dir, pid, mode, address),
  // The portal's data folder held by a process that is not a running server (np5).
  'portal.starting': ({ pid }) => ruPortal.cli.stillStarting(pid),
  'portal.busy_starting': ({ pid }) => ruPortal.cli.busyStarting(pid),
  'portal.busy_command': ({ pid }) => ruPortal.cli.busyCommand(pid),
  'sync.pair_wrong_address': ({ address }) => ruPairing.errors.wrongAddress(address),
};
