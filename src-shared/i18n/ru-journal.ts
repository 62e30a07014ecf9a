// The journal's check, bulk reads of personal data, backups and restore: every Russian text of them.
import { plural } from './plural.ts';
import type { AuditVerifyReason, PortalAnchorState } from '../rpc/types.ts';

const records = (n: number) => `${n} ${plural(n, 'запись', 'записи', 'записей')}`;

/** What `audit verify` found, in words (after «Журнал повреждён, начиная с записи № N: »). */
const verifyReasons = {
  hash: 'запись изменена после того, как была сделана (её подпись не совпадает с содержимым)',
  link: 'запись не ссылается на предыдущую (записи удалены или вставлены)',
  gap: 'пропущены номера записей (записи удалены)',
  forged: 'запись добавлена или заменена в обход программы: её подпись посчитана без ключа журнала (подделка)',
  rewritten: 'журнал переписан целиком: записи, отмеченные вне базы, заменены другими, подписанными без ключа журнала (подделка)',
  truncated: 'удалены последние записи: в журнале их меньше, чем было отмечено вне базы (файл kurator.anchor)',
  key: 'ключ журнала (файл kurator.key) не тот, которым подписаны записи: файл ключа заменён или утерян',
  anchor_missing: 'нет отметки последней записи (файл kurator.anchor удалён): нельзя проверить, не удалены ли последние записи',
  anchor_invalid: 'отметка последней записи (файл kurator.anchor) изменена вручную: её подпись не сходится',
} satisfies Record<AuditVerifyReason, string>;

export const ruJournal = {
  verify: {
    ok: (checked: number, legacy: number) =>
      `Журнал цел: проверено записей — ${checked}.${legacy ? ` Из них ${records(legacy)} сделаны до подписи журнала ключом и проверены как были записаны.` : ''}`,
    /** First sentence of a failed check: where; then what (`reasons`). */
    badFrom: (id: number) => `Журнал повреждён, начиная с записи № ${id}`,
    bad: 'Журнал повреждён',
    reasons: verifyReasons,
    anchored: (id: number) => `Вне базы отмечена запись № ${id}.`,
    /** The check against the journal's head anchored on the portal with each sync (#11). */
    portal: {
      /** What the portal's anchor found wrong (after «Журнал повреждён, начиная с записи № N: »). */
      reasons: {
        truncated: 'удалены последние записи: в журнале их меньше, чем было отмечено на портале при синхронизации',
        rewritten:
          'записи заменены: запись, отмеченная на портале при синхронизации, в журнале другая (журнал переписан или его последние записи удалены и записаны заново)',
      },
      anchored: (id: number) => `На портале отмечена запись № ${id}.`,
      invalid: (id: number) =>
        `Отметка журнала на портале (запись № ${id}) сделана не этой базой: её подпись не сходится с ключом журнала, сверить по ней нельзя.`,
      ok: (id: number) => `Сверено с отметкой на портале (запись № ${id}).`,
      none: 'На портале ещё нет отметки журнала: она появится после следующей синхронизации.',
      unchecked: (problem: string) => `С отметкой на портале не проверено — ${problem}`,
      otherDevice:
        'С отметкой на портале не проверено: её сделала база, которую заменило восстановление из копии. Сверка будет после следующей синхронизации.',
      /** After a failed local check: what the portal's anchor says too. */
      alsoFailed: (id: number, reason: string) => `По отметке на портале (запись № ${id}): ${reason}.`,
      /** The portal's part as a word or two, in the details of an «audit.verify» row. */
      short: {
        ok: 'сходится',
        none: 'ещё нет',
        unchecked: 'не проверено',
        other_device: 'сделана до восстановления',
        truncated: 'удалены последние записи',
        rewritten: 'записи заменены',
        invalid: 'сделана не этой базой',
      } satisfies Record<PortalAnchorState, string>,
    },
    /** The reason as one word or two, in the details of an «audit.verify» row. */
    short: {
      hash: 'запись изменена',
      link: 'нарушена связь записей',
      gap: 'пропуск записей',
      forged: 'подделка',
      rewritten: 'журнал переписан',
      truncated: 'удалены последние записи',
      key: 'другой ключ',
      anchor_missing: 'нет отметки',
      anchor_invalid: 'отметка изменена',
    } satisfies Record<AuditVerifyReason, string>,
  },
  /** Bulk reads of personal data, as journaled (compact: who, what, how many people). */
  reads: {
    hide: 'Скрыть просмотры',
    hideHint: 'Не показывать просмотры карточек, классов, кодов и результатов поиска — только действия',
  },
  backups: {
    intro:
      'Копия базы данных делается без остановки работы и сохраняется в папке данных программы (файлы доступны только вашей учётной записи). Копия делается и сама: каждый день, пока программа запущена, перед обновлением программы и перед восстановлением.',
    kinds: {
      manual: 'вручную',
      daily: 'ежедневная',
      'before-restore': 'перед восстановлением',
      'before-upgrade': 'перед обновлением',
      other: 'другая',
    } as Record<string, string>,
    kind: 'Вид',
    journal: 'Записей в журнале',
    noManifest: 'нет отметки',
    actions: 'Действия',
    save: 'Сохранить копию…',
    download: 'Скачать',
    restore: 'Восстановить…',
    saved: (where: string) => `Копия сохранена: ${where}`,
    chooseFolder: 'Куда сохранить копию (папка или флешка)',
    keep: 'Хранить ежедневные копии, дней',
    keepHint: 'Ежедневные копии старше этого срока удаляются сами. Копии, сделанные вручную, остаются.',
    keepSave: 'Сохранить срок',
    keepSaved: 'Срок хранения сохранён',
    errors: {
      notFound: (fileName: string) => `Резервной копии «${fileName}» нет в папке копий.`,
      noFolder: (folder: string) => `В эту папку нельзя сохранить копию: ${folder}`,
      folderDesktopOnly: 'Сохранение в папку доступно в приложении; в браузере копия скачивается.',
    },
  },
  restore: {
    title: 'Восстановление из резервной копии',
    checking: 'Проверяем копию…',
    file: 'Копия',
    made: 'Сделана',
    school: 'Школа',
    version: 'Версия базы',
    upgraded: (from: number, to: number) => `${from} — будет обновлена до ${to}`,
    people: 'Люди',
    peopleCount: (students: number, guardians: number, operators: number) =>
      `учеников ${students}, родителей ${guardians}, операторов ${operators}`,
    journal: 'Журнал копии',
    anchored: 'Отметка журнала в копии совпадает с её журналом: из копии ничего не удалено.',
    unanchored:
      'У копии нет отметки журнала (её сделала старая версия программы): нельзя проверить, не удалены ли из её журнала последние записи.',
    acceptUnanchored: 'Всё равно восстановить из этой копии',
    warning:
      'Текущие данные будут заменены данными копии. Перед этим программа сохранит их в отдельную копию «перед восстановлением». После восстановления все операторы выходят из программы.',
    confirm: 'Восстановить',
    done: (saved: string) => `Данные восстановлены из копии. Прежние данные сохранены в копию ${saved}. Войдите снова.`,
    cli: {
      usage: '--from ФАЙЛ [--yes]',
      summary: 'восстановить базу из резервной копии (копия проверяется, текущие данные сначала сохраняются в копию; только куратор)',
      question: 'Восстановить из этой копии? Текущие данные будут сохранены в отдельную копию. Введите «да»: ',
      needYes: 'Нет терминала, чтобы спросить подтверждение: добавьте --yes.',
      cancelled: 'Отменено: ничего не изменено.',
      done: (saved: string) => `Восстановлено. Прежние данные сохранены: ${saved}`,
      notFound: (file: string) => `--from: файла нет: ${file}`,
    },
    errors: {
      unreadable: (file: string) => `Не удалось прочитать файл копии: ${file}`,
      notKurator: 'Этот файл не является резервной копией «Куратора».',
      damaged: 'Файл копии повреждён (проверка целостности не пройдена). Возьмите другую копию.',
      tooNew: (found: number, known: number) =>
        `Копия сделана более новой версией программы (версия базы ${found}, эта программа знает версии до ${known}). Обновите программу и повторите.`,
      manifest: 'Описание копии повреждено: её нельзя проверить. Возьмите другую копию.',
      otherKey:
        'Журнал копии подписан другим ключом (копия сделана на другом компьютере, или файл kurator.key заменён): его нельзя проверить. Скопируйте файл kurator.key из папки данных того компьютера в папку данных этого.',
      journal: (reason: AuditVerifyReason, id: number | null) =>
        `Журнал копии не проходит проверку${id ? ` (запись № ${id})` : ''}: ${verifyReasons[reason]}. Из такой копии не восстанавливаем.`,
      unanchored: 'У копии нет отметки журнала (её сделала старая версия программы): подтвердите, что восстанавливаете из неё сознательно.',
      noCurator: 'В копии нет ни одного действующего куратора: после восстановления никто не смог бы войти.',
    },
  },
  /** Coded values of the details these actions write. */
  get values(): Record<string, Record<string, string>> {
    return { label: this.backups.kinds, portal: this.verify.portal.short };
  },
  /** Settings fields these features add (labels in the journal's «изменено»). */
  fields: {
    backupKeepDays: 'хранить ежедневные копии, дней',
  } as Record<string, string>,
  actions: {
    'audit.keyed': 'Журнал подписывается ключом',
    'audit.restored': 'Восстановление из резервной копии',
    'audit.restore_started': 'Начато восстановление из копии',
    'roster.class_view': 'Просмотр класса',
    'codes.view': 'Просмотр кодов',
    'roster.search_summary': 'Поиск людей (сводка)',
    'backup.auto': 'Ежедневная резервная копия',
    'backup.prune': 'Удаление старых копий',
    'backup.export': 'Копия сохранена',
    'backup.download': 'Копия скачана',
    'backup.restore_refused': 'Отказ в восстановлении из копии',
  } as Record<string, string>,
  /** Coded reasons these actions write (an «audit.verify» row's reason, a refused restore's). */
  get reasonWords(): Record<string, string> {
    return {
      ...this.verify.short,
      'restore.unreadable': 'файл не читается',
      'restore.not_kurator': 'не копия «Куратора»',
      'restore.damaged': 'файл повреждён',
      'restore.too_new': 'копия более новой версии',
      'restore.manifest': 'описание копии повреждено',
      'restore.other_key': 'другой ключ журнала',
      'restore.journal': 'журнал копии не проходит проверку',
      'restore.unanchored': 'нет отметки журнала, не подтверждено',
      'restore.no_curator': 'в копии нет куратора',
    };
  },
  /** Labels of the details these actions write (src-shared/audit/details.ts). */
  detailLabels: {
    legacyRows: 'записей до подписи ключом',
    keyId: 'ключ',
    ok: 'журнал цел',
    checked: 'проверено записей',
    badId: 'первая повреждённая запись',
    legacy: 'записей до подписи ключом',
    anchorId: 'отмечена запись №',
    portal: 'отметка на портале',
    portalAnchorId: 'на портале отмечена запись №',
    people: 'людей',
    searches: 'поисков',
    since: 'с',
    largest: 'больше всего за раз',
    classId: '№ класса',
    from: 'из копии',
    backupRows: 'записей журнала в копии',
    replacedRows: 'записей журнала до восстановления',
    savedAs: 'копия текущих данных',
    upgradedFrom: 'версия базы копии',
    folder: 'папка',
    keepDays: 'хранить дней',
    removed: 'удалено',
    auto: 'автоматически',
    label: 'вид',
  } as Record<string, string>,
};
